// Data access for personas. Every function takes the database first and the workspace
// (`teamId`) second, and every statement filters on the workspace.
import { and, asc, eq, inArray, notExists, sql } from 'drizzle-orm';
import type { Column, SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { evidence, gains, jobs, pains, personaJobs, personas } from '../db/schema.js';
import { identityKey } from './model.js';
import type { Persona, PersonaDraft, PersonaJob } from './model.js';

export interface SaveResult {
  id: string;
  created: boolean;
}

/**
 * Creates or replaces a persona by name (case-insensitive), with its jobs, pains, gains and
 * evidence. Jobs are shared across personas by statement. Call inside a transaction when
 * several writes must land together.
 */
export async function upsertPersona(db: Db, teamId: string, draft: PersonaDraft, now: Date): Promise<SaveResult> {
  const values = {
    teamId,
    name: draft.name,
    nameKey: identityKey(draft.name),
    summary: draft.summary,
    product: draft.product,
    owner: draft.owner,
    demographics: draft.demographics,
    psychographics: draft.psychographics,
    sociographics: draft.sociographics,
    channels: draft.channels,
    quote: draft.quote,
    successMetric: draft.successMetric,
    constraints: draft.constraints,
    reviewedAt: draft.reviewedAt,
    archived: false,
    updatedAt: now,
  };
  const [row] = await db
    .insert(personas)
    .values({ ...values, createdAt: now })
    .onConflictDoUpdate({ target: [personas.teamId, personas.nameKey], set: values })
    // xmax is 0 only for a freshly inserted row version: tells create from update in one trip.
    .returning({ id: personas.id, created: sql<boolean>`(xmax = 0)` });
  if (!row) throw new Error(`upsert of persona "${draft.name}" returned no row`);
  const personaId = row.id;

  await db.delete(personaJobs).where(and(eq(personaJobs.teamId, teamId), eq(personaJobs.personaId, personaId)));
  await db.delete(pains).where(and(eq(pains.teamId, teamId), eq(pains.personaId, personaId)));
  await db.delete(gains).where(and(eq(gains.teamId, teamId), eq(gains.personaId, personaId)));
  await db.delete(evidence).where(and(eq(evidence.teamId, teamId), eq(evidence.personaId, personaId)));

  if (draft.jobs.length > 0) {
    const jobRows = await db
      .insert(jobs)
      .values(
        draft.jobs.map((j) => ({
          teamId,
          kind: j.kind,
          statement: j.statement,
          statementKey: identityKey(j.statement),
          situation: j.when,
          outcome: j.outcome,
        })),
      )
      .onConflictDoUpdate({
        target: [jobs.teamId, jobs.statementKey],
        set: {
          kind: sql`excluded.kind`,
          statement: sql`excluded.statement`,
          situation: sql`excluded.situation`,
          outcome: sql`excluded.outcome`,
        },
      })
      .returning({ id: jobs.id, key: jobs.statementKey });
    const idByKey = new Map(jobRows.map((r) => [r.key, r.id]));
    await db.insert(personaJobs).values(
      draft.jobs.map((j, position) => ({
        teamId,
        personaId,
        jobId: idByKey.get(identityKey(j.statement))!,
        importance: j.importance,
        position,
      })),
    );
  }
  if (draft.pains.length > 0)
    await db.insert(pains).values(draft.pains.map((p, position) => ({ teamId, personaId, ...p, position })));
  if (draft.gains.length > 0)
    await db.insert(gains).values(draft.gains.map((g, position) => ({ teamId, personaId, ...g, position })));
  if (draft.evidence.length > 0)
    await db.insert(evidence).values(draft.evidence.map((e, position) => ({ teamId, personaId, ...e, position })));
  return { id: personaId, created: row.created };
}

/** Removes jobs no persona of the workspace hires any more. */
export async function deleteOrphanJobs(db: Db, teamId: string): Promise<number> {
  const removed = await db
    .delete(jobs)
    .where(
      and(
        eq(jobs.teamId, teamId),
        notExists(db.select({ one: sql`1` }).from(personaJobs).where(eq(personaJobs.jobId, jobs.id))),
      ),
    )
    .returning({ id: jobs.id });
  return removed.length;
}

export interface ListOptions {
  includeArchived?: boolean;
}

/** Every persona of the workspace with its jobs, pains, gains and evidence, ordered by name. */
export function listPersonas(db: Db, teamId: string, options: ListOptions = {}): Promise<Persona[]> {
  return loadPersonas(db, teamId, options.includeArchived ? undefined : eq(personas.archived, false));
}

export async function getPersonaByName(db: Db, teamId: string, name: string): Promise<Persona | null> {
  const [found] = await loadPersonas(db, teamId, eq(personas.nameKey, identityKey(name)));
  return found ?? null;
}

export async function getPersonaById(db: Db, teamId: string, id: string): Promise<Persona | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [found] = await loadPersonas(db, teamId, eq(personas.id, id));
  return found ?? null;
}

export async function countPersonas(db: Db, teamId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(personas)
    .where(and(eq(personas.teamId, teamId), eq(personas.archived, false)));
  return row?.n ?? 0;
}

/** Deletes a persona for good (the CLI's `delete`); returns false when there is none by that name. */
export async function deletePersonaByName(db: Db, teamId: string, name: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const removed = await tx
      .delete(personas)
      .where(and(eq(personas.teamId, teamId), eq(personas.nameKey, identityKey(name))))
      .returning({ id: personas.id });
    if (removed.length === 0) return false;
    await deleteOrphanJobs(tx, teamId);
    return true;
  });
}

async function loadPersonas(db: Db, teamId: string, filter: SQL | undefined): Promise<Persona[]> {
  const rows = await db
    .select()
    .from(personas)
    .where(filter ? and(eq(personas.teamId, teamId), filter) : eq(personas.teamId, teamId))
    .orderBy(asc(personas.nameKey));
  if (rows.length === 0) return [];
  // Small selections filter children by persona id; whole-workspace loads filter by workspace
  // only, which keeps the statement small at 10,000 personas.
  const ids = rows.map((r) => r.id);
  const byPersona = (col: Column) => (ids.length <= 100 ? inArray(col, ids) : undefined);

  const [jobRows, painRows, gainRows, evidenceRows] = await Promise.all([
    db
      .select({
        personaId: personaJobs.personaId,
        id: jobs.id,
        kind: jobs.kind,
        statement: jobs.statement,
        when: jobs.situation,
        outcome: jobs.outcome,
        importance: personaJobs.importance,
      })
      .from(personaJobs)
      .innerJoin(jobs, and(eq(jobs.id, personaJobs.jobId), eq(jobs.teamId, teamId)))
      .where(and(eq(personaJobs.teamId, teamId), byPersona(personaJobs.personaId)))
      .orderBy(asc(personaJobs.personaId), asc(personaJobs.position)),
    db
      .select()
      .from(pains)
      .where(and(eq(pains.teamId, teamId), byPersona(pains.personaId)))
      .orderBy(asc(pains.personaId), asc(pains.position)),
    db
      .select()
      .from(gains)
      .where(and(eq(gains.teamId, teamId), byPersona(gains.personaId)))
      .orderBy(asc(gains.personaId), asc(gains.position)),
    db
      .select()
      .from(evidence)
      .where(and(eq(evidence.teamId, teamId), byPersona(evidence.personaId)))
      .orderBy(asc(evidence.personaId), asc(evidence.position)),
  ]);

  const group = <T extends { personaId: string }>(list: T[]) => {
    const map = new Map<string, T[]>();
    for (const item of list) {
      const bucket = map.get(item.personaId);
      if (bucket) bucket.push(item);
      else map.set(item.personaId, [item]);
    }
    return map;
  };
  const jobsBy = group(jobRows);
  const painsBy = group(painRows);
  const gainsBy = group(gainRows);
  const evidenceBy = group(evidenceRows);

  return rows.map((r) => ({
    id: r.id,
    teamId: r.teamId,
    name: r.name,
    summary: r.summary,
    product: r.product,
    owner: r.owner,
    reviewedAt: r.reviewedAt,
    demographics: r.demographics,
    psychographics: r.psychographics,
    sociographics: r.sociographics,
    channels: r.channels as Persona['channels'],
    quote: r.quote,
    successMetric: r.successMetric,
    constraints: r.constraints,
    archived: r.archived,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    jobs: (jobsBy.get(r.id) ?? []).map(
      ({ id, kind, statement, when, outcome, importance }): PersonaJob => ({ id, kind, statement, when, outcome, importance }),
    ),
    pains: (painsBy.get(r.id) ?? []).map(({ kind, text, severity }) => ({ kind, text, severity })),
    gains: (gainsBy.get(r.id) ?? []).map(({ kind, text, relevance }) => ({ kind, text, relevance })),
    evidence: (evidenceBy.get(r.id) ?? []).map(({ source, ref, date }) => ({ source, ref, date })),
  }));
}
