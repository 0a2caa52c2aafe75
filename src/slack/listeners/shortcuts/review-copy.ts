import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { errorMessage } from '../../render/notices.js';
import type { AppDeps } from '../../deps.js';
import { withinBudget } from '../../jobs/queue.js';
import { threadReviewJob } from '../../jobs/thread-review.js';
import { handled } from '../../middleware/handled.js';
import { teamOf } from '../../middleware/team.js';

type ShortcutArgs = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;

// Acknowledged first (Slack's 3 s), then told why: a response_url post can take its time.
const sorry = async ({ ack, respond }: ShortcutArgs, _err: unknown, { acked }: { acked: boolean }) => {
  if (!acked) await ack();
  await respond({ response_type: 'ephemeral', ...errorMessage() });
};

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
 * "Review copy" on a message: record the review job (the review then goes into the thread from
 * the channel's queue), then acknowledge; when it cannot be recorded within the budget,
 * acknowledge and say so at once. Acknowledging only what is recorded is what keeps a shortcut
 * from being lost when the process stops under it: a request still recording when the drain
 * gives up has its connection closed unanswered (Slack tells the user it failed), never a 200
 * whose job was not written.
 */
export function reviewCopy(deps: AppDeps) {
  return handled<ShortcutArgs>(
    { name: 'review copy: recording the review', log: deps.log, bodyAcks: true, onError: sorry },
    async ({ shortcut, context, ack }) => {
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
      await ack();
    },
  );
}
