// The tasks the Slack layer gives the job queue, by name.
import type { WebClient } from '@slack/web-api';
import type { AppDeps } from '../deps.js';
import type { JobHandler } from './queue.js';
import { THREAD_REVIEW_TASK, threadReviewTask } from './thread-review.js';

/** The Web API client of a workspace: the one bot token's, or (OAuth) that workspace's install's; null when it has none. */
export type ClientFor = (teamId: string) => Promise<WebClient | null>;

export function slackTasks(deps: AppDeps, clientFor: ClientFor, channelPaceMs: number): Record<string, JobHandler> {
  return {
    [THREAD_REVIEW_TASK]: threadReviewTask(deps, clientFor, channelPaceMs),
  };
}
