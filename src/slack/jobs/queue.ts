// What the Slack layer asks of the durable job queue (the runtime backs it with db/job-queue.ts
// and db/queries/jobs.ts). Listeners record work here and answer at once; tasks in this folder
// do the work, on whichever replica takes the job.

export interface JobSpec {
  task: string;
  payload: Record<string, unknown>;
  /** Jobs with the same queue run one at a time, in order, across all replicas. */
  queue?: string;
  /** One waiting job per key. */
  key?: string;
  maxAttempts?: number;
}

export interface WorkQueue {
  /** Adds a job for `teamId`; throws when the database cannot take it. */
  add(teamId: string, job: JobSpec): Promise<void>;
  /**
   * Records a Slack event id with the job that handles it, both or neither. False when the id
   * was recorded before (Slack delivered it again). Throws when the database cannot take it.
   */
  recordEvent(teamId: string, eventId: string, job: JobSpec | null): Promise<boolean>;
}

/** What a task gets besides its payload. */
export interface JobContext {
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
  jobId: string;
  signal: AbortSignal | undefined;
}

export type JobHandler = (payload: unknown, job: JobContext) => Promise<void>;

/**
 * The queue of a Slack channel: its posts and updates, from every replica, go one at a time,
 * each holding the channel for the pace Slack accepts (about one message a second).
 */
export function channelQueue(teamId: string, channelId: string): string {
  return `slack-channel:${teamId}:${channelId}`;
}
