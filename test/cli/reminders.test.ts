import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.js';
import { runCliCaptured } from '../support/cli.js';
import { startFakeSlack } from '../../testing/fake-slack.js';
import type { FakeSlack } from '../../testing/fake-slack.js';

let dir: string;
let fake: FakeSlack;
let env: Record<string, string>;
const clock = fixedClock('2026-11-23T09:00:00Z');

const cli = (args: string[]) => runCliCaptured(args, env, clock);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'persona-remind-'));
  fake = await startFakeSlack();
  env = { DATABASE_URL: `pglite:${join(dir, 'db')}`, SLACK_API_URL: fake.apiUrl, REMINDER_CHANNEL: 'C0DIGEST' };
  await cli(['import', 'examples/personas.yaml']);
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('cli stale and remind', () => {
  it('lists stale personas, oldest first', async () => {
    const r = await cli(['stale']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n').slice(0, 4)).toEqual([
      `5 stale personas in T_LOCAL (store ${join(dir, 'db')}), not confirmed for over 90 days:`,
      '  Cargo Bike Parent  confirmed 2025-12-15 (343 days ago)  owner U07EXAMPLE3',
      '  Operations Director  confirmed 2026-03-01 (267 days ago)  owner U07EXAMPLE1',
      '  Side-Hustle Landlord  confirmed 2026-04-18 (219 days ago)  owner U07EXAMPLE4',
    ]);
  });

  it('--dry-run prints what would be sent and sends nothing', async () => {
    const r = await cli(['remind', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Week 2026-W48, T_LOCAL (store ${join(dir, 'db')}): 4 messages would be sent`);
    expect(r.out).toContain('  U07EXAMPLE1: Operations Director');
    expect(fake.calls).toHaveLength(0);
  });

  it('remind sends once per week and says so the second time', async () => {
    const first = await cli(['remind']);
    expect(first.err).toContain('SLACK_BOT_TOKEN');
    env.SLACK_BOT_TOKEN = 'xoxb-test';
    const sent = await cli(['remind']);
    expect(sent).toMatchObject({ code: 0, out: `Week 2026-W48, T_LOCAL (store ${join(dir, 'db')}): sent 4, failed 0.\n` });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(4);
    const again = await cli(['remind']);
    expect(again.out).toBe(`Week 2026-W48, T_LOCAL (store ${join(dir, 'db')}): sent 0, failed 0 (nothing left to send this week).\n`);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(4);
  });
});
