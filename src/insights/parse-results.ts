// Reads a results CSV into rows, or into every problem with its line: the import is all or
// nothing, so people fix the file once rather than one error per attempt.
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import type { ChannelId } from '../domain/persona.js';
import { CHANNEL_IDS } from '../domain/persona.js';
import { columnLabel, FORMATS, locateColumns, normaliseHeader } from './csv-formats.js';
import type { ResultField, ResultFormat } from './csv-formats.js';

export interface ResultRow {
  /** The line of the file the row starts on. */
  line: number;
  day: string;
  channel: ChannelId;
  text: string;
  adKey: string;
  impressions: number;
  clicks: number;
  conversions: number;
  spend: number | null;
  campaign: string | null;
  persona: string | null;
}

export interface ResultsProblem {
  file: string;
  line: number;
  column: string;
  message: string;
}

export class ResultsFileError extends Error {
  override name = 'ResultsFileError';
  constructor(readonly problems: ResultsProblem[]) {
    super(formatProblems(problems));
  }
}

/** At most this many problems are listed; the count says how many more there were. */
export const MAX_LISTED_PROBLEMS = 50;

export function formatProblems(problems: ResultsProblem[]): string {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => `${p.file}:${p.line}: ${p.column}: ${p.message}`);
  if (problems.length > MAX_LISTED_PROBLEMS) listed.push(`… and ${problems.length - MAX_LISTED_PROBLEMS} more`);
  return listed.join('\n');
}

export interface ParsedResults {
  format: ResultFormat;
  rows: ResultRow[];
  /** Rows of the file that repeat an earlier row's ad, day and channel: the later one wins. */
  duplicatesInFile: number;
  /** Platform summary rows ("Total: …") that were skipped. */
  summaryRows: number;
  /** Fractional conversions (data-driven attribution) rounded to whole ones. */
  roundedConversions: number;
}

/** The identity of an ad: its text with case and spacing normalised. */
export function adKeyOf(text: string): string {
  const normal = text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
  return createHash('sha256').update(normal).digest('hex').slice(0, 32);
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WORDY = /^([a-z]{3})[a-z]*\.? (\d{1,2}),? (\d{4})$/i;

/** YYYY-MM-DD from the date forms the exports use, or null. Month/day/year is LinkedIn's order. */
export function parseDay(raw: string): string | null {
  const s = raw.trim();
  let y: number;
  let m: number;
  let d: number;
  let match: RegExpExecArray | null;
  if ((match = ISO.exec(s))) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = US.exec(s))) [y, m, d] = [Number(match[3]), Number(match[1]), Number(match[2])];
  else if ((match = WORDY.exec(s))) {
    m = MONTHS.indexOf(match[1]!.toLowerCase()) + 1;
    if (m === 0) return null;
    [y, d] = [Number(match[3]), Number(match[2])];
  } else return null;
  const at = new Date(Date.UTC(y, m - 1, d));
  if (at.getUTCFullYear() !== y || at.getUTCMonth() !== m - 1 || at.getUTCDate() !== d || y < 2000 || y > 2100) return null;
  return at.toISOString().slice(0, 10);
}

/** A number as the format writes it, or a reason it is not one. */
function parseNumber(raw: string, lenient: boolean): number | string {
  let s = raw.trim();
  if (lenient) {
    if (s === '' || s === '--' || s === '-') return 0;
    s = s.replace(/^[^\d.,-]+/, '').replace(/[^\d]+$/, '');
    // "1,234.50": thousands commas; a lone comma before two digits is a decimal comma ("12,50").
    s = /^\d+,\d{1,2}$/.test(s) ? s.replace(',', '.') : s.replace(/,/g, '');
  }
  if (s === '') return 'is empty';
  if (!/^-?\d+(\.\d+)?$/.test(s)) return `"${raw.trim()}" is not a number`;
  const n = Number(s);
  if (n < 0) return `${n} is negative`;
  return n;
}

interface RawRecord {
  record: string[];
  info: { lines: number; empty_lines: number };
}

export function parseResultsCsv(text: string, file: string, format: ResultFormat = 'generic'): ParsedResults {
  const spec = FORMATS[format];
  let records: RawRecord[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      delimiter: [',', '\t'],
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as RawRecord[];
  } catch (err) {
    const e = err as Error & { lines?: number };
    throw new ResultsFileError([{ file, line: e.lines ?? 1, column: '-', message: `not readable as CSV: ${e.message}` }]);
  }
  const starts: number[] = [];
  let prevEnd = 0;
  let prevEmpty = 0;
  for (const r of records) {
    starts.push(prevEnd + 1 + (r.info.empty_lines - prevEmpty));
    prevEnd = r.info.lines;
    prevEmpty = r.info.empty_lines;
  }
  if (records.length === 0) throw new ResultsFileError([{ file, line: 1, column: '-', message: 'the file is empty' }]);

  // Platform exports put title lines before the header: the header is the first row that has
  // every required column. Only the first few rows are looked at.
  let headerAt = -1;
  let located = locateColumns(spec, records[0]!.record);
  for (let i = 0; i < Math.min(records.length, 10); i++) {
    const attempt = locateColumns(spec, records[i]!.record);
    if (attempt.missing.length === 0) {
      headerAt = i;
      located = attempt;
      break;
    }
  }
  if (headerAt < 0) {
    throw new ResultsFileError(
      located.missing.map((f) => ({
        file,
        line: starts[0]!,
        column: columnLabel(spec, f),
        message: `missing column (a ${spec.label} file needs it)`,
      })),
    );
  }
  const header = records[headerAt]!.record;
  const problems: ResultsProblem[] = [];
  const byKey = new Map<string, number>();
  const rows: ResultRow[] = [];
  let duplicatesInFile = 0;
  let summaryRows = 0;
  let roundedConversions = 0;
  const columnName = (field: ResultField) => {
    const at = located.columns[field];
    return at === undefined ? columnLabel(spec, field) : header[at]!.trim();
  };

  for (let i = headerAt + 1; i < records.length; i++) {
    const cells = records[i]!.record;
    const line = starts[i]!;
    if (cells.every((c) => c.trim() === '')) continue;
    const cell = (field: ResultField) => {
      const at = located.columns[field];
      return at === undefined ? undefined : (cells[at] ?? '');
    };
    if (spec.isSummaryRow) {
      const named: Record<string, string> = {};
      header.forEach((h, k) => (named[normaliseHeader(h)] = cells[k] ?? ''));
      if (spec.isSummaryRow(named)) {
        summaryRows++;
        continue;
      }
    }
    const before = problems.length;
    const problem = (field: ResultField, message: string) => problems.push({ file, line, column: columnName(field), message });

    const day = parseDay(cell('date') ?? '');
    if (!day) problem('date', `"${(cell('date') ?? '').trim()}" is not a date (YYYY-MM-DD)`);

    let channel: ChannelId | null;
    if (typeof spec.channel === 'string') channel = spec.channel;
    else {
      const raw = cell('channel') ?? '';
      channel = spec.channel(raw);
      if (!channel) problem('channel', raw.trim() === '' ? 'is empty' : `unknown channel "${raw.trim()}" (known: ${CHANNEL_IDS.join(', ')})`);
    }

    const text = (
      spec.textParts
        ? located.textColumns
            .map((k) => (cells[k] ?? '').trim())
            .filter((t) => t !== '' && t !== '--')
            .join('\n')
        : (cell('text') ?? '')
    ).trim();
    if (!text) problem('text', 'the ad text is empty');

    const count = (field: 'impressions' | 'clicks' | 'conversions'): number | null => {
      const parsed = parseNumber(cell(field) ?? '', spec.lenientNumbers);
      if (typeof parsed === 'string') {
        problem(field, parsed);
        return null;
      }
      if (!Number.isInteger(parsed)) {
        if (field === 'conversions' && spec.fractionalConversions) {
          roundedConversions++;
          return Math.round(parsed);
        }
        problem(field, `${parsed} is not a whole number`);
        return null;
      }
      return parsed;
    };
    const impressions = count('impressions');
    const clicks = count('clicks');
    const conversions = count('conversions');
    if (impressions !== null && clicks !== null && clicks > impressions) problem('clicks', `${clicks} clicks > ${impressions} impressions`);

    let spend: number | null = null;
    const rawSpend = cell('spend');
    if (rawSpend !== undefined && rawSpend.trim() !== '') {
      const parsed = parseNumber(rawSpend, spec.lenientNumbers);
      if (typeof parsed === 'string') problem('spend', parsed);
      else spend = parsed;
    }
    const persona = cell('persona')?.trim() || null;
    const campaign = cell('campaign')?.trim() || null;

    if (problems.length > before) continue;
    const adKey = adKeyOf(text);
    const row: ResultRow = {
      line,
      day: day!,
      channel: channel!,
      text,
      adKey,
      impressions: impressions!,
      clicks: clicks!,
      conversions: conversions!,
      spend,
      campaign,
      persona,
    };
    const key = `${adKey}\u0000${day}\u0000${channel}`;
    const earlier = byKey.get(key);
    if (earlier !== undefined) {
      duplicatesInFile++;
      rows[earlier] = row;
    } else {
      byKey.set(key, rows.length);
      rows.push(row);
    }
  }
  if (problems.length > 0) throw new ResultsFileError(problems);
  return { format, rows, duplicatesInFile, summaryRows, roundedConversions };
}
