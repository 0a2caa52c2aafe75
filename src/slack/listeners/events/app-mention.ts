import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { CHANNEL_IDS } from '../../../domain/persona.js';
import { plainNotice } from '../../render/notices.js';
import type { AppDeps } from '../../deps.js';
import { handled } from '../../middleware/handled.js';
import { teamOf } from '../../middleware/team.js';
import { parseMention } from '../../mention.js';
import { withinBudget } from '../../jobs/queue.js';
import { threadReviewJob } from '../../jobs/thread-review.js';

const HELP =
  'Mention me in the thread of a draft to review it: `@Persona Bot review`, optionally `for <persona>` and `on <channel>`. Or use *Review copy* from the message menu.';

type MentionArgs = SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs;

/**
 * `@Persona Bot review [for <persona>] [on <channel>]` in a draft's thread reviews the
 * thread's parent message. A redelivered event never gets here (the dedupe middleware).
 */
export function appMention(deps: AppDeps) {
  const sorry = ({ event, client }: MentionArgs) =>
    client.chat.postEphemeral({
      channel: event.channel,
      user: event.user ?? '',
      text: 'Something went wrong on our side. Please try again in a moment.',
      ...(event.thread_ts ? { thread_ts: event.thread_ts } : {}),
    });
  return handled<MentionArgs>({ name: 'mention review', log: deps.log, onError: sorry }, async ({ event, client, context }) => {
    const user = event.user ?? '';
    const say = (text: string) =>
      client.chat.postEphemeral({ channel: event.channel, user, ...plainNotice(text), ...(event.thread_ts ? { thread_ts: event.thread_ts } : {}) });
    const request = parseMention(event.text ?? '');
    if (request.kind === 'help') return void (await say(HELP));
    if (request.unknownChannel) return void (await say(`I don’t know the channel “${request.unknownChannel}”. Channels: ${CHANNEL_IDS.join(', ')}.`));
    const inThread = event.thread_ts && event.thread_ts !== event.ts;
    if (!inThread) return void (await say(HELP));
    // The review runs from the channel's queue; the parent message is fetched there.
    const teamId = teamOf(context);
    await withinBudget(
      deps.work.add(
        teamId,
        threadReviewJob({
          teamId,
          channelId: event.channel,
          messageTs: event.thread_ts!,
          threadTs: event.thread_ts!,
          requestedBy: user,
          persona: request.persona,
          adChannel: request.channel,
          source: 'mention',
          reply: { kind: 'ephemeral', user },
        }),
      ),
    );
  });
}
