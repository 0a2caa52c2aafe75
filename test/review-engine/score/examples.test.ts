// Learning from the team's examples, at the engine: no examples changes nothing; a labelled ad
// moves the review of a similar draft, with a reason in plain words; taking it away undoes it.
import { describe, expect, it } from 'vitest';
import { createReviewEngine } from '../../../src/review-engine/engine.js';
import type { ReviewEngine } from '../../../src/review-engine/engine.js';
import { hashTerm, isNearDuplicate, LEARNING, meanVector, personaShift, prepareExamples, voteOf } from '../../../src/review-engine/score/examples.js';
import type { LabelledExample } from '../../../src/review-engine/score/examples.js';
import { loadEvalSet } from '../../../tools/eval/eval-set.js';
import type { EvalSet } from '../../../tools/eval/eval-set.js';
import { CALIBRATION_DIR, FakeEmbedder } from '../support.js';

const set: EvalSet = await loadEvalSet(CALIBRATION_DIR);
const byId = (id: string) => set.cases.find((c) => c.id === id)!;
const personaId = (name: string) => set.personas.find((p) => p.name === name)!.id;

async function example(engine: ReviewEngine, id: string, text: string, persona: string | null, jobs: string[] | null = null): Promise<LabelledExample> {
  return { id, personaId: persona === null ? null : personaId(persona), jobs: jobs ?? [], jobsKnown: jobs !== null, ...(await engine.exampleFeatures(text)) };
}

describe('the review with no examples', () => {
  for (const [mode, embedder] of [
    ['lexical', null],
    ['semantic (stand-in model)', new FakeEmbedder()],
  ] as const) {
    it(`is exactly the engine's own, on every calibration draft (${mode})`, async () => {
      const engine = createReviewEngine({ embedder });
      for (const c of set.cases) {
        const base = { text: c.text, personas: set.personas, teamId: 'T_SAME', channel: c.channel };
        const without = await engine.review(base);
        expect(await engine.review({ ...base, examples: [] })).toEqual(without);
      }
    });
  }
});

describe('a labelled ad', () => {
  const engine = createReviewEngine({ embedder: null });
  const draft = byId('c04');
  const similar = `${draft.text} Today.`;
  const review = (examples?: LabelledExample[]) =>
    engine.review({ text: similar, personas: set.personas, teamId: 'T_LEARN', channel: draft.channel, examples });

  it('moves the review of a similar draft to the persona the team marked, and says so', async () => {
    const before = await review();
    expect(before.personas[0]!.name).toBe('Cafe Owner');
    const after = await review([await example(engine, 'e1', draft.text, 'Startup Finance Lead')]);
    expect(after.personas[0]).toMatchObject({ name: 'Startup Finance Lead' });
    expect(after.personas[0]!.match).not.toBe('none');
    expect(after.personas[0]!.reasons).toContain('close to 1 ad your team marked for Startup Finance Lead');
  });

  it('marked generic makes a similar draft fit nobody', async () => {
    const after = await review([await example(engine, 'e1', draft.text, null)]);
    expect(after.personas.every((p) => p.match === 'none')).toBe(true);
    expect(after.personas[0]!.reasons.join('\n')).toContain('your team marked as generic');
  });

  it('taken away, leaves the review as it was', async () => {
    const before = await review();
    await review([await example(engine, 'e1', draft.text, 'Startup Finance Lead')]);
    expect(await review([])).toEqual(before);
  });

  it('far from the draft does not move it', async () => {
    const before = await review();
    const far = await example(engine, 'far', 'Waterproof boots for muddy mountain trails, tested on the Pennine Way.', 'Startup Finance Lead');
    expect(await review([far])).toEqual(before);
  });
});

describe('votes', () => {
  it('come from the nearest examples only, weighted by closeness, and are stored hashed', async () => {
    const engine = createReviewEngine({ embedder: new FakeEmbedder() });
    const near = await example(engine, 'n', 'Close your books in three days, not three weeks', 'Startup Finance Lead', ['Close the month quickly']);
    const far = await example(engine, 'f', 'Plan your first ultramarathon with a coach in your pocket', 'Aspiring Ultrarunner');
    expect(near.terms.every(([h]) => /^[0-9a-f]{16}$/.test(h))).toBe(true);
    expect(near.terms.map(([h]) => h)).toContain(hashTerm('book'));
    const ins = await engine.inspect({ text: 'Close your books in three days', personas: set.personas, teamId: 'T_V' });
    const votes = voteOf({
      prepared: prepareExamples([near, far]),
      draftVector: meanVector(ins.draft.vectors!),
      model: engine.model,
      draftTerms: ins.draft.keys.at(-1)!,
      jobKey: (s) => s.toLowerCase(),
    });
    expect(votes.neighbours.map((n) => n.example.id)).toEqual(['n']);
    expect(personaShift(votes, personaId('Startup Finance Lead'))).toBeGreaterThan(0);
    // The draft is the example barely reworded: its label decides, against every other persona.
    expect(isNearDuplicate(votes.neighbours[0]!)).toBe(true);
    expect(personaShift(votes, personaId('Aspiring Ultrarunner'))).toBe(-LEARNING.nearShift);
    expect(personaShift(votes, personaId('Startup Finance Lead'))).toBeGreaterThan(LEARNING.nearShift);
  });
});

describe('how strongly a close example decides', () => {
  const unit = (...xs: number[]) => {
    const n = Math.hypot(...xs);
    return Float32Array.from(xs.map((x) => x / n));
  };
  const ex = (id: string, personaId: string | null, vector: Float32Array): LabelledExample => ({
    id,
    personaId,
    jobs: [],
    jobsKnown: false,
    vector,
    model: 'm',
    terms: [],
  });
  const votesFor = (examples: LabelledExample[], draft: Float32Array, params = LEARNING) =>
    voteOf({ prepared: prepareExamples(examples), draftVector: draft, model: 'm', draftTerms: new Set(), jobKey: (s) => s, params });

  it('a sibling ad (closeAt and above, below a near-duplicate) leans its way by closeShift, against every other persona', () => {
    // Words carry nothing here: the similarity is the cosine alone, so a cosine of 1 is "close" but no near-duplicate.
    const params = { ...LEARNING, toPersona: 0, toGeneric: 0, closeAt: 0.9, closeShift: 1.5 };
    const close = votesFor([ex('a', 'A', unit(1, 0.2, 0)), ex('b', 'B', unit(0, 1, 0))], unit(1, 0.2, 0), params);
    expect(close.neighbours[0]!.similarity).toBeGreaterThanOrEqual(0.9);
    expect(isNearDuplicate(close.neighbours[0]!, params)).toBe(false);
    expect(personaShift(close, 'A')).toBeCloseTo(1.5);
    expect(personaShift(close, 'B')).toBeCloseTo(-1.5);
    expect(personaShift(close, 'C')).toBeCloseTo(-1.5);
    // Marked generic: every persona loses it.
    const generic = votesFor([ex('g', null, unit(1, 0.2, 0))], unit(1, 0.2, 0), params);
    expect(personaShift(generic, 'A')).toBeCloseTo(-1.5);
    // Below closeAt the nearest example only votes.
    const farther = votesFor([ex('a', 'A', unit(1, 1, 0))], unit(1, 0, 0), params);
    expect(farther.neighbours[0]!.similarity).toBeLessThan(0.9);
    expect(personaShift(farther, 'A')).toBe(0);
  });

  it("prototypes: a persona gains by how much closer its examples' mean is than the next label's, and the generic mean takes from all", () => {
    const params = { ...LEARNING, toPersona: 0, toGeneric: 0, closeAt: Number.POSITIVE_INFINITY, floor: 0, toPrototype: 10 };
    const examples = [ex('a1', 'A', unit(1, 0, 0)), ex('a2', 'A', unit(1, 0.1, 0)), ex('b1', 'B', unit(0, 1, 0)), ex('g1', null, unit(0, 0, 1))];
    const toA = votesFor(examples, unit(1, 0.3, 0.1), params);
    expect(personaShift(toA, 'A')).toBeGreaterThan(0);
    expect(personaShift(toA, 'B')).toBeLessThan(0);
    // A persona with no examples has no prototype: no margin of its own.
    expect(personaShift(toA, 'C')).toBe(0);
    const toGeneric = votesFor(examples, unit(0.1, 0.1, 1), params);
    expect(personaShift(toGeneric, 'A')).toBeLessThan(0);
    expect(personaShift(toGeneric, 'C')).toBeLessThan(0);
    // Off (the default), margins are not even computed.
    expect(votesFor(examples, unit(1, 0.3, 0.1), { ...params, toPrototype: 0 }).margins.size).toBe(0);
  });
});
