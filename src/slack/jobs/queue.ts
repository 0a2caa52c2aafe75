// What the Slack layer asks of the durable job queue (the runtime backs it with db/job-queue.ts
// and db/queries/jobs.ts). Listeners record work here and answer at once; tasks in this folder
// do the work, on whichever replica takes the job. A job and what its task gets are the queue's
// own types (db/), so the two cannot drift apart.
import type { JobContext, JobHandler } from '../../db/job-queue.js';
import type { JobSpec } from '../../db/queries/jobs.js';
// The queue of a Slack channel, shared with reminders (db/queries/jobs.ts names it).
export { channelQueue } from '../../db/queries/jobs.js';

export type { JobContext, JobHandler, JobSpec };

export interface WorkQueue {
  /** Adds a job for `teamId`; throws when the database cannot take it. */
  add(teamId: string, job: JobSpec): Promise<void>;
  /**
   * Records a Slack event id with the job that handles it, both or neither. False when the id
   * was recorded before (Slack delivered it again). Throws when the database cannot take it.
   */
  recordEvent(teamId: string, eventId: string, job: JobSpec | null): Promise<boolean>;
}

/**
 * How long recording work may take before the request is answered as failed (a 503 for an
 * event, "try again" for a person): Slack's 3 s, less the time to answer.
 */
export const RECORD_BUDGET_MS = 2500;

/**
 * `work`, or a rejection after `ms`. Should the write commit after all, nothing is lost or
 * doubled: Slack's retry of an event finds its id recorded, and a person's second ask updates
 * the same review post.
 */
export function withinBudget<T>(work: Promise<T>, ms = RECORD_BUDGET_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the database did not answer within ${ms} ms`)), ms);
  });
  work.catch(() => {});
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
