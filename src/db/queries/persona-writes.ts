// Writing personas: create, replace, edit, confirm, archive, delete, each recording who did
// it in the persona's history. Every function takes the database first and a parameter object
// with the workspace (`teamId`), and every statement filters on the workspace.
import { and, eq, inArray, notExists, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { evidence, gains, jobs, pains, personaChanges, personaJobs, personas } from '../schema.js';
import { identityKey } from '../../domain/persona.js';
import type { PersonaDraft } from '../../domain/persona.js';
import { findJobKindConflicts, JobKindConflictError } from './job-kinds.js';

export interface SaveResult {
  id: string;
  created: boolean;
}

/**
 * Creates or replaces a persona by name (case-insensitive), with its jobs, pains, gains and
 * evidence. Jobs are shared across personas by statement. Call inside a transaction when
 * several writes must land together.
 */
export async function upsertPersona(
  db: Db,
  { teamId, draft, now, actor = 'cli' }: { teamId: string; draft: PersonaDraft; now: Date; actor?: string },
): Promise<SaveResult> {
  const [result] = await upsertPersonas(db, { teamId, drafts: [draft], now, actor });
  return result!;
}

// Rows per statement: keeps every statement well under Postgres' 65,535 bind parameters
// (a persona row has 17, and a persona brings a few dozen child rows).
const BATCH = 200;

export interface UpsertOptions {
  /** What changed in each draft that replaces a stored persona, for its history row. */
  changes?: ReadonlyArray<Change[] | undefined>;
  /** Told after each batch how many drafts are written so far. */
  onWritten?: (written: number) => void;
}

/**
 * The set-based form of `upsertPersona`: a few statements per 200 personas instead of ten per
 * persona, which is what makes a 1,000-persona import take a second rather than several.
 * Names must be distinct (the file format checks that).
 */
export async function upsertPersonas(
  db: Db,
  { teamId, drafts, now, actor = 'cli', changes, onWritten }: { teamId: string; drafts: PersonaDraft[]; now: Date; actor?: string } & UpsertOptions,
): Promise<SaveResult[]> {
  const results: SaveResult[] = [];
  for (let i = 0; i < drafts.length; i += BATCH) {
    results.push(...(await upsertBatch(db, teamId, drafts.slice(i, i + BATCH), now, actor, changes?.slice(i, i + BATCH))));
    onWritten?.(results.length);
  }
  return results;
}

async function upsertBatch(
  db: Db,
  teamId: string,
  drafts: PersonaDraft[],
  now: Date,
  actor: string,
  changes: ReadonlyArray<Change[] | undefined> | undefined,
): Promise<SaveResult[]> {
  if (drafts.length === 0) return [];
  const excluded = (column: string) => sql.raw(`excluded.${column}`);
  const saved = await db
    .insert(personas)
    .values(drafts.map((draft) => ({ ...personaColumns(teamId, draft, now, actor), createdAt: now })))
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
        updatedBy: excluded('updated_by'),
        updatedAt: excluded('updated_at'),
      },
    })
    // xmax is 0 only for a freshly inserted row version: tells create from update in one trip.
    .returning({ id: personas.id, nameKey: personas.nameKey, created: sql<boolean>`(xmax = 0)` });
  const byKey = new Map(saved.map((r) => [r.nameKey, r]));
  const entries = drafts.map((draft) => ({ personaId: byKey.get(identityKey(draft.name))!.id, draft }));
  await replaceChildren(db, teamId, entries);
  await db.insert(personaChanges).values(
    entries.map(({ personaId }, i) => ({
      teamId,
      personaId,
      actor,
      action: byKey.get(identityKey(drafts[i]!.name))!.created ? ('create' as const) : ('import' as const),
      ...(changes?.[i] ? { changes: changes[i] } : {}),
      at: now,
    })),
  );
  return entries.map(({ personaId, draft }) => ({ id: personaId, created: byKey.get(identityKey(draft.name))!.created }));
}

function personaColumns(teamId: string, draft: PersonaDraft, now: Date, actor: string) {
  return {
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
    updatedBy: actor,
    updatedAt: now,
  };
}

/** Replaces the jobs links, pains, gains and evidence of the given personas, set-wise. */
async function replaceChildren(db: Db, teamId: string, entries: Array<{ personaId: string; draft: PersonaDraft }>): Promise<void> {
  const ids = entries.map((e) => e.personaId);
  await db.delete(personaJobs).where(and(eq(personaJobs.teamId, teamId), inArray(personaJobs.personaId, ids)));
  await db.delete(pains).where(and(eq(pains.teamId, teamId), inArray(pains.personaId, ids)));
  await db.delete(gains).where(and(eq(gains.teamId, teamId), inArray(gains.personaId, ids)));
  await db.delete(evidence).where(and(eq(evidence.teamId, teamId), inArray(evidence.personaId, ids)));

  // One row per distinct statement: ON CONFLICT cannot touch the same row twice in a statement.
  const jobRows = new Map<string, typeof jobs.$inferInsert>();
  for (const { draft } of entries) {
    for (const j of draft.jobs) {
      const statementKey = identityKey(j.statement);
      jobRows.set(statementKey, { teamId, kind: j.kind, statement: j.statement, statementKey, situation: j.when, outcome: j.outcome });
    }
  }
  const excluded = (column: string) => sql.raw(`excluded.${column}`);
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
  for (const { personaId, draft } of entries) {
    draft.jobs.forEach((j, position) => links.push({ teamId, personaId, jobId: jobIds.get(identityKey(j.statement))!, importance: j.importance, position }));
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
}

export class NameTakenError extends Error {
  constructor(readonly personaName: string) {
    super(`Another persona is already called "${personaName}".`);
    this.name = 'NameTakenError';
  }
}

export type Change = { field: string; from?: string; to?: string };

/**
 * Creates a persona (`id` null) or replaces persona `id` with `draft`, from a person's edit:
 * records what changed, by whom. A name another persona has is refused with NameTakenError.
 */
export async function savePersonaEdit(
  db: Db,
  { teamId, id, draft, changes, now, actor }: { teamId: string; id: string | null; draft: PersonaDraft; changes: Change[]; now: Date; actor: string },
): Promise<string> {
  return db.transaction(async (tx) => {
    const nameKey = identityKey(draft.name);
    const [clash] = await tx
      .select({ id: personas.id })
      .from(personas)
      .where(and(eq(personas.teamId, teamId), eq(personas.nameKey, nameKey)));
    if (clash && clash.id !== id) throw new NameTakenError(draft.name);
    // Giving a shared job another kind would change it for the other personas that hire it.
    const conflicts = await findJobKindConflicts(tx, { teamId, drafts: [draft], rewritten: (hirer) => hirer.id === id });
    if (conflicts.length > 0) throw new JobKindConflictError(conflicts);
    let personaId: string;
    if (id) {
      const { archived: _keep, ...columns } = personaColumns(teamId, draft, now, actor);
      const updated = await tx
        .update(personas)
        .set(columns)
        .where(and(eq(personas.teamId, teamId), eq(personas.id, id)))
        .returning({ id: personas.id });
      if (updated.length === 0) throw new Error(`persona ${id} not found in ${teamId}`);
      personaId = id;
    } else {
      const [created] = await tx
        .insert(personas)
        .values({ ...personaColumns(teamId, draft, now, actor), createdAt: now })
        .returning({ id: personas.id });
      personaId = created!.id;
    }
    await replaceChildren(tx, teamId, [{ personaId, draft }]);
    await deleteOrphanJobs(tx, { teamId });
    await tx.insert(personaChanges).values({ teamId, personaId, actor, action: id ? 'update' : 'create', changes, at: now });
    return personaId;
  });
}

/** "Still accurate": research confirms the persona today. */
export async function confirmPersona(
  db: Db,
  { teamId, id, today, now, actor, note }: { teamId: string; id: string; today: string; now: Date; actor: string; note?: string | null },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ reviewedAt: personas.reviewedAt })
      .from(personas)
      .where(and(eq(personas.teamId, teamId), eq(personas.id, id)));
    if (!before) return false;
    await tx
      .update(personas)
      .set({ reviewedAt: today, updatedBy: actor, updatedAt: now })
      .where(and(eq(personas.teamId, teamId), eq(personas.id, id)));
    await tx.insert(personaChanges).values({
      teamId,
      personaId: id,
      actor,
      action: 'confirm',
      // The confirmer's note rides with the confirmation in the history; the card shows the latest.
      changes: [{ field: 'reviewed_at', from: before.reviewedAt, to: today }, ...(note ? [{ field: 'note', to: note }] : [])],
      at: now,
    });
    return true;
  });
}

export async function setArchived(
  db: Db,
  { teamId, id, archived, now, actor }: { teamId: string; id: string; archived: boolean; now: Date; actor: string },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(personas)
      .set({ archived, updatedBy: actor, updatedAt: now })
      .where(and(eq(personas.teamId, teamId), eq(personas.id, id)))
      .returning({ id: personas.id });
    if (updated.length === 0) return false;
    await tx.insert(personaChanges).values({ teamId, personaId: id, actor, action: archived ? 'archive' : 'unarchive', at: now });
    return true;
  });
}

/** Removes jobs no persona of the workspace hires any more. */
export async function deleteOrphanJobs(db: Db, { teamId }: { teamId: string }): Promise<number> {
  const removed = await db
    .delete(jobs)
    .where(and(eq(jobs.teamId, teamId), notExists(db.select({ one: sql`1` }).from(personaJobs).where(eq(personaJobs.jobId, jobs.id)))))
    .returning({ id: jobs.id });
  return removed.length;
}

/** Deletes a persona for good (the CLI's `delete`); returns false when there is none by that name. */
export async function deletePersonaByName(db: Db, { teamId, name }: { teamId: string; name: string }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const removed = await tx
      .delete(personas)
      .where(and(eq(personas.teamId, teamId), eq(personas.nameKey, identityKey(name))))
      .returning({ id: personas.id });
    if (removed.length === 0) return false;
    await deleteOrphanJobs(tx, { teamId });
    return true;
  });
}

/**
 * Deletes every persona of the workspace whose name is not among `keepNameKeys` (identity keys),
 * with the jobs nobody hires any more; returns the names deleted. For `import --replace`.
 */
export async function deletePersonasExcept(db: Db, { teamId, keepNameKeys }: { teamId: string; keepNameKeys: string[] }): Promise<string[]> {
  const removed = await db
    .delete(personas)
    .where(and(eq(personas.teamId, teamId), keepNameKeys.length ? notInArray(personas.nameKey, keepNameKeys) : undefined))
    .returning({ name: personas.name });
  if (removed.length > 0) await deleteOrphanJobs(db, { teamId });
  return removed.map((r) => r.name).sort((a, b) => a.localeCompare(b));
}
