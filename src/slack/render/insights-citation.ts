// The campaign-results part of a review post: the citation ("For Freelance Designer, emotional-job
// ads convert 3.1× better on Meta than on Google Search …") and the channels the draft suits
// once the results are applied. Built from the evidence's fields, so that a long persona name or
// job statement is shortened on its own and the figures are never cut off.
import { channelName } from '../../domain/persona.js';
import type { RankedChannel, ReviewEvidence } from '../../insights/review-evidence.js';
import type { ChannelResult } from '../../review-engine/result.js';
import { esc } from './common.js';

const pct = (x: number) => `${(x * 100).toFixed(x > 0 && x < 0.1 ? 1 : 0)}%`;
const count = (n: number) => Math.round(n).toLocaleString('en-US');

/** The citation as one mrkdwn line. */
export function citationLine(evidence: ReviewEvidence): string {
  const c = evidence.citation;
  const what = c.job === null ? `${esc(c.jobKind, 40)}-job ads` : `ads for “${esc(c.job, 200)}”`;
  const ratio = c.ratio === null ? 'far' : `${c.ratio.toFixed(1)}×`;
  const better = c.betterConversions / c.betterClicks;
  const worse = c.worseConversions / c.worseClicks;
  return (
    `:bar_chart: For *${esc(c.persona, 100)}*, ${what} convert *${ratio} better on ${channelName(c.better)}* than on ${channelName(c.worse)} ` +
    `(${pct(better)} vs ${pct(worse)} of ${count(c.betterClicks + c.worseClicks)} clicks in your results).`
  );
}

/** "Suits best: …": the review's ranking, or the evidence's when results reorder it. */
export function suitsBest(channels: readonly ChannelResult[], evidence: ReviewEvidence | null | undefined): string | null {
  const ranking: readonly RankedChannel[] =
    evidence?.ranking ?? channels.map((c) => ({ channel: c.channel, verdict: c.verdict, score: c.score, results: null }));
  const suits = ranking
    .filter((c) => c.verdict !== 'poor')
    .slice(0, 3)
    .map(
      (c) =>
        `${channelName(c.channel)} (${c.verdict}, ${c.score}${c.results === 'better' ? ', converts best in your results' : c.results === 'worse' ? ', converts worst in your results' : ''})`,
    );
  return suits.length ? `Suits best: ${suits.join(' · ')}` : null;
}
