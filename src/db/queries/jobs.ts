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
  maxAttempts?: number;
  runAt?: Date;
}

function addJob(db: Db, teamId: string, job: JobSpec) {
  const payload = JSON.stringify({ ...job.payload, teamId });
  return db.execute(
    sql`select 1 from graphile_worker.add_job(
      ${job.task}::text,
      ${payload}::json,
      queue_name => ${job.queue ?? null}::text,
      run_at => ${job.runAt?.toISOString() ?? null}::timestamptz,
      max_attempts => ${job.maxAttempts ?? null}::int,
      job_key => ${job.key ?? null}::text
    )`,
  );
}

/** Adds one job for `teamId` (its payload gets `teamId`). */
export async function enqueueJob(db: Db, { teamId, job }: { teamId: string; job: JobSpec }): Promise<void> {
  await addJob(db, teamId, job);
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

/** The Slack layer's work queue (slack/jobs/queue.ts), backed by graphile-worker's tables. */
export function dbWorkQueue(db: Db, clock: { now(): Date }) {
  return {
    add: (teamId: string, job: JobSpec) => enqueueJob(db, { teamId, job }),
    recordEvent: (teamId: string, eventId: string, job: JobSpec | null) => recordEventJob(db, { teamId, eventId, now: clock.now(), job }),
  };
}
