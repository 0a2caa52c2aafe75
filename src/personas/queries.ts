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
  const [result] = await upsertPersonas(db, teamId, [draft], now);
  return result!;
}

// Rows per statement: keeps every statement well under Postgres' 65,535 bind parameters
// (a persona row has 17, and a persona brings a few dozen child rows).
const BATCH = 200;

/**
 * The set-based form of `upsertPersona`: a few statements per 200 personas instead of ten per
 * persona, which is what makes a 1,000-persona import take a second rather than several.
 * Names must be distinct (the file format checks that).
 */
export async function upsertPersonas(db: Db, teamId: string, drafts: PersonaDraft[], now: Date): Promise<SaveResult[]> {
  const results: SaveResult[] = [];
  for (let i = 0; i < drafts.length; i += BATCH) results.push(...(await upsertBatch(db, teamId, drafts.slice(i, i + BATCH), now)));
  return results;
}

async function upsertBatch(db: Db, teamId: string, drafts: PersonaDraft[], now: Date): Promise<SaveResult[]> {
  if (drafts.length === 0) return [];
  const rows = drafts.map((draft) => ({
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
    createdAt: now,
    updatedAt: now,
  }));
  const excluded = (column: string) => sql.raw(`excluded.${column}`);
  const saved = await db
    .insert(personas)
    .values(rows)
    .onConflictDoUpdate({
      target: [personas.teamId, personas.nameKey],
      // Everything but the id and created_at is replaced.
      set: {
        name: excluded('name'),
        summary: excluded('summary'),
        product: excluded('product'),
        owner: excluded('owner'),
        demographics: excluded('demographics'),
        psychographics: excluded('psychographics'),
        sociographics: excluded('sociographics'),
        channels: excluded('channels'),
        quote: excluded('quote'),
        successMetric: excluded('success_metric'),
        constraints: excluded('constraints'),
        reviewedAt: excluded('reviewed_at'),
        archived: excluded('archived'),
        updatedAt: excluded('updated_at'),
      },
    })
    // xmax is 0 only for a freshly inserted row version: tells create from update in one trip.
    .returning({ id: personas.id, nameKey: personas.nameKey, created: sql<boolean>`(xmax = 0)` });
  const byKey = new Map(saved.map((r) => [r.nameKey, r]));
  const ids = saved.map((r) => r.id);

  await db.delete(personaJobs).where(and(eq(personaJobs.teamId, teamId), inArray(personaJobs.personaId, ids)));
  await db.delete(pains).where(and(eq(pains.teamId, teamId), inArray(pains.personaId, ids)));
  await db.delete(gains).where(and(eq(gains.teamId, teamId), inArray(gains.personaId, ids)));
  await db.delete(evidence).where(and(eq(evidence.teamId, teamId), inArray(evidence.personaId, ids)));

  // One row per distinct statement: ON CONFLICT cannot touch the same row twice in a statement.
  const jobRows = new Map<string, typeof jobs.$inferInsert>();
  for (const draft of drafts) {
    for (const j of draft.jobs) {
      const statementKey = identityKey(j.statement);
      jobRows.set(statementKey, { teamId, kind: j.kind, statement: j.statement, statementKey, situation: j.when, outcome: j.outcome });
    }
  }
  const jobIds = new Map<string, string>();
  const jobList = [...jobRows.values()];
  for (let i = 0; i < jobList.length; i += BATCH * 5) {
    const stored = await db
      .insert(jobs)
      .values(jobList.slice(i, i + BATCH * 5))
      .onConflictDoUpdate({
        target: [jobs.teamId, jobs.statementKey],
        set: { kind: excluded('kind'), statement: excluded('statement'), situation: excluded('situation'), outcome: excluded('outcome') },
      })
      .returning({ id: jobs.id, key: jobs.statementKey });
    for (const r of stored) jobIds.set(r.key, r.id);
  }

  const links: Array<typeof personaJobs.$inferInsert> = [];
  const painRows: Array<typeof pains.$inferInsert> = [];
  const gainRows: Array<typeof gains.$inferInsert> = [];
  const evidenceRows: Array<typeof evidence.$inferInsert> = [];
  for (const draft of drafts) {
    const personaId = byKey.get(identityKey(draft.name))!.id;
    draft.jobs.forEach((j, position) =>
      links.push({ teamId, personaId, jobId: jobIds.get(identityKey(j.statement))!, importance: j.importance, position }),
    );
    draft.pains.forEach((p, position) => painRows.push({ teamId, personaId, ...p, position }));
    draft.gains.forEach((g, position) => gainRows.push({ teamId, personaId, ...g, position }));
    draft.evidence.forEach((e, position) => evidenceRows.push({ teamId, personaId, ...e, position }));
  }
  for (const [table, list] of [
    [personaJobs, links],
    [pains, painRows],
    [gains, gainRows],
    [evidence, evidenceRows],
  ] as const) {
    for (let i = 0; i < list.length; i += BATCH * 5) await db.insert(table).values(list.slice(i, i + BATCH * 5) as never);
  }

  return drafts.map((draft) => {
    const row = byKey.get(identityKey(draft.name))!;
    return { id: row.id, created: row.created };
  });
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
