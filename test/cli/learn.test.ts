// `learn` through the CLI entry point (REVIEW_MODEL=off keeps it fast: learning then keeps
// hashed words only; the semantic mode is covered in the engine's tests and by `npm run eval -- --folds`).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { fixedClock } from '../../src/domain/clock.js';
import { reviewResultSchema } from '../../src/review-engine/result.js';
import { runCliCaptured } from '../support/cli.js';
import { CALIBRATION_DIR } from '../review-engine/support.js';

const clock = fixedClock('2026-11-22T09:00:00Z');
const cli = (args: string[], env: Record<string, string>, stdin = '') => runCliCaptured(args, env, clock, stdin);

const drafts = parse(readFileSync(`${CALIBRATION_DIR}/drafts.yaml`, 'utf8')) as { cases: Array<{ id: string; text: string; persona: string | null }> };
const c04 = drafts.cases.find((c) => c.id === 'c04')!;

describe('learn command', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'persona-learn-'));
    env = { DATABASE_URL: `pglite:${join(dir, 'db')}`, REVIEW_MODEL: 'off' };
    for (const team of ['T_A', 'T_B']) expect((await cli(['import', '--team', team, `${CALIBRATION_DIR}/personas.yaml`], env)).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const list = async (team: string) => JSON.parse((await cli(['learn', '--list', '--json', '--team', team], env)).out) as Array<Record<string, unknown>>;

  it('reports unknown personas and jobs as file:line:column and learns nothing', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      [
        'cases:',
        '  - id: ok1',
        '    text: "Close the month in three days"',
        '    persona: Startup Finance Lead',
        '  - id: bad1',
        '    text: "Hello"',
        '    persona: Nobody Here',
        '  - id: bad2',
        '    text: "Hello again"',
        '    persona: Cafe Owner',
        '    jobs: ["Fly to the moon"]',
        '',
      ].join('\n'),
    );
    const r = await cli(['learn', '--team', 'T_A', file], env);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${file}:7:14 cases[1].persona: no persona named "Nobody Here"`);
    expect(r.err).toContain(`${file}:11:12 cases[2].jobs[0]: Cafe Owner has no job "Fly to the moon"`);
    expect(r.err).toContain('2 problems; nothing was learned.');
    expect(await list('T_A')).toEqual([]);
  });

  it('reads JSONL with positions too', async () => {
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, '{"id":"x","text":"Hi","persona":null}\n{"id":"y","text":"Hi there","persona":"Nobody"}\n');
    const r = await cli(['learn', '--team', 'T_A', file], env);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${file}:2:39 cases[1].persona: no persona named "Nobody"`);
    expect(await list('T_A')).toEqual([]);
  });

  it('learns a file once: learning it again changes nothing', async () => {
    const file = join(dir, 'ads.yaml');
    writeFileSync(
      file,
      `cases:\n  - id: mine\n    text: ${JSON.stringify(c04.text)}\n    persona: Startup Finance Lead\n    jobs: []\n    verdict: not_poor\n  - id: g\n    text: "Our offices are closed on Monday for the holiday."\n    persona: null\n`,
    );
    const first = await cli(['learn', '--team', 'T_A', '--json', file], env);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toMatchObject({ ok: true, added: 2, changed: 0, unchanged: 0 });
    const again = await cli(['learn', '--team', 'T_A', '--json', file], env);
    expect(JSON.parse(again.out)).toMatchObject({ ok: true, added: 0, changed: 0, unchanged: 2 });
    const rows = await list('T_A');
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.externalId === 'mine')).toMatchObject({ persona: 'Startup Finance Lead', source: 'file', text: null, createdBy: 'cli' });
    expect(rows.find((r) => r.externalId === 'g')).toMatchObject({ persona: null });
  });

  it('changes the next review of a similar draft in that workspace only; forgetting undoes it', async () => {
    const review = async (team: string) =>
      reviewResultSchema.parse(JSON.parse((await cli(['review', '--json', '--team', team, `${c04.text} Today.`], env)).out));
    const a = await review('T_A');
    const b = await review('T_B');
    expect(a.personas[0]!.name).toBe('Startup Finance Lead');
    expect(a.personas[0]!.reasons).toContain('close to 1 ad your team marked for Startup Finance Lead');
    expect(b.personas[0]!.name).toBe('Cafe Owner');
    const mine = (await list('T_A')).find((r) => r.externalId === 'mine');
    expect((await cli(['learn', '--forget', '--team', 'T_B', String(mine!.id)], env)).code).toBe(1); // not T_B's
    expect(await list('T_A')).toHaveLength(2);
    expect((await cli(['learn', '--forget', '--team', 'T_A', String(mine!.id)], env)).code).toBe(0);
    expect(await review('T_A')).toEqual(b);
    expect((await cli(['learn', '--forget', '--all', '--team', 'T_A'], env)).out).toContain('Forgot 1 example of T_A.');
    expect(await list('T_A')).toEqual([]);
  });

  it("learns a persona file's examples with its personas: all or nothing, idempotent, and they move reviews", async () => {
    const personas = parse(readFileSync(`${CALIBRATION_DIR}/personas.yaml`, 'utf8')) as { personas: Array<{ name: string; examples?: unknown[] }> };
    personas.personas.find((p) => p.name === 'Startup Finance Lead')!.examples = [c04.text, { text: 'Close the month in three days.', id: 'ad-1' }];
    const file = join(dir, 'with-examples.yaml');
    writeFileSync(file, stringify(personas));
    const first = await cli(['import', '--team', 'T_C', file], env);
    expect(first.code).toBe(0);
    expect(first.out).toContain('6 created, 0 updated, 0 unchanged. Learned 2 examples: 2 new, 0 relabelled, 0 unchanged.');
    const again = await cli(['import', '--team', 'T_C', '--json', file], env);
    expect(JSON.parse(again.out)).toMatchObject({ ok: true, unchanged: expect.any(Array), examples: { added: 0, changed: 0, unchanged: 2 } });
    const rows = await list('T_C');
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.externalId === 'ad-1')).toMatchObject({
      persona: 'Startup Finance Lead',
      source: 'persona-file',
      sourceRef: file,
      text: null,
      jobs: null,
    });
    const review = reviewResultSchema.parse(JSON.parse((await cli(['review', '--json', '--team', 'T_C', `${c04.text} Today.`], env)).out));
    expect(review.personas[0]!.name).toBe('Startup Finance Lead');
    expect(review.personas[0]!.reasons).toContain('close to 1 ad your team marked for Startup Finance Lead');

    // A bad example refuses the whole file: neither the persona nor any example is stored.
    const bad = join(dir, 'bad-examples.yaml');
    writeFileSync(
      bad,
      [
        'version: 1',
        'personas:',
        '  - name: Night Owl',
        '    summary: Works late.',
        '    jobs: [{ kind: functional, statement: Finish by midnight }]',
        '    examples:',
        '      - { text: "Done by midnight, every night.", jobs: [Sleep at noon] }',
      ].join('\n'),
    );
    const refused = await cli(['import', '--team', 'T_D', bad], env);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`${bad}:7:58 personas[0].examples[0].jobs[0]: Night Owl has no job "Sleep at noon"`);
    expect(refused.err).toContain('nothing was imported');
    expect((await cli(['list', '--json', '--team', 'T_D'], env)).out).not.toContain('Night Owl');
    expect(await list('T_D')).toEqual([]);
  });

  it('keeps the text when REVIEW_STORE_TEXT is on', async () => {
    const file = join(dir, 'one.jsonl');
    writeFileSync(file, `${JSON.stringify({ id: 'k', text: 'Payroll for cafes, done before the espresso machine warms up.', persona: 'Cafe Owner' })}\n`);
    expect((await cli(['learn', '--team', 'T_B', file], { ...env, REVIEW_STORE_TEXT: 'on' })).code).toBe(0);
    expect((await list('T_B'))[0]).toMatchObject({ text: 'Payroll for cafes, done before the espresso machine warms up.', persona: 'Cafe Owner', jobs: null });
  });
});
