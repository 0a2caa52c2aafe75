// The review post on its own: built from real engine results (word overlap, no model), checked
// against Slack's limits and for what it says once, and only once.
import { describe, expect, it } from 'vitest';
import { createReviewEngine } from '../../../src/review/engine.js';
import { validateMessage } from '../../../src/slack/blocks/limits.js';
import { focusAdvice, reviewMessage } from '../../../src/slack/blocks/review.js';
import { CALIBRATION_DIR, fixturePersonas } from '../../review/support.js';

const personas = fixturePersonas(CALIBRATION_DIR);
const engine = createReviewEngine({ embedder: null, embedderReason: 'off' });
const review = (text: string, channel = 'meta' as const) => engine.review({ text, personas, teamId: 'T1', channel });
const allText = (m: { text: string; blocks: unknown[] }) => JSON.stringify(m.blocks);

describe('reviewMessage', () => {
  it('names the persona, lists each job with its evidence and score, and stays within limits', async () => {
    const r = await review('Approve team expenses in one tap, without chasing a single receipt.');
    const m = reviewMessage(r, { personaIds: new Map([['Startup Finance Lead', 'p1']]), reviewId: 'r1', requestedBy: 'U1' });
    expect(validateMessage(m)).toEqual([]);
    const text = allText(m);
    expect(text).toContain('Fits *Startup Finance Lead*');
    const job = r.personas[0]!.jobs[0]!;
    expect(text).toContain(`${job.statement} (importance ${job.importance}) via “${job.evidence}” · ${job.score.toFixed(2)}`);
    expect(text).toContain('Requested by <@U1>');
  });

  it('says how many jobs the draft takes on once, not again among the channel findings', async () => {
    const r = await review('Approve team expenses without chasing receipts, and close the books fast enough for the board pack.');
    expect(r.jobsAddressed).toBeGreaterThan(1);
    expect(r.findings.some((f) => f.rule === 'jobs.focus')).toBe(true);
    const m = reviewMessage(r, { personaIds: new Map() });
    const text = allText(m);
    expect(text).toContain(focusAdvice(r.primaryJobs, r.jobsAddressed - r.primaryJobs));
    expect(text).not.toContain('one clear job per message usually works best');
    expect(validateMessage(m)).toEqual([]);
  });

  it('says no persona fits, with the closest, and keeps quiet when asked and nothing is broken', async () => {
    const r = await review('We are pleased to announce our new head office. Come and say hello.');
    expect(r.personas.every((p) => p.match === 'none')).toBe(true);
    expect(allText(reviewMessage(r, { personaIds: new Map() }))).toContain('No persona fits this draft well.');
    const quiet = reviewMessage(r, { personaIds: new Map(), quiet: true });
    expect(quiet.blocks).toHaveLength(1);
    expect(quiet.text).toContain('breaks no Meta rule');
  });

  it('stays within limits and escapes markup with a hostile draft: 10,000 characters, <&>, emoji, <!channel>', async () => {
    const text = `<!channel> Approve team expenses <&> without chasing receipts 🐶💜 & close the books <@U123>. `.repeat(120).slice(0, 10_000);
    const r = await review(text);
    const m = reviewMessage(r, { personaIds: new Map([['Startup Finance Lead', 'p1']]), reviewId: 'r1', requestedBy: 'U1' });
    expect(validateMessage(m)).toEqual([]);
    const mrkdwn = allText(m);
    expect(mrkdwn).not.toContain('<!channel>');
    expect(mrkdwn).not.toContain('<@U123>');
    expect(mrkdwn).not.toMatch(/<&>/);
    // The draft's words are in the post (quoted as evidence), escaped.
    expect(mrkdwn).toContain('&lt;&amp;&gt;');
  });
});
