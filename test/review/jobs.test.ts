import { describe, expect, it } from 'vitest';
import { focusFinding, jobRoles } from '../../src/review/jobs.js';
import type { JobHit } from '../../src/review/persona-fit.js';

const hit = (statement: string, kind: JobHit['kind'], score: number): JobHit => ({
  statement,
  kind,
  importance: 4,
  score,
  evidence: statement,
  evidenceStart: 0,
  evidenceEnd: statement.length,
  similarity: 0.5,
  sharedWords: [],
});

describe('job hierarchy', () => {
  const promise = hit('Take the kids to school safely by bike', 'functional', 0.8);
  const payoff = hit('Stop worrying about traffic on the school run', 'emotional', 0.7);

  it('counts a promise and its payoff as one primary job and one supporting job', () => {
    expect(jobRoles([promise, payoff])).toEqual(['primary', 'supporting']);
    expect(focusFinding('Cargo Bike Parent', [promise, payoff])).toBeNull();
  });

  it('warns when separate promises compete, naming the supporting jobs apart', () => {
    const other = hit('Carry the weekly shop without a car', 'functional', 0.6);
    const f = focusFinding('Cargo Bike Parent', [promise, payoff, other]);
    expect(f).toMatchObject({ severity: 'warning', rule: 'jobs.focus', actual: 2 });
    expect(f!.message).toContain('2 separate promises');
    expect(f!.message).toContain('plus 1 supporting');
  });

  it('without a functional job, the clearest job’s kind is primary', () => {
    const social = hit('Be seen as a parent who does the school run right', 'social', 0.9);
    expect(jobRoles([payoff, social])).toEqual(['supporting', 'primary']);
  });
});
