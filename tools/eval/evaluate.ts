// Measures the engine on a labelled set (see eval-set.ts): persona top-1 accuracy, generic-copy
// detection, job precision and recall, job-count accuracy and channel-verdict accuracy.
//
// Definitions:
// - persona top-1 (strict): among drafts written for a persona, the share whose best-ranked
//   persona is it with a match other than `none` (naming nobody is a miss); the lenient figure
//   beside it counts the best-ranked persona whatever its match;
// - generic detection: among generic drafts (persona null), the share where every persona's
//   match is `none`;
// - jobs: for a persona's draft, the jobs the engine lists for that persona are compared with
//   the labels (a job in `also_ok` is neither a hit nor a false alarm); for a generic draft,
//   every job counted in `jobsAddressed` is a false alarm;
// - job count: `jobsAddressed` equals the number of labelled jobs (exact), or lies between it
//   and the number of labelled plus also-ok jobs (lenient);
// - channel verdict: `poor` exactly for the drafts labelled poor.
import { identityKey } from '../../src/domain/persona.js';
import type { EvalCase } from './eval-set.js';
import type { Verdict } from '../../src/review-engine/findings.js';
import type { ReviewResult } from '../../src/review-engine/result.js';

export interface CasePrediction {
  id: string;
  /** Personas best first, with the jobs listed for each. */
  ranked: Array<{ name: string; match: 'strong' | 'partial' | 'none'; jobs: string[] }>;
  jobsAddressed: number;
  verdict: Verdict | null;
  /** Whether the review called its first persona a close call (absent where it was not asked). */
  closeCall?: boolean;
}

export function predictionOf(id: string, result: ReviewResult): CasePrediction {
  return {
    id,
    ranked: result.personas.map((p) => ({ name: p.name, match: p.match, jobs: p.jobs.map((j) => j.statement) })),
    jobsAddressed: result.jobsAddressed,
    verdict: result.verdict,
    closeCall: result.closeCall !== null,
  };
}

export interface Rate {
  correct: number;
  total: number;
  rate: number;
}

export interface EvalReport {
  cases: number;
  /** Strict: the labelled persona ranks first and is matched (`strong` or `partial`). */
  personaTop1: Rate;
  /** Lenient: the labelled persona ranks first, even with a `none` match. */
  personaTop1Lenient: Rate;
  /**
   * Of the persona drafts given a matched persona: strict top-1 where the review was sure, and
   * where it said the first was a close call. Null when the predictions do not say.
   */
  closeCalls: { sure: Rate; close: Rate } | null;
  genericDetection: Rate;
  jobs: { truePositives: number; falsePositives: number; falseNegatives: number; precision: number; recall: number };
  jobCount: { exact: Rate; lenient: Rate };
  channelVerdict: Rate & { hardLimitPoor: Rate; otherPoor: number };
  misses: Array<{ id: string; what: string }>;
}

const rate = (correct: number, total: number): Rate => ({ correct, total, rate: total === 0 ? 1 : correct / total });

export function scoreCases(cases: readonly EvalCase[], predictions: readonly CasePrediction[]): EvalReport {
  const byId = new Map(predictions.map((p) => [p.id, p]));
  let top1 = 0;
  let top1Lenient = 0;
  let labelled = 0;
  let sure = 0;
  let sureRight = 0;
  let close = 0;
  let closeRight = 0;
  let genericOk = 0;
  let generic = 0;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let countExact = 0;
  let countLenient = 0;
  let verdictOk = 0;
  let verdictTotal = 0;
  let hardPoor = 0;
  let hardTotal = 0;
  let otherPoor = 0;
  const misses: EvalReport['misses'] = [];
  for (const c of cases) {
    const p = byId.get(c.id);
    if (!p) throw new Error(`no prediction for case ${c.id}`);
    const gold = new Set(c.jobs.map(identityKey));
    const ok = new Set(c.also_ok.map(identityKey));
    if (c.persona !== null) {
      labelled++;
      const best = p.ranked[0];
      const first = best !== undefined && identityKey(best.name) === identityKey(c.persona);
      if (first) top1Lenient++;
      if (first && best.match !== 'none') top1++;
      if (best && best.match !== 'none' && p.closeCall !== undefined) {
        if (p.closeCall) {
          close++;
          if (first) closeRight++;
        } else {
          sure++;
          if (first) sureRight++;
        }
      } else if (first) misses.push({ id: c.id, what: `persona: ${c.persona} ranks first but matches none` });
      else misses.push({ id: c.id, what: `persona: expected ${c.persona}, got ${best?.name ?? 'nothing'}${best ? ` (${best.match})` : ''}` });
      const mine = p.ranked.find((r) => identityKey(r.name) === identityKey(c.persona!));
      const predicted = new Set((mine?.jobs ?? []).map(identityKey));
      for (const j of predicted) {
        if (gold.has(j)) tp++;
        else if (!ok.has(j)) {
          fp++;
          misses.push({ id: c.id, what: `job false alarm: "${j}"` });
        }
      }
      for (const j of gold)
        if (!predicted.has(j)) {
          fn++;
          misses.push({ id: c.id, what: `job missed: "${j}"` });
        }
    } else {
      generic++;
      if (p.ranked.every((r) => r.match === 'none')) genericOk++;
      else
        misses.push({
          id: c.id,
          what: `generic copy matched ${p.ranked
            .filter((r) => r.match !== 'none')
            .map((r) => `${r.name} (${r.match})`)
            .join(', ')}`,
        });
      fp += p.jobsAddressed;
    }
    const want = gold.size;
    if (p.jobsAddressed === want) countExact++;
    if (p.jobsAddressed >= want && p.jobsAddressed <= want + ok.size) countLenient++;
    else misses.push({ id: c.id, what: `job count: ${p.jobsAddressed}, labelled ${want}${ok.size ? ` (+${ok.size} also ok)` : ''}` });
    if (p.verdict !== null) {
      verdictTotal++;
      const poor = p.verdict === 'poor';
      if (poor === (c.verdict === 'poor')) verdictOk++;
      else misses.push({ id: c.id, what: `verdict: ${p.verdict}, labelled ${c.verdict}` });
      if (c.verdict === 'poor') {
        hardTotal++;
        if (poor) hardPoor++;
      } else if (poor) otherPoor++;
    }
  }
  return {
    cases: cases.length,
    personaTop1: rate(top1, labelled),
    personaTop1Lenient: rate(top1Lenient, labelled),
    closeCalls: predictions.some((p) => p.closeCall !== undefined) ? { sure: rate(sureRight, sure), close: rate(closeRight, close) } : null,
    genericDetection: rate(genericOk, generic),
    jobs: {
      truePositives: tp,
      falsePositives: fp,
      falseNegatives: fn,
      precision: tp + fp === 0 ? 1 : tp / (tp + fp),
      recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    },
    jobCount: { exact: rate(countExact, cases.length), lenient: rate(countLenient, cases.length) },
    channelVerdict: { ...rate(verdictOk, verdictTotal), hardLimitPoor: rate(hardPoor, hardTotal), otherPoor },
    misses,
  };
}

/** The bounds the issue sets on the development set. */
export const EVAL_BOUNDS = { personaTop1: 0.9, jobPrecision: 0.85, jobRecall: 0.85 } as const;

export interface BoundCheck {
  name: string;
  value: number;
  bound: string;
  pass: boolean;
}

export function checkBounds(r: EvalReport): BoundCheck[] {
  return [
    { name: 'persona top-1', value: r.personaTop1.rate, bound: `≥ ${EVAL_BOUNDS.personaTop1}`, pass: r.personaTop1.rate >= EVAL_BOUNDS.personaTop1 },
    { name: 'job precision', value: r.jobs.precision, bound: `≥ ${EVAL_BOUNDS.jobPrecision}`, pass: r.jobs.precision >= EVAL_BOUNDS.jobPrecision },
    { name: 'job recall', value: r.jobs.recall, bound: `≥ ${EVAL_BOUNDS.jobRecall}`, pass: r.jobs.recall >= EVAL_BOUNDS.jobRecall },
    {
      name: 'hard-limit drafts poor',
      value: r.channelVerdict.hardLimitPoor.rate,
      bound: '= 1',
      pass: r.channelVerdict.hardLimitPoor.correct === r.channelVerdict.hardLimitPoor.total,
    },
    { name: 'other drafts poor', value: r.channelVerdict.otherPoor, bound: '= 0', pass: r.channelVerdict.otherPoor === 0 },
  ];
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const share = (r: Rate) => `${pct(r.rate)} (${r.correct}/${r.total})`;

export function formatEvalReport(r: EvalReport, header: string, verbose = false): string {
  const lines = [
    header,
    `  persona top-1 accuracy   ${pct(r.personaTop1.rate)} strict, ${pct(r.personaTop1Lenient.rate)} lenient  (${r.personaTop1.correct}, ${r.personaTop1Lenient.correct} of ${r.personaTop1.total} drafts written for a persona; strict: ranked first and matched)`,
    ...(r.closeCalls
      ? [
          `  when a persona is named  ${share(r.closeCalls.sure)} right when sure, ${r.closeCalls.close.total ? `${share(r.closeCalls.close)} right when called a close call` : 'no close call'}`,
        ]
      : []),
    `  generic-copy detection   ${pct(r.genericDetection.rate)}  (${r.genericDetection.correct}/${r.genericDetection.total} generic drafts with every persona "none")`,
    `  job precision            ${r.jobs.precision.toFixed(3)}  (${r.jobs.truePositives} right, ${r.jobs.falsePositives} false alarms)`,
    `  job recall               ${r.jobs.recall.toFixed(3)}  (${r.jobs.truePositives} found, ${r.jobs.falseNegatives} missed)`,
    `  job-count accuracy       ${pct(r.jobCount.exact.rate)} exact, ${pct(r.jobCount.lenient.rate)} counting also-ok jobs  (${r.jobCount.exact.correct}, ${r.jobCount.lenient.correct} of ${r.cases})`,
    `  channel-verdict accuracy ${pct(r.channelVerdict.rate)}  (${r.channelVerdict.correct}/${r.channelVerdict.total}; hard-limit drafts poor ${r.channelVerdict.hardLimitPoor.correct}/${r.channelVerdict.hardLimitPoor.total}, other drafts poor ${r.channelVerdict.otherPoor})`,
    '  bounds:',
    ...checkBounds(r).map((b) => `    ${b.pass ? 'pass' : 'FAIL'}  ${b.name} ${Number.isInteger(b.value) ? b.value : b.value.toFixed(3)} (${b.bound})`),
  ];
  if (verbose && r.misses.length) lines.push('  misses:', ...r.misses.map((m) => `    ${m.id}  ${m.what}`));
  return lines.join('\n');
}
