// What `/persona <query>` answers: the best persona, the job it is really about, or nothing.
import type { WorkspaceIndexes } from '../search/workspace-indexes.js';
import { GOOD_MATCH, JOB_MARGIN } from '../search/persona-index.js';
import type { JobEntry } from '../search/persona-index.js';
import type { Persona } from '../domain/persona.js';

export type LookupResult =
  | { kind: 'persona'; persona: Persona; others: Persona[] }
  | { kind: 'job'; job: JobEntry }
  | { kind: 'none'; query: string; suggestions: string[]; workspaceEmpty: boolean };

const MAX_OTHERS = 4;

export class LookupService {
  constructor(private readonly indexes: WorkspaceIndexes) {}

  async lookup(teamId: string, query: string): Promise<LookupResult> {
    const index = await this.indexes.get(teamId);
    const { personas, jobs } = index.search(query);
    const bestPersona = personas[0];
    const bestJob = jobs[0];
    if (bestJob && (!bestPersona || bestJob.score + JOB_MARGIN < bestPersona.score)) return { kind: 'job', job: bestJob.item };
    if (bestPersona) {
      const others = personas
        .slice(1)
        .filter((r) => r.score <= GOOD_MATCH)
        .slice(0, MAX_OTHERS)
        .map((r) => r.item);
      return { kind: 'persona', persona: bestPersona.item, others };
    }
    return { kind: 'none', query, suggestions: index.suggestNames(query), workspaceEmpty: index.personas.length === 0 };
  }

  async persona(teamId: string, id: string): Promise<Persona | undefined> {
    return (await this.indexes.get(teamId)).persona(id);
  }

  async job(teamId: string, id: string): Promise<JobEntry | undefined> {
    return (await this.indexes.get(teamId)).job(id);
  }

  /** Personas matching `query` (directly, or through a job they hire), best first. */
  async searchPersonas(teamId: string, query: string, limit = 50): Promise<Persona[]> {
    const { personas, jobs } = (await this.indexes.get(teamId)).search(query, limit);
    const seen = new Set<string>();
    const out: Persona[] = [];
    const scored = [
      ...personas.map((r) => ({ score: r.score, list: [r.item] })),
      ...jobs.map((r) => ({ score: r.score, list: r.item.hirers.map((h) => h.persona) })),
    ].sort((a, b) => a.score - b.score);
    for (const { list } of scored) {
      for (const p of list) {
        if (seen.has(p.id)) continue;
        seen.add(p.id);
        out.push(p);
      }
    }
    return out.slice(0, limit);
  }

  async all(teamId: string): Promise<Persona[]> {
    return (await this.indexes.get(teamId)).personas;
  }
}
