// The embedded store shared by real processes: the bot (`src/main.ts`) and CLI commands
// (`src/cli/main.ts`) started as `npm start` and `npm run cli` start them, on one directory.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { syntheticPersonaFile } from '../../testing/synthetic.js';
import { SOCKET_NAME } from '../../src/db/embedded-store.js';
import { openDatabase } from '../../src/db/client.js';
import { serializePersonaFile } from '../../src/personas/import-export.js';
import { startFakeSlack } from '../../testing/fake-slack.js';
import type { FakeSlack } from '../../testing/fake-slack.js';
import { runCliProcess, spawnTsx, startBot } from '../support/processes.js';
import type { Bot } from '../support/processes.js';

const NEW_PERSONA = [
  'version: 1',
  'personas:',
  '  - name: Zed Import Tester',
  '    summary: Arrived from the command line while the bot was running.',
  '    jobs:',
  '      - { kind: functional, statement: Check that imports reach the running bot }',
].join('\n');

/** A synthetic file whose persona names start with `prefix`, so that two files do not overlap. */
function bigFile(count: number, prefix: string, seed: number): string {
  const file = syntheticPersonaFile(count, 5, seed);
  for (const p of file.personas) p.name = `${prefix} ${p.name}`;
  return serializePersonaFile(file, 'yaml');
}

async function countIn(url: string, team: string): Promise<number> {
  const r = await runCliProcess(['list', '--json', '--team', team], { DATABASE_URL: url });
  expect(r.code, r.out).toBe(0);
  return (JSON.parse(r.out.split('\n')[0]!) as unknown[]).length;
}

let fake: FakeSlack;
let dir: string;
const bots: Bot[] = [];
beforeAll(async () => {
  fake = await startFakeSlack();
  dir = mkdtempSync(join(tmpdir(), 'persona-shared-'));
});
afterEach(async () => {
  await Promise.all(bots.splice(0).map((b) => b.stop()));
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('one embedded store, several processes', () => {
  it('a CLI import while the bot runs reaches /persona within a second, and is still there after a restart', async () => {
    const url = `pglite:${join(dir, 'bot-cli')}`;
    const file = join(dir, 'new.yaml');
    writeFileSync(file, NEW_PERSONA);
    const bot = await startBot(url, fake);
    bots.push(bot);
    expect(await bot.ask('zed import tester')).not.toContain('Zed Import Tester');

    const imported = await runCliProcess(['import', '--team', 'TTEST', file], { DATABASE_URL: url });
    expect(imported.code, imported.out).toBe(0);
    expect(imported.out).toContain(`Imported 1 persona into TTEST (store ${join(dir, 'bot-cli')}): 1 created, 0 updated, 0 unchanged.`);
    const done = performance.now();
    let answer = '';
    while (!answer.includes('Zed Import Tester') && performance.now() - done < 1000) answer = await bot.ask('zed import tester');
    expect(answer).toContain('Zed Import Tester');
    expect(performance.now() - done).toBeLessThan(1000);

    expect(await bot.stop()).toBe(0);
    bots.splice(0);
    const again = await startBot(url, fake);
    bots.push(again);
    expect(await again.ask('zed import tester')).toContain('Zed Import Tester');
  }, 240_000);

  it('a second bot on the same directory shares the store: both see an import, and the second carries on when the first stops', async () => {
    const url = `pglite:${join(dir, 'two-bots')}`;
    const first = await startBot(url, fake);
    bots.push(first);
    const second = await startBot(url, fake);
    bots.push(second);
    expect(await second.ask('overbooked team lead')).toContain('Overbooked Team Lead');

    const file = join(dir, 'new2.yaml');
    writeFileSync(file, NEW_PERSONA);
    expect((await runCliProcess(['import', '--team', 'TTEST', file], { DATABASE_URL: url })).code).toBe(0);
    const done = performance.now();
    for (const bot of [first, second]) {
      let answer = '';
      while (!answer.includes('Zed Import Tester') && performance.now() - done < 2000) answer = await bot.ask('zed import tester');
      expect(answer).toContain('Zed Import Tester');
    }

    expect(await first.stop()).toBe(0);
    // The second bot's connections were closed by the leaving owner: its next query takes the store over.
    expect(await second.ask('zed import tester')).toContain('Zed Import Tester');
    expect(second.output()).not.toMatch(/"level":(50|60)/);
  }, 240_000);

  it('two CLI imports at once both land whole: one waits for the other, nothing is lost or mixed', async () => {
    const url = `pglite:${join(dir, 'cli-cli')}`;
    writeFileSync(join(dir, 'a.yaml'), bigFile(1000, 'A', 1));
    writeFileSync(join(dir, 'b.yaml'), bigFile(1000, 'B', 2));
    const [a, b] = await Promise.all([
      runCliProcess(['import', '--team', 'TBOTH', join(dir, 'a.yaml')], { DATABASE_URL: url }),
      runCliProcess(['import', '--team', 'TBOTH', join(dir, 'b.yaml')], { DATABASE_URL: url }),
    ]);
    expect(a.code, a.out).toBe(0);
    expect(b.code, b.out).toBe(0);
    expect(a.out).toContain('1000 created');
    expect(b.out).toContain('1000 created');
    expect(await countIn(url, 'TBOTH')).toBe(2000);
    // Both again, now that every persona exists: each is unchanged, and still nothing is mixed.
    const [a2, b2] = await Promise.all([
      runCliProcess(['import', '--team', 'TBOTH', join(dir, 'a.yaml')], { DATABASE_URL: url }),
      runCliProcess(['import', '--team', 'TBOTH', join(dir, 'b.yaml')], { DATABASE_URL: url }),
    ]);
    expect(a2.out).toContain('0 created, 0 updated, 1000 unchanged');
    expect(b2.out).toContain('0 created, 0 updated, 1000 unchanged');
  }, 300_000);

  it('kill -9 of the owner in the middle of an import writes none of it, and the next process recovers the store', async () => {
    const url = `pglite:${join(dir, 'killed')}`;
    writeFileSync(join(dir, 'small.yaml'), NEW_PERSONA);
    expect((await runCliProcess(['import', '--team', 'TKILL', join(dir, 'small.yaml')], { DATABASE_URL: url })).code).toBe(0);
    writeFileSync(join(dir, 'big.yaml'), bigFile(4000, 'K', 3));

    const importer = spawnTsx('src/cli/main.ts', ['import', '--team', 'TKILL', join(dir, 'big.yaml')], { DATABASE_URL: url });
    // The importer owns the store once its socket is there; it is inside its transaction when
    // another client's query has to wait for it.
    const probe = await openDatabase(url);
    try {
      const socket = join(dir, 'killed', SOCKET_NAME);
      for (let waited = 0; !existsSync(socket); waited += 20) {
        if (waited > 120_000 || importer.child.exitCode !== null) throw new Error(`importer never served the store:\n${importer.output()}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      for (;;) {
        const asked = performance.now();
        const query = probe.db.execute(sql`select 1`).then(
          () => true,
          () => true,
        );
        const answered = await Promise.race([query, new Promise((r) => setTimeout(() => r(false), 400))]);
        if (!answered) break;
        if (importer.child.exitCode !== null) throw new Error(`import finished before it could be interrupted:\n${importer.output()}`);
        await new Promise((r) => setTimeout(r, Math.max(0, 50 - (performance.now() - asked))));
      }
    } finally {
      importer.child.kill('SIGKILL');
      await importer.exited;
      await probe.close().catch(() => {});
    }
    expect(importer.output()).not.toContain('Imported');

    // Nothing of the big file, the earlier persona intact; and the store takes the file whole now.
    expect(await countIn(url, 'TKILL')).toBe(1);
    const again = await runCliProcess(['import', '--team', 'TKILL', join(dir, 'big.yaml')], { DATABASE_URL: url });
    expect(again.code, again.out).toBe(0);
    expect(again.out).toContain('4000 created');
    expect(await countIn(url, 'TKILL')).toBe(4001);
  }, 300_000);
});
