import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { errorMessage, plainNotice } from '../../render/notices.js';
import type { AppDeps } from '../../deps.js';
import { teamOf } from '../../middleware/team.js';
import { userFacingSlackError } from '../../slack-errors.js';
import { threadPoster } from '../../web/thread-poster.js';

const messageActionSchema = z.object({
  user: z.object({ id: z.string() }),
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
  return async ({ ack, shortcut, client, respond, context }: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    try {
      const s = messageActionSchema.parse(shortcut);
      const teamId = teamOf(context);
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
