// Persona-side sentence vectors computed when personas change, as a queued job, so that a
// review never waits for them (at 1,000 personas they take the model half a minute): an import
// (CLI or Slack), an edit or a deletion changes a workspace's personas, the database says so
// (NOTIFY persona_changed), and the runtime queues this job for the workspace. One waiting job
// per workspace (its key): a burst of edits is one run. The run computes only the texts without
// a stored vector, saves them batch by batch (a run cut off keeps what it did), and tells its
// progress in the log; any replica that reviews later finds them in the database.
import { z } from 'zod';
import type { JobContext } from '../db/job-queue.js';
import type { JobSpec } from '../db/queries/jobs.js';
import type { Logger } from '../logger.js';
import type { CopyReviewService } from './service.js';

export const PERSONA_VECTORS_TASK = 'persona-vectors';

/** Edits arriving within this are one run. */
const SETTLE_MS = 2000;
/** Progress goes to the log at most this often. */
const PROGRESS_EVERY_MS = 2000;

const payloadSchema = z.object({ teamId: z.string().min(1) });

export function personaVectorsJob(teamId: string, now: Date): JobSpec {
  return { task: PERSONA_VECTORS_TASK, payload: {}, key: `${PERSONA_VECTORS_TASK}:${teamId}`, runAt: new Date(now.getTime() + SETTLE_MS), maxAttempts: 5 };
}

export function personaVectorsTask(deps: { reviews: Pick<CopyReviewService, 'preparePersonas'>; log: Logger }) {
  return async (raw: unknown, job: JobContext): Promise<void> => {
    const parsed = payloadSchema.safeParse(raw);
    if (!parsed.success) {
      deps.log.error({ jobId: job.jobId }, 'persona vectors: a job without a workspace; dropped');
      return;
    }
    const { teamId } = parsed.data;
    let toldAt = 0;
    const stats = await deps.reviews.preparePersonas(teamId, (done, total) => {
      const now = performance.now();
      if (done < total && now - toldAt < PROGRESS_EVERY_MS) return;
      toldAt = now;
      deps.log.info({ team: teamId, done, total, percent: Math.floor((100 * done) / total) }, 'persona vectors: computing');
    });
    if (stats)
      deps.log.info(
        {
          team: teamId,
          personas: stats.personas,
          texts: stats.texts,
          computed: stats.computed,
          fromDatabase: stats.fromDatabase,
          mode: stats.mode,
          ms: Math.round(stats.ms),
        },
        'persona vectors: ready',
      );
  };
}
