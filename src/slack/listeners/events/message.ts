import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { autoReviewDecision } from '../../../copy-review/autoreview.js';
import type { ChannelMessageEvent } from '../../../copy-review/autoreview.js';
import type { AppDeps } from '../../deps.js';
import { plainNotice } from '../../render/notices.js';
import { handled } from '../../middleware/handled.js';
import { teamOf } from '../../middleware/team.js';
import { threadPoster } from '../../web/thread-poster.js';

export const AUTOREVIEW_REACTION = 'mag';

type MessageEvent = ChannelMessageEvent & { channel: string; message?: ChannelMessageEvent & { edited?: unknown } };
type MessageArgs = SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs;

/**
 * Auto-review: every new top-level draft in a channel that has it on gets its review in the
 * thread; an edited draft gets its review updated in place. A redelivered event never gets
 * here (the dedupe middleware).
 */
export function channelMessage(deps: AppDeps) {
  return handled<MessageArgs>({ name: 'auto-review', log: deps.log }, async ({ event, client, context }) => {
    const e = event as unknown as MessageEvent;
    const teamId = teamOf(context);
    const edited = e.subtype === 'message_changed';
    const message: ChannelMessageEvent | undefined = edited ? e.message : e;
    if (!message || (e.subtype && !edited && e.subtype !== 'file_share' && e.subtype !== 'thread_broadcast')) return;
    const decision = autoReviewDecision(message, context.botUserId);
    if (!decision.review) return;
    const settings = await deps.channelSettings.get(teamId, e.channel);
    if (!settings?.autoreview) return;
    if (!edited) await client.reactions.add({ channel: e.channel, timestamp: message.ts!, name: AUTOREVIEW_REACTION }).catch(() => {});
    const outcome = await deps.reviews.reviewInThread(
      {
        teamId,
        channelId: e.channel,
        messageTs: message.ts!,
        threadTs: message.ts!,
        message,
        requestedBy: message.user ?? 'auto',
        source: 'auto',
        quiet: true,
      },
      threadPoster(client, deps.pacer),
    );
    if (outcome.kind === 'problem' && message.user) {
      await client.chat.postEphemeral({ channel: e.channel, user: message.user, thread_ts: message.ts!, ...plainNotice(outcome.message) }).catch(() => {});
    }
  });
}
