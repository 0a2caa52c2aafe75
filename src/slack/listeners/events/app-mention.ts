import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { CHANNEL_IDS } from '../../../personas/model.js';
import { firstDelivery } from '../../../reviews/queries.js';
import { plainNotice } from '../../blocks/notices.js';
import type { AppDeps } from '../../deps.js';
import { parseMention } from '../../mention.js';
import { fetchThreadParent, threadPoster } from '../../thread-poster.js';

const HELP = 'Mention me in the thread of a draft to review it: `@Persona Bot review`, optionally `for <persona>` and `on <channel>`. Or use *Review copy* from the message menu.';

/**
 * `@Persona Bot review [for <persona>] [on <channel>]` in a draft's thread reviews the
 * thread's parent message. Deliveries are at least once: each event id is handled once.
 */
export function appMention(deps: AppDeps) {
  return async ({ event, body, client }: SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs): Promise<void> => {
    const teamId = (body as { team_id?: string }).team_id ?? '';
    const eventId = (body as { event_id?: string }).event_id ?? `${event.channel}:${event.ts}`;
    try {
      if (!(await firstDelivery(deps.db, teamId, eventId, deps.clock.now()))) return;
      const user = event.user ?? '';
      const say = (text: string) => client.chat.postEphemeral({ channel: event.channel, user, ...plainNotice(text), ...(event.thread_ts ? { thread_ts: event.thread_ts } : {}) });
      const request = parseMention(event.text ?? '');
      if (request.kind === 'help') return void (await say(HELP));
      if (request.unknownChannel) return void (await say(`I don’t know the channel “${request.unknownChannel}”. Channels: ${CHANNEL_IDS.join(', ')}.`));
      const inThread = event.thread_ts && event.thread_ts !== event.ts;
      if (!inThread) return void (await say(HELP));
      const parent = await fetchThreadParent(client, event.channel, event.thread_ts!);
      const outcome = await deps.reviews.reviewInThread(
        {
          teamId,
          channelId: event.channel,
          messageTs: event.thread_ts!,
          threadTs: event.thread_ts!,
          message: parent,
          requestedBy: user,
          persona: request.persona,
          adChannel: request.channel,
          source: 'mention',
        },
        threadPoster(client, deps.pacer),
      );
      if (outcome.kind === 'problem') await say(outcome.message);
    } catch (err) {
      deps.log.error({ err }, 'mention review failed');
      await client.chat
        .postEphemeral({ channel: event.channel, user: event.user ?? '', text: 'Something went wrong on our side. Please try again in a moment.', ...(event.thread_ts ? { thread_ts: event.thread_ts } : {}) })
        .catch(() => {});
    }
  };
}
