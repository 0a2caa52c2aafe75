// The weekly reminders on the real job queue, against a real database and a fake Slack:
// staleness boundaries, once per week, two job runners at once, a delivery Slack refuses
// (retried by the queue), a job run twice, a post whose answer was lost, rate limits, and
// the pace of one channel held by its queue.
import { WebClient } from '@slack/web-api';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.js';
import type { Clock } from '../../src/domain/clock.js';
import { openDatabase } from '../../src/db/client.js';
import type { DatabaseHandle } from '../../src/db/client.js';
import { migrateJobQueue, startJobQueue } from '../../src/db/job-queue.js';
import type { JobQueue } from '../../src/db/job-queue.js';
import { enqueueJob } from '../../src/db/queries/jobs.js';
import { getDelivery, markSending } from '../../src/db/queries/reminders.js';
import { silentLogger } from '../../src/logger.js';
import { importPersonaText } from '../../src/personas/import-export.js';
import { stalePlan } from '../../src/reminders/run.js';
import type { ReminderSettings } from '../../src/reminders/run.js';
import { deliveryJob, deliveryTask, queueWeek, REMINDER_DELIVERY_TASK, settleWeek } from '../../src/reminders/jobs.js';
import { REMINDER_EVENT_TYPE, SlackReminderSender } from '../../src/slack/web/reminder-sender.js';
import { validateMessage } from '../../src/slack/render/limits.js';
import { describeEachDriver, newTeamId } from '../support/databases.js';
import type { RecordedCall } from '../../testing/fake-slack.js';
import { useFakeSlack } from '../support/fake-slack-suite.js';

// Monday 23 November 2026, 09:00 UTC.
const MONDAY = '2026-11-23T09:00:00Z';
const settings: ReminderSettings = { staleAfterDays: 90, timeZone: 'UTC', digestChannel: 'C0DIGEST' };
const OWNERS = ['U0A', 'U0B', 'U0C', 'U0D', 'U0E', 'U0F'];

/** Six owners with one stale persona each, one owner with a fresh one, two personas without owner. */
const FILE = [
  'version: 1',
  'personas:',
  ...OWNERS.map((u, i) => `  - { name: Stale ${i}, summary: s, owner: ${u}, reviewed_at: 2026-08-24 }`),
  '  - { name: Second Stale, summary: s, owner: U0A, reviewed_at: 2025-01-01 }',
  '  - { name: Exactly Ninety, summary: s, owner: U0G, reviewed_at: 2026-08-25 }',
  '  - { name: Eighty-Nine, summary: s, owner: U0H, reviewed_at: 2026-08-26 }',
  '  - { name: Orphan One, summary: s, reviewed_at: 2026-01-01 }',
  '  - { name: Orphan Two, summary: s, reviewed_at: 2026-02-01 }',
].join('\n');

const slack = useFakeSlack({ resetEach: true });

/** Posts Slack answered with ok (a refused or unanswered one is not a message). */
const posts = () => slack.fake.callsTo('chat.postMessage').filter((c) => (c.response as { ok?: boolean } | undefined)?.ok);
const client = (retryConfig = { retries: 0 }) => new WebClient('xoxb-test', { slackApiUrl: slack.fake.apiUrl, retryConfig, rejectRateLimitedCalls: false });

describeEachDriver('weekly reminders on the job queue', ({ handle, driver, url }) => {
  const queues: JobQueue[] = [];
  beforeAll(async () => {
    await migrateJobQueue(handle(), silentLogger());
  });
  afterEach(async () => {
    for (const q of queues.splice(0)) await q.stop();
  });

  /** A job runner with the delivery task, as each bot replica has. */
  async function runner(h: DatabaseHandle, clock: Clock, opts: { paceMs?: number; web?: WebClient } = {}): Promise<JobQueue> {
    const sender = new SlackReminderSender(opts.web ?? client());
    const q = await startJobQueue({
      handle: h,
      tasks: {
        [REMINDER_DELIVERY_TASK]: deliveryTask({ db: h.db, clock, log: silentLogger(), settings, senderFor: async () => sender, paceMs: opts.paceMs ?? 0 }),
      },
      log: silentLogger(),
      pollIntervalMs: 200,
    });
    queues.push(q);
    return q;
  }

  async function seeded(): Promise<string> {
    const team = newTeamId();
    await importPersonaText(handle().db, team, FILE, 'r.yaml', fixedClock(MONDAY));
    return team;
  }

  const week = async (team: string, clock: Clock) =>
    settleWeek(handle().db, await queueWeek({ db: handle().db, clock }, team, settings), { timeoutMs: 30_000 });

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
    await runner(handle(), clock);
    const first = await week(team, clock);
    expect(first).toMatchObject({ week: '2026-W48', started: true, failed: [] });
    expect(first.sent).toHaveLength(7);
    expect(
      slack.fake
        .callsTo('conversations.open')
        .map((c) => c.body.users)
        .sort(),
    ).toEqual(OWNERS);
    expect(
      posts()
        .map((c) => c.body.channel)
        .sort(),
    ).toEqual(['C0DIGEST', 'DU0A', 'DU0B', 'DU0C', 'DU0D', 'DU0E', 'DU0F']);
    for (const p of posts()) expect(validateMessage(p.body as never)).toEqual([]);
    expect(JSON.stringify(posts()[0]!.body)).toContain('Still accurate');

    clock.set('2026-11-26T09:00:00Z'); // later the same week
    const again = await week(team, clock);
    expect(again).toMatchObject({ started: false, sent: [], failed: [] });
    expect(posts()).toHaveLength(7);

    clock.set('2026-11-30T09:00:00Z'); // next Monday: a new week
    const next = await week(team, clock);
    expect(next.week).toBe('2026-W49');
    // A week on, "Exactly Ninety" and "Eighty-Nine" have gone stale too.
    expect(next.sent.sort()).toEqual([...OWNERS, 'U0G', 'U0H', 'channel:C0DIGEST']);
    expect(posts()).toHaveLength(16);
  });

  it('two job runners on one database, both planning the week at once, send each reminder once', async () => {
    const team = await seeded();
    const other = driver === 'postgres' ? await openDatabase(url(), { maxConnections: 8 }) : handle();
    try {
      const clock = fixedClock(MONDAY);
      await runner(handle(), clock);
      await runner(other, clock);
      const [a, b] = await Promise.all([queueWeek({ db: handle().db, clock }, team, settings), queueWeek({ db: other.db, clock }, team, settings)]);
      expect([a.started, b.started].sort()).toEqual([false, true]);
      const summary = await settleWeek(handle().db, a, { timeoutMs: 30_000 });
      expect(summary.sent.sort()).toEqual([...OWNERS, 'channel:C0DIGEST']);
      // Each runner took some: the queue spreads the jobs, the keys keep them single.
      const channels = posts().map((c) => String(c.body.channel));
      expect(channels).toHaveLength(7);
      expect(new Set(channels).size).toBe(7);
    } finally {
      for (const q of queues.splice(0)) await q.stop();
      if (other !== handle()) await other.close();
    }
  });

  it('a delivery Slack refuses is retried by the queue, with backoff, and sent once', async () => {
    const team = await seeded();
    let refused = 0;
    slack.fake.on('chat.postMessage', (b) => {
      if (b.channel === 'DU0B' && refused++ === 0) return { ok: false, error: 'internal_error' };
      return { ok: true, channel: b.channel, ts: `1700000000.${String(slack.fake.calls.length).padStart(6, '0')}` };
    });
    const clock = fixedClock(MONDAY);
    await runner(handle(), clock);
    const plan = await queueWeek({ db: handle().db, clock }, team, settings);
    const first = await settleWeek(handle().db, plan, { timeoutMs: 30_000 });
    // The first attempt is over; the queue retries U0B after its backoff (e^1 s).
    expect(first.failed).toEqual(['U0B']);
    expect(await getDelivery(handle().db, { teamId: team, week: '2026-W48', recipient: 'U0B' })).toMatchObject({
      status: 'pending',
      error: 'Slack: internal_error',
    });
    await slack.fake.waitForCount((c) => c.method === 'chat.postMessage' && c.body.channel === 'DU0B', 2, 20_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(refused).toBe(2);
    expect(posts().filter((c) => c.body.channel === 'DU0B')).toHaveLength(1);
    expect(posts()).toHaveLength(7);
    expect(await getDelivery(handle().db, { teamId: team, week: '2026-W48', recipient: 'U0B' })).toMatchObject({ status: 'sent', error: null });
  });

  it('a delivery job run again sends nothing more; an attempt whose answer was lost is found in the channel, not posted twice', async () => {
    const team = await seeded();
    const clock = fixedClock(MONDAY);
    await runner(handle(), clock);
    await week(team, clock);
    expect(posts()).toHaveLength(7);

    // The same job once more (a replica ran it after another had sent it): nothing is posted.
    await enqueueJob(handle().db, { teamId: team, job: deliveryJob(team, '2026-W48', 'U0A') });
    // And an attempt that posted the digest but died before saving the answer: the row says
    // "sending", the message is in the channel with its metadata.
    const digest = (await getDelivery(handle().db, { teamId: team, week: '2026-W48', recipient: 'channel:C0DIGEST' }))!;
    await markSending(handle().db, { delivery: digest, by: 'job that died', now: clock.now() });
    const lost = posts().find((c) => c.body.channel === 'C0DIGEST')!;
    slack.fake.on('conversations.history', (b) => ({
      ok: true,
      messages: b.channel === 'C0DIGEST' ? [{ ts: '1700000099.000001', bot_id: 'BBOT', metadata: lost.body.metadata ?? null }] : [],
    }));
    await enqueueJob(handle().db, { teamId: team, job: deliveryJob(team, '2026-W48', 'channel:C0DIGEST') });
    await slack.fake.waitFor((c) => c.method === 'conversations.history', 10_000);
    await settleWeek(handle().db, { teamId: team, week: '2026-W48', started: false, unsent: ['U0A', 'channel:C0DIGEST'] }, { timeoutMs: 10_000 });
    expect(posts()).toHaveLength(7);
    expect(lost.body.metadata).toMatchObject({ event_type: REMINDER_EVENT_TYPE });
    expect(await getDelivery(handle().db, { teamId: team, week: '2026-W48', recipient: 'channel:C0DIGEST' })).toMatchObject({
      status: 'sent',
      messageTs: '1700000099.000001',
    });
  });

  it('waits out Slack rate limits (the WebClient retries after Retry-After) instead of dropping a reminder', async () => {
    const team = await seeded();
    let calls = 0;
    slack.fake.on('chat.postMessage', (b) => {
      if (calls++ === 1) return Promise.reject(Object.assign(new Error('429'), { status: 429 }));
      return { ok: true, channel: b.channel, ts: `1700000000.${calls}` };
    });
    const clock = fixedClock(MONDAY);
    await runner(handle(), clock, { web: client({ retries: 2, factor: 1, minTimeout: 10, maxTimeout: 10 } as never) });
    const started = performance.now();
    const summary = await week(team, clock);
    expect(summary.failed).toEqual([]);
    expect(summary.sent).toHaveLength(7);
    expect(slack.fake.callsTo('chat.postMessage').filter((c) => c.response === undefined)).toHaveLength(1);
    // The fake asks for 2 s.
    expect(performance.now() - started).toBeGreaterThanOrEqual(1900);
  });

  it('two deliveries into one channel are a pace apart: the channel queue holds it after each post', async () => {
    const team = await seeded();
    // One digest per week goes into a channel, so two meet in its queue when a late week's
    // digest is still waiting as the next week's is queued (they share the queue with reviews).
    const clock = fixedClock(MONDAY);
    const w48 = await queueWeek({ db: handle().db, clock }, team, settings);
    clock.set('2026-11-30T09:00:00Z');
    const w49 = await queueWeek({ db: handle().db, clock }, team, settings);
    await runner(handle(), clock, { paceMs: 1000 });
    await settleWeek(handle().db, w48, { timeoutMs: 30_000 });
    await settleWeek(handle().db, w49, { timeoutMs: 30_000 });
    const times = posts()
      .filter((c) => c.body.channel === 'C0DIGEST')
      .map((c: RecordedCall) => c.at);
    expect(times).toHaveLength(2);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(1000);
    // Different channels do not wait for each other: the DMs went out together.
    const dms = posts().filter((c) => String(c.body.channel).startsWith('D'));
    expect(dms.length).toBeGreaterThanOrEqual(14);
  });
});
