// An in-memory fuzzy index over one workspace's personas and jobs. Pure: built from the
// personas it is given, so it can be tested and benchmarked without a database.
import Fuse from 'fuse.js';
import { CandidateIndex } from './candidates.js';
import type { FuseOptionKey } from 'fuse.js';
import type { JobKind, Persona } from '../personas/model.js';

export interface JobEntry {
  id: string;
  kind: JobKind;
  statement: string;
  when: string | null;
  outcome: string | null;
  /** The personas who hire this job, most important first. */
  hirers: Array<{ persona: Persona; importance: number }>;
}

export interface Scored<T> {
  item: T;
  /** Fuse's score: 0 is a perfect match, 1 none at all. */
  score: number;
}

export interface SearchResult {
  personas: Array<Scored<Persona>>;
  jobs: Array<Scored<JobEntry>>;
}

interface PersonaDoc {
  persona: Persona;
  name: string;
  product: string;
  summary: string;
  attributes: string[];
  quote: string;
}

// Names matter most, then what the persona is about; attributes (role, archetype, networks…)
// and the quote still count, as weaker evidence.
const PERSONA_KEYS: Array<FuseOptionKey<PersonaDoc>> = [
  { name: 'name', weight: 3 },
  { name: 'product', weight: 1 },
  { name: 'summary', weight: 1.5 },
  { name: 'attributes', weight: 1 },
  { name: 'quote', weight: 0.5 },
];

const FUSE_OPTIONS = {
  includeScore: true,
  // Words far into a summary or a statement count as much as the first ones.
  ignoreLocation: true,
  // A word in a long summary is as good a hit as the same word in a short name; field-length
  // normalisation otherwise lets "busy" find a job about "business" before a persona whose
  // summary says "busy". It also makes a document's score independent of the others, which
  // the candidate pre-filter relies on.
  ignoreFieldNorm: true,
  threshold: 0.4,
} as const;

/** How many pre-filtered documents Fuse scores per query. */
const CANDIDATES = 40;

/** Below this score a persona counts among the "other good matches" of a search. */
export const GOOD_MATCH = 0.45;

/** A job wins the card only when it matches clearly better than the best persona. */
export const JOB_MARGIN = 0.05;

function flattenAttributes(p: Persona): string[] {
  const out: string[] = [];
  for (const attrs of [p.demographics, p.psychographics, p.sociographics]) {
    for (const value of Object.values(attrs)) {
      if (Array.isArray(value)) out.push(...value);
      else out.push(value);
    }
  }
  return out;
}

export class PersonaIndex {
  readonly personas: Persona[];
  readonly jobs: JobEntry[];
  private readonly byId: Map<string, Persona>;
  private readonly jobsById: Map<string, JobEntry>;
  private readonly personaDocs: PersonaDoc[];
  private readonly personaCandidates: CandidateIndex;
  private readonly jobCandidates: CandidateIndex;

  constructor(personas: Persona[]) {
    this.personas = personas.filter((p) => !p.archived);
    this.byId = new Map(this.personas.map((p) => [p.id, p]));
    const jobs = new Map<string, JobEntry>();
    for (const persona of this.personas) {
      for (const job of persona.jobs) {
        let entry = jobs.get(job.id);
        if (!entry) {
          entry = { id: job.id, kind: job.kind, statement: job.statement, when: job.when, outcome: job.outcome, hirers: [] };
          jobs.set(job.id, entry);
        }
        entry.hirers.push({ persona, importance: job.importance });
      }
    }
    for (const entry of jobs.values()) entry.hirers.sort((a, b) => b.importance - a.importance || a.persona.name.localeCompare(b.persona.name));
    this.jobs = [...jobs.values()];
    this.jobsById = jobs;
    const docs = this.personas.map((persona) => ({
      persona,
      name: persona.name,
      product: persona.product ?? '',
      summary: persona.summary,
      attributes: flattenAttributes(persona),
      quote: persona.quote ?? '',
    }));
    this.personaDocs = docs;
    this.personaCandidates = new CandidateIndex(docs.map((d) => [d.name, d.product, d.summary, d.quote, ...d.attributes]));
    this.jobCandidates = new CandidateIndex(this.jobs.map((j) => [j.statement]));
  }

  search(query: string, limit = 10): SearchResult {
    const q = query.trim().slice(0, 200);
    if (!q) return { personas: [], jobs: [] };
    const personaDocs = this.personaCandidates.candidates(q, CANDIDATES).map((i) => this.personaDocs[i]!);
    const jobDocs = this.jobCandidates.candidates(q, CANDIDATES).map((i) => this.jobs[i]!);
    return {
      personas: new Fuse(personaDocs, { ...FUSE_OPTIONS, keys: PERSONA_KEYS })
        .search(q, { limit })
        .map((r) => ({ item: r.item.persona, score: r.score ?? 1 })),
      jobs: new Fuse(jobDocs, { ...FUSE_OPTIONS, keys: ['statement'] }).search(q, { limit }).map((r) => ({ item: r.item, score: r.score ?? 1 })),
    };
  }

  /** Looser search over names only, for "did you mean" suggestions when nothing matched. */
  suggestNames(query: string, limit = 3): string[] {
    const names = new Fuse(this.personas, { keys: ['name'], includeScore: true, ignoreLocation: true, threshold: 0.8 });
    const found = names.search(query.trim().slice(0, 60), { limit }).map((r) => r.item.name);
    return found.length > 0 ? found : this.personas.slice(0, limit).map((p) => p.name);
  }

  persona(id: string): Persona | undefined {
    return this.byId.get(id);
  }

  job(id: string): JobEntry | undefined {
    return this.jobsById.get(id);
  }
}
