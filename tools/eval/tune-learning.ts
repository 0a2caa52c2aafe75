// Chooses how much the team's examples move a review (LEARNING in src/review-engine/score/examples.ts):
// 5-fold with learning on the sets the engine may be fitted on (calibration, consumer,
// real-ads), every set measured separately. The sets kept back (holdout, professional,
// real-ads-holdout) are not read here at all: they are checked with `npm run eval` once a
// choice is made, so that no figure of theirs can take part in it.
//
//   npx tsx tools/eval/tune-learning.ts [--samples N] [--why]
//
// The drafts are read by the model once; each candidate then only re-votes and re-assesses,
// so a few thousand candidates (a seeded random search around the grid) take minutes.
// `--why` prints, for the current LEARNING, every persona miss with what it had to learn from.
import { parseArgs } from 'node:util';
import { identityKey } from '../../src/domain/persona.js';
import { loadEmbedder } from '../../src/review-engine/embedder.js';
import { createReviewEngine } from '../../src/review-engine/engine.js';
import type { DraftInspection } from '../../src/review-engine/engine.js';
import { calibration } from '../../src/review-engine/score/calibration.js';
import { LEARNING, meanVector, prepareExamples, voteOf } from '../../src/review-engine/score/examples.js';
import type { ExampleFeatures, LearningParams } from '../../src/review-engine/score/examples.js';
import { assessPersonas, rankAssessments } from '../../src/review-engine/score/persona-fit.js';
import { loadEvalSet } from './eval-set.js';
import type { EvalCase, EvalSet } from './eval-set.js';
import { scoreCases } from './evaluate.js';
import type { CasePrediction } from './evaluate.js';
import { exampleOf, foldsOf } from './learning.js';

const FIT = ['real-ads', 'calibration', 'consumer'].map((s) => `test/fixtures/review/${s}`);
const TARGETS = { top1: 0.92, generic: 0.85, p: 0.8, r: 0.75 };

const { values } = parseArgs({ options: { samples: { type: 'string', default: '1500' }, why: { type: 'boolean', default: false } } });

const loaded = await loadEmbedder();
if (!loaded.embedder) throw new Error(loaded.reason);
const engine = createReviewEngine({ embedder: loaded.embedder });

interface Prepared {
  set: EvalSet;
  cases: Array<{ c: EvalCase; ins: DraftInspection; features: ExampleFeatures; vector: Float32Array | null }>;
}

async function prepare(dir: string): Promise<Prepared> {
  const set = await loadEvalSet(dir);
  const cases: Prepared['cases'] = [];
  for (const c of set.cases) {
    const ins = await engine.inspect({ text: c.text, personas: set.personas, teamId: dir, channel: c.channel });
    const features = await engine.exampleFeatures(c.text);
    cases.push({ c, ins, features, vector: ins.semantic && ins.draft.vectors ? meanVector(ins.draft.vectors) : null });
  }
  return { set, cases };
}

interface Measured {
  top1: number;
  generic: number;
  p: number;
  r: number;
  why: string[];
}

function measure(p: Prepared, params: LearningParams, folds = 5, explain = false, seed = 1): Measured {
  const fs = foldsOf(
    p.cases.map((x) => x.c.id),
    folds,
    seed,
  );
  const preds: CasePrediction[] = [];
  const notes = new Map<string, string>();
  for (const fold of fs) {
    const learned = p.cases.filter((x) => !fold.has(x.c.id));
    const prepared = prepareExamples(learned.map((x) => exampleOf(p.set, x.c, x.features)));
    for (const x of p.cases.filter((y) => fold.has(y.c.id))) {
      const { ins } = x;
      const votes =
        ins.draft.segments.length > 0
          ? voteOf({
              prepared,
              draftVector: x.vector,
              model: engine.model,
              draftTerms: ins.draft.keys[ins.draft.keys.length - 1]!,
              jobKey: identityKey,
              params,
            })
          : null;
      const ranked = rankAssessments(
        assessPersonas({ index: ins.index, draft: ins.draft, scores: ins.scores, model: calibration.semantic, text: ins.analysed, votes }),
      );
      const top = ranked[0];
      preds.push({
        id: x.c.id,
        ranked: ranked.map((a) => ({ name: a.persona.name, match: a.match, jobs: a.jobs.map((j) => j.statement) })),
        jobsAddressed: top && top.match !== 'none' ? top.jobs.length : 0,
        verdict: null,
      });
      if (explain) {
        const label = (c: EvalCase) => c.persona ?? 'generic';
        const taught = learned.filter((l) => label(l.c) === label(x.c)).length;
        const nearest = (votes?.neighbours ?? [])
          .slice(0, 3)
          .map((n) => `${label(learned.find((l) => l.c.id === n.example.id)!.c)} ${n.similarity.toFixed(2)}`);
        const shown = ranked.slice(0, 2).map((a) => `${a.persona.name} (${a.match}, fit ${a.fit}, relevance ${a.relevance.toFixed(2)})`);
        notes.set(x.c.id, `${taught} of its label learned; nearest: ${nearest.join(', ') || 'none above the floor'}; ranked: ${shown.join(' > ')}`);
      }
    }
  }
  const r = scoreCases(
    p.cases.map((x) => x.c),
    preds,
  );
  const why = r.misses.filter((m) => m.what.startsWith('persona') || m.what.startsWith('generic')).map((m) => `${m.id} ${m.what} | ${notes.get(m.id) ?? ''}`);
  return { top1: r.personaTop1.rate, generic: r.genericDetection.rate, p: r.jobs.precision, r: r.jobs.recall, why };
}

const fit = await Promise.all(FIT.map(prepare));
const name = (p: Prepared) => p.set.dir.split('/').pop();
const fmt = (m: Measured) => `${m.top1.toFixed(3)} ${m.generic.toFixed(3)} ${m.p.toFixed(3)} ${m.r.toFixed(3)}`;
const none: LearningParams = { ...LEARNING, toPersona: 0, toGeneric: 0, toOthers: 0, toJob: 0, fromJob: 0, nearShift: 0, closeShift: 0, toPrototype: 0 };
console.log('figures: top-1, generic, job P, job R (5-fold)');
console.log('without learning:', fit.map((p) => `${name(p)} ${fmt(measure(p, none))}`).join(' | '));
console.log('current LEARNING:', fit.map((p) => `${name(p)} ${fmt(measure(p, LEARNING))}`).join(' | '));
if (values.why) {
  for (const p of fit) {
    const m = measure(p, LEARNING, 5, true);
    console.log(`\n${name(p)}: ${fmt(m)}`);
    for (const line of m.why) console.log(`  ${line}`);
  }
  process.exit(0);
}

// Each measure against its target, capped at the target: the mean shortfall decides, the worst breaks ties.
function objective(ms: Measured[]) {
  const ratios = ms.flatMap((m) => [m.top1 / TARGETS.top1, m.generic / TARGETS.generic, m.p / TARGETS.p, m.r / TARGETS.r].map((x) => Math.min(1, x)));
  return { worst: Math.min(...ratios), mean: ratios.reduce((a, b) => a + b, 0) / ratios.length };
}

let seed = 7;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const candidates: LearningParams[] = [LEARNING];
for (let i = 0; i < Number(values.samples); i++) {
  const [toJob, fromJob] = pick([
    [0, 0],
    [1, 0],
    [2, 0],
    [1, 0.5],
    [2, 1],
  ] as const);
  candidates.push({
    ...LEARNING,
    k: pick([3, 5, 9]),
    floor: pick([0.4, 0.5, 0.6, 0.7]),
    termWeight: pick([0.5, 1]),
    prior: pick([0.05, 0.15, 0.4]),
    toPersona: pick([1, 2, 4, 8]),
    toGeneric: pick([2, 4, 8]),
    toOthers: pick([0, 0.5, 1, 2, 4]),
    closeAt: pick([0.8, 0.9, 1, 1.1, 1.2, Number.POSITIVE_INFINITY]),
    closeShift: pick([1, 2, 4]),
    toPrototype: pick([0, 5, 10, 20, 40]),
    toJob,
    fromJob,
  });
}
const started = performance.now();
const scored = candidates.map((params) => {
  const ms = fit.map((p) => measure(p, params));
  return { params, ms, ...objective(ms) };
});
console.log(
  `${candidates.length} candidates in ${((performance.now() - started) / 1000).toFixed(0)} s; best by mean shortfall on ${fit.map(name).join(', ')}:`,
);
scored.sort((a, b) => b.mean - a.mean || b.worst - a.worst);
// One shuffle of a set of 40 drafts moves a figure by a draft or two: the leaders are measured
// again over three shuffles (fold seeds 1–3, figures pooled by averaging) before one is chosen.
const averaged = (p: Prepared, params: LearningParams): Measured => {
  const ms = [1, 2, 3].map((seed) => measure(p, params, 5, false, seed));
  const avg = (f: (m: Measured) => number) => ms.reduce((a, m) => a + f(m), 0) / ms.length;
  return { top1: avg((m) => m.top1), generic: avg((m) => m.generic), p: avg((m) => m.p), r: avg((m) => m.r), why: [] };
};
const finalists = scored.slice(0, 40).map(({ params }) => {
  const ms = fit.map((p) => averaged(p, params));
  return { params, ms, ...objective(ms) };
});
finalists.sort((a, b) => b.mean - a.mean || b.worst - a.worst);
console.log('\nthe 40 leaders over fold seeds 1-3:');
for (const s of finalists.slice(0, 6))
  console.log(JSON.stringify(s.params), `\n   worst ${s.worst.toFixed(3)} mean ${s.mean.toFixed(3)} |`, s.ms.map(fmt).join(' | '));
console.log('\nseed 1 alone:');
for (const s of scored.slice(0, 5))
  console.log(JSON.stringify(s.params), `\n   worst ${s.worst.toFixed(3)} mean ${s.mean.toFixed(3)} |`, s.ms.map(fmt).join(' | '));
