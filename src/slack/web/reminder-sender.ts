// Renders reminders (render/reminder.ts) and sends them through the Web API. The pace is not
// kept here: each delivery is a job in its channel's queue, which holds the channel after a
// post (reminders/jobs.ts). Nor are rate limits retried here: the WebClient waits out
// Retry-After by itself (its retryConfig, rejectRateLimitedCalls false); when it gives up, the
// job fails and the queue tries again later.
import { ErrorCode, WebClient } from '@slack/web-api';
import type { DeliveryTag, Reminder, ReminderSender } from '../../reminders/run.js';
import { NotSentError } from '../../reminders/run.js';
import { reminderMessage } from '../render/reminder.js';

/** The message metadata type of a reminder: lets a later attempt find a post whose answer was lost. */
export const REMINDER_EVENT_TYPE = 'persona_reminder';

/** Slack errors after which trying the same delivery again is pointless. */
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'user_not_found',
  'user_disabled',
  'cannot_dm_bot',
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'missing_scope',
  'msg_too_long',
  'invalid_blocks',
]);

/** Errors of conversations.history that mean "cannot look", not "try later". */
const CANNOT_LOOK = new Set(['missing_scope', 'not_in_channel', 'channel_not_found']);

const platformCode = (err: unknown): string | null => {
  const e = err as { code?: string; data?: { error?: string } };
  return e?.code === ErrorCode.PlatformError ? (e.data?.error ?? 'unknown') : null;
};

/** Slack's answer "not posted" as NotSentError; anything else (the network) is passed on as it is. */
function classify(err: unknown): unknown {
  const code = platformCode(err);
  if (code) return new NotSentError(`Slack: ${code}`, PERMANENT.has(code));
  if ((err as { code?: string })?.code === ErrorCode.RateLimitedError) return new NotSentError('Slack: rate limited');
  return err;
}

export class SlackReminderSender implements ReminderSender {
  constructor(private readonly client: WebClient) {}

  private async channelOf(recipient: string): Promise<string> {
    if (recipient.startsWith('channel:')) return recipient.slice('channel:'.length);
    const opened = await this.client.conversations.open({ users: recipient }).catch((err: unknown) => {
      throw classify(err);
    });
    if (!opened.channel?.id) throw new Error(`conversations.open gave no channel for ${recipient}`);
    return opened.channel.id;
  }

  async send(recipient: string, reminder: Reminder, tag: DeliveryTag): Promise<{ channel: string; ts: string }> {
    const { personas, ...opts } = reminder;
    const message = reminderMessage(personas, opts);
    const channel = await this.channelOf(recipient);
    const posted = await this.client.chat
      .postMessage({
        channel,
        text: message.text,
        blocks: message.blocks,
        metadata: { event_type: REMINDER_EVENT_TYPE, event_payload: { team: tag.teamId, week: tag.week, recipient: tag.recipient } },
      })
      .catch((err: unknown) => {
        throw classify(err);
      });
    return { channel, ts: posted.ts ?? '' };
  }

  async findSent(recipient: string, tag: DeliveryTag, since: Date): Promise<{ channel: string; ts: string } | null> {
    const channel = await this.channelOf(recipient);
    try {
      // A minute of slack for clocks that differ between this host and Slack.
      const oldest = String(Math.floor(since.getTime() / 1000) - 60);
      const res = await this.client.conversations.history({ channel, oldest, include_all_metadata: true, limit: 200 });
      for (const m of res.messages ?? []) {
        const meta = m.metadata as { event_type?: string; event_payload?: Record<string, unknown> } | undefined;
        const p = meta?.event_payload;
        if (meta?.event_type === REMINDER_EVENT_TYPE && p?.team === tag.teamId && p?.week === tag.week && p?.recipient === tag.recipient && m.ts)
          return { channel, ts: m.ts };
      }
      return null;
    } catch (err) {
      // DMs need im:history, which the app does not ask for: the reminder is sent again.
      if (CANNOT_LOOK.has(platformCode(err) ?? '')) return null;
      throw err;
    }
  }
}

/** A sender with its own Web API client, for processes without a Bolt app (the CLI's `remind`). */
export function standaloneReminderSender(token: string, apiUrl?: string): SlackReminderSender {
  return new SlackReminderSender(new WebClient(token, apiUrl ? { slackApiUrl: apiUrl } : {}));
}
