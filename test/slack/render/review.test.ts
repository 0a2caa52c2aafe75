// The review post on its own: built from real engine results (word overlap, no model), checked
// against Slack's limits and for what it says once, and only once.
import { describe, expect, it } from 'vitest';
import { createReviewEngine } from '../../../src/review-engine/engine.js';
import { ACTION_IDS } from '../../../src/slack/ids.js';
import { validateMessage } from '../../../src/slack/render/limits.js';
import { focusAdvice, headline, reviewMessage } from '../../../src/slack/render/review.js';
import { CALIBRATION_DIR, fixturePersonas } from '../../review-engine/support.js';

const personas = fixturePersonas(CALIBRATION_DIR);
const engine = createReviewEngine({ embedder: null, embedderReason: 'off' });
const review = (text: string, channel = 'meta' as const) => engine.review({ text, personas, teamId: 'T1', channel });
const allText = (m: { text: string; blocks: unknown[] }) => JSON.stringify(m.blocks);

describe('reviewMessage', () => {
  it('says in one sentence who the draft speaks to, lists each job with one labelled number and its evidence, and stays within limits', async () => {
    const r = await review('Approve team expenses in one tap, without chasing a single receipt.');
    const m = reviewMessage(r, { personaIds: new Map([['Startup Finance Lead', 'p1']]), reviewId: 'r1', requestedBy: 'U1' });
    expect(validateMessage(m)).toEqual([]);
    const text = allText(m);
    const best = r.personas[0]!;
    expect(text).toContain(`:dart: Speaks to *Startup Finance Lead* (${best.match === 'strong' ? 'strong' : 'weak'} fit, ${best.fit}/100).`);
    const job = best.jobs[0]!;
    expect(text).toContain(`*${job.statement}* (${job.kind}, importance ${job.importance}/5) · ${Math.round(job.score * 100)}% clear, in “${job.evidence}”`);
    expect(text).not.toMatch(/embedding|meaning 0\./);
    expect(text).toContain('Judged on wording only');
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
    expect(allText(reviewMessage(r, { personaIds: new Map() }))).toContain('No persona fits this draft.');
    expect(allText(reviewMessage(r, { personaIds: new Map() }))).not.toContain('none match');
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

describe('headline', () => {
  /** An expenses draft reviewed for a persona it does not speak to. */
  const forHomeowner = () =>
    engine.review({
      text: 'Approve team expenses in one tap, without chasing a single receipt.',
      personas,
      teamId: 'T1',
      channel: 'meta',
      persona: 'Energy-Conscious Homeowner',
    });

  it('for a requested persona, says how weak the fit is and which persona fits better', async () => {
    const r = await forHomeowner();
    const target = r.personas.find((p) => p.name === 'Energy-Conscious Homeowner')!;
    const best = r.personas[0]!;
    expect(best.name).toBe('Startup Finance Lead');
    expect(headline(r, true).plain).toBe(
      `Reviewed for Energy-Conscious Homeowner: no fit, ${target.fit}/100. Startup Finance Lead fits better (${best.fit}/100).`,
    );
  });

  // Personas are ranked by how clearly the draft is written for each (relevance, with some fit),
  // so the first may have the lower fit; the post then says so instead of contradicting itself.
  it('for a requested persona, names a first-ranked persona of lower fit as the one the draft reads as written for', async () => {
    const r = await forHomeowner();
    const [best, ...rest] = r.personas;
    const lowered = {
      ...r,
      personas: [
        { ...best!, match: 'partial' as const, fit: 30 },
        ...rest.map((p) => (p.name === 'Energy-Conscious Homeowner' ? { ...p, match: 'strong' as const, fit: 70 } : p)),
      ],
    };
    expect(headline(lowered, true).plain).toBe(
      'Reviewed for Energy-Conscious Homeowner: strong fit, 70/100. The draft reads as written more for Startup Finance Lead (weak fit, 30/100).',
    );
  });
});

describe('a close call', () => {
  // The engine cannot tell the first two apart with confidence: the post names both and asks
  // the team, whose answer is kept as an example the next reviews learn from.
  const closeCall = async () => {
    const r = await review('Approve team expenses in one tap, without chasing a single receipt.');
    const [best, second, ...rest] = r.personas;
    return { ...r, personas: [best!, { ...second!, match: 'partial' as const, fit: 41 }, ...rest], closeCall: second!.name };
  };

  it('names both personas in the headline and asks which it is, with the corrections', async () => {
    const r = await closeCall();
    const [best, second] = r.personas;
    expect(headline(r, false).plain).toBe(
      `Speaks to ${best!.name} (${best!.match === 'strong' ? 'strong' : 'weak'} fit, ${best!.fit}/100) or to ${second!.name} (weak fit, 41/100): a close call.`,
    );
    const m = reviewMessage(r, {
      personaIds: new Map(),
      reviewId: 'r1',
      correctable: personas.map((p) => ({ id: p.id, name: p.name, jobs: p.jobs.map((j) => j.statement) })),
    });
    const text = allText(m);
    expect(text).toContain(`Which is it? *Right persona* or *It's for ${second!.name}* below tells the reviewer, and it learns from your answer.`);
    // Its other persona is one click away: the same correction as "Wrong persona →" that persona.
    const other = personas.find((p) => p.name === second!.name)!;
    expect(text).toContain(`"action_id":"${ACTION_IDS.reviewWrong}:1","value":"r1:${other.id}"`);
    expect(text).not.toContain('Also close');
    expect(text).toContain(`"action_id":"${ACTION_IDS.reviewRight}"`);
    expect(validateMessage(m)).toEqual([]);
  });

  it('does not ask where there is nothing to answer with or someone has answered, and says nothing of it for a requested persona', async () => {
    const r = await closeCall();
    const plain = allText(reviewMessage(r, { personaIds: new Map() }));
    expect(plain).toContain('The draft is written nearly as clearly for both.');
    expect(plain).not.toContain('Which is it?');
    const answered = allText(
      reviewMessage(r, {
        personaIds: new Map(),
        reviewId: 'r1',
        noted: 'Thanks — noted: this is for Cafe Owner.',
        correctable: personas.map((p) => ({ id: p.id, name: p.name, jobs: p.jobs.map((j) => j.statement) })),
      }),
    );
    expect(answered).not.toContain('Which is it?');
    expect(answered).not.toContain(`${ACTION_IDS.reviewWrong}:1`);
    const requested = allText(reviewMessage({ ...r, persona: r.personas[0]!.name }, { personaIds: new Map(), requested: true }));
    expect(requested).not.toContain('close call');
  });
});

describe('runner-up', () => {
  it('with the higher fit, says the draft is written more clearly for the first', async () => {
    const r = await engine.review({ text: 'Approve team expenses in one tap, without chasing a single receipt.', personas, teamId: 'T1', channel: 'meta' });
    const [best, second, ...rest] = r.personas;
    const reordered = {
      ...r,
      persona: null,
      personas: [{ ...best!, match: 'partial' as const, fit: 40 }, { ...second!, match: 'strong' as const, fit: 55 }, ...rest],
    };
    const text = allText(reviewMessage(reordered, { personaIds: new Map() }));
    expect(text).toContain(
      `Also close: *${second!.name}* (strong fit, 55/100): more of its jobs, pains and gains are touched, but the draft is written more clearly for *${best!.name}*.`,
    );
    const usual = {
      ...r,
      persona: null,
      personas: [{ ...best!, match: 'strong' as const, fit: 60 }, { ...second!, match: 'partial' as const, fit: 55 }, ...rest],
    };
    expect(allText(reviewMessage(usual, { personaIds: new Map() }))).toContain(`Also close: *${second!.name}* (weak fit, 55/100).`);
  });
});
