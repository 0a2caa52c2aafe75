// `results import FILE.csv [--format …]` and `results reattribute`: thin wrappers over
// src/insights/import-results.ts (parsing, attribution and storage live there).
import { constants, createReadStream } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { listPersonas } from '../../db/queries/personas.js';
import { dbVectorStore } from '../../db/queries/text-vectors.js';
import { RESULT_FORMATS } from '../../insights/csv-formats.js';
import type { ResultFormat } from '../../insights/csv-formats.js';
import { importResults as importResultsFile, reattributeResults } from '../../insights/import-results.js';
import type { ImportPhase } from '../../insights/import-results.js';
import { ResultsFileError } from '../../insights/parse-results.js';
import { loadEmbedder } from '../../review-engine/embedder.js';
import { createReviewEngine } from '../../review-engine/engine.js';
import type { ReviewEngine } from '../../review-engine/engine.js';
import { cannotRead, readAll, UsageError, write } from '../io.js';
import { importProgress } from '../progress.js';
import type { Progress } from '../progress.js';
import type { CommandContext } from './personas.js';

/** A results file larger than this is refused before it is read (100,000 rows are about 15 MB). */
export const MAX_RESULTS_BYTES = 256 * 1024 * 1024;

const USAGE = 'results import FILE.csv [--format generic|google-ads|meta|linkedin] | results reattribute';

async function engineFor(ctx: CommandContext): Promise<ReviewEngine> {
  const loaded = await loadEmbedder({ disabled: ctx.io.env.REVIEW_MODEL === 'off' });
  if (!loaded.embedder) write(ctx.io.stderr, `results: ${loaded.reason}; attributing ads by word overlap only.`);
  return createReviewEngine({ embedder: loaded.embedder, embedderReason: loaded.reason, store: dbVectorStore(ctx.db), clock: ctx.io.clock });
}

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** One progress bar per phase: first the ads the engine reads, then the rows saved. */
function phasedProgress(ctx: CommandContext): { update(phase: ImportPhase, done: number, total: number): void; stop(): void } {
  let phase: ImportPhase | null = null;
  let bar: Progress | null = null;
  return {
    update(next, done, total) {
      if (next !== phase) {
        bar?.stop();
        phase = next;
        bar = importProgress(ctx.io.stderr, undefined, next === 'attributing' ? 'ads attributed' : 'rows saved');
      }
      bar?.update(done, total);
    },
    stop() {
      bar?.stop();
    },
  };
}

export async function resultsCommand(ctx: CommandContext, args: string[], options: { format?: string }): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'import') return importResults(ctx, rest, options);
  if (sub === 'reattribute') {
    if (rest.length > 0) throw new UsageError(`results reattribute takes no arguments\n\nUsage: ${USAGE}`);
    return reattribute(ctx);
  }
  throw new UsageError(`${sub ? `unknown results command "${sub}"` : 'results needs a command'}\n\nUsage: ${USAGE}`);
}

/**
 * How to open the results file: a file is streamed (read twice, never held whole); standard
 * input cannot be read twice, so it is read once into memory.
 */
async function resultsSource(ctx: CommandContext, path: string): Promise<() => Readable> {
  if (path === '-') {
    const text = await readAll(ctx.io.stdin);
    return () => Readable.from([text]);
  }
  try {
    const size = (await stat(path)).size;
    if (size > MAX_RESULTS_BYTES)
      throw new UsageError(`${path} is ${Math.round(size / 1048576)} MB; split it into files under ${MAX_RESULTS_BYTES / 1048576} MB`);
    // Opened now once, so that a file that cannot be read says so here, not halfway through.
    await access(path, constants.R_OK);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw cannotRead(path, err);
  }
  // Bytes, not text: csv-parse decodes them, whole characters across chunk boundaries.
  return () => createReadStream(path);
}

async function importResults(ctx: CommandContext, args: string[], options: { format?: string }): Promise<number> {
  const [path, ...extra] = args;
  if (!path || extra.length > 0) throw new UsageError(`results import needs one file\n\nUsage: ${USAGE}`);
  const format = (options.format ?? 'generic') as ResultFormat;
  if (!RESULT_FORMATS.includes(format)) throw new UsageError(`--format must be one of: ${RESULT_FORMATS.join(', ')} (got "${options.format}")`);
  const file = path === '-' ? '<stdin>' : path;
  const open = await resultsSource(ctx, path);
  const personas = await listPersonas(ctx.db, { teamId: ctx.teamId });
  const progress = phasedProgress(ctx);
  try {
    const summary = await importResultsFile(ctx.db, {
      teamId: ctx.teamId,
      open,
      file,
      format,
      // A file with problems is refused before the sentence model is loaded.
      engine: () => engineFor(ctx),
      personas,
      now: ctx.io.clock.now(),
      onProgress: progress.update,
    });
    progress.stop();
    if (ctx.json) write(ctx.io.stdout, JSON.stringify({ ok: true, team: ctx.teamId, store: ctx.store, ...summary }));
    else {
      const notes = [
        summary.replaced > 0 ? `${plural(summary.replaced, 'stored row')} of the same ad, day and channel replaced` : '',
        summary.duplicatesInFile > 0 ? `${plural(summary.duplicatesInFile, 'repeated row')} in the file (the last one kept)` : '',
        summary.summaryRows > 0 ? `${plural(summary.summaryRows, 'total row')} skipped` : '',
        summary.roundedConversions > 0 ? `${plural(summary.roundedConversions, 'fractional conversion count')} rounded` : '',
      ].filter(Boolean);
      write(
        ctx.io.stdout,
        `Imported ${plural(summary.rows, 'result row')} (${summary.format}) into ${ctx.teamId} (store ${ctx.store}): ${summary.inserted.toLocaleString('en-US')} new` +
          (notes.length ? `; ${notes.join('; ')}` : '') +
          '.',
      );
      write(
        ctx.io.stdout,
        `${plural(summary.ads, 'distinct ad')} attributed (${summary.attribution.mode ?? 'no'} review): ${summary.attribution.column} by the persona column, ` +
          `${summary.attribution.engine} by the engine, ${summary.attribution.none} fit no persona.`,
      );
    }
    return 0;
  } catch (err) {
    progress.stop();
    if (!(err instanceof ResultsFileError)) throw err;
    if (ctx.json) write(ctx.io.stdout, JSON.stringify({ ok: false, problems: err.problems }));
    write(ctx.io.stderr, err.message);
    write(ctx.io.stderr, `${plural(err.problems.length, 'problem')}; nothing was imported.`);
    return 1;
  }
}

async function reattribute(ctx: CommandContext): Promise<number> {
  const personas = await listPersonas(ctx.db, { teamId: ctx.teamId });
  const engine = await engineFor(ctx);
  const progress = importProgress(ctx.io.stderr, undefined, 'ads attributed');
  try {
    const r = await reattributeResults(ctx.db, { teamId: ctx.teamId, engine, personas, onProgress: progress.update });
    progress.stop();
    if (ctx.json) write(ctx.io.stdout, JSON.stringify({ ok: true, team: ctx.teamId, ...r }));
    else write(ctx.io.stdout, `Re-read ${plural(r.ads, 'ad')} of ${ctx.teamId}: ${plural(r.changedRows, 'result row')} now counted differently.`);
    return 0;
  } finally {
    progress.stop();
  }
}
