import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.js';
import { sql } from 'drizzle-orm';
import { describePostgresUrl, openDatabase } from '../../src/db/client.js';
import { runCliCaptured } from '../support/cli.js';
import { createTestDatabase, TEST_DATABASE_URL } from '../support/databases.js';
import type { TestDatabase } from '../support/databases.js';

const cli = (args: string[], env: Record<string, string>, stdin = '') => runCliCaptured(args, env, fixedClock('2026-11-02T09:00:00Z'), stdin);

for (const driver of ['pglite', 'postgres'] as const) {
  describe.skipIf(driver === 'postgres' && !TEST_DATABASE_URL)(`cli [${driver}]`, () => {
    let dir: string;
    let target: TestDatabase;
    let env: Record<string, string>;
    let store: string;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'persona-cli-'));
      target = driver === 'pglite' ? { url: `pglite:${join(dir, 'db')}`, drop: async () => {} } : await createTestDatabase('postgres');
      env = { DATABASE_URL: target.url };
      store = driver === 'pglite' ? join(dir, 'db') : describePostgresUrl(target.url);
    });
    afterAll(async () => {
      await target.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('imports the examples, lists, shows and exports them; export | import | export is the identity', async () => {
      const imported = await cli(['import', 'examples/personas.yaml'], env);
      expect(imported).toMatchObject({ code: 0, out: `Imported 7 personas into T_LOCAL (store ${store}): 7 created, 0 updated, 0 unchanged.\n` });

      const list = await cli(['list'], env);
      expect(list.code).toBe(0);
      expect(list.out.split('\n')[0]).toMatch(/^NAME\s+PRODUCT\s+OWNER\s+CONFIRMED\s+JOBS$/);
      expect(list.out).toContain('Overbooked Team Lead  Tasklane  U07EXAMPLE1  2026-10-02  4');
      expect(list.out).toContain(`\n\n7 personas in T_LOCAL (store ${store}).\n`);

      const show = await cli(['show', 'overbooked', 'team', 'lead'], env);
      expect(show.out).toContain('[functional] Get more done with less effort (importance 5)');

      const first = await cli(['export'], env);
      expect(first.code).toBe(0);
      const copy = join(dir, 'copy.yaml');
      writeFileSync(copy, first.out);
      const again = await cli(['import', '--team', 'T_OTHER', '-'], env, first.out);
      expect(again.code).toBe(0);
      const second = await cli(['export', '--team', 'T_OTHER'], env);
      expect(second.out).toBe(first.out);

      const jsonOut = join(dir, 'out.json');
      expect((await cli(['export', '--out', jsonOut], env)).code).toBe(0);
      expect(JSON.parse(readFileSync(jsonOut, 'utf8')).personas).toHaveLength(7);
    });

    it('reports every problem of an invalid file with its line and imports nothing', async () => {
      const bad = join(dir, 'bad.yaml');
      writeFileSync(
        bad,
        ['version: 1', 'personas:', '  - name: Ghost', '    summary: s', '    jobs:', '      - { kind: magical, statement: x, importance: 9 }'].join('\n'),
      );
      const r = await cli(['import', '--team', 'T_BAD', bad], env);
      expect(r.code).toBe(1);
      expect(r.err).toBe(
        `${bad}:6:17 personas[0].jobs[0].kind: kind must be one of: functional, emotional, social\n` +
          `${bad}:6:52 personas[0].jobs[0].importance: importance must be from 1 to 5\n` +
          '2 problems; nothing was imported.\n',
      );
      expect((await cli(['list', '--team', 'T_BAD', '--json'], env)).out).toBe('[]\n');
    });

    it('names the store it read: list on an empty workspace says where it looked', async () => {
      const empty = await cli(['list', '--team', 'T_EMPTY'], env);
      expect(empty).toMatchObject({ code: 0, out: `No personas in T_EMPTY (store ${store}). Import some: npm run cli -- import examples/personas.yaml\n` });
      const exported = await cli(['export', '--team', 'T_EMPTY'], env);
      expect(exported.err).toBe(`Exported 0 personas of T_EMPTY (store ${store}).\n`);
    });

    it('deletes by name and explains a missing one', async () => {
      await cli(['import', '--team', 'T_DEL', 'test/fixtures/personas-small.yaml'], env);
      expect(await cli(['delete', '--team', 'T_DEL', 'Shift', 'Planner'], env)).toMatchObject({
        code: 0,
        out: `Deleted "Shift Planner" from T_DEL (store ${store}).\n`,
      });
      const missing = await cli(['delete', '--team', 'T_DEL', 'Shift Planner'], env);
      expect(missing.code).toBe(1);
      expect(missing.err).toContain('No persona named "Shift Planner" in T_DEL');
    });
  });
}

describe('cli usage', () => {
  it('prints help, and refuses unknown commands and options with exit code 2', async () => {
    const env = { DATABASE_URL: 'pglite:memory' };
    expect((await cli(['--help'], env)).out).toContain('Usage: npm run cli -- <command>');
    const unknown = await cli(['frobnicate'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown command "frobnicate"');
    expect((await cli(['list', '--colour'], env)).code).toBe(2);
    const badEnv = await cli(['list'], { DATABASE_URL: 'mysql://x' });
    expect(badEnv.code).toBe(2);
    expect(badEnv.err).toContain('DATABASE_URL must start with postgres://');
    const missingFile = await cli(['import', 'nope.yaml'], env);
    expect(missingFile).toMatchObject({ code: 2, err: 'no such file: nope.yaml\n' });
  });

  it('a command that reads a store that does not exist says where it looked, and creates nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'persona-nowhere-'));
    try {
      const nowhere = join(dir, 'nowhere');
      const r = await cli(['list'], { DATABASE_URL: `pglite:${nowhere}` });
      expect(r.code).toBe(1);
      expect(r.err).toBe(
        `persona-bot: There is no store in ${nowhere}: nothing has been imported there. Run the command where the bot runs, or say where the store is: DATABASE_URL=pglite:<dir> (or postgres://…).\n`,
      );
      expect(existsSync(nowhere)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a failure in the store is told in one line, without SQL, parameters or a stack', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'persona-broken-'));
    try {
      const env = { DATABASE_URL: `pglite:${join(dir, 'db')}` };
      expect((await cli(['import', 'examples/personas.yaml'], env)).code).toBe(0);
      const handle = await openDatabase(env.DATABASE_URL);
      await handle.db.execute(sql`drop table evidence cascade`);
      await handle.close();
      const r = await cli(['show', 'Overbooked Team Lead'], env);
      expect(r.code).toBe(1);
      expect(r.err).toBe(`persona-bot: The store ${join(dir, 'db')} refused this: relation "evidence" does not exist (SQLSTATE 42P01).\n`);
      expect(r.err).not.toMatch(/select|Failed query|params|\n\s+at /i);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs as the package bin through tsx, as `npm run cli` does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'persona-bin-'));
    try {
      const run = promisify(execFile);
      const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'import', '--json', 'examples/personas.yaml'], {
        env: { ...process.env, DATABASE_URL: `pglite:${join(dir, 'db')}` },
      });
      expect(JSON.parse(stdout)).toMatchObject({ ok: true, team: 'T_LOCAL', updated: [], unchanged: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
