import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { autoReviewDecision } from '../../../reviews/autoreview.js';
import type { ChannelMessageEvent } from '../../../reviews/autoreview.js';
import { firstDelivery, getChannelSettings } from '../../../reviews/queries.js';
import { plainNotice } from '../../blocks/notices.js';
import type { AppDeps } from '../../deps.js';
import { threadPoster } from '../../thread-poster.js';

export const AUTOREVIEW_REACTION = 'mag';

type MessageEvent = ChannelMessageEvent & { channel: string; message?: ChannelMessageEvent & { edited?: unknown } };

/**
 * Auto-review: every new top-level draft in a channel that has it on gets its review in the
 * thread; an edited draft gets its review updated in place. Each event id is handled once.
 */
export function channelMessage(deps: AppDeps) {
  return async ({ event, body, client, context }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> => {
    const e = event as unknown as MessageEvent;
    const teamId = (body as { team_id?: string }).team_id ?? '';
    const eventId = (body as { event_id?: string }).event_id;
    try {
      const edited = e.subtype === 'message_changed';
      const message: ChannelMessageEvent | undefined = edited ? e.message : e;
      if (!message || (e.subtype && !edited && e.subtype !== 'file_share' && e.subtype !== 'thread_broadcast')) return;
      const decision = autoReviewDecision(message, context.botUserId);
      if (!decision.review) return;
      const settings = await getChannelSettings(deps.db, teamId, e.channel);
      if (!settings?.autoreview) return;
      if (eventId && !(await firstDelivery(deps.db, teamId, eventId, deps.clock.now()))) return;
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
    } catch (err) {
      deps.log.error({ err }, 'auto-review failed');
    }
  };
}
