// The campaign-results part of a review post: the citation with its figures, the ranking it
// changes, nothing at all without evidence, and hostile names and jobs kept within limits.
import { describe, expect, it } from 'vitest';
import { reviewEvidence } from '../../../src/insights/review-evidence.js';
import type { ReviewEvidence } from '../../../src/insights/review-evidence.js';
import { createReviewEngine } from '../../../src/review-engine/engine.js';
import type { ReviewResult } from '../../../src/review-engine/result.js';
import { citationLine, suitsBest } from '../../../src/slack/render/insights-citation.js';
import { validateMessage } from '../../../src/slack/render/limits.js';
import { reviewMessage } from '../../../src/slack/render/review.js';
import { CALIBRATION_DIR, fixturePersonas } from '../../review-engine/support.js';

const personas = fixturePersonas(CALIBRATION_DIR);
const engine = createReviewEngine({ embedder: null, embedderReason: 'off' });

/** Evidence for `result`'s persona and first job: its ads convert 4× better on `better` than on `worse`. */
function evidenceFor(result: ReviewResult, persona: string, job: string, better = 'instagram', worse = 'google_search'): ReviewEvidence {
  const e = reviewEvidence(
    [
      { channel: better, jobs: [{ statement: job, kind: 'emotional' }], clicks: 900, conversions: 54 },
      { channel: worse, jobs: [{ statement: job, kind: 'emotional' }], clicks: 800, conversions: 12 },
    ],
    { persona, jobs: [{ statement: job, kind: 'emotional' }], channels: result.channels },
  );
  expect(e).not.toBeNull();
  return e!;
}

describe('review post with campaign results', () => {
  it('cites the results and ranks the channel that converts better first', async () => {
    const r = await engine.review({ text: 'Approve team expenses in one tap, without chasing a single receipt.', personas, teamId: 'T1', channel: 'meta' });
    const fits = r.personas[0]!;
    const evidence = evidenceFor(r, fits.name, fits.jobs[0]!.statement);
    const m = reviewMessage(r, { personaIds: new Map(), evidence });
    expect(validateMessage(m)).toEqual([]);
    const text = JSON.stringify(m.blocks);
    expect(text).toContain(
      `:bar_chart: For *${fits.name}*, ads for “${fits.jobs[0]!.statement}” convert *4.0× better on Instagram* than on Google Search (6.0% vs 1.5% of 1,700 clicks in your results).`,
    );
    const suits = suitsBest(r.channels, evidence)!;
    expect(suits).toMatch(/^Suits best: Instagram \((good|ok), \d+, converts best in your results\)/);
    expect(text).toContain(suits);
  });

  it('without evidence the post is exactly as before', async () => {
    const r = await engine.review({ text: 'Close the books fast enough for the board pack, every month.', personas, teamId: 'T1', channel: 'meta' });
    const before = reviewMessage(r, { personaIds: new Map(), reviewId: 'r1' });
    expect(reviewMessage(r, { personaIds: new Map(), reviewId: 'r1', evidence: null })).toEqual(before);
    expect(JSON.stringify(before.blocks)).not.toContain(':bar_chart:');
    expect(suitsBest(r.channels, null)).toBe(
      `Suits best: ${r.channels
        .filter((c) => c.verdict !== 'poor')
        .slice(0, 3)
        .map(
          (c) =>
            `${{ google_search: 'Google Search', meta: 'Meta', instagram: 'Instagram', tiktok: 'TikTok', linkedin: 'LinkedIn', x: 'X', email: 'Email', sms: 'SMS' }[c.channel]} (${c.verdict}, ${c.score})`,
        )
        .join(' · ')}`,
    );
  });

  it('a 10,000-character persona name and job statement with emoji and <&> keep the figures and the limits', async () => {
    const r = await engine.review({ text: 'Approve team expenses in one tap, without chasing a single receipt.', personas, teamId: 'T1', channel: 'meta' });
    const hostile = '<!channel> Zoë 👩🏽‍💻 & <&> 🐶💜 '.repeat(500).slice(0, 10_000);
    const evidence = evidenceFor(r, hostile, hostile);
    const line = citationLine(evidence);
    // The name and the job are shortened on their own; the numbers at the end survive.
    expect(line.endsWith('(6.0% vs 1.5% of 1,700 clicks in your results).')).toBe(true);
    expect(line.length).toBeLessThan(600);
    expect(line).not.toContain('<!channel>');
    expect(line).not.toContain('<&>');
    expect(line).toContain('&lt;&amp;&gt;');
    // No emoji cut in half: every surrogate is paired.
    expect(line).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    const m = reviewMessage(r, { personaIds: new Map(), reviewId: 'r1', requestedBy: 'U1', evidence });
    expect(validateMessage(m)).toEqual([]);
  });
});
