// The sentence model in worker threads (issue 19): a burst of reviews used to run inference on
// the event loop that also acknowledges Slack, so acks waited behind it. Piscina runs the
// threads: it queues calls, replaces a thread that dies and rejects the calls it was running,
// and aborts a call on a signal, so a dead or stuck thread fails a call instead of hanging it.
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import type { Embedder } from './embedder.js';
import { USE_LITE_MODEL_ID } from './embedder.js';
import type { ModelTask } from './model-worker.js';

/**
 * One core stays with the event loop (acks, routing, the embedded store); every thread loads
 * its own copy of the model (about 200 MB), hence the cap. Two cores: one thread.
 */
export function defaultModelThreads(cores = availableParallelism()): number {
  return Math.max(1, Math.min(cores - 1, 4));
}

/** After this many failed calls in a row the threads are shut and every call fails at once. */
export const MAX_CONSECUTIVE_FAILURES = 3;

export interface WorkerEmbedderOptions {
  threads?: number;
  /** The worker module; tests give one that crashes. Defaults to model-worker beside this file. */
  filename?: URL;
  /** Model id of the vectors (the cache key); the default worker runs USE-lite. */
  model?: string;
  /** A call (queue wait included) fails after this long; its thread is replaced. */
  timeoutMs?: number;
  /** Told of each failed call, and whether the threads were given up on (then every review is lexical). */
  onFailure?: (err: Error, gaveUp: boolean) => void;
}

/**
 * The thread's Node flags: none inherited from the process (a preloaded test hook or profiler has
 * no place in the model's thread, and there a second --import of a .ts file fails), and tsx's
 * loader when the worker is a .ts file (npm start, vitest); the build runs dist/*.js and needs none.
 */
function workerExecArgv(filename: URL): string[] {
  if (!filename.pathname.endsWith('.ts')) return [];
  return ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href];
}

function defaultWorkerFile(): URL {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./model-worker${ext}`, import.meta.url);
}

export class WorkerEmbedder implements Embedder {
  readonly model: string;
  readonly threads: number;
  private readonly pool: Piscina<ModelTask, number[][]>;
  private readonly timeoutMs: number;
  private readonly onFailure: WorkerEmbedderOptions['onFailure'];
  private failures = 0;
  private deadReason: string | null = null;
  private closing: Promise<void> | null = null;

  constructor(options: WorkerEmbedderOptions = {}) {
    const filename = options.filename ?? defaultWorkerFile();
    this.model = options.model ?? USE_LITE_MODEL_ID;
    this.threads = options.threads ?? defaultModelThreads();
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.onFailure = options.onFailure;
    this.pool = new Piscina<ModelTask, number[][]>({
      filename: filename.href,
      // All threads stay up: an idle thread that exits would reload the model on the next review.
      minThreads: this.threads,
      maxThreads: this.threads,
      idleTimeout: Number.POSITIVE_INFINITY,
      execArgv: workerExecArgv(filename),
    });
    // A thread that fails with no call running is reported on the pool; unheard, it would end the process.
    this.pool.on('error', (err: unknown) => this.onFailure?.(err instanceof Error ? err : new Error(String(err)), false));
  }

  /** Loads the model in every thread (a thread loads it on its first call). */
  async load(): Promise<void> {
    await Promise.all(Array.from({ length: this.threads }, () => this.embed(['warm up'])));
  }

  async embed(texts: string[]): Promise<number[][]> {
    if (texts.length === 0) return [];
    if (this.deadReason) throw new Error(this.deadReason);
    try {
      const vectors = await this.pool.run({ texts }, { signal: AbortSignal.timeout(this.timeoutMs) });
      this.failures = 0;
      return vectors;
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      this.failures++;
      const gaveUp = this.failures >= MAX_CONSECUTIVE_FAILURES && !this.deadReason;
      if (gaveUp) {
        this.deadReason = `the sentence model thread failed ${this.failures} times in a row (last: ${error.message})`;
        // A thread that dies on start would otherwise be replaced forever.
        void this.close();
      }
      this.onFailure?.(error, gaveUp);
      throw error;
    }
  }

  /** Ends the threads; calls still queued fail. */
  close(): Promise<void> {
    this.deadReason ??= 'the sentence model threads were shut';
    this.closing ??= this.pool.destroy().catch(() => {});
    return this.closing;
  }
}

/** A started and warmed-up WorkerEmbedder, for loadEmbedder's `create`; its threads are shut if it fails. */
export async function createWorkerEmbedder(options: WorkerEmbedderOptions = {}): Promise<WorkerEmbedder> {
  const embedder = new WorkerEmbedder(options);
  try {
    await embedder.load();
    return embedder;
  } catch (err) {
    await embedder.close();
    throw err;
  }
}
