// The copy review engine: persona fit, jobs addressed and channel suitability for one draft.
// No Slack and no CLI here: both call `createReviewEngine(...).review(...)`.
//
// `prepare(teamId, personas)` builds the persona side once (statement vectors from memory, the
// database or the model; a lexical index) and is reused until the personas change. A review
// then embeds only the draft's pieces, in one batch.
import type { Clock } from '../domain/clock.js';
import { systemClock } from '../domain/clock.js';
import { ageInDays } from '../domain/freshness.js';
import { channelName, identityKey } from '../domain/persona.js';
import type { ChannelId, Persona } from '../domain/persona.js';
import { BACKGROUND_STATEMENTS } from './background.js';
import { GENERIC_PROTOTYPES } from './score/prototypes.js';
import { calibration as defaultCalibration } from './score/calibration.js';
import type { Calibration } from './score/calibration.js';
import { draftParts } from './channels/assets.js';
import { rankChannels } from './channels/rank.js';
import { RULES_VERSION } from './channels/rules.js';
import { checkHouseRules } from './house-rules/check.js';
import type { HouseRuleSet } from './house-rules/check.js';
import { graphemeCount, scriptMix, takeGraphemes } from './text/counting.js';
import { lowercasing } from './embedder.js';
import type { Embedder } from './embedder.js';
import { analyseDraft, scoreDraft } from './score/features.js';
import type { DraftAnalysis, DraftScores, Reference } from './score/features.js';
import { NOTES, sortFindings, verdictOf } from './findings.js';
import type { Finding } from './findings.js';
import { analyseFraming } from './text/framing.js';
import { focusFinding, jobRoles } from './score/jobs.js';
import { assessPersonas, closeCallOf, rankAssessments } from './score/persona-fit.js';
import type { JobHit, PersonaAssessment } from './score/persona-fit.js';
import { buildIndex, buildItems, personaSignature } from './score/prepared-personas.js';
import type { PreparedPersonas } from './score/prepared-personas.js';
import type { ReviewResult } from './result.js';
import { segmentDraft } from './text/segment.js';
import { meanVector, prepareExamples, termsOf, voteOf } from './score/examples.js';
import type { ExampleFeatures, ExampleVotes, LabelledExample, LearningParams } from './score/examples.js';
import { VectorCache, vectorsFor } from './vector-store.js';
import type { VectorStore } from './vector-store.js';

export interface ReviewEngineOptions {
  /** The sentence model, or null to review with word overlap alone. */
  embedder: Embedder | null;
  /** Why there is no model (said in every lexical review). */
  embedderReason?: string | null;
  /** Where persona-side vectors are kept between processes; memory only without it. */
  store?: VectorStore;
  clock?: Clock;
  cache?: VectorCache;
  calibration?: Calibration;
  /** Language analysis reads at most this many characters; limits still count the whole draft. */
  maxAnalysisCharacters?: number;
  /** Pieces of the draft embedded per review. */
  maxPieces?: number;
  /** A persona whose research is older than this many days gets a note when it is reviewed against. */
  staleAfterDays?: number;
  /** How the team's examples move a review (score/examples.ts); for measuring alternatives. */
  learning?: LearningParams;
}

export interface ReviewInput {
  text: string;
  /** The workspace's personas. Treated as immutable: pass a new array when they change. */
  personas: Persona[];
  teamId: string;
  /** Review against this persona (name, any case): its jobs are the ones counted. */
  persona?: string;
  channel?: ChannelId;
  /** The workspace's own rules (house rules), checked on the channel reviewed for. */
  houseRules?: HouseRuleSet;
  /** The workspace's labelled examples (see score/examples.ts); none: the engine's own judgement. Treated as immutable. */
  examples?: readonly LabelledExample[];
}

export interface PrepareStats {
  personas: number;
  texts: number;
  mode: 'semantic' | 'lexical';
  fromMemory: number;
  fromDatabase: number;
  computed: number;
  ms: number;
  reused: boolean;
}

export interface ReviewEngine {
  readonly mode: 'semantic' | 'lexical';
  readonly model: string | null;
  /** `onProgress` hears of the vectors the model computes (texts done of those missing). */
  prepare(teamId: string, personas: Persona[], options?: { onProgress?: (done: number, total: number) => void }): Promise<PrepareStats>;
  review(input: ReviewInput): Promise<ReviewResult>;
  /** The measurements behind a review, before any threshold: for calibration and tests. */
  inspect(input: ReviewInput): Promise<DraftInspection>;
  /** What is kept of a labelled example so that reviews can learn from it (computed once, then stored). */
  exampleFeatures(text: string): Promise<ExampleFeatures>;
}

export interface DraftInspection {
  index: PreparedPersonas;
  draft: DraftAnalysis;
  scores: DraftScores;
  semantic: boolean;
  analysed: string;
  votes: ExampleVotes | null;
}

export class UnknownPersonaError extends Error {
  override name = 'UnknownPersonaError';
  constructor(
    readonly requested: string,
    readonly known: string[],
  ) {
    super(
      `no persona named "${requested}"${known.length ? `; known: ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', …' : ''}` : ' (the workspace has none)'}`,
    );
  }
}

export const DEFAULT_MAX_ANALYSIS_CHARACTERS = 2_000;
export const DEFAULT_MAX_PIECES = 16;

export function createReviewEngine(options: ReviewEngineOptions): ReviewEngine {
  const clock = options.clock ?? systemClock;
  const cache = options.cache ?? new VectorCache();
  const cal = options.calibration ?? defaultCalibration;
  const maxChars = options.maxAnalysisCharacters ?? DEFAULT_MAX_ANALYSIS_CHARACTERS;
  const maxPieces = options.maxPieces ?? DEFAULT_MAX_PIECES;
  const staleDays = options.staleAfterDays ?? 365;
  let embedder: Embedder | null = options.embedder ? lowercasing(options.embedder) : null;
  let lexicalReason: string | null = options.embedder ? null : (options.embedderReason ?? 'no sentence model was given');

  const prepared = new Map<string, PreparedPersonas>();
  const preparing = new Map<string, Promise<{ index: PreparedPersonas; stats: PrepareStats }>>();

  function disable(reason: string): void {
    embedder = null;
    lexicalReason = reason;
  }

  async function loadReferences(): Promise<{ background: Reference; generic: Reference } | null> {
    if (!embedder) return null;
    return referencesFor(embedder);
  }

  async function prepareIndex(
    teamId: string,
    personas: Persona[],
    onProgress?: (done: number, total: number) => void,
  ): Promise<{ index: PreparedPersonas; stats: PrepareStats }> {
    const started = performance.now();
    const signature = personaSignature(personas);
    const existing = prepared.get(teamId);
    const wantSemantic = embedder !== null;
    if (existing && existing.signature === signature && (existing.matrix !== null) === wantSemantic) {
      return {
        index: existing,
        stats: {
          personas: personas.length,
          texts: existing.texts.length,
          mode: existing.matrix ? 'semantic' : 'lexical',
          fromMemory: 0,
          fromDatabase: 0,
          computed: 0,
          ms: performance.now() - started,
          reused: true,
        },
      };
    }
    const key = `${teamId}\u0000${signature}\u0000${wantSemantic}`;
    const pending = preparing.get(key);
    if (pending) return pending;
    const work = (async () => {
      const { texts } = buildItems(personas);
      let vectors: Float32Array[] | null = null;
      let stats = { fromMemory: 0, fromDatabase: 0, computed: 0 };
      if (embedder) {
        try {
          await loadReferences();
          const found = await vectorsFor({ embedder, teamId, texts, cache, store: options.store, onProgress });
          vectors = found.vectors;
          stats = { fromMemory: found.fromMemory, fromDatabase: found.fromDatabase, computed: found.computed };
        } catch (err) {
          disable(`the sentence model failed while preparing personas: ${(err as Error).message}`);
          vectors = null;
        }
      }
      const index = buildIndex({ teamId, personas, signature, vectors, model: embedder?.model ?? null });
      prepared.set(teamId, index);
      return {
        index,
        stats: {
          personas: personas.length,
          texts: texts.length,
          mode: index.matrix ? ('semantic' as const) : ('lexical' as const),
          ...stats,
          ms: performance.now() - started,
          reused: false,
        },
      };
    })();
    preparing.set(key, work);
    try {
      return await work;
    } finally {
      preparing.delete(key);
    }
  }

  async function analyse(input: ReviewInput) {
    const text = typeof input.text === 'string' ? input.text : '';
    const notes: Finding[] = [];
    const total = graphemeCount(text);
    const analysed = takeGraphemes(text, maxChars);
    const analysedCount = Math.min(total, maxChars);
    if (total > maxChars)
      notes.push({
        severity: 'info',
        rule: NOTES.truncated,
        message: `Only the first ${maxChars.toLocaleString('en')} of ${total.toLocaleString('en')} characters were read for personas, jobs and framing; limits count all ${total.toLocaleString('en')}.`,
        actual: total,
        limit: maxChars,
      });

    let target: Persona | null = null;
    if (input.persona !== undefined && input.persona.trim() !== '') {
      const want = identityKey(input.persona);
      target = input.personas.find((p) => identityKey(p.name) === want) ?? null;
      if (!target)
        throw new UnknownPersonaError(
          input.persona,
          input.personas.map((p) => p.name),
        );
    }

    const { index } = await prepareIndex(input.teamId, input.personas);
    const mix = scriptMix(analysed);
    const readable = mix.letters === 0 || mix.otherShare <= 0.5;
    if (!readable)
      notes.push({
        severity: 'info',
        rule: NOTES.language,
        message: `Most of the draft is in ${mix.otherScript ?? 'a non-Latin'} script; the language analysis reads English, so persona fit and jobs were not assessed. Limits were checked as usual.`,
      });
    const segments = readable ? segmentDraft(analysed, { maxSegments: maxPieces }) : [];

    let vectors: Float32Array[] | null = null;
    const refs = index.matrix && embedder ? await loadReferences().catch(() => null) : null;
    if (index.matrix && embedder && refs && segments.length > 0 && index.items.length > 0) {
      try {
        vectors = (await embedder.embed(segments.map((s) => s.clean))).map((v) => Float32Array.from(v));
      } catch (err) {
        notes.push({
          severity: 'info',
          rule: NOTES.lexicalOnly,
          message: `The sentence model failed on this draft (${(err as Error).message}); reviewed by word overlap only, so paraphrases may be missed.`,
        });
      }
    }
    const semantic = vectors !== null;
    // With no personas (or an empty draft) nothing is compared: the mode is what the engine would use.
    const mode = semantic || (embedder !== null && (index.items.length === 0 || segments.length === 0)) ? 'semantic' : 'lexical';
    if (!semantic && !notes.some((n) => n.rule === NOTES.lexicalOnly) && segments.length > 0 && index.items.length > 0)
      notes.push({
        severity: 'info',
        rule: NOTES.lexicalOnly,
        message: `Reviewed by word overlap only (${lexicalReason ?? 'the sentence model is not available'}): drafts that paraphrase a job may be missed.`,
      });
    const draft = analyseDraft(segments, vectors, refs?.background ?? null, refs?.generic ?? null);
    const scores = scoreDraft(semantic ? index : { ...index, matrix: null }, draft);
    const votes =
      input.examples && input.examples.length > 0 && segments.length > 0
        ? voteOf({
            prepared: prepareExamples(input.examples),
            draftVector: semantic ? meanVector(vectors!) : null,
            model: semantic ? (embedder?.model ?? null) : null,
            draftTerms: draft.keys[draft.keys.length - 1]!,
            jobKey: identityKey,
            params: options.learning,
          })
        : null;
    return { text, total, analysed, analysedCount, target, index, segments, draft, scores, semantic, mode, notes, votes } as const;
  }

  async function review(input: ReviewInput): Promise<ReviewResult> {
    const { text, total, analysed, analysedCount, target, index, segments, draft, scores, semantic, mode, notes, votes } = await analyse(input);
    const assessed = rankAssessments(assessPersonas({ index, draft, scores, model: semantic ? cal.semantic : cal.lexical, text: analysed, votes }));

    const focus: PersonaAssessment | null = target
      ? (assessed.find((a) => a.persona === target) ?? null)
      : assessed[0] && assessed[0].match !== 'none'
        ? assessed[0]
        : null;
    const jobsAddressed = focus ? focus.jobs.length : 0;
    const relatedFor = (jobs: PersonaAssessment['jobs']) => relatedJobs(index, jobs);
    const focusRoles = focus ? jobRoles(focus.jobs, relatedFor(focus.jobs)) : [];
    const parts = draftParts(text);
    const framing = analyseFraming(takeGraphemes(parts.primary || text, maxChars), focus?.jobs.map((j) => j.kind) ?? []);
    const hook = focus?.jobs[0] ? { text: focus.jobs[0].evidence, start: focus.jobs[0].evidenceStart } : null;
    const channelPersona = focus ?? (target ? assessed.find((a) => a.persona === target) : null) ?? null;
    const ranks = rankChannels(
      { text, parts, framing, hook },
      channelPersona ? { name: channelPersona.persona.name, channels: channelPersona.persona.channels } : null,
    );
    const chosen = input.channel ?? ranks[0]!.channel;
    const rank = ranks.find((r) => r.channel === chosen)!;
    if (!input.channel) {
      const runnersUp = ranks.slice(1, 3).map((r) => `${channelName(r.channel)} ${r.score}`);
      notes.push({
        severity: 'info',
        rule: NOTES.channelChosen,
        message: `No channel given: reviewed for ${channelName(chosen)}, the best fit of all ${ranks.length} channels (score ${rank.score}; next: ${runnersUp.join(', ')}).`,
      });
    }
    // The workspace's own rules count like the channel's: a broken hard house rule makes it poor.
    const channelFindings = input.houseRules ? [...rank.findings, ...checkHouseRules(input.houseRules, { text, channel: chosen })] : rank.findings;
    const findings: Finding[] = [...channelFindings];
    if (focus) {
      const focusNote = focusFinding(focus.persona.name, focus.jobs, relatedFor(focus.jobs));
      if (focusNote) findings.push(focusNote);
      const age = ageInDays(focus.persona.reviewedAt, clock.now());
      if (age !== null && age > staleDays)
        notes.push({
          severity: 'info',
          rule: NOTES.stale,
          message: `${focus.persona.name} was last confirmed by research on ${focus.persona.reviewedAt} (${Math.floor(age / 30)} months ago): the fit is judged against what may be out of date.`,
          actual: age,
          limit: staleDays,
        });
    }
    findings.push(...notes);

    return {
      channel: chosen,
      verdict: verdictOf(channelFindings),
      findings: sortFindings(findings),
      personas: assessed.map((a) => {
        const roles = jobRoles(a.jobs, relatedFor(a.jobs));
        return {
          name: a.persona.name,
          fit: a.fit,
          match: a.match,
          jobs: a.jobs.map((j, i) => ({
            statement: j.statement,
            kind: j.kind,
            importance: j.importance,
            score: j.score,
            evidence: j.evidence,
            evidenceStart: j.evidenceStart,
            evidenceEnd: j.evidenceEnd,
            role: roles[i]!,
          })),
          pains: a.pains.map((p) => ({ text: p.text, severity: p.weight, score: p.score, evidence: p.evidence })),
          gains: a.gains.map((g) => ({ text: g.text, relevance: g.weight, score: g.score, evidence: g.evidence })),
          reasons: a.reasons,
        };
      }),
      jobsAddressed,
      persona: focus?.persona.name ?? target?.name ?? null,
      closeCall: closeCallOf(assessed)?.persona.name ?? null,
      primaryJobs: focusRoles.filter((r) => r === 'primary').length,
      channels: ranks.map((r) => ({ channel: r.channel, verdict: r.verdict, score: r.score, reasons: r.reasons })),
      analysis: {
        mode,
        model: semantic ? (embedder?.model ?? null) : null,
        characters: total,
        analysedCharacters: analysedCount,
        pieces: segments.length,
        rulesVersion: RULES_VERSION,
      },
    };
  }

  return {
    get mode() {
      return embedder ? 'semantic' : 'lexical';
    },
    get model() {
      return embedder?.model ?? null;
    },
    async prepare(teamId, personas, prepareOptions) {
      return (await prepareIndex(teamId, personas, prepareOptions?.onProgress)).stats;
    },
    review,
    async inspect(input) {
      const a = await analyse(input);
      return { index: a.index, draft: a.draft, scores: a.scores, semantic: a.semantic, analysed: a.analysed, votes: a.votes };
    },
    async exampleFeatures(text) {
      const analysed = takeGraphemes(typeof text === 'string' ? text : '', maxChars);
      const mix = scriptMix(analysed);
      const segments = mix.letters === 0 || mix.otherShare <= 0.5 ? segmentDraft(analysed, { maxSegments: maxPieces }) : [];
      let vector: Float32Array | null = null;
      const model = embedder?.model ?? null;
      if (embedder && segments.length > 0) {
        try {
          vector = meanVector((await embedder.embed(segments.map((s) => s.clean))).map((v) => Float32Array.from(v)));
        } catch {
          vector = null;
        }
      }
      return { vector, model: vector ? model : null, terms: termsOf(segments) };
    },
  };
}

/**
 * Vectors of the engine's own reference statements (background and generic prototypes): the
 * same for every workspace, computed once per process and model.
 */
const referenceVectors = new Map<string, Promise<{ background: Reference; generic: Reference }>>();

function referencesFor(embedder: Embedder): Promise<{ background: Reference; generic: Reference }> {
  let refs = referenceVectors.get(embedder.model);
  if (!refs) {
    refs = (async () => {
      const toRef = (vectors: number[][]): Reference => {
        const dim = vectors[0]!.length;
        const matrix = new Float32Array(vectors.length * dim);
        vectors.forEach((v, i) => matrix.set(v, i * dim));
        return { matrix, dim, rows: vectors.length };
      };
      const all = await embedder.embed([...BACKGROUND_STATEMENTS, ...GENERIC_PROTOTYPES]);
      return { background: toRef(all.slice(0, BACKGROUND_STATEMENTS.length)), generic: toRef(all.slice(BACKGROUND_STATEMENTS.length)) };
    })();
    referenceVectors.set(embedder.model, refs);
    refs.catch(() => referenceVectors.delete(embedder.model));
  }
  return refs;
}

/** Job statements whose sentence vectors are at least this close mean much the same (a promise and its payoff). */
const RELATED_JOB_SIMILARITY = 0.4;

/** Whether two of a persona's addressed jobs belong together, by their statements' vectors (unknown without them). */
function relatedJobs(index: PreparedPersonas, jobs: readonly JobHit[]): (a: number, b: number) => boolean {
  const m = index.matrix;
  if (!m) return () => false;
  return (a, b) => {
    const x = jobs[a]!.textId * index.dim;
    const y = jobs[b]!.textId * index.dim;
    let dot = 0;
    for (let d = 0; d < index.dim; d++) dot += m[x + d]! * m[y + d]!;
    return dot >= RELATED_JOB_SIMILARITY;
  };
}
