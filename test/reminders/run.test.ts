// The weekly reminder job against a real database and a fake Slack: staleness boundaries, the
// weekly claim, two replicas at once, a crash half-way, and Slack's rate limits.
import { WebClient } from '@slack/web-api';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.js';
import { openDatabase } from '../../src/db/client.js';
import { reminderDeliveries } from '../../src/db/schema.js';
import { claimNext } from '../../src/db/queries/reminders.js';
import { silentLogger } from '../../src/logger.js';
import { importPersonaText } from '../../src/personas/import-export.js';
import { runWeeklyReminders, stalePlan } from '../../src/reminders/run.js';
import type { ReminderSettings } from '../../src/reminders/run.js';
import { SlackReminderSender } from '../../src/slack/web/reminder-sender.js';
import type { ReminderSender } from '../../src/reminders/run.js';
import { validateMessage } from '../../src/slack/render/limits.js';
import { describeEachDriver, newTeamId } from '../support/databases.js';
import { startFakeSlack } from '../../testing/fake-slack.js';
import type { FakeSlack } from '../../testing/fake-slack.js';

// Monday 23 November 2026, 09:00 UTC.
const MONDAY = '2026-11-23T09:00:00Z';
const settings: ReminderSettings = { staleAfterDays: 90, timeZone: 'UTC', digestChannel: 'C0DIGEST' };

/** Six owners with one stale persona each, one owner with a fresh one, two personas without owner. */
const FILE = [
  'version: 1',
  'personas:',
  ...['U0A', 'U0B', 'U0C', 'U0D', 'U0E', 'U0F'].map((u, i) => `  - { name: Stale ${i}, summary: s, owner: ${u}, reviewed_at: 2026-08-24 }`),
  '  - { name: Second Stale, summary: s, owner: U0A, reviewed_at: 2025-01-01 }',
  '  - { name: Exactly Ninety, summary: s, owner: U0G, reviewed_at: 2026-08-25 }',
  '  - { name: Eighty-Nine, summary: s, owner: U0H, reviewed_at: 2026-08-26 }',
  '  - { name: Orphan One, summary: s, reviewed_at: 2026-01-01 }',
  '  - { name: Orphan Two, summary: s, reviewed_at: 2026-02-01 }',
].join('\n');

let fake: FakeSlack;
beforeAll(async () => {
  fake = await startFakeSlack();
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(() => fake.reset());

const fastSender = () =>
  new SlackReminderSender(new WebClient('xoxb-test', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true }), {
    perChannelMs: 0,
    globalGapMs: 0,
  });

const posts = () => fake.callsTo('chat.postMessage');

describeEachDriver('weekly reminders', ({ handle, driver, url }) => {
  async function seeded(): Promise<string> {
    const team = newTeamId();
    await importPersonaText(handle().db, team, FILE, 'r.yaml', fixedClock(MONDAY));
    return team;
  }

  it('reminds owners of personas older than 90 days: 91 yes, 90 and 89 no', async () => {
    const team = await seeded();
    const plan = await stalePlan(handle().db, team, new Date(MONDAY), settings);
    expect(plan.map((p) => [p.recipient, p.personas.map((x) => x.name)])).toEqual([
      ['U0A', ['Second Stale', 'Stale 0']],
      ['U0B', ['Stale 1']],
      ['U0C', ['Stale 2']],
      ['U0D', ['Stale 3']],
      ['U0E', ['Stale 4']],
      ['U0F', ['Stale 5']],
      ['channel:C0DIGEST', ['Orphan One', 'Orphan Two']],
    ]);
  });

  it('sends one message per owner and one digest, through conversations.open, once per week', async () => {
    const team = await seeded();
    const clock = fixedClock(MONDAY);
    const deps = { db: handle().db, clock, log: silentLogger(), sender: fastSender(), replica: 'r1' };
    const first = await runWeeklyReminders(deps, team, settings);
    expect(first).toMatchObject({ week: '2026-W48', started: true, failed: [] });
    expect(first.sent).toHaveLength(7);
    expect(
      fake
        .callsTo('conversations.open')
        .map((c) => c.body.users)
        .sort(),
    ).toEqual(['U0A', 'U0B', 'U0C', 'U0D', 'U0E', 'U0F']);
    expect(
      posts()
        .map((c) => c.body.channel)
        .sort(),
    ).toEqual(['C0DIGEST', 'DU0A', 'DU0B', 'DU0C', 'DU0D', 'DU0E', 'DU0F']);
    for (const p of posts()) expect(validateMessage(p.body as never)).toEqual([]);
    expect(JSON.stringify(posts()[0]!.body)).toContain('Still accurate');

    clock.set('2026-11-26T09:00:00Z'); // later the same week
    const again = await runWeeklyReminders(deps, team, settings);
    expect(again.sent).toEqual([]);
    expect(posts()).toHaveLength(7);

    clock.set('2026-11-30T09:00:00Z'); // next Monday: a new week
    const next = await runWeeklyReminders(deps, team, settings);
    expect(next.week).toBe('2026-W49');
    // A week on, "Exactly Ninety" and "Eighty-Nine" have gone stale too.
    expect(next.sent.sort()).toEqual(['U0A', 'U0B', 'U0C', 'U0D', 'U0E', 'U0F', 'U0G', 'U0H', 'channel:C0DIGEST']);
  });

  it('two replicas running at once send one message per owner', async () => {
    const team = await seeded();
    const other = driver === 'postgres' ? await openDatabase(url(), { maxConnections: 2 }) : handle();
    try {
      const clock = fixedClock(MONDAY);
      const [a, b] = await Promise.all([
        runWeeklyReminders({ db: handle().db, clock, log: silentLogger(), sender: fastSender(), replica: 'a' }, team, settings),
        runWeeklyReminders({ db: other.db, clock, log: silentLogger(), sender: fastSender(), replica: 'b' }, team, settings),
      ]);
      expect([...a.sent, ...b.sent].sort()).toEqual(['U0A', 'U0B', 'U0C', 'U0D', 'U0E', 'U0F', 'channel:C0DIGEST']);
      const channels = posts().map((c) => String(c.body.channel));
      expect(new Set(channels).size).toBe(channels.length);
      expect(channels).toHaveLength(7);
    } finally {
      if (other !== handle()) await other.close();
    }
  });

  it('a crash after half the owners resumes the rest and repeats none', async () => {
    const team = await seeded();
    const clock = fixedClock(MONDAY);
    const real = fastSender();
    let sent = 0;
    // After three messages, sending breaks down (the connection to Slack dies with the process).
    const crashing: ReminderSender = {
      async send(recipient, message) {
        if (sent === 3) throw new Error('socket hang up');
        sent++;
        return real.send(recipient, message);
      },
    };
    const dying = { db: handle().db, clock, log: silentLogger(), sender: crashing, replica: 'dying' };
    const first = await runWeeklyReminders(dying, team, settings);
    expect(first.sent).toHaveLength(3);
    expect(posts()).toHaveLength(3);
    const alreadySent = posts().map((c) => c.body.channel);
    // And one delivery is claimed by a replica that then vanishes without a word.
    await handle()
      .db.update(reminderDeliveries)
      .set({ status: 'pending' })
      .where(and(eq(reminderDeliveries.teamId, team), eq(reminderDeliveries.recipient, 'U0F')));
    expect((await claimNext(handle().db, { teamId: team, week: '2026-W48', replica: 'ghost', now: clock.now(), leaseMs: 120_000 }))?.recipient).toBe('U0F');

    // Another replica starts five minutes later, past the two-minute lease: the rest goes out.
    clock.set('2026-11-23T09:05:00Z');
    const resumed = await runWeeklyReminders({ db: handle().db, clock, log: silentLogger(), sender: real, replica: 'next' }, team, settings);
    const channels = posts().map((c) => c.body.channel);
    expect(channels).toHaveLength(7);
    expect(new Set(channels).size).toBe(7);
    expect(resumed.sent.length + first.sent.length).toBe(7);
    for (const ch of alreadySent) expect(channels.filter((c) => c === ch)).toHaveLength(1);
  });

  it('waits out Slack rate limits instead of dropping a reminder', async () => {
    const team = await seeded();
    let limited = 0;
    fake.on('chat.postMessage', (b) => {
      if (limited++ === 1) return Promise.reject(Object.assign(new Error('429'), { status: 429 }));
      return { ok: true, channel: b.channel, ts: `1700000000.${limited}` };
    });
    const slept: number[] = [];
    const sender = new SlackReminderSender(
      new WebClient('xoxb-test', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true }),
      {
        perChannelMs: 0,
        globalGapMs: 0,
        sleep: async (ms) => void slept.push(ms),
      },
    );
    const summary = await runWeeklyReminders({ db: handle().db, clock: fixedClock(MONDAY), log: silentLogger(), sender, replica: 'r' }, team, settings);
    fake.on('chat.postMessage', (b) => ({ ok: true, channel: b.channel, ts: '1700000000.9' }));
    expect(summary.failed).toEqual([]);
    expect(summary.sent).toHaveLength(7);
    expect(slept).toContain(2000);
  });
});
