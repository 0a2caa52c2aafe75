// Measures how the review learns from a team's labelled examples:
// - K-fold: the set's drafts split into K folds (a seeded shuffle); each fold is reviewed with the
//   other K−1 folds learned as examples, and the predictions of all folds are scored together;
// - a learning curve: n labelled drafts per persona (and n generic ones) learned, every other
//   draft reviewed, for n = 0, 1, 2, 4, 8, pooled over a few seeds. Where a persona has n labelled
//   drafts or fewer, all of them are learned and none is left to review: a row rests only on the
//   personas with more than n (the curve prints how many drafts each figure rests on, and a row
//   with none says so rather than show a rate of nothing).
import { identityKey } from '../../src/domain/persona.js';
import type { ReviewEngine } from '../../src/review-engine/engine.js';
import type { ExampleFeatures, LabelledExample } from '../../src/review-engine/score/examples.js';
import type { EvalCase, EvalSet } from './eval-set.js';
import { predictionOf, scoreCases } from './evaluate.js';
import type { CasePrediction, EvalReport } from './evaluate.js';

export const CURVE_SIZES = [0, 1, 2, 4, 8] as const;

/** The examples a labelled case teaches: its persona (by id) or generic, and its labelled jobs. */
export function exampleOf(set: EvalSet, c: EvalCase, features: ExampleFeatures): LabelledExample {
  const persona = c.persona === null ? null : set.personas.find((p) => identityKey(p.name) === identityKey(c.persona!));
  return { id: c.id, personaId: persona?.id ?? null, jobs: c.jobs, jobsKnown: c.persona !== null, ...features };
}

export class LearningEval {
  private readonly features = new Map<string, Promise<ExampleFeatures>>();
  constructor(
    private readonly engine: ReviewEngine,
    private readonly set: EvalSet,
    private readonly teamId = 'T_EVAL',
  ) {}

  private exampleFor(c: EvalCase): Promise<LabelledExample> {
    const key = `${c.id}\u0000${c.text}`;
    let f = this.features.get(key);
    if (!f) {
      f = this.engine.exampleFeatures(c.text);
      this.features.set(key, f);
    }
    return f.then((x) => exampleOf(this.set, c, x));
  }

  async predict(c: EvalCase, learned: readonly EvalCase[]): Promise<CasePrediction> {
    const examples = await Promise.all(learned.map((x) => this.exampleFor(x)));
    const result = await this.engine.review({ text: c.text, personas: this.set.personas, teamId: this.teamId, channel: c.channel, examples });
    return predictionOf(c.id, result);
  }

  /** Every draft reviewed having learned all the drafts of another labelled set (of the same personas). */
  async learnedFrom(other: EvalSet): Promise<EvalReport> {
    const predictions: CasePrediction[] = [];
    for (const c of this.set.cases) predictions.push(await this.predict(c, other.cases));
    return scoreCases(this.set.cases, predictions);
  }

  /** K-fold with learning: every draft reviewed once, having learned the other folds. */
  async kFold(k: number, seed = 1): Promise<EvalReport> {
    const folds = foldsOf(
      this.set.cases.map((c) => c.id),
      k,
      seed,
    );
    const predictions: CasePrediction[] = [];
    for (const fold of folds) {
      const learned = this.set.cases.filter((c) => !fold.has(c.id));
      for (const c of this.set.cases.filter((x) => fold.has(x.id))) predictions.push(await this.predict(c, learned));
    }
    return scoreCases(this.set.cases, predictions);
  }

  /**
   * The learning curve: for each n, each seed learns n drafts per persona and n generic ones
   * and reviews all the others; the reports of the seeds are pooled.
   */
  async curve(sizes: readonly number[] = CURVE_SIZES, seeds = 3): Promise<Array<{ n: number; report: EvalReport; learned: number }>> {
    const out: Array<{ n: number; report: EvalReport; learned: number }> = [];
    const labelOf = (c: EvalCase) => (c.persona === null ? '\u0000generic' : identityKey(c.persona));
    for (const n of sizes) {
      const cases: EvalCase[] = [];
      const predictions: CasePrediction[] = [];
      let learnedTotal = 0;
      for (let seed = 1; seed <= seeds; seed++) {
        const shuffled = shuffle(this.set.cases, seed);
        const taken = new Map<string, number>();
        const learned: EvalCase[] = [];
        for (const c of shuffled) {
          const label = labelOf(c);
          if ((taken.get(label) ?? 0) >= n) continue;
          taken.set(label, (taken.get(label) ?? 0) + 1);
          learned.push(c);
        }
        learnedTotal += learned.length;
        const learnedIds = new Set(learned.map((c) => c.id));
        for (const c of this.set.cases) {
          if (learnedIds.has(c.id)) continue;
          const id = `${seed}:${c.id}`;
          cases.push({ ...c, id });
          predictions.push({ ...(await this.predict(c, learned)), id });
        }
      }
      out.push({ n, report: scoreCases(cases, predictions), learned: learnedTotal / seeds });
    }
    return out;
  }
}

export function formatCurve(rows: Array<{ n: number; report: EvalReport; learned: number }>): string {
  const pct = (r: { rate: number; total: number }) => (r.total === 0 ? '—' : `${(100 * r.rate).toFixed(1)}%`).padStart(6);
  const jobs = (r: EvalReport['jobs'], x: number) => (r.truePositives + r.falsePositives + r.falseNegatives === 0 ? '  —  ' : x.toFixed(3));
  return [
    '  learning curve (n labelled drafts per persona and n generic ones learned; the others reviewed; 3 seeds pooled):',
    '     n  learned   top-1 (of)       generic (of)   job P   job R  (labelled jobs)',
    ...rows.map(
      (r) =>
        `  ${String(r.n).padStart(4)}  ${r.learned.toFixed(1).padStart(7)}  ${pct(r.report.personaTop1)} (${String(r.report.personaTop1.total).padStart(3)})  ${pct(r.report.genericDetection)} (${String(r.report.genericDetection.total).padStart(3)})   ${jobs(r.report.jobs, r.report.jobs.precision)}   ${jobs(r.report.jobs, r.report.jobs.recall)}  (${r.report.jobs.truePositives + r.report.jobs.falseNegatives})`,
    ),
    '  (of: drafts reviewed, pooled over the seeds; a persona with n labelled drafts or fewer has them all learned and none reviewed; —: no draft left to review)',
  ].join('\n');
}

function shuffle<T>(items: readonly T[], seed: number): T[] {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function foldsOf(ids: readonly string[], k: number, seed: number): Array<Set<string>> {
  const shuffled = shuffle(ids, seed);
  return Array.from({ length: k }, (_, f) => new Set(shuffled.filter((_, i) => i % k === f)));
}
