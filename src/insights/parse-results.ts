// Reads a results CSV into rows, or into every problem with its line: the import is all or
// nothing, so people fix the file once rather than one error per attempt. One record reader
// does the checking; the file is fed to it whole (`parseResultsCsv`) or as a stream
// (`streamResultRows`), so a large file need not be held in memory as rows.
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { parse as parseStream } from 'csv-parse';
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

/** A CSV record with csv-parse's `info`: where it ends in the file. */
export interface RawRecord {
  record: string[];
  info: { lines: number; empty_lines: number };
}

/** How the CSV is read: comma or tab, rows of any length (checked per column), blank lines skipped. */
const CSV_OPTIONS = { bom: true, info: true, delimiter: [',', '\t'], relax_column_count: true, skip_empty_lines: true };

/** How many records at the top may be title lines before the header must have come. */
const HEADER_SEARCH = 10;

function csvProblem(file: string, err: unknown): ResultsFileError {
  const e = err as Error & { lines?: number };
  return new ResultsFileError([{ file, line: e.lines ?? 1, column: '-', message: `not readable as CSV: ${e.message}` }]);
}

/**
 * Checks a results file one CSV record at a time: finds the header among the first records
 * (platform exports put title lines above it), then turns each data record into a row, or
 * into its problems. Keeps nothing of the rows it has read.
 */
export class ResultRecordReader {
  readonly problems: ResultsProblem[] = [];
  summaryRows = 0;
  roundedConversions = 0;
  private readonly spec: (typeof FORMATS)[ResultFormat];
  private records = 0;
  private prevEnd = 0;
  private prevEmpty = 0;
  private quotedCrLf = 0;
  private firstLine = 1;
  private firstAttempt: ReturnType<typeof locateColumns> | null = null;
  private header: string[] | null = null;
  private located: ReturnType<typeof locateColumns> | null = null;

  constructor(
    readonly file: string,
    readonly format: ResultFormat,
  ) {
    this.spec = FORMATS[format];
  }

  /**
   * The row a record holds, or null: a title line, the header, a blank or summary row, or a
   * row with problems (added to `problems`). Throws when the header is not among the first records.
   */
  push(r: RawRecord): ResultRow | null {
    // csv-parse counts a CR LF inside a quoted field as two lines; the file has one there.
    for (const c of r.record) if (c.includes('\r\n')) this.quotedCrLf += c.split('\r\n').length - 1;
    const line = this.prevEnd + 1 + (r.info.empty_lines - this.prevEmpty);
    this.prevEnd = r.info.lines - this.quotedCrLf;
    this.prevEmpty = r.info.empty_lines;
    this.records++;
    if (this.header === null) {
      // The header is the first record that has every required column.
      const attempt = locateColumns(this.spec, r.record);
      if (this.firstAttempt === null) {
        this.firstAttempt = attempt;
        this.firstLine = line;
      }
      if (attempt.missing.length === 0) {
        this.header = r.record;
        this.located = attempt;
      } else if (this.records >= HEADER_SEARCH) this.noHeader();
      return null;
    }
    return this.row(r.record, line);
  }

  /** After the last record: throws when the file was empty or had no header. */
  end(): void {
    if (this.records === 0) throw new ResultsFileError([{ file: this.file, line: 1, column: '-', message: 'the file is empty' }]);
    if (this.header === null) this.noHeader();
  }

  private noHeader(): never {
    throw new ResultsFileError(
      this.firstAttempt!.missing.map((f) => ({
        file: this.file,
        line: this.firstLine,
        column: columnLabel(this.spec, f),
        message: `missing column (a ${this.spec.label} file needs it)`,
      })),
    );
  }

  private row(cells: string[], line: number): ResultRow | null {
    const { file, spec, problems } = this;
    const header = this.header!;
    const located = this.located!;
    if (cells.every((c) => c.trim() === '')) return null;
    const columnName = (field: ResultField) => {
      const at = located.columns[field];
      return at === undefined ? columnLabel(spec, field) : header[at]!.trim();
    };
    const cell = (field: ResultField) => {
      const at = located.columns[field];
      return at === undefined ? undefined : (cells[at] ?? '');
    };
    if (spec.isSummaryRow) {
      const named: Record<string, string> = {};
      header.forEach((h, k) => (named[normaliseHeader(h)] = cells[k] ?? ''));
      if (spec.isSummaryRow(named)) {
        this.summaryRows++;
        return null;
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
          this.roundedConversions++;
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

    if (problems.length > before) return null;
    return {
      line,
      day: day!,
      channel: channel!,
      text,
      adKey: adKeyOf(text),
      impressions: impressions!,
      clicks: clicks!,
      conversions: conversions!,
      spend,
      campaign,
      persona,
    };
  }
}

/** The key under which a later row of the file replaces an earlier one: the same ad, day and channel. */
export const rowKey = (row: Pick<ResultRow, 'adKey' | 'day' | 'channel'>) => `${row.adKey}\u0000${row.day}\u0000${row.channel}`;

/** Reads a whole results file held in memory. */
export function parseResultsCsv(text: string, file: string, format: ResultFormat = 'generic'): ParsedResults {
  let records: RawRecord[];
  try {
    records = parse(text, CSV_OPTIONS) as unknown as RawRecord[];
  } catch (err) {
    throw csvProblem(file, err);
  }
  const reader = new ResultRecordReader(file, format);
  const byKey = new Map<string, number>();
  const rows: ResultRow[] = [];
  let duplicatesInFile = 0;
  for (const record of records) {
    const row = reader.push(record);
    if (!row) continue;
    const earlier = byKey.get(rowKey(row));
    if (earlier !== undefined) {
      duplicatesInFile++;
      rows[earlier] = row;
    } else {
      byKey.set(rowKey(row), rows.length);
      rows.push(row);
    }
  }
  reader.end();
  if (reader.problems.length > 0) throw new ResultsFileError(reader.problems);
  return { format, rows, duplicatesInFile, summaryRows: reader.summaryRows, roundedConversions: reader.roundedConversions };
}

/**
 * Reads a results file as a stream, yielding each readable row as it comes; problems collect
 * in `reader.problems` (the caller decides when to refuse the file). A file that is not CSV at
 * all throws a ResultsFileError.
 */
export async function* streamResultRows(source: Readable, reader: ResultRecordReader): AsyncGenerator<ResultRow> {
  const parser = parseStream(CSV_OPTIONS);
  // pipe() does not pass a source's error on: without this a read error would leave the loop waiting.
  source.on('error', (err) => parser.destroy(err));
  source.pipe(parser);
  try {
    for await (const record of parser as AsyncIterable<RawRecord>) {
      const row = reader.push(record);
      if (row) yield row;
    }
  } catch (err) {
    if (err instanceof ResultsFileError) throw err;
    if (typeof (err as { code?: unknown }).code === 'string' && (err as { code: string }).code.startsWith('CSV_')) throw csvProblem(reader.file, err);
    throw err;
  } finally {
    source.unpipe(parser);
    parser.destroy();
    source.destroy();
  }
  reader.end();
}
