// Labelled examples the reviewer learns from (see review-engine/score/examples.ts), per workspace.
import { and, asc, count, eq, inArray, isNull, max } from 'drizzle-orm';
import type { Db } from '../client.js';
import { personas, reviewExamples } from '../schema.js';

export interface ExampleRow {
  id: string;
  textHash: string;
  personaId: string | null;
  personaName: string | null;
  jobs: string[];
  jobsKnown: boolean;
  adChannel: string | null;
  externalId: string | null;
  source: 'file' | 'persona-file' | 'slack' | 'assistant';
  sourceRef: string | null;
  draftText: string | null;
  model: string | null;
  vector: Float32Array | null;
  terms: Array<[string, number]>;
  createdBy: string;
  createdAt: Date;
}

export interface NewExample {
  textHash: string;
  personaId: string | null;
  jobs: readonly string[];
  jobsKnown: boolean;
  adChannel: string | null;
  externalId: string | null;
  source: ExampleRow['source'];
  sourceRef: string | null;
  draftText: string | null;
  model: string | null;
  vector: ArrayLike<number> | null;
  terms: ReadonlyArray<readonly [string, number]>;
  createdBy: string;
}

const columns = {
  id: reviewExamples.id,
  textHash: reviewExamples.textHash,
  personaId: reviewExamples.personaId,
  personaName: personas.name,
  jobs: reviewExamples.jobs,
  jobsKnown: reviewExamples.jobsKnown,
  adChannel: reviewExamples.adChannel,
  externalId: reviewExamples.externalId,
  source: reviewExamples.source,
  sourceRef: reviewExamples.sourceRef,
  draftText: reviewExamples.draftText,
  model: reviewExamples.model,
  vector: reviewExamples.vector,
  terms: reviewExamples.terms,
  createdBy: reviewExamples.createdBy,
  createdAt: reviewExamples.createdAt,
};

type Selected = Omit<ExampleRow, 'vector'> & { vector: number[] | null };
const toRow = (r: Selected): ExampleRow => ({ ...r, vector: r.vector ? Float32Array.from(r.vector) : null });

/** A workspace's examples, oldest first; `personaId` narrows to one persona (null: the generic ones). */
export async function listExamples(db: Db, { teamId, personaId }: { teamId: string; personaId?: string | null }): Promise<ExampleRow[]> {
  const where =
    personaId === undefined
      ? eq(reviewExamples.teamId, teamId)
      : personaId === null
        ? and(eq(reviewExamples.teamId, teamId), isNull(reviewExamples.personaId))
        : and(eq(reviewExamples.teamId, teamId), eq(reviewExamples.personaId, personaId));
  const rows = await db
    .select(columns)
    .from(reviewExamples)
    .leftJoin(personas, and(eq(personas.id, reviewExamples.personaId), eq(personas.teamId, reviewExamples.teamId)))
    .where(where)
    .orderBy(asc(reviewExamples.createdAt), asc(reviewExamples.id));
  return rows.map((r) => toRow(r as Selected));
}

export async function getExample(db: Db, { teamId, id }: { teamId: string; id: string }): Promise<ExampleRow | null> {
  const rows = await db
    .select(columns)
    .from(reviewExamples)
    .leftJoin(personas, and(eq(personas.id, reviewExamples.personaId), eq(personas.teamId, reviewExamples.teamId)))
    .where(and(eq(reviewExamples.teamId, teamId), eq(reviewExamples.id, id)));
  return rows[0] ? toRow(rows[0] as Selected) : null;
}

/**
 * Stores examples: one per text and workspace. A text learned before keeps its row; its label
 * (persona, jobs, channel) is replaced by the new one only when it differs. Returns how many
 * were added, changed and left as they were.
 */
export async function upsertExamples(
  db: Db,
  { teamId, examples, now }: { teamId: string; examples: readonly NewExample[]; now: Date },
): Promise<{ added: number; changed: number; unchanged: number; ids: string[] }> {
  let added = 0;
  let changed = 0;
  let unchanged = 0;
  const ids: string[] = [];
  for (const e of examples) {
    const [existing] = await db
      .select({
        id: reviewExamples.id,
        personaId: reviewExamples.personaId,
        jobs: reviewExamples.jobs,
        jobsKnown: reviewExamples.jobsKnown,
        adChannel: reviewExamples.adChannel,
      })
      .from(reviewExamples)
      .where(and(eq(reviewExamples.teamId, teamId), eq(reviewExamples.textHash, e.textHash)));
    const values = {
      personaId: e.personaId,
      jobs: [...e.jobs],
      jobsKnown: e.jobsKnown,
      adChannel: e.adChannel,
      externalId: e.externalId,
      source: e.source,
      sourceRef: e.sourceRef,
      draftText: e.draftText,
      model: e.model,
      vector: e.vector ? Array.from(e.vector) : null,
      terms: e.terms.map(([h, w]) => [h, w] as [string, number]),
      createdBy: e.createdBy,
      createdAt: now,
    };
    if (!existing) {
      const [row] = await db
        .insert(reviewExamples)
        .values({ teamId, textHash: e.textHash, ...values })
        .returning({ id: reviewExamples.id });
      ids.push(row!.id);
      added++;
      continue;
    }
    ids.push(existing.id);
    const same =
      existing.personaId === e.personaId &&
      existing.jobsKnown === e.jobsKnown &&
      existing.adChannel === e.adChannel &&
      existing.jobs.length === e.jobs.length &&
      existing.jobs.every((j, i) => j === e.jobs[i]);
    if (same) {
      unchanged++;
      continue;
    }
    await db
      .update(reviewExamples)
      .set(values)
      .where(and(eq(reviewExamples.teamId, teamId), eq(reviewExamples.id, existing.id)));
    changed++;
  }
  return { added, changed, unchanged, ids };
}

/** Removes examples by id (only the workspace's own); returns how many went. */
export async function deleteExamples(db: Db, { teamId, ids }: { teamId: string; ids: readonly string[] }): Promise<number> {
  if (ids.length === 0) return 0;
  const removed = await db
    .delete(reviewExamples)
    .where(and(eq(reviewExamples.teamId, teamId), inArray(reviewExamples.id, [...ids])))
    .returning({ id: reviewExamples.id });
  return removed.length;
}

/** Removes every example of a workspace. */
export async function deleteAllExamples(db: Db, { teamId }: { teamId: string }): Promise<number> {
  const removed = await db.delete(reviewExamples).where(eq(reviewExamples.teamId, teamId)).returning({ id: reviewExamples.id });
  return removed.length;
}

/** How many examples a workspace has and when the last was written: changes whenever they do. */
export async function examplesStamp(db: Db, { teamId }: { teamId: string }): Promise<{ count: number; stamp: string }> {
  const [row] = await db
    .select({ n: count(), last: max(reviewExamples.createdAt) })
    .from(reviewExamples)
    .where(eq(reviewExamples.teamId, teamId));
  const n = Number(row?.n ?? 0);
  return { count: n, stamp: `${n}\u0000${row?.last ? new Date(row.last).toISOString() : ''}` };
}

/** The example kept for a text (by its normalised hash), if any. */
export async function getExampleByText(db: Db, { teamId, textHash }: { teamId: string; textHash: string }): Promise<ExampleRow | null> {
  const rows = await db
    .select(columns)
    .from(reviewExamples)
    .leftJoin(personas, and(eq(personas.id, reviewExamples.personaId), eq(personas.teamId, reviewExamples.teamId)))
    .where(and(eq(reviewExamples.teamId, teamId), eq(reviewExamples.textHash, textHash)));
  return rows[0] ? toRow(rows[0] as Selected) : null;
}
