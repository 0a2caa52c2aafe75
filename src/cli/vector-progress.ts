// After `personas import` on a terminal, the personas' sentence vectors are prepared there and
// then, with a progress bar: the person who imported sees when reviews are ready to be fast,
// whether or not a bot is running. It is the engine's own preparation (the one the bot's queued
// job runs): only texts without a stored vector are computed, saved batch by batch, so Ctrl-C
// keeps what is done and a bot (its job, or the first review) computes the rest. Off a terminal
// (scripts, CI, --json) nothing happens here: an import never waits for the model there.
import type { Writable } from 'node:stream';
import type { Persona } from '../domain/persona.js';
import type { PrepareStats, ReviewEngine } from '../review-engine/engine.js';
import { write } from './io.js';
import { importProgress } from './progress.js';

export interface VectorProgressOptions {
  stderr: Writable;
  teamId: string;
  /** Off (REVIEW_MODEL=off, --json): nothing is prepared here. */
  enabled: boolean;
  personas: () => Promise<Persona[]>;
  engine: () => Promise<Pick<ReviewEngine, 'prepare'>>;
  now?: () => number;
}

const isTerminal = (stream: unknown): boolean => (stream as { isTTY?: boolean }).isTTY === true;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What the summary line says of a preparation; null when there is nothing to say (no model). */
export function describePreparation(stats: PrepareStats): string | null {
  if (stats.mode !== 'semantic') return null;
  const stored = stats.fromDatabase + stats.fromMemory;
  if (stats.computed === 0) return `Persona vectors ready for review: all ${plural(stats.texts, 'text')} already stored.`;
  return (
    `Persona vectors ready for review: ${plural(stats.texts, 'text')}, ${stats.computed} computed now, ${stored} already stored ` +
    `(${(stats.ms / 1000).toFixed(1)} s).`
  );
}

/** Prepares the vectors with a bar on a terminal; null when it did nothing (not a terminal, off, no personas). */
export async function prepareVectorsWithProgress(opts: VectorProgressOptions): Promise<PrepareStats | null> {
  if (!opts.enabled || !isTerminal(opts.stderr)) return null;
  const personas = await opts.personas();
  if (personas.length === 0) return null;
  write(opts.stderr, 'Preparing persona vectors for review (Ctrl-C is safe: what is done is kept, and the bot computes the rest)…');
  const bar = importProgress(opts.stderr, opts.now, 'texts', 'Persona vectors');
  try {
    const engine = await opts.engine();
    const stats = await engine.prepare(opts.teamId, personas, { onProgress: (done, total) => bar.update(done, total) });
    bar.stop();
    const line = describePreparation(stats);
    if (line) write(opts.stderr, line);
    return stats;
  } catch (err) {
    // Never a failed import: the vectors are a head start, the bot computes them anyway.
    bar.stop();
    write(opts.stderr, `Persona vectors not prepared now (${(err as Error).message}); the bot computes them when it runs.`);
    return null;
  }
}
