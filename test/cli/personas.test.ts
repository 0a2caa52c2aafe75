// The CLI's persona commands as a new user meets them: typo-tolerant show, plural wording,
// import --replace, and review without a draft.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { fixedClock } from '../../src/domain/clock.js';
import { runCliCaptured } from '../support/cli.js';

const clock = fixedClock('2026-11-02T09:00:00Z');
const cli = (args: string[], env: Record<string, string>, stdin = '') => runCliCaptured(args, env, clock, stdin);

describe('cli personas', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'persona-cli-words-'));
    env = { DATABASE_URL: `pglite:${join(dir, 'db')}`, REVIEW_MODEL: 'off' };
    expect((await cli(['import', 'examples/personas.yaml'], env)).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('show forgives the typo /persona forgives, and says what it matched', async () => {
    const r = await cli(['show', 'overboked'], env);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Overbooked Team Lead \(Tasklane\)/);
    expect(r.err).toContain('No persona is called "overboked"; showing the best match, matched on name.');
    const none = await cli(['show', 'quantum', 'blockchain', 'yacht'], env);
    expect(none).toMatchObject({ code: 1, out: '' });
    expect(none.err).toContain('Nothing matched "quantum blockchain yacht"');
  });

  it('says "1 persona", and that the others stay unless --replace', async () => {
    const one = join(dir, 'one.yaml');
    writeFileSync(one, ['version: 1', 'personas:', '  - { name: Weekend Baker, summary: Bakes bread every Saturday. }'].join('\n'));
    const added = await cli(['import', one], env);
    expect(added.code).toBe(0);
    expect(added.out).toMatch(/^Imported 1 persona into T_LOCAL .*: 1 created, 0 updated, 0 unchanged\.\n$/);
    expect(added.err).toContain(
      '7 other personas already stored stay. To keep only the file\'s, run import --replace; to delete one: npm run cli -- delete "NAME".',
    );

    const replaced = await cli(['import', '--replace', one], env);
    expect(replaced.code).toBe(0);
    expect(replaced.out).toContain('0 created, 0 updated, 1 unchanged, 7 deleted (not in the file: Car-Free Commuter, Cargo Bike Parent,');
    const list = await cli(['list'], env);
    expect(list.out).toContain('\n\n1 persona in T_LOCAL');
  });

  it('review without a draft says what to give it and exits 2', async () => {
    const empty = await cli(['review'], env, '');
    expect(empty.code).toBe(2);
    expect(empty.err).toContain('review needs the draft to review: npm run cli -- review "Your ad copy here"');
    expect((await cli(['review', '-'], env, '   \n')).code).toBe(2);
    // On a terminal with nothing piped it does not wait for input.
    const stdin = Object.assign(Readable.from([]), { isTTY: true });
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (c) => (err += c));
    const code = await runCli(['review'], { stdout: new PassThrough(), stderr, stdin, env, clock });
    expect(code).toBe(2);
    expect(err).toContain('review needs the draft');
  });

  it('review on a terminal says what it is doing while it starts', async () => {
    const stderr = Object.assign(new PassThrough(), { isTTY: true });
    let err = '';
    stderr.on('data', (c) => (err += c));
    const code = await runCli(['review', 'Plan your week in five minutes.'], { stdout: new PassThrough(), stderr, stdin: Readable.from(['']), env, clock });
    expect(code).toBe(0);
    expect(err).toContain('Reviewing: loading the review model and the personas');
  });
});
