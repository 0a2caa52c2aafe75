// What a workspace's campaign results say about a reviewed draft: for the persona it speaks to
// and the jobs it addresses, does one channel convert clearly better than another? When the
// data is there, a review post cites it and its channel ranking follows it; when it is not (no
// results, a handful of clicks, a difference that could be chance) the review is as it was.
import { channelName } from '../domain/persona.js';
import { count, INSIGHT_DEFAULTS, nameIn, pct, ratioText } from './compute.js';
import { criticalZ, twoProportionZ } from './stats.js';

/** One persona's results on one channel for ads on the same jobs (see `personaJobChannelSums`). */
export interface JobChannelSums {
  channel: string;
  jobs: ReadonlyArray<{ statement: string; kind: string }>;
  clicks: number;
  conversions: number;
}

/** What the review found, in the terms the evidence needs. */
export interface ReviewedDraft {
  persona: string;
  /** The persona's jobs the draft addresses, clearest first. */
  jobs: ReadonlyArray<{ statement: string; kind: string }>;
  /** The review's channel ranking, best first. */
  channels: ReadonlyArray<{ channel: string; verdict: 'good' | 'ok' | 'poor'; score: number }>;
}

export interface ResultsCitation {
  persona: string;
  /** The comparison is about ads for this job, or (`job` null) about ads for any job of this kind. */
  job: string | null;
  jobKind: string;
  better: string;
  worse: string;
  betterClicks: number;
  betterConversions: number;
  worseClicks: number;
  worseConversions: number;
  /** Conversion rate on `better` over that on `worse`; null when `worse` converted nothing. */
  ratio: number | null;
  z: number;
  /** Comparisons the citation was chosen from: the Bonferroni correction counts them all. */
  tests: number;
  /** Plain text, unescaped: "For Freelance Designer, emotional-job ads convert 3.1× better on Meta than on Google Search (…)". */
  message: string;
}

export interface RankedChannel {
  channel: string;
  verdict: 'good' | 'ok' | 'poor';
  score: number;
  /** Where the results put the channel for this draft's jobs; null when they say nothing. */
  results: 'better' | 'worse' | null;
}

export interface ReviewEvidence {
  citation: ResultsCitation;
  /** The review's ranking with the results applied. */
  ranking: RankedChannel[];
}

export type EvidenceOptions = Partial<Pick<typeof INSIGHT_DEFAULTS, 'minClicks' | 'minConversions' | 'minRatio' | 'familyAlpha'>>;

/**
 * The family-wise error rate of one draft's comparisons. Stricter than the insights report's
 * 5%: a citation is repeated on every review of drafts for the same persona and jobs, so a claim
 * that is chance would be read again and again (at 5%, 4% of random workspaces got one).
 */
export const REVIEW_FAMILY_ALPHA = 0.01;

interface Side {
  clicks: number;
  conversions: number;
}

interface Candidate {
  job: string | null;
  jobKind: string;
  better: string;
  worse: string;
  b: Side;
  w: Side;
  z: number;
}

const rate = (s: Side) => (s.clicks > 0 ? s.conversions / s.clicks : 0);

/**
 * The citation and the re-ranked channels, or null when the results support no claim about
 * this draft. The claim is the strongest of: for each job the draft addresses, and for each
 * kind of those jobs, the channel converting best against the one converting worst, each with
 * `minClicks` clicks, together `minConversions` conversions, `minRatio` apart, and significant
 * after a Bonferroni correction over every pair of channels that could have been compared, at
 * REVIEW_FAMILY_ALPHA.
 */
export function reviewEvidence(sums: readonly JobChannelSums[], draft: ReviewedDraft, options: EvidenceOptions = {}): ReviewEvidence | null {
  const o = { ...INSIGHT_DEFAULTS, familyAlpha: REVIEW_FAMILY_ALPHA, ...options };
  if (sums.length === 0 || draft.jobs.length === 0) return null;

  // A job first (the most specific claim), then the kinds of the draft's jobs.
  const bases: Array<{ job: string | null; jobKind: string; has: (jobs: JobChannelSums['jobs']) => boolean }> = [];
  for (const j of draft.jobs) bases.push({ job: j.statement, jobKind: j.kind, has: (jobs) => jobs.some((x) => x.statement === j.statement) });
  for (const kind of new Set(draft.jobs.map((j) => j.kind))) bases.push({ job: null, jobKind: kind, has: (jobs) => jobs.some((x) => x.kind === kind) });

  let tests = 0;
  const candidates: Candidate[] = [];
  for (const basis of bases) {
    const byChannel = new Map<string, Side>();
    for (const s of sums) {
      if (!basis.has(s.jobs)) continue;
      const side = byChannel.get(s.channel) ?? { clicks: 0, conversions: 0 };
      side.clicks += s.clicks;
      side.conversions += Math.min(s.conversions, s.clicks);
      byChannel.set(s.channel, side);
    }
    const enough = [...byChannel.entries()].filter(([, s]) => s.clicks >= o.minClicks).sort((a, b) => rate(b[1]) - rate(a[1]) || a[0].localeCompare(b[0]));
    if (enough.length < 2) continue;
    // Picking the best and the worst of k channels is one of k(k-1)/2 pairs that could have differed.
    tests += (enough.length * (enough.length - 1)) / 2;
    const [better, b] = enough[0]!;
    const [worse, w] = enough[enough.length - 1]!;
    if (b.conversions + w.conversions < o.minConversions) continue;
    if (rate(w) > 0 && rate(b) / rate(w) < o.minRatio) continue;
    candidates.push({ job: basis.job, jobKind: basis.jobKind, better, worse, b, w, z: twoProportionZ(b.conversions, b.clicks, w.conversions, w.clicks) });
  }
  const zCrit = criticalZ(o.familyAlpha, tests);
  const passing = candidates.filter((c) => c.z >= zCrit);
  // Bases are in order of preference (jobs, clearest first, then kinds): the first that passes is cited.
  const chosen = passing[0];
  if (!chosen) return null;

  const ratio = rate(chosen.w) > 0 ? rate(chosen.b) / rate(chosen.w) : null;
  const what = chosen.job === null ? `${chosen.jobKind}-job ads` : `ads for “${nameIn(chosen.job, 200)}”`;
  const message =
    `For ${nameIn(draft.persona)}, ${what} convert ${ratioText(ratio ?? Number.POSITIVE_INFINITY)} better on ${channelName(chosen.better)} than on ${channelName(chosen.worse)} ` +
    `(${pct(rate(chosen.b))} vs ${pct(rate(chosen.w))} of ${count(chosen.b.clicks + chosen.w.clicks)} clicks in your results).`;
  const citation: ResultsCitation = {
    persona: draft.persona,
    job: chosen.job,
    jobKind: chosen.jobKind,
    better: chosen.better,
    worse: chosen.worse,
    betterClicks: chosen.b.clicks,
    betterConversions: chosen.b.conversions,
    worseClicks: chosen.w.clicks,
    worseConversions: chosen.w.conversions,
    ratio: ratio === null ? null : Math.round(ratio * 100) / 100,
    z: Math.round(chosen.z * 100) / 100,
    tests,
    message,
  };
  return { citation, ranking: rerank(draft.channels, citation) };
}

/**
 * The review's ranking with the results applied: among the channels the draft can run on (not
 * `poor`: a broken rule still comes first), the one converting better moves to the top and the
 * one converting worse to the bottom; the rest keep the review's order.
 */
function rerank(channels: ReviewedDraft['channels'], citation: ResultsCitation): RankedChannel[] {
  const tag = (c: ReviewedDraft['channels'][number]): RankedChannel => ({
    channel: c.channel,
    verdict: c.verdict,
    score: c.score,
    results: c.channel === citation.better ? 'better' : c.channel === citation.worse ? 'worse' : null,
  });
  const usable = channels.filter((c) => c.verdict !== 'poor').map(tag);
  const poor = channels.filter((c) => c.verdict === 'poor').map(tag);
  const order = (r: RankedChannel) => (r.results === 'better' ? 0 : r.results === 'worse' ? 2 : 1);
  // Array.prototype.sort is stable: equal tiers keep the review's order.
  return [...usable.sort((a, b) => order(a) - order(b)), ...poor];
}
