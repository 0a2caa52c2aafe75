// The team's labelled examples: learning them from a file (all or nothing, idempotent), from a
// correction in Slack, listing and forgetting them, and handing them to the review engine.
// The ad's text is stored only when REVIEW_STORE_TEXT is on; otherwise what learning needs:
// its vector and its hashed word keys (see review-engine/score/examples.ts).
import type { Db } from '../db/client.js';
import { deleteAllExamples, deleteExamples, examplesStamp, listExamples, upsertExamples } from '../db/queries/examples.js';
import type { ExampleRow, NewExample } from '../db/queries/examples.js';
import { listPersonas } from '../db/queries/personas.js';
import { identityKey } from '../domain/persona.js';
import type { ChannelId, Persona } from '../domain/persona.js';
import type { ReviewEngine } from '../review-engine/engine.js';
import type { LabelledExample } from '../review-engine/score/examples.js';
import { textHash } from '../review-engine/vector-store.js';
import type { FileProblem } from '../personas/parse-file.js';
import { parseLearnFile } from './learn-file.js';

export class LearnFileError extends Error {
  override name = 'LearnFileError';
  constructor(readonly problems: FileProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.field ? `${p.field}: ` : ''}${p.message}`).join('\n'));
  }
}

export interface LearnSummary {
  added: number;
  changed: number;
  unchanged: number;
  ids: string[];
}

export interface LabelledAd {
  text: string;
  /** The persona's id, or null: generic. */
  personaId: string | null;
  /** Job statements as the persona states them; null when not labelled. */
  jobs: readonly string[] | null;
  channel: ChannelId | null;
  externalId: string | null;
}

/** Turns ads into stored examples: features computed once, text kept only when allowed. */
async function toNewExamples(
  engine: ReviewEngine,
  ads: readonly LabelledAd[],
  meta: { source: NewExample['source']; sourceRef: string | null; actor: string; storeText: boolean },
): Promise<NewExample[]> {
  const out: NewExample[] = [];
  for (const ad of ads) {
    const f = await engine.exampleFeatures(ad.text);
    out.push({
      textHash: textHash(ad.text),
      personaId: ad.personaId,
      jobs: ad.jobs ?? [],
      jobsKnown: ad.jobs !== null,
      adChannel: ad.channel,
      externalId: ad.externalId,
      source: meta.source,
      sourceRef: meta.sourceRef,
      draftText: meta.storeText ? ad.text : null,
      model: f.model,
      vector: f.vector,
      terms: f.terms,
      createdBy: meta.actor,
    });
  }
  return out;
}

/**
 * Learns a file of labelled ads into a workspace. Every persona and job must be known (else
 * nothing is stored and every problem is reported as file:line:column); a text learned before
 * keeps one example, so learning the same file twice changes nothing.
 */
export async function learnFile(
  db: Db,
  engine: ReviewEngine,
  args: { teamId: string; text: string; file: string; actor: string; storeText: boolean; now: Date },
): Promise<LearnSummary> {
  const parsed = parseLearnFile(args.text, args.file);
  if (!parsed.ok) throw new LearnFileError(parsed.problems);
  const personas = await listPersonas(db, { teamId: args.teamId });
  const byName = new Map(personas.map((p) => [identityKey(p.name), p]));
  const problems: FileProblem[] = [];
  const ads: LabelledAd[] = [];
  parsed.cases.forEach((c, i) => {
    const field = `cases[${i}]`;
    let persona: Persona | null = null;
    if (c.persona !== null) {
      persona = byName.get(identityKey(c.persona)) ?? null;
      if (!persona) {
        problems.push({
          file: args.file,
          ...c.personaAt,
          field: `${field}.persona`,
          message: `no persona named "${c.persona}" in this workspace${hint(personas)}`,
        });
        return;
      }
    }
    const jobs: string[] = [];
    (c.jobs ?? []).forEach((j, k) => {
      const known = persona?.jobs.find((x) => identityKey(x.statement) === identityKey(j));
      if (known) jobs.push(known.statement);
      else
        problems.push({
          file: args.file,
          ...c.jobsAt[k]!,
          field: `${field}.jobs[${k}]`,
          message: persona ? `${persona.name} has no job "${j}"` : `a generic ad (persona: null) addresses no persona's job; "${j}" cannot be learned`,
        });
    });
    ads.push({ text: c.text, personaId: persona?.id ?? null, jobs: c.jobs === null ? (persona ? null : []) : jobs, channel: c.channel, externalId: c.id });
  });
  if (problems.length > 0) throw new LearnFileError(problems);
  const examples = await toNewExamples(engine, ads, { source: 'file', sourceRef: args.file, actor: args.actor, storeText: args.storeText });
  return db.transaction((tx) => upsertExamples(tx, { teamId: args.teamId, examples, now: args.now }));
}

function hint(personas: readonly Persona[]): string {
  if (personas.length === 0) return ' (the workspace has no personas yet)';
  const names = personas.slice(0, 8).map((p) => p.name);
  return `; known: ${names.join(', ')}${personas.length > 8 ? ', …' : ''}`;
}

/** Stores one labelled ad (a correction in Slack, a persona file's `examples:`). */
export async function learnAd(
  db: Db,
  engine: ReviewEngine,
  args: { teamId: string; ad: LabelledAd; source: NewExample['source']; sourceRef: string | null; actor: string; storeText: boolean; now: Date },
): Promise<LearnSummary> {
  const examples = await toNewExamples(engine, [args.ad], { source: args.source, sourceRef: args.sourceRef, actor: args.actor, storeText: args.storeText });
  return upsertExamples(db, { teamId: args.teamId, examples, now: args.now });
}

export function listTeamExamples(db: Db, args: { teamId: string; personaId?: string | null }): Promise<ExampleRow[]> {
  return listExamples(db, args);
}

export async function forgetExamples(db: Db, args: { teamId: string; ids: readonly string[] } | { teamId: string; all: true }): Promise<number> {
  return 'all' in args ? deleteAllExamples(db, { teamId: args.teamId }) : deleteExamples(db, args);
}

/** What the engine learns from: stored rows as labelled examples. */
export function toLabelled(rows: readonly ExampleRow[]): LabelledExample[] {
  return rows.map((r) => ({
    id: r.id,
    personaId: r.personaId,
    jobs: r.jobs,
    jobsKnown: r.jobsKnown,
    vector: r.vector,
    model: r.model,
    terms: r.terms,
  }));
}

/**
 * A workspace's examples for reviews, read from the database only when they changed (one small
 * query per review tells: how many there are and when the last was written). The same array is
 * handed out until then, so the engine's prepared index of them is reused.
 */
export class ExampleCache {
  private readonly teams = new Map<string, { stamp: string; examples: LabelledExample[] }>();
  constructor(private readonly db: Db) {}

  async get(teamId: string): Promise<LabelledExample[]> {
    const { count, stamp } = await examplesStamp(this.db, { teamId });
    const known = this.teams.get(teamId);
    if (known && known.stamp === stamp) return known.examples;
    const examples = count === 0 ? [] : toLabelled(await listExamples(this.db, { teamId }));
    this.teams.set(teamId, { stamp, examples });
    return examples;
  }

  /** Forgets what is held for a workspace (after a write whose stamp may look unchanged). */
  invalidate(teamId: string): void {
    this.teams.delete(teamId);
  }
}
