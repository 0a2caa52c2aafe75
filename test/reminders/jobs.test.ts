// The weekly planning job on the real queue: its due time in REMINDER_TZ, one job however many
// replicas start, a week planned once even when its job runs again, and the next week queued.
import { afterEach, beforeAll, expect, it } from 'vitest';
import { WebClient } from '@slack/web-api';
import { fixedClock } from '../../src/domain/clock.js';
import type { Clock } from '../../src/domain/clock.js';
import type { DatabaseHandle } from '../../src/db/client.js';
import { migrateJobQueue, startJobQueue } from '../../src/db/job-queue.js';
import type { JobQueue } from '../../src/db/job-queue.js';
import { silentLogger } from '../../src/logger.js';
import { importPersonaText } from '../../src/personas/import-export.js';
import type { ReminderSettings } from '../../src/reminders/run.js';
import { deliveryTask, ensureWeekJob, nextDue, REMINDER_DELIVERY_TASK, REMINDERS_WEEK_TASK, settleWeek, weekTask } from '../../src/reminders/jobs.js';
import { SlackReminderSender } from '../../src/slack/web/reminder-sender.js';
import { describeEachDriver, newTeamId } from '../support/databases.js';
import { useFakeSlack } from '../support/fake-slack-suite.js';

const settings: ReminderSettings = { staleAfterDays: 90, timeZone: 'Europe/Berlin', digestChannel: 'C0DIGEST' };
const schedule = { cron: '0 9 * * 1', timeZone: 'Europe/Berlin' };
const FILE = [
  'version: 1',
  'personas:',
  '  - { name: Old A, summary: s, owner: U0A, reviewed_at: 2026-01-01 }',
  '  - { name: Old B, summary: s, owner: U0B, reviewed_at: 2026-01-01 }',
  '  - { name: Orphan, summary: s, reviewed_at: 2026-01-01 }',
].join('\n');

it('the next due time is REMINDER_CRON in REMINDER_TZ, across daylight saving', () => {
  // Mondays 09:00 in Berlin: 08:00 UTC in winter, 07:00 UTC in summer.
  expect(nextDue(schedule, new Date('2026-11-23T09:00:00Z')).toISOString()).toBe('2026-11-30T08:00:00.000Z');
  expect(nextDue(schedule, new Date('2026-06-02T00:00:00Z')).toISOString()).toBe('2026-06-08T07:00:00.000Z');
  expect(nextDue({ cron: '0 9 * * 1', timeZone: 'UTC' }, new Date('2026-11-23T08:59:00Z')).toISOString()).toBe('2026-11-23T09:00:00.000Z');
});

const slack = useFakeSlack({ resetEach: true });

describeEachDriver('the weekly planning job', ({ handle }) => {
  const queues: JobQueue[] = [];
  beforeAll(async () => {
    await migrateJobQueue(handle(), silentLogger());
  });
  afterEach(async () => {
    for (const q of queues.splice(0)) await q.stop();
  });

  async function weekJobs(h: DatabaseHandle): Promise<Array<{ key: string; run_at: Date; attempts: number }>> {
    const pool = h.jobPool(1);
    try {
      const { rows } = await pool.query(`select key, run_at, attempts from graphile_worker.jobs where task_identifier = $1 order by run_at`, [
        REMINDERS_WEEK_TASK,
      ]);
      return rows;
    } finally {
      await pool.end();
    }
  }

  /** A replica's job runner, with both reminder tasks, covering `teams`. */
  async function replica(clock: Clock, teams: string[]): Promise<JobQueue> {
    const sender = new SlackReminderSender(new WebClient('xoxb-test', { slackApiUrl: slack.fake.apiUrl, retryConfig: { retries: 0 } }));
    const deps = { db: handle().db, clock, log: silentLogger(), settings };
    const q = await startJobQueue({
      handle: handle(),
      tasks: {
        [REMINDERS_WEEK_TASK]: weekTask({ ...deps, schedule, teams: async () => teams }),
        [REMINDER_DELIVERY_TASK]: deliveryTask({ ...deps, senderFor: async () => sender, paceMs: 0 }),
      },
      log: silentLogger(),
      pollIntervalMs: 200,
    });
    queues.push(q);
    return q;
  }

  it('replicas starting at once queue one planning job; it plans the week once, sends each reminder once, and queues the next week', async () => {
    const team = newTeamId();
    // The replicas' clock says Monday 23 November, 10:00 in Berlin: the job due next Monday is
    // already past for the database (the real date is later), so the queue runs it at once.
    const clock = fixedClock('2026-11-23T09:00:00Z');
    await importPersonaText(handle().db, team, FILE, 'r.yaml', clock);
    const before = (await weekJobs(handle())).length;
    const [a, b] = await Promise.all([ensureWeekJob(handle().db, clock, schedule), ensureWeekJob(handle().db, clock, schedule)]);
    expect(a.toISOString()).toBe('2026-11-30T08:00:00.000Z');
    expect(b).toEqual(a);
    const queued = await weekJobs(handle());
    expect(queued.filter((j) => j.key === `reminders-week:${a.toISOString()}`)).toHaveLength(1);
    expect(queued.length - before).toBe(1);

    await replica(clock, [team]);
    await replica(clock, [team]);
    await slack.fake.waitForCount((c) => c.method === 'chat.postMessage', 3, 20_000);
    // The job queued the one after it before planning, and is gone itself.
    const after = await weekJobs(handle());
    expect(after.map((j) => j.key)).toContain('reminders-week:2026-12-07T08:00:00.000Z');
    expect(after.map((j) => j.key)).not.toContain(`reminders-week:${a.toISOString()}`);

    // The same job again (a retry after a crash, or a second replica's copy): nothing more.
    const handler = weekTask({ db: handle().db, clock, log: silentLogger(), settings, schedule, teams: async () => [team] });
    await handler({ due: a.toISOString() }, { attempt: 2, maxAttempts: 10, jobId: 'again', signal: undefined });
    await settleWeek(handle().db, { teamId: team, week: '2026-W48', started: false, unsent: [] });
    await new Promise((r) => setTimeout(r, 500));
    const posts = slack.fake.callsTo('chat.postMessage').map((c) => String(c.body.channel));
    expect(posts.sort()).toEqual(['C0DIGEST', 'DU0A', 'DU0B']);
    // A restart asks for the next week's job again: still one.
    await ensureWeekJob(handle().db, fixedClock('2026-11-30T09:00:00Z'), schedule);
    expect((await weekJobs(handle())).filter((j) => j.key === 'reminders-week:2026-12-07T08:00:00.000Z')).toHaveLength(1);
  });
});
