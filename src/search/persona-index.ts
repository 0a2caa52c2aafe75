// An in-memory fuzzy index over one workspace's personas and jobs. Pure: built from the
// personas it is given, so it can be tested and benchmarked without a database.
import Fuse from 'fuse.js';
import { CandidateIndex } from './candidates.js';
import { normaliseWeights } from './fuse-options.js';
import { fuseScores } from './fuse-score.js';
import type { JobKind, Persona } from '../domain/persona.js';

export interface JobEntry {
  id: string;
  kind: JobKind;
  statement: string;
  when: string | null;
  outcome: string | null;
  /** The personas who hire this job, most important first. */
  hirers: Array<{ persona: Persona; importance: number }>;
}

/**
 * A field a search matched: a persona's name, product, summary or quote, one of its attributes
 * by section and key ("demographics.role"), or a job's statement.
 */
export type MatchedField = 'name' | 'product' | 'summary' | 'quote' | 'statement' | `${AttributeSection}.${string}`;
type AttributeSection = 'demographics' | 'psychographics' | 'sociographics';

export interface Scored<T> {
  item: T;
  /** Fuse's score: 0 is a perfect match, 1 none at all. */
  score: number;
  /** Why it matched: the fields the query was found in, the one that counts most first. */
  matched: MatchedField[];
}

/**
 * What a persona needs or is measured by, searchable apart from its profile: a pain, a gain, a
 * constraint or its success metric.
 */
export interface NeedEntry {
  persona: Persona;
  kind: 'pain' | 'gain' | 'constraint' | 'success_metric';
  text: string;
}

export interface SearchResult {
  personas: Array<Scored<Persona>>;
  jobs: Array<Scored<JobEntry>>;
}

// Names matter most, then what the persona is about; attributes (role, archetype, networks…)
// and the quote still count, as weaker evidence. Fuse's keys, in order: name, product, summary,
// attributes, quote; a persona's fields are indexed in that order (each attribute value a field).
const KEY_WEIGHTS = normaliseWeights([3, 1, 1.5, 1, 0.5]);
const ATTRIBUTES = 3;
const QUOTE = 4;

/**
 * How many more documents than asked Fuse scores per search: the candidate index's estimate
 * orders documents nearly as Fuse does, and these absorb where it does not.
 */
const FUSE_MARGIN = 5;

/** Below this score a persona counts among the "other good matches" of a search. */
export const GOOD_MATCH = 0.45;

/** How loose a name may be and still be suggested when nothing matched. */
const SUGGEST_THRESHOLD = 0.5;

/** A job wins the card only when it matches clearly better than the best persona. */
export const JOB_MARGIN = 0.05;

/** A persona's attribute values, each with the attribute it is ("demographics.role"). */
function flattenAttributes(p: Persona): Array<[MatchedField, string]> {
  const out: Array<[MatchedField, string]> = [];
  for (const [section, attrs] of [
    ['demographics', p.demographics],
    ['psychographics', p.psychographics],
    ['sociographics', p.sociographics],
  ] as const) {
    for (const [key, value] of Object.entries(attrs)) {
      if (Array.isArray(value)) for (const v of value) out.push([`${section}.${key}`, v]);
      else out.push([`${section}.${key}`, value]);
    }
  }
  return out;
}

export class PersonaIndex {
  readonly personas: Persona[];
  readonly jobs: JobEntry[];
  private readonly byId: Map<string, Persona>;
  private readonly jobsById: Map<string, JobEntry>;
  /** Per persona, the index of its quote among its fields (the attributes come before it). */
  private readonly quoteField: Int32Array;
  /** Per persona, what each of its fields is, to say why a search matched it. */
  private readonly fieldNames: MatchedField[][] = [];
  private readonly personaCandidates: CandidateIndex;
  private readonly jobCandidates: CandidateIndex;
  readonly needs: NeedEntry[] = [];
  private readonly needCandidates: CandidateIndex;
  private names: Fuse<Persona> | undefined;

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
    this.quoteField = new Int32Array(this.personas.length);
    // Fields in Fuse's key order; each attribute is a group of its own for the candidate index.
    const groups: string[][] = [];
    const texts = this.personas.map((persona, i) => {
      const attributes = flattenAttributes(persona);
      groups.push(['name', 'product', 'summary', ...attributes.map(([key]) => `attribute ${key}`), 'quote']);
      this.fieldNames.push(['name', 'product', 'summary', ...attributes.map(([key]) => key), 'quote']);
      const fields = [persona.name, persona.product ?? '', persona.summary, ...attributes.map(([, value]) => value), persona.quote ?? ''];
      this.quoteField[i] = fields.length - 1;
      return fields;
    });
    this.personaCandidates = new CandidateIndex(texts, { weight: this.personaWeight, group: (doc, field) => groups[doc]![field]! });
    this.jobCandidates = new CandidateIndex(this.jobs.map((j) => [j.statement]));
    for (const persona of this.personas) {
      for (const pain of persona.pains) this.needs.push({ persona, kind: 'pain', text: pain.text });
      for (const gain of persona.gains) this.needs.push({ persona, kind: 'gain', text: gain.text });
      for (const c of persona.constraints) this.needs.push({ persona, kind: 'constraint', text: c });
      if (persona.successMetric) this.needs.push({ persona, kind: 'success_metric', text: persona.successMetric });
    }
    this.needCandidates = new CandidateIndex(this.needs.map((n) => [n.text]));
  }

  /** Pains, gains, constraints and success metrics that match `query`, best first (Fuse's score). */
  searchNeeds(query: string, limit = 20): Array<Scored<NeedEntry>> {
    const q = query.trim().slice(0, 200);
    if (!q || limit <= 0) return [];
    return fuseScores(q, this.needCandidates, this.needCandidates.rank(q, limit + FUSE_MARGIN), () => 1, limit).map((r) => ({
      item: this.needs[r.doc]!,
      score: r.score,
      matched: ['statement'],
    }));
  }

  /**
   * The personas and the jobs that match `query` best, by Fuse's score. The candidate indexes
   * pick the few worth scoring and their fields worth scoring; Fuse scores those.
   */
  search(query: string, limit = 10): SearchResult {
    const q = query.trim().slice(0, 200);
    if (!q || limit <= 0) return { personas: [], jobs: [] };
    const personas = fuseScores(q, this.personaCandidates, this.personaCandidates.rank(q, limit + FUSE_MARGIN), this.personaWeight, limit);
    const jobs = fuseScores(q, this.jobCandidates, this.jobCandidates.rank(q, limit + FUSE_MARGIN), () => 1, limit);
    return {
      personas: personas.map((r) => ({ item: this.personas[r.doc]!, score: r.score, matched: r.fields.map((f) => this.fieldNames[r.doc]![f]!) })),
      jobs: jobs.map((r) => ({ item: this.jobs[r.doc]!, score: r.score, matched: ['statement'] })),
    };
  }

  /** The weight of Fuse's key for a persona's field: the candidate index and Fuse's scoring weigh alike. */
  private readonly personaWeight = (doc: number, field: number): number => KEY_WEIGHTS[this.personaKey(doc, field)]!;

  /** Which of Fuse's keys a persona's field is (index into KEY_WEIGHTS). */
  private personaKey(doc: number, field: number): number {
    if (field < ATTRIBUTES) return field;
    return field === this.quoteField[doc] ? QUOTE : ATTRIBUTES;
  }

  /** Looser search over names only, for "did you mean" suggestions when nothing matched. */
  suggestNames(query: string, limit = 3): string[] {
    // Built on the first miss and kept with the index: at 10,000 personas building it costs as
    // much as the search itself (about 30 ms each).
    // Only names that are near the query: a list of unrelated names reads as if they matched.
    this.names ??= new Fuse(this.personas, { keys: ['name'], includeScore: true, ignoreLocation: true, threshold: SUGGEST_THRESHOLD });
    return this.names.search(query.trim().slice(0, 60), { limit }).map((r) => r.item.name);
  }

  persona(id: string): Persona | undefined {
    return this.byId.get(id);
  }

  job(id: string): JobEntry | undefined {
    return this.jobsById.get(id);
  }
}
