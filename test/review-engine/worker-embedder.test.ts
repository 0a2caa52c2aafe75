// The sentence model in worker threads: the same vectors as on the main thread, and a thread
// that dies or never loads leaves reviews working by word overlap instead of hanging them.
import { afterAll, describe, expect, it } from 'vitest';
import { loadEmbedder, UseLiteEmbedder } from '../../src/review-engine/embedder.js';
import { createReviewEngine } from '../../src/review-engine/engine.js';
import { createWorkerEmbedder, defaultModelThreads, MAX_CONSECUTIVE_FAILURES, WorkerEmbedder } from '../../src/review-engine/worker-embedder.js';
import { CALIBRATION_DIR, fixturePersonas } from './support.js';

const dying = new URL('./fixtures/dying-model-worker.ts', import.meta.url);
const unloadable = new URL('./fixtures/unloadable-model-worker.ts', import.meta.url);

describe('WorkerEmbedder with the real model', () => {
  const inThread = new UseLiteEmbedder();
  let worker: WorkerEmbedder | null = null;
  afterAll(async () => {
    await worker?.close();
  });

  it('returns the vectors the main-thread model returns, within 1e-6', async () => {
    worker = await createWorkerEmbedder({ threads: 1 });
    expect(worker.model).toBe(inThread.model);
    const texts = [
      'Close your books in 3 days, not 3 weeks.',
      '',
      'School run by bike, everyone safe and on time. 🚲',
      'Back-to-back meetings all day? Take back two afternoons a week for deep work, without a new tool to learn, and see what your team ships when nobody is waiting on you.',
      'ok',
    ];
    const [fromWorker, fromMain] = await Promise.all([worker.embed(texts), inThread.embed(texts)]);
    expect(fromWorker).toHaveLength(texts.length);
    fromWorker.forEach((v, i) => {
      expect(v).toHaveLength(512);
      const diff = Math.max(...v.map((x, k) => Math.abs(x - fromMain[i]![k]!)));
      expect(diff).toBeLessThan(1e-6);
    });
  }, 60_000);
});

describe('WorkerEmbedder failures', () => {
  it('sizes the pool to leave a core to the event loop, and caps it for memory', () => {
    expect([1, 2, 3, 8, 64].map((cores) => defaultModelThreads(cores))).toEqual([1, 1, 2, 4, 4]);
  });

  it('a thread that cannot load makes loadEmbedder report the lexical fallback', async () => {
    const failures: Error[] = [];
    const loaded = await loadEmbedder({ create: () => createWorkerEmbedder({ threads: 1, filename: unloadable, onFailure: (err) => failures.push(err) }) });
    expect(loaded.embedder).toBeNull();
    expect(loaded.reason).toContain('the sentence model could not load');
    // (From source, tsx masks the module's own error behind a loader error; from dist/ it is the module's.)
    expect(failures).toHaveLength(1);
  }, 30_000);

  it('a thread that dies fails the call, the review goes by word overlap, and repeated deaths shut the threads', async () => {
    const failures: { err: Error; gaveUp: boolean }[] = [];
    const loaded = await loadEmbedder({
      create: () => createWorkerEmbedder({ threads: 1, model: 'dying@1', filename: dying, onFailure: (err, gaveUp) => failures.push({ err, gaveUp }) }),
    });
    const embedder = loaded.embedder as WorkerEmbedder;
    expect(embedder).toBeInstanceOf(WorkerEmbedder);
    try {
      await expect(embedder.embed(['a draft'])).rejects.toThrow();
      expect(failures).toEqual([{ err: expect.any(Error), gaveUp: false }]);

      // The engine, given the thread that now dies, still reviews: by word overlap, and says so.
      const engine = createReviewEngine({ embedder });
      const r = await engine.review({ text: 'Close your books in 3 days, not 3 weeks.', personas: fixturePersonas(CALIBRATION_DIR), teamId: 'T_TEST' });
      expect(r.analysis.mode).toBe('lexical');
      expect(r.findings.some((f) => f.rule === 'review.lexical_only')).toBe(true);

      while (failures.length < MAX_CONSECUTIVE_FAILURES) await embedder.embed(['again']).catch(() => {});
      expect(failures.at(-1)?.gaveUp).toBe(true);
      // Given up: calls fail at once, with the reason, and no thread is started again.
      const started = performance.now();
      await expect(embedder.embed(['after'])).rejects.toThrow(`failed ${MAX_CONSECUTIVE_FAILURES} times in a row`);
      expect(performance.now() - started).toBeLessThan(100);
    } finally {
      await embedder.close();
    }
  }, 60_000);

  it('a call that outlives its timeout fails instead of waiting forever', async () => {
    const embedder = new WorkerEmbedder({ threads: 1, timeoutMs: 1, filename: unloadable });
    try {
      await expect(embedder.embed(['x'])).rejects.toThrow();
    } finally {
      await embedder.close();
    }
    await expect(embedder.embed(['x'])).rejects.toThrow('shut');
  });
});
