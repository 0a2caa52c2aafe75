// Reading personas. Every function takes the database first and a parameter object with the
// workspace (`teamId`), and every statement filters on the workspace. Writes are in persona-writes.ts.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Column, SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { evidence, gains, jobs, pains, personaChanges, personaJobs, personas } from '../schema.js';
import { identityKey } from '../../domain/persona.js';
import type { Persona, PersonaJob } from '../../domain/persona.js';

export interface ListOptions {
  includeArchived?: boolean;
}

/** Every persona of the workspace with its jobs, pains, gains and evidence, ordered by name. */
export function listPersonas(db: Db, { teamId, includeArchived }: { teamId: string } & ListOptions): Promise<Persona[]> {
  return loadPersonas(db, teamId, includeArchived ? undefined : eq(personas.archived, false));
}

export async function getPersonaByName(db: Db, { teamId, name }: { teamId: string; name: string }): Promise<Persona | null> {
  const [found] = await loadPersonas(db, teamId, eq(personas.nameKey, identityKey(name)));
  return found ?? null;
}

export async function getPersonaById(db: Db, { teamId, id }: { teamId: string; id: string }): Promise<Persona | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [found] = await loadPersonas(db, teamId, eq(personas.id, id));
  return found ?? null;
}

export async function countPersonas(db: Db, { teamId }: { teamId: string }): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(personas)
    .where(and(eq(personas.teamId, teamId), eq(personas.archived, false)));
  return row?.n ?? 0;
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
    updatedBy: r.updatedBy,
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

/** The latest "Still accurate" on a persona: who confirmed it, when, and the note they left. */
export async function latestConfirmation(
  db: Db,
  { teamId, personaId }: { teamId: string; personaId: string },
): Promise<{ by: string; at: Date; note: string | null } | null> {
  if (!/^[0-9a-f-]{36}$/i.test(personaId)) return null;
  const [row] = await db
    .select({ actor: personaChanges.actor, at: personaChanges.at, changes: personaChanges.changes })
    .from(personaChanges)
    .where(and(eq(personaChanges.teamId, teamId), eq(personaChanges.personaId, personaId), eq(personaChanges.action, 'confirm')))
    .orderBy(desc(personaChanges.at))
    .limit(1);
  if (!row) return null;
  return { by: row.actor, at: row.at, note: row.changes.find((c) => c.field === 'note')?.to ?? null };
}
