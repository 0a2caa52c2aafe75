// Stored sentence vectors of persona-side texts, by workspace, model and text hash.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../client.js';
import { textEmbeddings } from '../schema.js';

const CHUNK = 400;

/** Stored vectors of the given texts (by hash) for one workspace and model. */
export async function loadTextVectors(
  db: Db,
  { teamId, model, hashes }: { teamId: string; model: string; hashes: readonly string[] },
): Promise<Map<string, Float32Array>> {
  const out = new Map<string, Float32Array>();
  for (let i = 0; i < hashes.length; i += CHUNK) {
    const chunk = hashes.slice(i, i + CHUNK);
    const rows = await db
      .select({ textHash: textEmbeddings.textHash, vector: textEmbeddings.vector })
      .from(textEmbeddings)
      .where(and(eq(textEmbeddings.teamId, teamId), eq(textEmbeddings.model, model), inArray(textEmbeddings.textHash, chunk)));
    for (const row of rows) out.set(row.textHash, Float32Array.from(row.vector));
  }
  return out;
}

/** Stores vectors; a vector already stored for the same text and model is kept. */
export async function saveTextVectors(
  db: Db,
  { teamId, model, entries }: { teamId: string; model: string; entries: ReadonlyArray<{ hash: string; vector: ArrayLike<number> }> },
): Promise<void> {
  for (let i = 0; i < entries.length; i += CHUNK) {
    const chunk = entries.slice(i, i + CHUNK);
    await db
      .insert(textEmbeddings)
      .values(chunk.map((e) => ({ teamId, model, textHash: e.hash, vector: Array.from(e.vector) })))
      .onConflictDoNothing();
  }
}

/** Number of stored vectors of a workspace (all models). */
export async function countTextVectors(db: Db, { teamId }: { teamId: string }): Promise<number> {
  const rows = await db.select({ h: textEmbeddings.textHash }).from(textEmbeddings).where(eq(textEmbeddings.teamId, teamId));
  return rows.length;
}

/** Forgets a workspace's vectors, for one model or all (e.g. when the workspace is removed). */
export async function deleteTextVectors(db: Db, { teamId, model }: { teamId: string; model?: string }): Promise<number> {
  const removed = await db
    .delete(textEmbeddings)
    .where(model ? and(eq(textEmbeddings.teamId, teamId), eq(textEmbeddings.model, model)) : eq(textEmbeddings.teamId, teamId))
    .returning({ h: textEmbeddings.textHash });
  return removed.length;
}

/** The review engine's VectorStore (structurally typed, so db does not import the engine), backed by `text_embeddings`. */
export function dbVectorStore(db: Db) {
  return {
    load: (params: { teamId: string; model: string; hashes: readonly string[] }) => loadTextVectors(db, params),
    save: (params: { teamId: string; model: string; entries: ReadonlyArray<{ hash: string; vector: ArrayLike<number> }> }) => saveTextVectors(db, params),
  };
}
