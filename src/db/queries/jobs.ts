// Adding jobs to the durable queue (db/job-queue.ts runs them). add_job() is graphile-worker's
// SQL function, so a job can be recorded in the same transaction as other rows. Every job
// names its workspace in its payload and its queue, so one workspace's work never waits on
// another's channel.
import { sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { processedEvents } from '../schema.js';

export interface JobSpec {
  /** The task that runs it. */
  task: string;
  payload: Record<string, unknown>;
  /** Jobs with the same queue run one at a time, in order, across all replicas. */
  queue?: string;
  /** One waiting job per key: adding another with the same key replaces it (graphile-worker's job_key). */
  key?: string;
  /** `preserve_run_at`: a waiting job with the key keeps its time (a schedule re-asserted at start-up must not push back one that is due). */
  keyMode?: 'replace' | 'preserve_run_at';
  maxAttempts?: number;
  runAt?: Date;
  /** graphile-worker's job flags: a worker may skip jobs with some (the CLI skips other workspaces' reminders). */
  flags?: string[];
}

function addJob(db: Db, teamId: string | null, job: JobSpec) {
  const payload = JSON.stringify(teamId === null ? job.payload : { ...job.payload, teamId });
  return db.execute(
    sql`select 1 from graphile_worker.add_job(
      ${job.task}::text,
      ${payload}::json,
      queue_name => ${job.queue ?? null}::text,
      run_at => ${job.runAt?.toISOString() ?? null}::timestamptz,
      max_attempts => ${job.maxAttempts ?? null}::int,
      job_key => ${job.key ?? null}::text,
      flags => ${job.flags ? sql`array(select json_array_elements_text(${JSON.stringify(job.flags)}::json))` : sql`null`}::text[],
      job_key_mode => ${job.keyMode ?? 'replace'}::text
    )`,
  );
}

/** Adds one job for `teamId` (its payload gets `teamId`); null: a job of no one workspace (the reminder schedule). */
export async function enqueueJob(db: Db, { teamId, job }: { teamId: string | null; job: JobSpec }): Promise<void> {
  await addJob(db, teamId, job);
}

/**
 * The queue of a Slack channel: its posts and updates, from every replica, go one at a time,
 * each holding the channel for the pace Slack accepts (about one message a second). Named
 * here, with the queue, because reviews (slack/jobs) and reminders (reminders/) share it.
 */
export function channelQueue(teamId: string, channelId: string): string {
  return `slack-channel:${teamId}:${channelId}`;
}

/** The queue of the direct messages to one person (the DM channel is opened when the job runs). */
export function directMessageQueue(teamId: string, userId: string): string {
  return `slack-dm:${teamId}:${userId}`;
}

/** The workspace flag of a job (JobSpec.flags), so that a worker can leave other workspaces' jobs alone. */
export const workspaceFlag = (teamId: string) => `workspace:${teamId}`;

/** The workspace flags of waiting `task` jobs of other workspaces than `teamId`: what a worker for `teamId` only skips. */
export async function otherWorkspaceFlags(db: Db, { teamId, task }: { teamId: string; task: string }): Promise<string[]> {
  const rows = await db
    .selectDistinct({ flag: sql<string>`f.flag` })
    .from(sql`graphile_worker.jobs j, jsonb_object_keys(coalesce(j.flags, '{}'::jsonb)) as f(flag)`)
    .where(sql`j.task_identifier = ${task} and f.flag like 'workspace:%' and f.flag <> ${workspaceFlag(teamId)}`);
  return rows.map((r) => r.flag);
}

/**
 * How many jobs whose key starts with `keyPrefix` (which names the workspace) have not run
 * yet or are running now. Failed ones waiting for their retry do not count.
 */
export async function countUntriedJobs(db: Db, { keyPrefix }: { keyPrefix: string }): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(sql`graphile_worker.jobs`)
    .where(sql`left(key, length(${keyPrefix}::text)) = ${keyPrefix}::text and attempts < max_attempts and (attempts = 0 or locked_at is not null)`);
  return row?.n ?? 0;
}

/**
 * Records a Slack event id and the job that handles it, both or neither: false (and no job)
 * when the id was recorded before, i.e. Slack delivered it again. Throws when the database
 * cannot take it, and then nothing is recorded, so Slack's retry finds it new.
 */
export async function recordEventJob(
  db: Db,
  { teamId, eventId, now, job }: { teamId: string; eventId: string; now: Date; job: JobSpec | null },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(processedEvents)
      .values({ teamId, eventId, at: now })
      .onConflictDoNothing()
      .returning({ eventId: processedEvents.eventId });
    if (inserted.length === 0) return false;
    if (job) await addJob(tx as unknown as Db, teamId, job);
    return true;
  });
}

export interface EventJob {
  teamId: string;
  eventId: string;
  job: JobSpec | null;
}

/**
 * Records many Slack event ids with their jobs in one transaction (two statements, whatever
 * the count): for each, true when it is new, false when it was recorded before (or earlier in
 * the same list). All or nothing, like `recordEventJob`.
 */
export async function recordEventJobs(db: Db, { now, events }: { now: Date; events: EventJob[] }): Promise<boolean[]> {
  if (events.length === 0) return [];
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(processedEvents)
      .values(events.map((e) => ({ teamId: e.teamId, eventId: e.eventId, at: now })))
      .onConflictDoNothing()
      .returning({ teamId: processedEvents.teamId, eventId: processedEvents.eventId });
    const fresh = new Set(inserted.map((r) => `${r.teamId}\u0000${r.eventId}`));
    const out = events.map((e) => fresh.delete(`${e.teamId}\u0000${e.eventId}`));
    const jobs = events.flatMap((e, i) => (out[i] && e.job ? [jobRow(e.teamId, e.job)] : []));
    if (jobs.length > 0) {
      await tx.execute(
        sql`select count(*) from json_to_recordset(${JSON.stringify(jobs)}::json)
              as x(task text, payload json, queue text, run_at timestamptz, max_attempts int, job_key text),
            lateral graphile_worker.add_job(x.task, x.payload, queue_name => x.queue, run_at => x.run_at, max_attempts => x.max_attempts, job_key => x.job_key)`,
      );
    }
    return out;
  });
}

function jobRow(teamId: string, job: JobSpec) {
  return {
    task: job.task,
    payload: { ...job.payload, teamId },
    queue: job.queue ?? null,
    run_at: job.runAt?.toISOString() ?? null,
    max_attempts: job.maxAttempts ?? null,
    job_key: job.key ?? null,
  };
}

/**
 * Calls `run` with everything asked while the previous call ran: under a burst, a few
 * transactions record hundreds of events (one transaction each would queue them one behind
 * another on the embedded store's single session, past Slack's 3 seconds).
 */
function batched<I, O>(run: (items: I[]) => Promise<O[]>, maxBatch = 500): (item: I) => Promise<O> {
  let waiting: Array<{ item: I; resolve: (o: O) => void; reject: (e: unknown) => void }> = [];
  let running = false;
  const pump = () => {
    if (running || waiting.length === 0) return;
    running = true;
    const batch = waiting.slice(0, maxBatch);
    waiting = waiting.slice(maxBatch);
    run(batch.map((b) => b.item))
      .then(
        (out) => batch.forEach((b, i) => b.resolve(out[i]!)),
        (err: unknown) => batch.forEach((b) => b.reject(err)),
      )
      .finally(() => {
        running = false;
        pump();
      });
  };
  return (item) =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      // Let the requests that arrived in the same turn of the event loop join this batch.
      setImmediate(pump);
    });
}

/** The Slack layer's work queue (slack/jobs/queue.ts), backed by graphile-worker's tables. */
export function dbWorkQueue(db: Db, clock: { now(): Date }) {
  const record = batched((events: EventJob[]) => recordEventJobs(db, { now: clock.now(), events }));
  return {
    add: (teamId: string, job: JobSpec) => enqueueJob(db, { teamId, job }),
    recordEvent: (teamId: string, eventId: string, job: JobSpec | null) => record({ teamId, eventId, job }),
  };
}
