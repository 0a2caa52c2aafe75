import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { errorMessage } from '../../render/notices.js';
import type { AppDeps } from '../../deps.js';
import { withinBudget } from '../../jobs/queue.js';
import { threadReviewJob } from '../../jobs/thread-review.js';
import { handled } from '../../middleware/handled.js';
import { teamOf } from '../../middleware/team.js';

type ShortcutArgs = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;

const sorry = ({ respond }: ShortcutArgs) => respond({ response_type: 'ephemeral', ...errorMessage() });

const messageActionSchema = z.object({
  user: z.object({ id: z.string() }),
  channel: z.object({ id: z.string() }),
  response_url: z.string().url(),
  message: z.object({
    ts: z.string(),
    thread_ts: z.string().optional(),
    text: z.string().nullish(),
    files: z.array(z.unknown()).nullish(),
    subtype: z.string().nullish(),
  }),
});

/**
 * "Review copy" on a message: acknowledge at once, record the review job (the review then goes
 * into the thread from the channel's queue), and when it cannot be recorded say so at once.
 */
export function reviewCopy(deps: AppDeps) {
  return handled<ShortcutArgs>({ name: 'review copy: recording the review', log: deps.log, onError: sorry }, async ({ shortcut, context }) => {
    const s = messageActionSchema.parse(shortcut);
    const teamId = teamOf(context);
    await withinBudget(
      deps.work.add(
        teamId,
        threadReviewJob({
          teamId,
          channelId: s.channel.id,
          messageTs: s.message.ts,
          threadTs: s.message.thread_ts ?? s.message.ts,
          message: { text: s.message.text ?? null, files: s.message.files ?? null, subtype: s.message.subtype ?? null },
          requestedBy: s.user.id,
          source: 'shortcut',
          reply: { kind: 'response_url', url: s.response_url },
        }),
      ),
    );
  });
}
