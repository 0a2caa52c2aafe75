import { describe, expect, it } from 'vitest';
import type { EvalCase } from '../../../tools/eval/eval-set.js';
import { checkBounds, formatEvalReport, scoreCases } from '../../../tools/eval/evaluate.js';
import type { CasePrediction } from '../../../tools/eval/evaluate.js';

const cases: EvalCase[] = [
  { id: 'a', channel: 'meta', persona: 'Runner', jobs: ['Run far'], also_ok: ['Feel strong'], verdict: 'not_poor', text: '' },
  { id: 'b', channel: 'tiktok', persona: 'Runner', jobs: ['Run far', 'Join a club'], also_ok: [], verdict: 'poor', text: '' },
  { id: 'c', channel: 'sms', persona: null, jobs: [], also_ok: [], verdict: 'not_poor', text: '' },
  { id: 'd', channel: 'x', persona: 'Baker', jobs: ['Sell out by noon'], also_ok: [], verdict: 'not_poor', text: '' },
];
const none = (name: string) => ({ name, match: 'none' as const, jobs: [] });
const predictions: CasePrediction[] = [
  { id: 'a', ranked: [{ name: 'Runner', match: 'strong', jobs: ['run far', 'Feel strong'] }, none('Baker')], jobsAddressed: 2, verdict: 'good' },
  { id: 'b', ranked: [{ name: 'Runner', match: 'partial', jobs: ['Run far', 'Rest well'] }, none('Baker')], jobsAddressed: 2, verdict: 'poor' },
  { id: 'c', ranked: [{ name: 'Baker', match: 'partial', jobs: ['Sell out by noon'] }, none('Runner')], jobsAddressed: 1, verdict: 'poor' },
  { id: 'd', ranked: [none('Runner'), none('Baker')], jobsAddressed: 0, verdict: 'ok' },
];

describe('scoreCases', () => {
  const r = scoreCases(cases, predictions);

  it('measures persona top-1 and generic detection', () => {
    expect(r.personaTop1).toEqual({ correct: 2, total: 3, rate: 2 / 3 });
    expect(r.personaTop1Lenient).toEqual({ correct: 2, total: 3, rate: 2 / 3 });
    expect(r.genericDetection).toEqual({ correct: 0, total: 1, rate: 0 });
  });

  it('counts also-ok jobs as neither hits nor false alarms, and generic jobs as false alarms', () => {
    // a: run far ✓, feel strong (ok); b: run far ✓, rest well ✗, join a club missed; c: 1 false alarm; d: missed.
    expect(r.jobs).toMatchObject({ truePositives: 2, falsePositives: 2, falseNegatives: 2, precision: 0.5, recall: 0.5 });
  });

  it('measures job counts exactly and leniently, and channel verdicts', () => {
    expect(r.jobCount.exact.correct).toBe(1); // b
    expect(r.jobCount.lenient.correct).toBe(2); // a (1 + 1 also ok), b
    expect(r.channelVerdict).toMatchObject({ correct: 3, total: 4, hardLimitPoor: { correct: 1, total: 1 }, otherPoor: 1 });
    expect(checkBounds(r).map((b) => [b.name, b.pass])).toEqual([
      ['persona top-1', false],
      ['job precision', false],
      ['job recall', false],
      ['hard-limit drafts poor', true],
      ['other drafts poor', false],
    ]);
  });

  it('prints the figures and, when asked, every miss', () => {
    const text = formatEvalReport(r, 'set', true);
    expect(text).toContain('persona top-1 accuracy   66.7% strict, 66.7% lenient  (2, 2 of 3 drafts written for a persona');
    expect(text).toContain('c  generic copy matched Baker (partial)');
  });
});

describe('strict persona top-1', () => {
  it('counts a persona that ranks first with a none match as a miss, and as a hit only leniently', () => {
    const one: EvalCase[] = [{ id: 'e', channel: 'meta', persona: 'Runner', jobs: [], also_ok: [], verdict: 'not_poor', text: '' }];
    const r = scoreCases(one, [{ id: 'e', ranked: [none('Runner'), none('Baker')], jobsAddressed: 0, verdict: 'good' }]);
    expect(r.personaTop1).toEqual({ correct: 0, total: 1, rate: 0 });
    expect(r.personaTop1Lenient).toEqual({ correct: 1, total: 1, rate: 1 });
    expect(r.misses).toContainEqual({ id: 'e', what: 'persona: Runner ranks first but matches none' });
  });
});

describe('close calls', () => {
  it('splits persona top-1 into the drafts the review was sure of and those it called a close call', () => {
    const withCalls: CasePrediction[] = predictions.map((p) => ({ ...p, closeCall: p.id === 'b' }));
    const r = scoreCases(cases, withCalls);
    // a: named, sure, right; b: named, a close call, right; d: nothing named (not counted).
    expect(r.closeCalls).toEqual({ sure: { correct: 1, total: 1, rate: 1 }, close: { correct: 1, total: 1, rate: 1 } });
    expect(formatEvalReport(r, 'set')).toContain('when a persona is named  100.0% (1/1) right when sure, 100.0% (1/1) right when called a close call');
    expect(scoreCases(cases, predictions).closeCalls).toBeNull();
  });
});
