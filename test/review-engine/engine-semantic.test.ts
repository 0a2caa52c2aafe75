// The engine with the real sentence model (loaded once for this file, about 0.3 s), on the
// engine's own labelled sets: a regression in job detection, persona fit or channel verdicts
// fails here. See the floors below for what they are and why.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../../src/review-engine/embedder.js';
import { loadEmbedder } from '../../src/review-engine/embedder.js';
import { createReviewEngine } from '../../src/review-engine/engine.js';
import type { ReviewEngine } from '../../src/review-engine/engine.js';
import { loadEvalSet } from '../../tools/eval/eval-set.js';
import { predictionOf, scoreCases } from '../../tools/eval/evaluate.js';
import type { EvalReport } from '../../tools/eval/evaluate.js';
import { personaFromDraft } from '../../src/domain/persona.js';
import type { Persona } from '../../src/domain/persona.js';
import { reviewResultSchema } from '../../src/review-engine/result.js';
import { CALIBRATION_DIR, CONSUMER_DIR, fixturePersonas, HOLDOUT_DIR, PROFESSIONAL_DIR, REAL_ADS_DIR, REAL_ADS_HOLDOUT_DIR } from './support.js';

let embedder: Embedder;
beforeAll(async () => {
  const loaded = await loadEmbedder();
  if (!loaded.embedder) throw new Error(loaded.reason);
  embedder = loaded.embedder;
});

async function evaluate(dir: string): Promise<EvalReport> {
  const set = await loadEvalSet(dir);
  const engine = createReviewEngine({ embedder });
  const predictions = [];
  for (const c of set.cases)
    predictions.push(predictionOf(c.id, await engine.review({ text: c.text, personas: set.personas, teamId: 'T_EVAL', channel: c.channel })));
  return scoreCases(set.cases, predictions);
}

// Floors, a little under what the engine measures today (closing note of the review engine work,
// 2026-12-01). They are below the targets (persona top-1 0.9, job precision and recall
// 0.85): the sibling-persona sets are written to be harder than the development set, and on
// every set the paraphrases share almost no words with the jobs, which is where the sentence
// model (USE-lite) is weakest. Channel verdicts are held to the bound exactly: every
// hard-limit draft poor, no other draft poor.
//
// The thresholds are fitted on the calibration and consumer sets together. Compared with the
// fit on the calibration set alone, this trades precision on the calibration set (0.72 to
// 0.65) for recall on every set, and both precision and recall improve on the sets never
// fitted on (holdout, professional, and the development set outside the repository).
const SETS = [
  {
    name: 'calibration: sibling personas of two products (fitted on)',
    dir: CALIBRATION_DIR,
    top1: 0.85,
    strictTop1: 0.86,
    sure: 0.91,
    generic: 0.8,
    precision: 0.62,
    recall: 0.75,
  },
  { name: 'consumer: six unrelated products (fitted on)', dir: CONSUMER_DIR, top1: 0.9, strictTop1: 0.75, generic: 0.83, precision: 0.82, recall: 0.62 },
  {
    name: 'holdout: sibling personas of two other products (never fitted on)',
    dir: HOLDOUT_DIR,
    top1: 0.8,
    strictTop1: 0.7,
    generic: 0.75,
    precision: 0.65,
    recall: 0.6,
  },
  {
    name: 'professional: six unrelated products for people at work (never fitted on)',
    dir: PROFESSIONAL_DIR,
    top1: 0.85,
    strictTop1: 0.83,
    generic: 0.83,
    precision: 0.7,
    recall: 0.58,
  },
  // The real published ads: floors a little under what they measured when the audience cue
  // landed (59 ads: strict 77.1%, generic 87.5%, P 0.523, R 0.756; holdout, 52 ads: 62.1%,
  // 65.2%, 0.438, 0.677). Far under the targets; they keep what was won. Ranking
  // personas by relevance (with half the fit) raised strict top-1 on the holdout to 69.0%
  // (lenient 72.4%) and on calibration to 88.5%: those floors are one draft under.
  // `sure`: persona top-1 among the drafts given a persona without calling it a close call
  // (measured 25/29 on real-ads, 19/22 on its holdout, 43/46 on calibration), one draft under.
  {
    name: 'real ads: published copy of ten products (fitting may look at it)',
    dir: REAL_ADS_DIR,
    top1: 0.74,
    strictTop1: 0.74,
    sure: 0.82,
    generic: 0.83,
    precision: 0.5,
    recall: 0.72,
  },
  {
    name: 'real ads, holdout: published copy of other products (never fitted on)',
    dir: REAL_ADS_HOLDOUT_DIR,
    top1: 0.68,
    strictTop1: 0.65,
    sure: 0.81,
    generic: 0.6,
    precision: 0.41,
    recall: 0.64,
  },
] as const;

describe('own labelled sets', () => {
  for (const set of SETS)
    it(set.name, async () => {
      const r = await evaluate(set.dir);
      // top1 is the floor set when persona top-1 was counted leniently (the labelled persona
      // ranked first, whatever its match); strictTop1 holds the strict figure (ranked first and
      // matched), a little under what it measured when it was introduced.
      expect(r.personaTop1Lenient.rate).toBeGreaterThanOrEqual(set.top1);
      expect(r.personaTop1.rate).toBeGreaterThanOrEqual(set.strictTop1);
      if ('sure' in set) expect(r.closeCalls!.sure.rate).toBeGreaterThanOrEqual(set.sure);
      expect(r.genericDetection.rate).toBeGreaterThanOrEqual(set.generic);
      expect(r.jobs.precision).toBeGreaterThanOrEqual(set.precision);
      expect(r.jobs.recall).toBeGreaterThanOrEqual(set.recall);
      expect(r.channelVerdict.hardLimitPoor.correct).toBe(r.channelVerdict.hardLimitPoor.total);
      expect(r.channelVerdict.otherPoor).toBe(0);
    });
});

describe('understanding language', () => {
  const persona: Persona = personaFromDraft(
    {
      name: 'Freelance Translator',
      summary: 'Translates contracts for law firms from home, always against the clock.',
      product: 'Wordmill',
      owner: null,
      reviewedAt: '2026-10-01',
      demographics: {},
      psychographics: {},
      sociographics: {},
      channels: ['linkedin', 'email'],
      quote: null,
      successMetric: null,
      constraints: [],
      jobs: [
        { kind: 'emotional', statement: 'Stay calm when several deadlines collide', importance: 5, when: null, outcome: null },
        { kind: 'functional', statement: 'Send invoices in my clients’ currencies', importance: 3, when: null, outcome: null },
        { kind: 'social', statement: 'Be recommended by the partners I work for', importance: 4, when: null, outcome: null },
      ],
      pains: [{ kind: 'risk', text: 'Missing a court filing date', severity: 5 }],
      gains: [{ kind: 'desired', text: 'Weekends without work', relevance: 4 }],
      evidence: [],
    },
    'p-translator',
  );
  const other: Persona = personaFromDraft(
    {
      ...persona,
      name: 'Dog Walker',
      summary: 'Walks dogs in the park.',
      product: 'Pawpath',
      jobs: [{ kind: 'functional', statement: 'Fill every weekday walking slot', importance: 5, when: null, outcome: null }],
      pains: [],
      gains: [],
    },
    'p-walker',
  );
  let engine: ReviewEngine;
  beforeAll(() => {
    engine = createReviewEngine({ embedder });
  });

  it('hears a paraphrase with no shared words, and quotes the words that carry it', async () => {
    const r = await engine.review({ text: 'Three deadlines on the same Friday? Breathe.', personas: [persona, other], teamId: 'T1', channel: 'linkedin' });
    expect(reviewResultSchema.parse(r)).toEqual(r);
    const best = r.personas[0]!;
    expect(best).toMatchObject({
      name: 'Freelance Translator',
      jobs: [expect.objectContaining({ statement: 'Stay calm when several deadlines collide', kind: 'emotional', importance: 5 })],
    });
    expect(best.match).not.toBe('none');
    const job = best.jobs[0]!;
    expect('Three deadlines on the same Friday? Breathe.'.slice(job.evidenceStart, job.evidenceEnd)).toBe(job.evidence);
    expect(best.reasons[0]).toMatch(/^addresses "Stay calm when several deadlines collide" \(emotional, importance 5\) via "/);
    expect(r.personas[1]).toMatchObject({ name: 'Dog Walker', match: 'none', jobs: [] });
    expect(r.jobsAddressed).toBe(best.jobs.length);
  });

  it('leaves generic copy unmatched', async () => {
    for (const text of [
      'We are pleased to announce our new head office in Leeds.',
      'Our terms of service have changed. No action is needed.',
      'Everything 20% off this weekend only.',
    ]) {
      const r = await engine.review({ text, personas: [persona, other], teamId: 'T1', channel: 'meta' });
      expect(
        r.personas.map((p) => p.match),
        text,
      ).toEqual(['none', 'none']);
      expect(r.jobsAddressed).toBe(0);
    }
  });

  it('warns when one message takes on several jobs', async () => {
    const r = await engine.review({
      text: 'Stay calm when deadlines collide, invoice every client in their own currency, and get recommended by the partners you work for.',
      personas: [persona, other],
      teamId: 'T1',
      persona: 'Freelance Translator',
      channel: 'linkedin',
    });
    // Three unrelated promises: none is the payoff of another, so each counts against the one-job rule.
    expect(r.primaryJobs).toBeGreaterThanOrEqual(2);
    expect(r.findings).toContainEqual(
      expect.objectContaining({ rule: 'jobs.focus', severity: r.primaryJobs > 3 ? 'error' : 'warning', actual: r.primaryJobs, limit: 1 }),
    );
  });
});

// The signals added for real ad copy (issue: reviews you can trust on real ad copy), on the
// example personas that ship with the product.
describe('signals for real ad copy', () => {
  const examples = fixturePersonas('examples');
  let engine: ReviewEngine;
  beforeAll(() => {
    engine = createReviewEngine({ embedder });
  });
  const review = (text: string, extra: { persona?: string; channel?: 'sms' | 'meta' | 'instagram' | 'email' } = {}) =>
    engine.review({ text, personas: examples, teamId: 'T_EXAMPLES', channel: extra.channel ?? 'meta', ...(extra.persona ? { persona: extra.persona } : {}) });

  it('never makes a strong fit out of an offer alone, even for a deal-seeking persona', async () => {
    const hunter: Persona = personaFromDraft(
      {
        name: 'Bargain Hunter',
        summary: 'Never pays full price for anything.',
        product: null,
        owner: null,
        reviewedAt: '2026-10-01',
        demographics: {},
        psychographics: {},
        sociographics: {},
        channels: ['email', 'sms'],
        quote: null,
        successMetric: null,
        constraints: [],
        jobs: [
          { kind: 'functional', statement: 'Find a discount code before I check out', importance: 5, when: null, outcome: null },
          { kind: 'emotional', statement: 'Feel smart about what I paid', importance: 3, when: null, outcome: null },
        ],
        pains: [{ kind: 'undesired_outcome', text: 'Paying full price and seeing it on sale a day later', severity: 4 }],
        gains: [],
        evidence: [],
      },
      'p-hunter',
    );
    for (const text of ['Use code SAVE20 for 20% off this weekend only.', 'Buy one get one free, for just £5.99. T&Cs apply.']) {
      const r = await engine.review({ text, personas: [...examples, hunter], teamId: 'T_HUNTER', channel: 'email' });
      expect(
        r.personas.map((p) => p.match),
        text,
      ).not.toContain('strong');
      expect(r.jobsAddressed, text).toBe(0);
    }
  });

  it('lets a handle or hashtag for a product narrow the personas to that product', async () => {
    const text = 'Feel in control of your week. #GreenhopLife';
    const r = await review(text);
    for (const p of r.personas.filter((x) => ['Overbooked Team Lead', 'Operations Director'].includes(x.name))) {
      expect(p.match).toBe('none');
      expect(p.reasons.join('\n')).toContain('names Greenhop');
    }
  });

  it('counts a promise and its payoff as one primary job', async () => {
    const r = await review('Take the kids to school safely by bike, and stop worrying about traffic on the school run.', { persona: 'Cargo Bike Parent' });
    const parent = r.personas.find((p) => p.name === 'Cargo Bike Parent')!;
    expect(parent.jobs.map((j) => j.statement)).toEqual(
      expect.arrayContaining(['Take the kids to school safely by bike', 'Stop worrying about traffic on the school run']),
    );
    expect(r.primaryJobs).toBe(1);
    expect(r.findings.map((f) => f.rule)).not.toContain('jobs.focus');
  });

  it('points an SMS with an opt-out at SMS, not LinkedIn or X', async () => {
    const r = await engine.review({
      text: 'Greenhop: your trial bike is ready for pickup Saturday. Reply STOP to opt out',
      personas: examples,
      teamId: 'T_EXAMPLES',
    });
    expect(r.channels[0]!.channel).toBe('sms');
  });
});
