// `workspace purge`: every table with the workspace's rows, in one transaction; a dry run
// first; the workspace must be named; other workspaces untouched.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.js';
import { runCliCaptured } from '../support/cli.js';

const clock = fixedClock('2026-11-22T09:00:00Z');
const cli = (args: string[], env: Record<string, string>) => runCliCaptured(args, env, clock);

describe('workspace purge', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'persona-purge-'));
    env = { DATABASE_URL: `pglite:${join(dir, 'db')}`, REVIEW_MODEL: 'off' };
    expect((await cli(['import', '--team', 'TGONE', 'examples/personas.yaml'], env)).code).toBe(0);
    expect((await cli(['import', '--team', 'TSTAYS', 'examples/personas.yaml'], env)).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('needs the workspace named', async () => {
    const r = await cli(['workspace', 'purge'], env);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--team/);
  });

  it('counts first with --dry-run and deletes nothing', async () => {
    const r = await cli(['workspace', 'purge', '--team', 'TGONE', '--dry-run', '--json'], env);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { total: number; tables: Array<{ table: string; rows: number }> };
    expect(out.total).toBeGreaterThan(7);
    expect(out.tables.find((t) => t.table === 'personas')!.rows).toBe(7);
    expect((await cli(['list', '--team', 'TGONE', '--json'], env)).out).toContain('Overbooked Team Lead');
  });

  it("deletes every row of the workspace and none of another's", async () => {
    const r = await cli(['workspace', 'purge', '--team', 'TGONE'], env);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Deleted \d+ rows of TGONE/);
    const again = await cli(['workspace', 'purge', '--team', 'TGONE', '--dry-run', '--json'], env);
    expect((JSON.parse(again.out) as { total: number }).total).toBe(0);
    const other = await cli(['workspace', 'purge', '--team', 'TSTAYS', '--dry-run', '--json'], env);
    expect((JSON.parse(other.out) as { tables: Array<{ table: string; rows: number }> }).tables.find((t) => t.table === 'personas')!.rows).toBe(7);
  });
});
