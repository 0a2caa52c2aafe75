// Persona-side sentence vectors: computed once per text and model, kept in a VectorStore (the
// runtime gives one backed by the database's `text_embeddings`) and in a process-wide memory
// cache in front of it. The engine knows the interface only: no SQL here.
import { createHash } from 'node:crypto';
import type { Embedder } from './embedder.js';

/** Key of a text in the cache: a hash of its Unicode-normalised, space-collapsed form. */
export function textHash(text: string): string {
  const normal = text.normalize('NFKC').trim().replace(/\s+/g, ' ');
  return createHash('sha256').update(normal).digest('hex').slice(0, 40);
}

/** Where vectors outlive the process, per workspace and model. */
export interface VectorStore {
  /** Stored vectors of the given texts (by hash). */
  load(params: { teamId: string; model: string; hashes: readonly string[] }): Promise<Map<string, Float32Array>>;
  /** Stores vectors; one already stored for the same text and model is kept. */
  save(params: { teamId: string; model: string; entries: ReadonlyArray<{ hash: string; vector: ArrayLike<number> }> }): Promise<void>;
}

/** In-memory vectors by workspace, model and text hash, with a bound on the number kept. */
export class VectorCache {
  private readonly entries = new Map<string, Float32Array>();
  constructor(readonly maxEntries = 200_000) {}

  private key(teamId: string, model: string, hash: string): string {
    return `${teamId}\u0000${model}\u0000${hash}`;
  }

  get(teamId: string, model: string, hash: string): Float32Array | undefined {
    return this.entries.get(this.key(teamId, model, hash));
  }

  set(teamId: string, model: string, hash: string, vector: Float32Array): void {
    const key = this.key(teamId, model, hash);
    this.entries.delete(key);
    this.entries.set(key, vector);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}

export interface VectorLookup {
  vectors: Float32Array[];
  fromMemory: number;
  fromDatabase: number;
  computed: number;
}

/** Texts the model embeds at once when preparing personas (a few hundred ms of CPU each). */
const EMBED_BATCH = 32;

/**
 * Vectors for `texts`: memory first, then the database, then the model for the rest (which
 * are written back to both). Order follows `texts`.
 */
export async function vectorsFor(args: {
  embedder: Embedder;
  teamId: string;
  texts: readonly string[];
  cache: VectorCache;
  store?: VectorStore | undefined;
  /** Told after each batch the model computed: texts done of those missing. */
  onProgress?: ((done: number, total: number) => void) | undefined;
}): Promise<VectorLookup> {
  const { embedder, teamId, texts, cache, store, onProgress } = args;
  const hashes = texts.map(textHash);
  const out: Array<Float32Array | undefined> = hashes.map((h) => cache.get(teamId, embedder.model, h));
  const fromMemory = out.filter(Boolean).length;
  let missing = uniqueMissing(hashes, out);
  let fromDatabase = 0;
  if (store && missing.length > 0) {
    const stored = await store.load({ teamId, model: embedder.model, hashes: missing });
    hashes.forEach((h, i) => {
      const v = out[i] ?? stored.get(h);
      if (v && !out[i]) {
        out[i] = v;
        fromDatabase++;
        cache.set(teamId, embedder.model, h, v);
      }
    });
    missing = uniqueMissing(hashes, out);
  }
  let computed = 0;
  if (missing.length > 0) {
    const textByHash = new Map(hashes.map((h, i) => [h, texts[i]!]));
    const fresh = new Map<string, Float32Array>();
    // In batches, each saved as it is done: the event loop gets a turn between batches (the
    // model runs on it), the progress can be told, and work cut off is not lost.
    for (let start = 0; start < missing.length; start += EMBED_BATCH) {
      const batch = missing.slice(start, start + EMBED_BATCH);
      const vectors = await embedder.embed(batch.map((h) => textByHash.get(h)!));
      const entries = batch.map((hash, i) => ({ hash, vector: Float32Array.from(vectors[i]!) }));
      for (const { hash, vector } of entries) {
        fresh.set(hash, vector);
        cache.set(teamId, embedder.model, hash, vector);
      }
      if (store) await store.save({ teamId, model: embedder.model, entries });
      computed += batch.length;
      onProgress?.(computed, missing.length);
      if (start + EMBED_BATCH < missing.length) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    hashes.forEach((h, i) => {
      if (!out[i]) out[i] = fresh.get(h);
    });
  }
  return { vectors: out as Float32Array[], fromMemory, fromDatabase, computed };
}

function uniqueMissing(hashes: readonly string[], found: ReadonlyArray<Float32Array | undefined>): string[] {
  const set = new Set<string>();
  hashes.forEach((h, i) => {
    if (!found[i]) set.add(h);
  });
  return [...set];
}
