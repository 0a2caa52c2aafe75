import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { errorMessage, plainNotice } from '../../blocks/notices.js';
import type { AppDeps } from '../../deps.js';
import { userFacingSlackError } from '../../slack-errors.js';
import { threadPoster } from '../../thread-poster.js';

const messageActionSchema = z.object({
  team: z.object({ id: z.string() }).nullish(),
  user: z.object({ id: z.string(), team_id: z.string().optional() }),
  channel: z.object({ id: z.string() }),
  message: z.object({
    ts: z.string(),
    thread_ts: z.string().optional(),
    text: z.string().nullish(),
    files: z.array(z.unknown()).nullish(),
    subtype: z.string().nullish(),
  }),
});

/** "Review copy" on a message: acknowledge at once, then the review goes into its thread. */
export function reviewCopy(deps: AppDeps) {
  return async ({ ack, shortcut, client, respond }: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    try {
      const s = messageActionSchema.parse(shortcut);
      const teamId = s.team?.id ?? s.user.team_id ?? '';
      const outcome = await deps.reviews.reviewInThread(
        {
          teamId,
          channelId: s.channel.id,
          messageTs: s.message.ts,
          threadTs: s.message.thread_ts ?? s.message.ts,
          message: s.message,
          requestedBy: s.user.id,
          source: 'shortcut',
        },
        threadPoster(client, deps.pacer),
      );
      if (outcome.kind === 'problem') await respond({ response_type: 'ephemeral', ...plainNotice(outcome.message) });
    } catch (err) {
      const hint = userFacingSlackError(err);
      if (hint) deps.log.warn({ code: (err as { data?: { error?: string } }).data?.error }, 'review copy: Slack refused the post');
      else deps.log.error({ err }, 'review copy failed');
      await respond({ response_type: 'ephemeral', ...(hint ? plainNotice(hint) : errorMessage()) }).catch(() => {});
    }
  };
}
