// A real bot process killed (kill -9) in the middle of a week's reminders: after the restart
// the rest go out, and none twice, including the one Slack had posted when the process died
// before it could record it (found again by its message metadata in the channel's history).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import type { DatabaseHandle } from '../../src/db/client.js';
import { listDeliveries } from '../../src/db/queries/reminders.js';
import { systemClock } from '../../src/domain/clock.js';
import { importPersonaText } from '../../src/personas/import-export.js';
import { queueWeek } from '../../src/reminders/jobs.js';
import { stalePlan } from '../../src/reminders/run.js';
import { startFakeSlack } from '../../testing/fake-slack.js';
import type { FakeSlack, RecordedCall } from '../../testing/fake-slack.js';
import { createTestDatabase, DRIVERS, TEST_DATABASE_URL } from '../support/databases.js';
import type { TestDatabase } from '../support/databases.js';
import { startBot } from '../support/processes.js';
import type { Bot } from '../support/processes.js';

const TEAM = 'TTEST';
const DIGEST = 'C0DIGEST';
const settings = { staleAfterDays: 90, timeZone: 'UTC', digestChannel: DIGEST };

const answered = (c: RecordedCall) => c.method === 'chat.postMessage' && (c.response as { ok?: boolean } | undefined)?.ok === true;

describe.each(DRIVERS)('reminders across a kill -9 [%s]', (driver) => {
  const skip = driver === 'postgres' && !TEST_DATABASE_URL;
  let dir: string;
  let target: TestDatabase;
  let url: string;
  let store: DatabaseHandle;
  let fake: FakeSlack;
  const bots: Bot[] = [];

  beforeAll(async () => {
    if (skip) return;
    fake = await startFakeSlack();
    dir = mkdtempSync(join(tmpdir(), 'persona-remind-crash-'));
    target = await createTestDatabase(driver);
    url = driver === 'pglite' ? `pglite:${dir}` : target.url;
    // This process holds the embedded store, so it outlives the bots it serves.
    store = await openDatabase(url);
    await store.migrate();
    // The examples, and one stale persona nobody owns: it goes into the channel digest.
    const file = `${readFileSync('examples/personas.yaml', 'utf8').trimEnd()}\n  - { name: Nobody's Persona, summary: s, reviewed_at: 2026-01-01 }\n`;
    await importPersonaText(store.db, TEAM, file, 'personas.yaml', systemClock);
  });
  afterEach(async () => {
    for (const b of bots.splice(0)) {
      if (b.child.exitCode === null && b.child.signalCode === null) {
        b.child.kill('SIGKILL');
        await b.exited;
      }
    }
  });
  afterAll(async () => {
    if (skip) return;
    await store?.close();
    await fake?.close();
    await target?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function bot(): Promise<Bot> {
    // A dead replica's jobs are taken over after 2 s (production: 2 minutes).
    const b = await startBot(url, fake, { SLACK_CHANNEL_PACE_MS: '0', JOB_LOCK_TIMEOUT_MS: '2000', REMINDER_CHANNEL: DIGEST });
    bots.push(b);
    return b;
  }

  it.skipIf(skip)(
    'sends the rest after the restart and none twice',
    async () => {
      const expected = (await stalePlan(store.db, TEAM, systemClock.now(), settings)).map((p) => p.recipient);
      expect(expected.length).toBeGreaterThanOrEqual(3);
      expect(expected).toContain(`channel:${DIGEST}`);
      const first = await bot();

      // The first DM goes out and is recorded; the other DMs hang in Slack; the digest is
      // posted by Slack, and the process dies before it hears so.
      let dms = 0;
      let firstDm: () => void = () => {};
      const firstDmDone = new Promise<void>((resolve) => (firstDm = resolve));
      fake.on('chat.postMessage', async (b) => {
        if (b.channel !== DIGEST) {
          if (dms++ > 0) return new Promise(() => {});
          setTimeout(firstDm, 500);
          return { ok: true, channel: b.channel, ts: '1700007000.000001' };
        }
        await Promise.race([firstDmDone, new Promise((r) => setTimeout(r, 10_000))]);
        first.child.kill('SIGKILL');
        return { ok: true, channel: b.channel, ts: '1700007000.000002' };
      });
      // Slack's history of a channel: the answered posts in it, with their metadata.
      fake.on('conversations.history', (b) => ({
        ok: true,
        messages: fake.calls
          .filter((c) => answered(c) && c.body.channel === b.channel)
          .map((c) => ({ ts: (c.response as { ts: string }).ts, bot_id: 'BBOT', metadata: c.body.metadata })),
      }));

      // What the weekly job does on whichever replica takes it.
      const plan = await queueWeek({ db: store.db, clock: systemClock }, TEAM, settings);
      expect(plan.unsent.sort()).toEqual([...expected].sort());
      await first.exited;
      expect(first.child.signalCode).toBe('SIGKILL');
      const beforeRestart = fake.calls.filter(answered).map((c) => String(c.body.channel));
      expect(beforeRestart).toHaveLength(2);
      expect(beforeRestart).toContain(DIGEST);

      fake.on('chat.postMessage', (b) => ({ ok: true, channel: b.channel, ts: `1700007001.${String(fake.calls.length).padStart(6, '0')}` }));
      await bot();
      const deadline = Date.now() + 60_000;
      let rows = await listDeliveries(store.db, { teamId: TEAM, week: plan.week });
      while (rows.some((r) => r.status !== 'sent') && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        rows = await listDeliveries(store.db, { teamId: TEAM, week: plan.week });
      }
      expect(rows.map((r) => `${r.recipient} ${r.status}`).sort()).toEqual(expected.map((r) => `${r} sent`).sort());
      await new Promise((r) => setTimeout(r, 1000));
      const channels = fake.calls.filter(answered).map((c) => String(c.body.channel));
      expect(channels).toHaveLength(expected.length);
      expect(new Set(channels).size).toBe(expected.length);
      // The digest the dead process never heard about was found in the channel, not posted again.
      expect(rows.find((r) => r.recipient === `channel:${DIGEST}`)?.messageTs).toBe('1700007000.000002');
    },
    150_000,
  );
});
