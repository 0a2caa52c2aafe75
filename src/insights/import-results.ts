// Importing campaign results: parse the file, check the personas it names, attribute each
// distinct ad with the review engine, then store every row in one transaction (all or nothing).
import type { Db } from '../db/client.js';
import { listResultAds, saveResults, setAdAttribution } from '../db/queries/results.js';
import type { ResultToSave } from '../db/queries/results.js';
import type { ChannelId, Persona } from '../domain/persona.js';
import type { ReviewEngine } from '../review-engine/engine.js';
import { adAttributionKey, attributeAds, findPersona } from './attribute.js';
import type { ResultFormat } from './csv-formats.js';
import { parseResultsCsv, ResultsFileError } from './parse-results.js';
import type { ResultsProblem } from './parse-results.js';

export type ImportPhase = 'attributing' | 'saving';

export interface ImportResultsInput {
  teamId: string;
  text: string;
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

export async function importResultsText(db: Db, input: ImportResultsInput): Promise<ImportResultsSummary> {
  const parsed = parseResultsCsv(input.text, input.file, input.format);

  // A persona the file names must exist: a typo would otherwise count results for nobody.
  const problems: ResultsProblem[] = [];
  for (const row of parsed.rows) {
    if (row.persona !== null && !findPersona(input.personas, row.persona)) {
      const known = input.personas.map((p) => p.name);
      problems.push({
        file: input.file,
        line: row.line,
        column: 'persona',
        message: `no persona named "${row.persona}"${known.length ? ` (known: ${known.slice(0, 8).join(', ')}${known.length > 8 ? ', …' : ''})` : ' (the workspace has none)'}`,
      });
    }
  }
  if (problems.length > 0) throw new ResultsFileError(problems.sort((a, b) => a.line - b.line));

  const ads = parsed.rows.map((r) => ({ text: r.text, channel: r.channel, personaGiven: r.persona }));
  const engine = typeof input.engine === 'function' ? await input.engine() : input.engine;
  const attributed = await attributeAds(engine, input.teamId, input.personas, ads, (done, total) => input.onProgress?.('attributing', done, total));
  const counts = { column: 0, engine: 0, none: 0 };
  for (const a of attributed.values()) counts[a.attribution.source]++;

  const rows: ResultToSave[] = parsed.rows.map((r) => {
    const a = attributed.get(adAttributionKey({ text: r.text, channel: r.channel, personaGiven: r.persona }))!;
    return {
      adKey: r.adKey,
      text: r.text,
      day: r.day,
      channel: r.channel,
      impressions: r.impressions,
      clicks: r.clicks,
      conversions: r.conversions,
      spend: r.spend,
      campaign: r.campaign,
      personaGiven: r.persona,
      persona: a.persona,
      attribution: a.attribution,
    };
  });
  const saved = await db.transaction((tx) =>
    saveResults(tx, { teamId: input.teamId, rows, now: input.now, onProgress: (done, total) => input.onProgress?.('saving', done, total) }),
  );
  const first = attributed.values().next().value;
  return {
    format: parsed.format,
    rows: rows.length,
    inserted: saved.inserted,
    replaced: saved.replaced,
    duplicatesInFile: parsed.duplicatesInFile,
    summaryRows: parsed.summaryRows,
    roundedConversions: parsed.roundedConversions,
    ads: attributed.size,
    attribution: { ...counts, mode: first ? first.attribution.mode : null },
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
