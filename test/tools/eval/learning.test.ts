// What `npm run eval -- DIR --folds K` measures must be what a team gets: learning the other
// folds with `learn` and reviewing the held-out fold with `review --batch` gives the same
// predictions as the eval's own K-fold step (lexical mode keeps this fast; the plumbing —
// persona ids, labels, jobs, channels — is the same in both modes).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { fixedClock } from '../../../src/domain/clock.js';
import { createReviewEngine } from '../../../src/review-engine/engine.js';
import { reviewResultSchema } from '../../../src/review-engine/result.js';
import { loadEvalSet } from '../../../tools/eval/eval-set.js';
import { predictionOf, scoreCases } from '../../../tools/eval/evaluate.js';
import { foldsOf, formatCurve, LearningEval } from '../../../tools/eval/learning.js';
import { CALIBRATION_DIR } from '../../review-engine/support.js';
import { runCliCaptured } from '../../support/cli.js';

const clock = fixedClock('2026-12-01T09:00:00Z');

describe('eval --folds and learn + review --batch', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'persona-folds-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('give the same predictions for a held-out fold', async () => {
    const set = await loadEvalSet(CALIBRATION_DIR);
    const [held] = foldsOf(
      set.cases.map((c) => c.id),
      5,
      1,
    );
    const learned = set.cases.filter((c) => !held!.has(c.id));
    const reviewed = set.cases.filter((c) => held!.has(c.id));

    const env = { DATABASE_URL: `pglite:${join(dir, 'db')}`, REVIEW_MODEL: 'off' };
    const cli = (args: string[]) => runCliCaptured(args, env, clock);
    expect((await cli(['import', `${CALIBRATION_DIR}/personas.yaml`])).code).toBe(0);
    const learnFile = join(dir, 'learned.yaml');
    writeFileSync(learnFile, stringify({ cases: learned.map((c) => ({ id: c.id, text: c.text, persona: c.persona, jobs: c.jobs, channel: c.channel })) }));
    expect((await cli(['learn', learnFile])).code).toBe(0);
    const batch = join(dir, 'held.jsonl');
    writeFileSync(batch, reviewed.map((c) => JSON.stringify({ id: c.id, text: c.text, channel: c.channel })).join('\n'));
    const out = await cli(['review', '--json', '--batch', batch]);
    expect(out.code).toBe(0);
    const results = out.out
      .trim()
      .split('\n')
      .map((line) => {
        const { id, ...result } = JSON.parse(line) as { id: string };
        return { id, result: reviewResultSchema.parse(result) };
      });
    const viaCli = results.map(({ id, result }) => predictionOf(id, result));
    // The examples were used: some review of the fold says what the team's ads moved.
    expect(results.some(({ result }) => result.personas.some((p) => p.reasons.some((r) => r.includes('your team marked'))))).toBe(true);

    const evaluation = new LearningEval(createReviewEngine({ embedder: null }), set);
    const viaEval = [];
    for (const c of reviewed) viaEval.push(await evaluation.predict(c, learned));
    expect(viaCli).toEqual(viaEval);
  }, 240_000);
});

describe('the learning curve', () => {
  it('says a row has no draft left to review rather than show a rate of nothing', () => {
    const empty = scoreCases([], []);
    const line = formatCurve([{ n: 8, report: empty, learned: 42 }]).split('\n')[2]!;
    expect(line).toContain('—');
    expect(line).not.toContain('100.0%');
  });
});
