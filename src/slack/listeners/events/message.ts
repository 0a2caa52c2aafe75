import { autoReviewDecision } from '../../../copy-review/autoreview.js';
import type { ChannelMessageEvent } from '../../../copy-review/autoreview.js';
import type { AppDeps } from '../../deps.js';
import { threadReviewJob } from '../../jobs/thread-review.js';
import { withinBudget } from '../../jobs/queue.js';
import type { JobSpec } from '../../jobs/queue.js';

type MessageEvent = ChannelMessageEvent & { channel?: string; message?: ChannelMessageEvent & { edited?: unknown } };

const TEAM_ID = /^T[A-Z0-9_]+$/;

/**
 * The auto-review job of a channel message: every new top-level draft gets its review in the
 * thread; an edited draft gets its review updated in place. Null when it is not a draft (the
 * channel's setting is read by the job, so that recording the event needs one write only).
 */
export function autoReviewJob(teamId: string, event: MessageEvent, botUserId?: string): JobSpec | null {
  const edited = event.subtype === 'message_changed';
  const message: ChannelMessageEvent | undefined = edited ? event.message : event;
  if (!message?.ts || !event.channel) return null;
  if (event.subtype && !edited && event.subtype !== 'file_share' && event.subtype !== 'thread_broadcast') return null;
  if (!autoReviewDecision(message, botUserId).review) return null;
  return threadReviewJob({
    teamId,
    channelId: event.channel,
    messageTs: message.ts,
    threadTs: message.ts,
    message: { text: message.text ?? null, files: message.files ?? null, subtype: message.subtype ?? null, user: message.user ?? null },
    requestedBy: message.user ?? 'auto',
    source: 'auto',
    edited,
    reply: message.user ? { kind: 'ephemeral', user: message.user } : { kind: 'none' },
  });
}

/**
 * Message events never reach Bolt: both receivers hand them here first, and Slack gets its
 * acknowledgement (a 200 over HTTP, the envelope's ack in Socket Mode) only once the auto-review
 * job is recorded together with the event id (a redelivery is recognised by it). When the
 * database cannot take it, the HTTP receiver answers 503 and the Socket Mode receiver leaves the
 * envelope unacknowledged: either way Slack delivers the event again.
 */
export function autoReviewIntake(deps: AppDeps, botUserId?: string) {
  return async (body: Record<string, unknown>): Promise<boolean> => {
    const event = body.event as MessageEvent | undefined;
    if (event?.type !== 'message') return false;
    const authorizations = body.authorizations as Array<{ team_id?: unknown }> | undefined;
    const teamId = typeof body.team_id === 'string' ? body.team_id : authorizations?.[0]?.team_id;
    const eventId = body.event_id;
    if (typeof teamId !== 'string' || !TEAM_ID.test(teamId) || typeof eventId !== 'string') return false;
    const job = autoReviewJob(teamId, event, botUserId);
    if (job) await withinBudget(deps.work.recordEvent(teamId, eventId, job));
    return true;
  };
}
