// The one persona search behind `/persona`, the App Home search and the CLI's `show`: a
// persona matches through its own fields (name, summary, attributes …), through the jobs it
// hires, and through its pains, gains, constraints and success metric; every hit says why.
import type { WorkspaceIndexes } from '../search/workspace-indexes.js';
import { JOB_MARGIN } from '../search/persona-index.js';
import type { JobEntry, MatchedField, PersonaIndex, Scored } from '../search/persona-index.js';
import type { Persona } from '../domain/persona.js';

/** Why a persona matched a search, in the order that says most. */
export type MatchReason =
  | { on: 'name' | 'product' | 'summary' | 'quote' }
  | { on: 'attribute'; section: 'demographics' | 'psychographics' | 'sociographics'; key: string }
  | { on: 'job' | 'pain' | 'gain' | 'constraint' | 'success_metric'; text: string }
  /** Not a match itself: shares the product of the best match (`like`), offered as related. */
  | { on: 'same_product'; product: string; like: string };

export interface PersonaHit {
  persona: Persona;
  /** 0 is a perfect match, 1 none at all; Fuse's scale, jobs and needs weighed in as extra keys. */
  score: number;
  reasons: MatchReason[];
}

export type LookupResult =
  | { kind: 'persona'; persona: Persona; reasons: MatchReason[]; others: PersonaHit[] }
  | { kind: 'job'; job: JobEntry; others: PersonaHit[] }
  | { kind: 'none'; query: string; suggestions: string[]; workspaceEmpty: boolean };

const MAX_OTHERS = 4;
/**
 * Hits a card's search keeps: the persona shown and its other matches need far fewer than a
 * list does, and each one more costs Fuse scoring on every `/persona`.
 */
const CARD_HITS = 10;
/** At most this many job or need reasons per persona: the first say enough. */
const MAX_TEXT_REASONS = 3;

// A persona's own fields weigh 3 (name), 1 (product), 1.5 (summary), 1 (attributes) and 0.5
// (quote) of 7 in its Fuse score. A job it hires counts as much as its summary, a pain, gain,
// constraint or success metric as much as an attribute: the same scale, so one ranking holds all.
const JOB_WEIGHT = 1.5 / 7;
const NEED_WEIGHT = 1 / 7;
/** Other matches offered next to a card: clearly matching ones, not every faint echo. */
const OTHER_MATCH = 0.6;

function reasonFor(field: MatchedField): MatchReason {
  if (field === 'name' || field === 'product' || field === 'summary' || field === 'quote') return { on: field };
  if (field === 'statement') return { on: 'summary' };
  const dot = field.indexOf('.');
  return { on: 'attribute', section: field.slice(0, dot) as 'demographics', key: field.slice(dot + 1) };
}

/** Phrases for the reasons, plain text (callers escape for their medium): `name`, `job “…”`. */
export function describeReasons(reasons: readonly MatchReason[]): string[] {
  return reasons.map((r) => {
    switch (r.on) {
      case 'attribute':
        return `${r.key} (${r.section})`;
      case 'job':
      case 'pain':
      case 'gain':
      case 'constraint':
        return `${r.on} “${r.text}”`;
      case 'success_metric':
        return `success metric “${r.text}”`;
      case 'same_product':
        return `same product as ${r.like} (${r.product})`;
      default:
        return r.on;
    }
  });
}

export interface FullSearch {
  hits: PersonaHit[];
  /** The best job and the best persona by its own fields, for deciding whether a job card answers. */
  bestJob?: Scored<JobEntry>;
  bestDirect?: number;
}

/** Personas matching `query` through any of their parts, best first; the related ones last. */
export function searchPersonaHits(index: PersonaIndex, query: string, limit = 20): FullSearch {
  const { personas, jobs } = index.search(query, limit);
  const needs = index.searchNeeds(query, limit * 2);
  const byId = new Map<string, PersonaHit>();
  const hit = (p: Persona): PersonaHit => {
    let h = byId.get(p.id);
    if (!h) {
      h = { persona: p, score: 1, reasons: [] };
      byId.set(p.id, h);
    }
    return h;
  };
  for (const r of personas) {
    const h = hit(r.item);
    h.score *= r.score;
    h.reasons.push(...r.matched.map(reasonFor));
  }
  const textReasons = (h: PersonaHit) => h.reasons.filter((x) => 'text' in x).length;
  for (const r of jobs) {
    const factor = Math.max(r.score, Number.EPSILON) ** JOB_WEIGHT;
    for (const { persona } of r.item.hirers) {
      const h = hit(persona);
      h.score *= factor;
      if (textReasons(h) < MAX_TEXT_REASONS) h.reasons.push({ on: 'job', text: r.item.statement });
    }
  }
  for (const r of needs) {
    const h = hit(r.item.persona);
    h.score *= Math.max(r.score, Number.EPSILON) ** NEED_WEIGHT;
    if (textReasons(h) < MAX_TEXT_REASONS) h.reasons.push({ on: r.item.kind, text: r.item.text });
  }
  const sorted = [...byId.values()].sort((a, b) => a.score - b.score || a.persona.name.localeCompare(b.persona.name));
  // The best hit always counts; after it, only clear matches, not every faint echo ("bike"
  // is not "business").
  const hits = sorted.filter((h, i) => i === 0 || h.score <= OTHER_MATCH);
  // Personas of the same product as the best match are related even when the words differ
  // ("insurance" finds the renter; the landlord is insured by the same product). Not when the
  // query named the persona: then the rest of its product is beside the point.
  const best = hits[0];
  if (best?.persona.product && best.reasons[0]?.on !== 'name') {
    // Only as many as the answer holds: a workspace whose personas are all of one product
    // would otherwise build a hit for every one of them on every search, to keep `limit`.
    for (const p of index.personas) {
      if (hits.length >= limit) break;
      if (p.product === best.persona.product && !byId.has(p.id)) {
        hits.push({ persona: p, score: 1, reasons: [{ on: 'same_product', product: p.product, like: best.persona.name }] });
      }
    }
  }
  return { hits: hits.slice(0, limit), bestJob: jobs[0], bestDirect: personas[0]?.score };
}

/** The other matches worth offering next to a card: clear matches and the related ones. */
export function otherMatches(hits: readonly PersonaHit[], shownId: string | null): PersonaHit[] {
  return hits.filter((h) => h.persona.id !== shownId).slice(0, MAX_OTHERS);
}

export class LookupService {
  constructor(private readonly indexes: WorkspaceIndexes) {}

  async lookup(teamId: string, query: string): Promise<LookupResult> {
    const index = await this.indexes.get(teamId);
    const { hits, bestJob, bestDirect } = searchPersonaHits(index, query, CARD_HITS);
    if (bestJob && (bestDirect === undefined || bestJob.score + JOB_MARGIN < bestDirect)) {
      const hirers = new Set(bestJob.item.hirers.map((h) => h.persona.id));
      return { kind: 'job', job: bestJob.item, others: otherMatches(hits, null).filter((h) => !hirers.has(h.persona.id)) };
    }
    const [first] = hits;
    if (first && first.reasons[0]?.on !== 'same_product') {
      return { kind: 'persona', persona: first.persona, reasons: first.reasons, others: otherMatches(hits, first.persona.id) };
    }
    return { kind: 'none', query, suggestions: index.suggestNames(query), workspaceEmpty: index.personas.length === 0 };
  }

  /**
   * One persona's card among a search's matches (an "other match" button was clicked): the
   * persona, why it matched, and the rest of the matches, so the alternatives stay on offer.
   */
  async among(teamId: string, id: string, query: string): Promise<{ persona: Persona; reasons: MatchReason[]; others: PersonaHit[] } | undefined> {
    const index = await this.indexes.get(teamId);
    const persona = index.persona(id);
    if (!persona) return undefined;
    const { hits } = searchPersonaHits(index, query, CARD_HITS);
    const reasons = hits.find((h) => h.persona.id === id)?.reasons ?? [];
    return { persona, reasons, others: otherMatches(hits, id) };
  }

  async persona(teamId: string, id: string): Promise<Persona | undefined> {
    return (await this.indexes.get(teamId)).persona(id);
  }

  async job(teamId: string, id: string): Promise<JobEntry | undefined> {
    return (await this.indexes.get(teamId)).job(id);
  }

  /** Personas matching `query` through any of their parts, best first, each with why. */
  async searchHits(teamId: string, query: string, limit = 50): Promise<PersonaHit[]> {
    return searchPersonaHits(await this.indexes.get(teamId), query, limit).hits;
  }

  /** The personas of `searchHits`, without the why. */
  async searchPersonas(teamId: string, query: string, limit = 50): Promise<Persona[]> {
    return (await this.searchHits(teamId, query, limit)).map((h) => h.persona);
  }

  async all(teamId: string): Promise<Persona[]> {
    return (await this.indexes.get(teamId)).personas;
  }
}
