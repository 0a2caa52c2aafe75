import { describe, expect, it } from 'vitest';
import { focusFinding, jobRoles } from '../../../src/review-engine/score/jobs.js';
import type { JobHit } from '../../../src/review-engine/score/persona-fit.js';

// Each hit's evidence sits after the previous one's, so no two overlap unless a test says so.
let offset = 0;
const hit = (statement: string, kind: JobHit['kind'], score: number): JobHit => ({
  statement,
  kind,
  importance: 4,
  score,
  evidence: statement,
  evidenceStart: offset,
  evidenceEnd: (offset += statement.length + 1) - 1,
  similarity: 0.5,
  sharedWords: [],
  textId: 0,
});

describe('job hierarchy', () => {
  const promise = hit('Take the kids to school safely by bike', 'functional', 0.8);
  const payoff = hit('Stop worrying about traffic on the school run', 'emotional', 0.7);

  const related = () => true;

  it('counts a promise and its payoff (related statements) as one primary job and one supporting job', () => {
    expect(jobRoles([promise, payoff], related)).toEqual(['primary', 'supporting']);
    expect(focusFinding('Cargo Bike Parent', [promise, payoff], related)).toBeNull();
  });

  it('counts a feeling unrelated to the promise as a second promise', () => {
    expect(jobRoles([promise, payoff], () => false)).toEqual(['primary', 'primary']);
    expect(focusFinding('Cargo Bike Parent', [promise, payoff], () => false)).toMatchObject({ actual: 2 });
  });

  it('takes a payoff said in the same words as the promise as supporting, whatever the statements', () => {
    const sameBreath = { ...payoff, evidenceStart: 5, evidenceEnd: 30 };
    expect(jobRoles([{ ...promise, evidenceStart: 0, evidenceEnd: 20 }, sameBreath])).toEqual(['primary', 'supporting']);
  });

  it('warns when separate promises compete, naming the supporting jobs apart', () => {
    const other = hit('Carry the weekly shop without a car', 'functional', 0.6);
    const f = focusFinding('Cargo Bike Parent', [promise, payoff, other], (a, b) => a + b === 1);
    expect(f).toMatchObject({ severity: 'warning', rule: 'jobs.focus', actual: 2 });
    expect(f!.message).toContain('2 separate promises');
    expect(f!.message).toContain('plus 1 supporting');
  });

  it('without a functional job, the clearest job’s kind is primary', () => {
    const social = hit('Be seen as a parent who does the school run right', 'social', 0.9);
    expect(jobRoles([payoff, social], related)).toEqual(['supporting', 'primary']);
  });
});
