// What results say about a reviewed draft: a citation only when the data is there (enough
// clicks on both sides, a large difference, significant after the correction), and the
// channel ranking following it; nothing from no results, a handful of clicks, or noise.
import { describe, expect, it } from 'vitest';
import { reviewEvidence } from '../../src/insights/review-evidence.js';
import type { JobChannelSums, ReviewedDraft } from '../../src/insights/review-evidence.js';
import { binomial, seededRandom } from '../../testing/results-data.js';

const FEEL = { statement: 'Feel like a professional business, not a side gig', kind: 'emotional' };
const LOOK = { statement: 'Look organised in front of clients', kind: 'emotional' };
const PAID = { statement: 'Get paid on time without chasing clients', kind: 'functional' };

const channels: ReviewedDraft['channels'] = [
  { channel: 'google_search', verdict: 'good', score: 90 },
  { channel: 'linkedin', verdict: 'good', score: 85 },
  { channel: 'meta', verdict: 'ok', score: 70 },
  { channel: 'tiktok', verdict: 'poor', score: 40 },
];
const draft = (jobs = [FEEL]): ReviewedDraft => ({ persona: 'Freelance Designer', jobs, channels });
const cell = (channel: string, jobs: JobChannelSums['jobs'], clicks: number, conversions: number): JobChannelSums => ({ channel, jobs, clicks, conversions });

describe('reviewEvidence', () => {
  it('cites a job kind when its ads convert clearly better on one channel, and ranks that channel first', () => {
    // Each emotional job alone is too thin to be sure of (z 2.2 against 2.81 needed); the two together are (z 3.0).
    const sums = [cell('meta', [FEEL], 310, 13), cell('meta', [LOOK], 310, 12), cell('google_search', [FEEL], 310, 4), cell('google_search', [LOOK], 310, 4)];
    const evidence = reviewEvidence(sums, draft())!;
    expect(evidence.citation).toMatchObject({
      job: null,
      jobKind: 'emotional',
      better: 'meta',
      worse: 'google_search',
      betterClicks: 620,
      worseClicks: 620,
      tests: 2,
    });
    expect(evidence.citation.message).toBe(
      'For Freelance Designer, emotional-job ads convert 3.1× better on Meta than on Google Search (4.0% vs 1.3% of 1,240 clicks in your results).',
    );
    // Meta (ok) moves above the good channels, Google Search below them; a broken rule still ranks last.
    expect(evidence.ranking.map((c) => [c.channel, c.results])).toEqual([
      ['meta', 'better'],
      ['linkedin', null],
      ['google_search', 'worse'],
      ['tiktok', null],
    ]);
  });

  it('prefers the job itself when its own results are clear', () => {
    const sums = [cell('meta', [PAID], 900, 54), cell('google_search', [PAID], 800, 12), cell('meta', [FEEL], 50, 1)];
    const evidence = reviewEvidence(sums, draft([PAID, FEEL]))!;
    expect(evidence.citation.job).toBe(PAID.statement);
    expect(evidence.citation.message).toContain('ads for “Get paid on time without chasing clients” convert 4.0× better on Meta than on Google Search');
    expect(evidence.citation.message).toContain('of 1,700 clicks');
  });

  it('says nothing without results, or for a draft on none of the persona’s jobs', () => {
    expect(reviewEvidence([], draft())).toBeNull();
    expect(reviewEvidence([cell('meta', [PAID], 900, 54), cell('google_search', [PAID], 800, 12)], draft([]))).toBeNull();
    // Results for other jobs only.
    expect(reviewEvidence([cell('meta', [PAID], 900, 54), cell('google_search', [PAID], 800, 12)], draft([FEEL]))).toBeNull();
  });

  it('never from a handful of clicks, however large the difference', () => {
    expect(reviewEvidence([cell('meta', [FEEL], 40, 10), cell('google_search', [FEEL], 40, 2)], draft())).toBeNull();
    expect(reviewEvidence([cell('meta', [FEEL], 99, 30), cell('google_search', [FEEL], 5000, 50)], draft())).toBeNull();
    // Enough clicks but too few conversions to compare.
    expect(reviewEvidence([cell('meta', [FEEL], 150, 8), cell('google_search', [FEEL], 150, 0)], draft())).toBeNull();
  });

  it('not from a small difference, however many clicks', () => {
    expect(reviewEvidence([cell('meta', [FEEL], 100_000, 3_600), cell('google_search', [FEEL], 100_000, 3_000)], draft())).toBeNull();
  });

  it('a channel the draft breaks a rule of stays last even when it converts best', () => {
    const sums = [cell('tiktok', [PAID], 900, 54), cell('google_search', [PAID], 800, 12)];
    const evidence = reviewEvidence(sums, draft([PAID]))!;
    expect(evidence.citation.better).toBe('tiktok');
    expect(evidence.ranking.map((c) => c.channel)).toEqual(['linkedin', 'meta', 'google_search', 'tiktok']);
  });

  it('gives no citation from noise: four channels with one true rate, 1,000 workspaces', () => {
    const random = seededRandom(23);
    let cited = 0;
    for (let run = 0; run < 1_000; run++) {
      const sums: JobChannelSums[] = [];
      for (const channel of ['meta', 'google_search', 'linkedin', 'instagram'])
        for (const job of [FEEL, LOOK, PAID]) {
          const clicks = 150 + Math.floor(random() * 1500);
          sums.push(cell(channel, [job], clicks, binomial(random, clicks, 0.04)));
        }
      if (reviewEvidence(sums, draft([FEEL, LOOK, PAID]))) cited++;
    }
    // Each draft's comparisons share a 1% family-wise error rate (REVIEW_FAMILY_ALPHA): at most 10 of 1,000.
    expect(cited).toBeLessThanOrEqual(10);
  });
});
