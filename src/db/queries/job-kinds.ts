// A job is shared by every persona that states it, so a statement has one kind. A write that
// gives a stored statement another kind is refused when that would change the job for
// personas the write does not touch: they would silently hire a different kind of job.
// (When every persona that hires it is rewritten too, the kind may change.)
import { and, eq, inArray } from 'drizzle-orm';
import { identityKey } from '../../domain/persona.js';
import type { JobKind, PersonaDraft } from '../../domain/persona.js';
import type { Db } from '../client.js';
import { jobs, personaJobs, personas } from '../schema.js';

export interface JobKindConflict {
  statement: string;
  storedKind: JobKind;
  wantedKind: JobKind;
  /** Names of the personas, untouched by this write, that hire the job with its stored kind. */
  hiredBy: string[];
  /** Where the write states it: draft index and job index. */
  persona: number;
  job: number;
}

export class JobKindConflictError extends Error {
  constructor(readonly conflicts: JobKindConflict[]) {
    super(conflicts.map((c) => `"${c.statement}" is ${c.storedKind}, hired by ${c.hiredBy.join(', ')}`).join('; '));
    this.name = 'JobKindConflictError';
  }
}

export interface Hirer {
  id: string;
  nameKey: string;
}

const CHUNK = 500;

/**
 * The conflicts `drafts` would cause. `rewritten` says whether a persona that hires a job now
 * is itself rewritten by this write (then its view of the job changes with its own consent).
 */
export async function findJobKindConflicts(
  db: Db,
  { teamId, drafts, rewritten }: { teamId: string; drafts: PersonaDraft[]; rewritten: (hirer: Hirer) => boolean },
): Promise<JobKindConflict[]> {
  const wanted = new Map<string, { kind: JobKind; persona: number; job: number }>();
  drafts.forEach((d, persona) =>
    d.jobs.forEach((j, job) => {
      const key = identityKey(j.statement);
      if (!wanted.has(key)) wanted.set(key, { kind: j.kind, persona, job });
    }),
  );
  const keys = [...wanted.keys()];
  const stored = new Map<string, { statement: string; kind: JobKind; hiredBy: string[] }>();
  for (let i = 0; i < keys.length; i += CHUNK) {
    const rows = await db
      .select({ key: jobs.statementKey, statement: jobs.statement, kind: jobs.kind, personaId: personas.id, nameKey: personas.nameKey, name: personas.name })
      .from(jobs)
      .innerJoin(personaJobs, and(eq(personaJobs.teamId, teamId), eq(personaJobs.jobId, jobs.id)))
      .innerJoin(personas, and(eq(personas.teamId, teamId), eq(personas.id, personaJobs.personaId)))
      .where(and(eq(jobs.teamId, teamId), inArray(jobs.statementKey, keys.slice(i, i + CHUNK))));
    for (const r of rows) {
      if (wanted.get(r.key)?.kind === r.kind) continue;
      if (rewritten({ id: r.personaId, nameKey: r.nameKey })) continue;
      const entry = stored.get(r.key) ?? { statement: r.statement, kind: r.kind, hiredBy: [] };
      entry.hiredBy.push(r.name);
      stored.set(r.key, entry);
    }
  }
  return [...stored].map(([key, s]) => {
    const w = wanted.get(key)!;
    return { statement: s.statement, storedKind: s.kind, wantedKind: w.kind, hiredBy: s.hiredBy.sort(), persona: w.persona, job: w.job };
  });
}
