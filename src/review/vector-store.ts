// Persona-side sentence vectors: computed once per text and model, kept in `text_embeddings`
// (every query scoped by workspace) and in a process-wide memory cache in front of it.
import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { loadTextVectors, saveTextVectors } from '../db/queries/text-vectors.js';
import { textEmbeddings } from '../db/schema.js';
import type { Embedder } from './embedder.js';

/** Key of a text in the cache: a hash of its Unicode-normalised, space-collapsed form. */
export function textHash(text: string): string {
  const normal = text.normalize('NFKC').trim().replace(/\s+/g, ' ');
  return createHash('sha256').update(normal).digest('hex').slice(0, 40);
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

/**
 * Vectors for `texts`: memory first, then the database, then the model for the rest (which
 * are written back to both). Order follows `texts`.
 */
export async function vectorsFor(args: {
  embedder: Embedder;
  teamId: string;
  texts: readonly string[];
  cache: VectorCache;
  db?: Db | undefined;
}): Promise<VectorLookup> {
  const { embedder, teamId, texts, cache, db } = args;
  const hashes = texts.map(textHash);
  const out: Array<Float32Array | undefined> = hashes.map((h) => cache.get(teamId, embedder.model, h));
  const fromMemory = out.filter(Boolean).length;
  let missing = uniqueMissing(hashes, out);
  let fromDatabase = 0;
  if (db && missing.length > 0) {
    const stored = await loadTextVectors(db, { teamId, model: embedder.model, hashes: missing });
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
    const vectors = await embedder.embed(missing.map((h) => textByHash.get(h)!));
    const fresh = new Map<string, Float32Array>();
    missing.forEach((h, i) => fresh.set(h, Float32Array.from(vectors[i]!)));
    computed = missing.length;
    for (const [h, v] of fresh) cache.set(teamId, embedder.model, h, v);
    hashes.forEach((h, i) => {
      if (!out[i]) out[i] = fresh.get(h);
    });
    if (db) await saveTextVectors(db, { teamId, model: embedder.model, entries: [...fresh].map(([hash, vector]) => ({ hash, vector })) });
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
