// The tasks the Slack layer gives the job queue, by name.
import type { WebClient } from '@slack/web-api';
import type { AppDeps } from '../deps.js';
import type { JobHandler } from './queue.js';
import { THREAD_REVIEW_TASK, threadReviewTask } from './thread-review.js';

export function slackTasks(deps: AppDeps, client: WebClient, channelPaceMs: number): Record<string, JobHandler> {
  return {
    [THREAD_REVIEW_TASK]: threadReviewTask(deps, client, channelPaceMs),
  };
}
