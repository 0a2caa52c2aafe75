import { createReviewEngine } from '../src/review-engine/engine.js';
import { loadEvalSet } from '../tools/eval/eval-set.js';
import { exampleOf } from '../tools/eval/learning.js';
const set = await loadEvalSet('test/fixtures/review/calibration');
const engine = createReviewEngine({ embedder: null });
for (const c of set.cases.slice(0, 63)) {
  const r0 = await engine.review({ text: c.text, personas: set.personas, teamId: 'T', channel: c.channel });
  // teach: the same text labelled for a different persona (sibling)
  const other = set.personas.find((p) => p.name !== r0.personas[0]!.name && p.product === set.personas.find((q) => q.name === r0.personas[0]!.name)!.product);
  if (!other) continue;
  const f = await engine.exampleFeatures(c.text);
  const ex = exampleOf(set, { ...c, persona: other.name, jobs: [] }, f);
  const r1 = await engine.review({ text: c.text + ' Today.', personas: set.personas, teamId: 'T', channel: c.channel, examples: [ex] });
  console.log(c.id, r0.personas[0]!.name, r0.personas[0]!.match, '->', r1.personas[0]!.name, r1.personas[0]!.match, r1.personas[0]!.reasons.at(-1));
}
