// Importing campaign results, all or nothing, without holding the file's rows in memory: a
// first streamed pass checks every row (and the personas it names) and collects the distinct
// ads; the engine then reads each distinct ad once; a second streamed pass saves the rows batch
// by batch inside one transaction, so a problem anywhere stores nothing.
import { Readable } from 'node:stream';
import type { Db } from '../db/client.js';
import { listResultAds, saveResults, setAdAttribution } from '../db/queries/results.js';
import type { ResultToSave } from '../db/queries/results.js';
import { identityKey } from '../domain/persona.js';
import type { ChannelId, Persona } from '../domain/persona.js';
import type { ReviewEngine } from '../review-engine/engine.js';
import { adAttributionKey, attributeAds, findPersona } from './attribute.js';
import type { AdToAttribute } from './attribute.js';
import type { ResultFormat } from './csv-formats.js';
import { ResultRecordReader, ResultsFileError, rowKey, streamResultRows } from './parse-results.js';
import type { ResultRow, ResultsProblem } from './parse-results.js';

export type ImportPhase = 'attributing' | 'saving';

export interface ImportResultsInput {
  teamId: string;
  /** Opens the file: it is read twice (checked, then saved), never held whole. */
  open: () => Readable;
  file: string;
  format: ResultFormat;
  /** The engine, or how to get it: loaded only once the file has proved readable. */
  engine: ReviewEngine | (() => Promise<ReviewEngine>);
  personas: Persona[];
  now: Date;
  onProgress?: (phase: ImportPhase, done: number, total: number) => void;
}

export interface ImportResultsSummary {
  format: ResultFormat;
  rows: number;
  inserted: number;
  /** Stored rows of the same ad, day and channel that this import replaced. */
  replaced: number;
  duplicatesInFile: number;
  summaryRows: number;
  roundedConversions: number;
  /** Distinct ads (text, channel, named persona) read by the engine. */
  ads: number;
  attribution: { column: number; engine: number; none: number; mode: 'semantic' | 'lexical' | null };
}

/** Rows saved per statement, and between progress reports. */
const SAVE_BATCH = 1_000;

const adOf = (r: ResultRow): AdToAttribute => ({ text: r.text, channel: r.channel, personaGiven: r.persona });

/** The same import for a file already in memory (Slack uploads, tests). */
export function importResultsText(db: Db, input: Omit<ImportResultsInput, 'open'> & { text: string }): Promise<ImportResultsSummary> {
  const { text, ...rest } = input;
  return importResults(db, { ...rest, open: () => Readable.from([text]) });
}

export async function importResults(db: Db, input: ImportResultsInput): Promise<ImportResultsSummary> {
  // Pass 1: every problem with its line, the last row of each ad, day and channel (a later
  // row of the file replaces an earlier one), and the distinct ads to attribute.
  const reader = new ResultRecordReader(input.file, input.format);
  const personaProblems: ResultsProblem[] = [];
  const knownPersona = new Map<string, boolean>();
  const lastOf = new Map<string, number>();
  const ads = new Map<string, AdToAttribute>();
  let ordinal = 0;
  for await (const row of streamResultRows(input.open(), reader)) {
    lastOf.set(rowKey(row), ordinal++);
    if (row.persona !== null) {
      // A persona the file names must exist: a typo would otherwise count results for nobody.
      const key = identityKey(row.persona);
      if (!knownPersona.has(key)) knownPersona.set(key, findPersona(input.personas, row.persona) !== undefined);
      if (!knownPersona.get(key)) personaProblems.push(unknownPersona(input, row));
    }
    const ad = adOf(row);
    const adKey = adAttributionKey(ad);
    if (!ads.has(adKey)) ads.set(adKey, ad);
  }
  // Persona names are checked once the rows are readable: problems of the file first.
  if (reader.problems.length > 0) throw new ResultsFileError(reader.problems);
  if (personaProblems.length > 0) throw new ResultsFileError(personaProblems);
  const rowCount = lastOf.size;

  const engine = typeof input.engine === 'function' ? await input.engine() : input.engine;
  const attributed = await attributeAds(engine, input.teamId, input.personas, [...ads.values()], (done, total) =>
    input.onProgress?.('attributing', done, total),
  );
  ads.clear();
  const counts = { column: 0, engine: 0, none: 0 };
  for (const a of attributed.values()) counts[a.attribution.source]++;

  // Pass 2: the rows again, each saved with its ad's attribution, a batch at a time.
  const saved = await db.transaction(async (tx) => {
    const totals = { inserted: 0, replaced: 0 };
    let batch: ResultToSave[] = [];
    let done = 0;
    const flush = async () => {
      const r = await saveResults(tx, { teamId: input.teamId, rows: batch, now: input.now });
      totals.inserted += r.inserted;
      totals.replaced += r.replaced;
      done += batch.length;
      batch = [];
      input.onProgress?.('saving', done, rowCount);
    };
    let at = 0;
    for await (const row of streamResultRows(input.open(), new ResultRecordReader(input.file, input.format))) {
      if (lastOf.get(rowKey(row)) !== at++) continue;
      const a = attributed.get(adAttributionKey(adOf(row)))!;
      batch.push({
        adKey: row.adKey,
        text: row.text,
        day: row.day,
        channel: row.channel,
        impressions: row.impressions,
        clicks: row.clicks,
        conversions: row.conversions,
        spend: row.spend,
        campaign: row.campaign,
        personaGiven: row.persona,
        persona: a.persona,
        attribution: a.attribution,
      });
      if (batch.length >= SAVE_BATCH) await flush();
    }
    // The file must read the same the second time: a file changed under the import is refused whole.
    if (at !== ordinal) throw new ResultsFileError([{ file: input.file, line: 1, column: '-', message: 'the file changed while it was being imported' }]);
    if (batch.length > 0) await flush();
    return totals;
  });
  const first = attributed.values().next().value;
  return {
    format: input.format,
    rows: rowCount,
    inserted: saved.inserted,
    replaced: saved.replaced,
    duplicatesInFile: ordinal - rowCount,
    summaryRows: reader.summaryRows,
    roundedConversions: reader.roundedConversions,
    ads: attributed.size,
    attribution: { ...counts, mode: first ? first.attribution.mode : null },
  };
}

function unknownPersona(input: ImportResultsInput, row: ResultRow): ResultsProblem {
  const known = input.personas.map((p) => p.name);
  return {
    file: input.file,
    line: row.line,
    column: 'persona',
    message: `no persona named "${row.persona}"${known.length ? ` (known: ${known.slice(0, 8).join(', ')}${known.length > 8 ? ', …' : ''})` : ' (the workspace has none)'}`,
  };
}

/**
 * Reads every stored ad again with the engine as it is now (personas edited, engine upgraded)
 * and updates the rows whose attribution changed.
 */
export async function reattributeResults(
  db: Db,
  { teamId, engine, personas, onProgress }: { teamId: string; engine: ReviewEngine; personas: Persona[]; onProgress?: (done: number, total: number) => void },
): Promise<{ ads: number; changedRows: number }> {
  const stored = await listResultAds(db, { teamId });
  // Stored channels were checked on import: they are channel ids.
  const ads = stored.map((s) => ({ ...s, channel: s.channel as ChannelId }));
  const attributed = await attributeAds(
    engine,
    teamId,
    personas,
    ads.map((a) => ({ text: a.text, channel: a.channel, personaGiven: a.personaGiven })),
    onProgress,
  );
  let changedRows = 0;
  await db.transaction(async (tx) => {
    for (const ad of ads) {
      const a = attributed.get(adAttributionKey({ text: ad.text, channel: ad.channel, personaGiven: ad.personaGiven }))!;
      changedRows += await setAdAttribution(tx, {
        teamId,
        adKey: ad.adKey,
        channel: ad.channel,
        personaGiven: ad.personaGiven,
        persona: a.persona,
        attribution: a.attribution,
      });
    }
  });
  return { ads: stored.length, changedRows };
}
