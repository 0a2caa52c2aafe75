// The job behind every review that goes into a thread: auto-review of a draft, the Review copy
// shortcut and `@Persona Bot review`. Listeners record the job and answer Slack at once; this
// runs it on whichever replica takes it, in the channel's queue (one at a time per channel,
// at Slack's pace). A failure the database or the network caused is thrown, and the queue
// runs the job again with backoff; the review slot in the database makes a second run update
// the post rather than add one.
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { CHANNEL_IDS } from '../../domain/persona.js';
import type { AppDeps } from '../deps.js';
import { errorMessage, plainNotice } from '../render/notices.js';
import type { SlackMessage } from '../render/common.js';
import { userFacingSlackError } from '../slack-errors.js';
import { postToResponseUrl } from '../web/response-url.js';
import { fetchThreadParent, threadPoster } from '../web/thread-poster.js';
import { channelQueue } from './queue.js';
import type { JobContext, JobSpec } from './queue.js';

export const THREAD_REVIEW_TASK = 'thread-review';

/** The reaction an auto-reviewed draft gets at once. */
export const AUTOREVIEW_REACTION = 'mag';

const messageSchema = z.object({
  text: z.string().nullish(),
  files: z.array(z.unknown()).nullish(),
  subtype: z.string().nullish(),
  user: z.string().nullish(),
});

/** Where a problem (no personas, not a draft, Slack refused) is said to the person who asked. */
const replySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('response_url'), url: z.string().url() }),
  z.object({ kind: z.literal('ephemeral'), user: z.string() }),
  z.object({ kind: z.literal('none') }),
]);

export const threadReviewPayload = z.object({
  teamId: z.string(),
  channelId: z.string(),
  messageTs: z.string(),
  threadTs: z.string(),
  /** The draft as the request carried it; absent: the thread's parent is fetched (a mention). */
  message: messageSchema.nullish(),
  requestedBy: z.string(),
  source: z.enum(['auto', 'shortcut', 'mention']),
  persona: z.string().optional(),
  adChannel: z.enum(CHANNEL_IDS).optional(),
  /** Auto-review of an edit: the review is updated, no reaction. */
  edited: z.boolean().optional(),
  reply: replySchema,
});
export type ThreadReviewPayload = z.infer<typeof threadReviewPayload>;

/** Attempts before the queue gives up: auto-reviews wait out an outage of about an hour; a person asking gets an answer within minutes. */
const MAX_ATTEMPTS = { auto: 8, shortcut: 5, mention: 5 } as const;

/** The job for `payload`, in its channel's queue. */
export function threadReviewJob(payload: Omit<ThreadReviewPayload, 'teamId'> & { teamId: string }): JobSpec {
  return {
    task: THREAD_REVIEW_TASK,
    payload,
    queue: channelQueue(payload.teamId, payload.channelId),
    maxAttempts: MAX_ATTEMPTS[payload.source],
  };
}

/** A review still being posted by someone else: try again later rather than say nothing. */
class SlotBusyError extends Error {
  constructor() {
    super('another request holds the review slot of this message');
    this.name = 'SlotBusyError';
  }
}

export function threadReviewTask(deps: AppDeps, clientFor: (teamId: string) => Promise<WebClient | null>, paceMs: number) {
  return async (raw: unknown, job: JobContext): Promise<void> => {
    const parsed = threadReviewPayload.safeParse(raw);
    if (!parsed.success) {
      // A payload this version cannot read will not get better by retrying.
      deps.log.error({ issue: parsed.error.issues[0]?.message, job: job.jobId }, 'thread review: unreadable job; dropped');
      return;
    }
    const p = parsed.data;
    // Work runs outside any request: the workspace's own token (OAuth installs) comes from its install.
    const client = await clientFor(p.teamId);
    if (!client) {
      deps.log.warn({ team: p.teamId, job: job.jobId }, 'thread review: the workspace has no install any more; dropped');
      return;
    }
    const say = (message: SlackMessage) => tell(client, p, message).catch((err: unknown) => deps.log.warn({ err }, 'thread review: could not tell the user'));
    if (p.source === 'auto') {
      const settings = await deps.channelSettings.get(p.teamId, p.channelId);
      if (!settings?.autoreview) return;
      if (!p.edited && job.attempt === 1)
        await client.reactions.add({ channel: p.channelId, timestamp: p.messageTs, name: AUTOREVIEW_REACTION }).catch(() => {});
    }
    const poster = threadPoster(client, paceMs);
    try {
      const message = p.message === undefined ? await fetchThreadParent(client, p.channelId, p.threadTs) : p.message;
      const outcome = await deps.reviews.reviewInThread(
        {
          teamId: p.teamId,
          channelId: p.channelId,
          messageTs: p.messageTs,
          threadTs: p.threadTs,
          message: message ?? null,
          requestedBy: p.requestedBy,
          source: p.source,
          persona: p.persona,
          adChannel: p.adChannel,
          quiet: p.source === 'auto',
        },
        poster,
      );
      if (outcome.kind === 'in_progress') throw new SlotBusyError();
      if (outcome.kind === 'problem') await say(plainNotice(outcome.message));
    } catch (err) {
      const hint = userFacingSlackError(err);
      if (hint) {
        deps.log.warn({ code: (err as { data?: { error?: string } }).data?.error, source: p.source }, 'thread review: Slack refused the post');
        await say(plainNotice(hint));
        return;
      }
      if (job.attempt >= job.maxAttempts) {
        deps.log.error({ err, source: p.source }, 'thread review failed; giving up');
        await say(errorMessage());
        return;
      }
      throw err;
    } finally {
      // Hold the channel's queue until Slack's pace allows its next message.
      await poster.settle();
    }
  };
}

function tell(client: WebClient, p: ThreadReviewPayload, message: SlackMessage): Promise<unknown> {
  switch (p.reply.kind) {
    case 'response_url':
      return postToResponseUrl(p.reply.url, message);
    case 'ephemeral':
      return client.chat.postEphemeral({ channel: p.channelId, user: p.reply.user, thread_ts: p.threadTs, ...message });
    default:
      return Promise.resolve();
  }
}
