// Learning from the team's examples, at the engine: no examples changes nothing; a labelled ad
// moves the review of a similar draft, with a reason in plain words; taking it away undoes it.
import { describe, expect, it } from 'vitest';
import { createReviewEngine } from '../../../src/review-engine/engine.js';
import type { ReviewEngine } from '../../../src/review-engine/engine.js';
import { hashTerm, LEARNING, meanVector, personaShift, prepareExamples, voteOf } from '../../../src/review-engine/score/examples.js';
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
    expect(votes.neighbours[0]!.similarity).toBeGreaterThanOrEqual(LEARNING.nearDuplicate);
    expect(personaShift(votes, personaId('Aspiring Ultrarunner'))).toBe(-LEARNING.nearShift);
    expect(personaShift(votes, personaId('Startup Finance Lead'))).toBeGreaterThan(LEARNING.nearShift);
  });
});
