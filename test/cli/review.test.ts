// `review` and `eval` through the CLI entry points. The sentence model is turned off here
// (REVIEW_MODEL=off) to keep this file fast; engine-semantic.test.ts covers the model.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEval } from '../../tools/eval/eval-command.js';
import { fixedClock } from '../../src/domain/clock.js';
import { reviewResultSchema } from '../../src/review-engine/result.js';
import { captureIo, runCliCaptured } from '../support/cli.js';
import { CALIBRATION_DIR } from '../review-engine/support.js';

const clock = fixedClock('2026-11-22T09:00:00Z');
const io = (env: Record<string, string>, stdin = '') => captureIo(env, clock, stdin);
const cli = (args: string[], env: Record<string, string>, stdin = '') => runCliCaptured(args, env, clock, stdin);

describe('review command', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'persona-review-'));
    env = { DATABASE_URL: `pglite:${join(dir, 'db')}`, REVIEW_MODEL: 'off' };
    expect((await cli(['import', `${CALIBRATION_DIR}/personas.yaml`], env)).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints a JSON result that follows the contract', async () => {
    const r = await cli(
      [
        'review',
        '--json',
        '--channel',
        'tiktok',
        'Approve team expenses without chasing receipts, from any phone, in one tap, every single day of the month, wherever you are.',
      ],
      env,
    );
    expect(r.code).toBe(0);
    const result = reviewResultSchema.parse(JSON.parse(r.out));
    expect(result).toMatchObject({ channel: 'tiktok', verdict: 'poor', persona: 'Startup Finance Lead' });
    expect(result.findings[0]).toMatchObject({ severity: 'error', rule: 'tiktok.length' });
    expect(r.err).toContain('reviewing by word overlap only');
  });

  it('reads the draft from standard input, and the channel from the draft', async () => {
    const r = await cli(['review', '-'], env, '[sms] Ledgerly: see the cash left after rent and wages, 30 days ahead. ledgerly.example/c');
    expect(r.code).toBe(0);
    expect(r.out).toContain("(channel sms read from the draft's leading tag)");
    expect(r.out).toContain('SMS: GOOD');
  });

  it('rejects an unknown persona and an unknown channel with usage errors', async () => {
    expect(await cli(['review', '--persona', 'Nobody', 'Hello'], env)).toMatchObject({ code: 2, err: expect.stringContaining('no persona named "Nobody"') });
    expect(await cli(['review', '--channel', 'fax', 'Hello'], env)).toMatchObject({ code: 2, err: expect.stringContaining('--channel must be one of') });
  });

  it('reviews a JSONL batch in one process, one result per line with its id', async () => {
    const file = join(dir, 'drafts.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ id: 'a1', text: 'Close the books fast enough for the board pack.', channel: 'linkedin' }),
        '',
        JSON.stringify({ id: 'a2', text: 'Trail maps that work offline 🗺️', channel: 'google_search', persona: 'Weekend Hiker' }),
        '{"id": "bad"',
        JSON.stringify({ id: 'a3', text: 'Hi', channel: 'fax' }),
      ].join('\n'),
    );
    const r = await cli(['review', '--json', '--batch', file], env);
    expect(r.code).toBe(1);
    const lines = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['a1', 'a2', 'line 4', 'a3']);
    expect(reviewResultSchema.parse(lines[0])).toMatchObject({ channel: 'linkedin' });
    expect(lines[1]).toMatchObject({ id: 'a2', verdict: 'poor', persona: 'Weekend Hiker' });
    expect(lines[2].error).toContain('not JSON');
    expect(lines[3].error).toContain('--channel must be one of');
  });
});

describe('eval command', () => {
  it('prints the metrics of a labelled set, and JSON on request', async () => {
    const text = io({});
    expect(await runEval([CALIBRATION_DIR, '--lexical'], text.io)).toBe(0);
    expect(text.out()).toMatch(/6 personas, 63 drafts, lexical mode/);
    for (const metric of ['persona top-1 accuracy', 'generic-copy detection', 'job precision', 'job recall', 'job-count accuracy', 'channel-verdict accuracy'])
      expect(text.out()).toContain(metric);

    const json = io({});
    expect(await runEval([CALIBRATION_DIR, '--lexical', '--json'], json.io)).toBe(0);
    const report = JSON.parse(json.out());
    expect(report).toMatchObject({ mode: 'lexical', cases: 63, channelVerdict: { otherPoor: 0 } });
    expect(report.bounds).toHaveLength(5);
  });

  it('explains a directory without the set', async () => {
    const x = io({});
    expect(await runEval([tmpdir()], x.io)).toBe(2);
    expect(x.err()).toContain('needs personas.yaml and drafts.yaml');
  });
});
