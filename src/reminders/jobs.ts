// The reminders on the durable job queue (db/job-queue.ts). Two tasks:
//
// - `reminders-week` plans the week of every covered workspace and queues one delivery job per
//   recipient not sent yet. It is one job per due time (REMINDER_CRON in REMINDER_TZ), keyed by
//   that time, so however many replicas start, one runs it; it queues the next one first. A
//   crash during planning is retried by the queue, and planning again is harmless.
// - `reminder-delivery` sends one delivery, in the queue of its Slack channel (or of its DM
//   recipient), holding that queue for the channel's pace after posting: the queue, not a
//   timer in one process, keeps Slack's one message a second per channel across replicas.
//
// Why not graphile-worker's own cron: it matches cron patterns in UTC only (REMINDER_TZ would
// be lost, and daylight saving would move the hour) and reads the process clock, not ours.
// croner stays as the calculator of the next due time; the queue does the rest.
import { Cron } from 'croner';
import { z } from 'zod';
import type { Clock } from '../domain/clock.js';
import type { Db } from '../db/client.js';
import type { JobContext, JobHandler } from '../db/job-queue.js';
import { channelQueue, countUntriedJobs, directMessageQueue, enqueueJob, workspaceFlag } from '../db/queries/jobs.js';
import type { JobSpec } from '../db/queries/jobs.js';
import { countByStatus, listDeliveries } from '../db/queries/reminders.js';
import type { Logger } from '../logger.js';
import { deliverReminder, planWeek } from './run.js';
import type { ReminderSender, ReminderSettings, WeekPlan } from './run.js';

export const REMINDERS_WEEK_TASK = 'reminders-week';
export const REMINDER_DELIVERY_TASK = 'reminder-delivery';

/**
 * Attempts of a delivery: graphile-worker backs off exp(attempt) seconds (capped at about
 * 6 hours), so 12 attempts ride out most of a day of Slack or network trouble.
 */
const DELIVERY_MAX_ATTEMPTS = 12;
const WEEK_MAX_ATTEMPTS = 10;

export interface ReminderSchedule {
  cron: string;
  timeZone: string;
}

/** The first due time of `schedule` strictly after `after`. */
export function nextDue(schedule: ReminderSchedule, after: Date): Date {
  const next = new Cron(schedule.cron, { timezone: schedule.timeZone, paused: true }).nextRun(after);
  if (!next) throw new Error(`REMINDER_CRON "${schedule.cron}" never fires again`);
  return next;
}

/** The planning job due at `due`: its key is the due time, so every replica asking for it makes one job. */
export function weekJob(due: Date): JobSpec {
  return {
    task: REMINDERS_WEEK_TASK,
    payload: { due: due.toISOString() },
    key: `reminders-week:${due.toISOString()}`,
    // Asked for again (a replica starting) while it waits: it keeps its time, even an overdue one.
    keyMode: 'preserve_run_at',
    runAt: due,
    maxAttempts: WEEK_MAX_ATTEMPTS,
  };
}

/** The key prefix of a workspace's deliveries of one week. */
const deliveryKeyPrefix = (teamId: string, week: string) => `reminder:${teamId}:${week}:`;

export function deliveryJob(teamId: string, week: string, recipient: string): JobSpec {
  const channel = recipient.startsWith('channel:') ? recipient.slice('channel:'.length) : null;
  return {
    task: REMINDER_DELIVERY_TASK,
    payload: { week, recipient },
    key: `${deliveryKeyPrefix(teamId, week)}${recipient}`,
    queue: channel ? channelQueue(teamId, channel) : directMessageQueue(teamId, recipient),
    maxAttempts: DELIVERY_MAX_ATTEMPTS,
    flags: [workspaceFlag(teamId)],
  };
}

/** Queues the next planning job unless it is queued already; called at every start-up. */
export async function ensureWeekJob(db: Db, clock: Clock, schedule: ReminderSchedule): Promise<Date> {
  const due = nextDue(schedule, clock.now());
  await enqueueJob(db, { teamId: null, job: weekJob(due) });
  return due;
}

/** Plans the week of `teamId` and queues its unsent deliveries (a delivery already queued is not doubled: same key). */
export async function queueWeek(deps: { db: Db; clock: Clock }, teamId: string, settings: ReminderSettings): Promise<WeekPlan> {
  const plan = await planWeek(deps, teamId, settings);
  for (const recipient of plan.unsent) await enqueueJob(deps.db, { teamId, job: deliveryJob(teamId, plan.week, recipient) });
  return plan;
}

const weekPayload = z.object({ due: z.string().datetime() });

export function weekTask(deps: {
  db: Db;
  clock: Clock;
  log: Logger;
  settings: ReminderSettings;
  schedule: ReminderSchedule;
  /** The workspaces reminded. */
  teams: () => Promise<string[]>;
}): JobHandler {
  return async (raw: unknown, job: JobContext) => {
    const parsed = weekPayload.safeParse(raw);
    const due = parsed.success ? new Date(parsed.data.due) : deps.clock.now();
    // The next week's job first: had planning failed for good, the schedule still goes on.
    const next = nextDue(deps.schedule, new Date(Math.max(due.getTime(), deps.clock.now().getTime())));
    await enqueueJob(deps.db, { teamId: null, job: weekJob(next) });
    const failed: string[] = [];
    for (const teamId of await deps.teams()) {
      try {
        const plan = await queueWeek(deps, teamId, deps.settings);
        deps.log.info({ team: teamId, week: plan.week, deliveries: plan.unsent.length, started: plan.started }, 'reminders queued');
      } catch (err) {
        failed.push(teamId);
        deps.log.warn({ err, team: teamId, attempt: job.attempt }, 'planning reminders failed');
      }
    }
    deps.log.info({ next: next.toISOString() }, 'reminders: next run queued');
    // Planning again is harmless (what was queued stays queued once): the queue retries all.
    if (failed.length > 0) throw new Error(`planning reminders failed for ${failed.join(', ')}`);
  };
}

const deliveryPayload = z.object({ teamId: z.string().min(1), week: z.string().min(1), recipient: z.string().min(1) });

export function deliveryTask(deps: {
  db: Db;
  clock: Clock;
  log: Logger;
  settings: ReminderSettings;
  /** The workspace's sender; null when it has no install any more. */
  senderFor: (teamId: string) => Promise<ReminderSender | null>;
  /** How long the channel's queue is held after a post (Slack's pace per channel). */
  paceMs: number;
}): JobHandler {
  return async (raw: unknown, job: JobContext) => {
    const parsed = deliveryPayload.safeParse(raw);
    if (!parsed.success) {
      deps.log.error({ job: job.jobId, issue: parsed.error.issues[0]?.message }, 'reminder delivery: unreadable job; dropped');
      return;
    }
    const tag = parsed.data;
    const sender = await deps.senderFor(tag.teamId);
    if (!sender) {
      deps.log.warn({ team: tag.teamId, job: job.jobId }, 'reminder delivery: the workspace has no install any more; dropped');
      return;
    }
    const outcome = await deliverReminder({ ...deps, sender }, tag, deps.settings, { by: `job ${job.jobId}`, final: job.attempt >= job.maxAttempts });
    // Hold the channel's queue until Slack's pace allows its next message.
    if (outcome === 'sent' && deps.paceMs > 0) await new Promise((resolve) => setTimeout(resolve, deps.paceMs));
  };
}

export interface WeekSummary {
  teamId: string;
  week: string;
  started: boolean;
  /** Recipients this call queued that are sent now. */
  sent: string[];
  /** Recipients this call queued that are not sent: their jobs retry later, or gave up. */
  failed: string[];
  status: Record<string, number>;
}

/**
 * Waits until every delivery `plan` queued has been tried at least once (on any replica), and
 * says how they went. Retries of the failed ones stay with the queue.
 */
export async function settleWeek(db: Db, plan: WeekPlan, opts: { timeoutMs?: number; pollMs?: number } = {}): Promise<WeekSummary> {
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  while ((await countUntriedJobs(db, { keyPrefix: deliveryKeyPrefix(plan.teamId, plan.week) })) > 0) {
    if (Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, opts.pollMs ?? 100));
  }
  const status = await countByStatus(db, { teamId: plan.teamId, week: plan.week });
  const rows = await listDeliveries(db, { teamId: plan.teamId, week: plan.week });
  const queued = new Set(plan.unsent);
  const mine = rows.filter((r) => queued.has(r.recipient));
  return {
    teamId: plan.teamId,
    week: plan.week,
    started: plan.started,
    // A delivery whose personas were confirmed since planning is done without a message.
    sent: mine.filter((r) => r.status === 'sent' && r.messageTs).map((r) => r.recipient),
    failed: mine.filter((r) => r.status !== 'sent').map((r) => r.recipient),
    status,
  };
}
