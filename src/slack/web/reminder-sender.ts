// Renders reminders (render/reminder.ts) and sends them through the Web API at a pace Slack accepts: at most one message a
// second to any one channel, a small gap between any two, and a wait of Retry-After seconds
// whenever Slack answers "rate limited".
import { WebClient } from '@slack/web-api';
import type { Reminder, ReminderSender } from '../../reminders/run.js';
import { reminderMessage } from '../render/reminder.js';

export interface PaceOptions {
  perChannelMs?: number;
  globalGapMs?: number;
  maxRateLimitRetries?: number;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function retryAfterMs(err: unknown): number | null {
  const e = err as { code?: string; retryAfter?: number; data?: { error?: string } };
  if (e?.code === 'slack_webapi_rate_limited_error') return (e.retryAfter ?? 1) * 1000;
  if (e?.data?.error === 'ratelimited') return 1000;
  return null;
}

export class SlackReminderSender implements ReminderSender {
  private readonly lastPost = new Map<string, number>();
  private lastAny = 0;
  private readonly perChannelMs: number;
  private readonly globalGapMs: number;
  private readonly maxRetries: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly client: WebClient,
    opts: PaceOptions = {},
  ) {
    this.perChannelMs = opts.perChannelMs ?? 1000;
    this.globalGapMs = opts.globalGapMs ?? 100;
    this.maxRetries = opts.maxRateLimitRetries ?? 5;
    this.sleep = opts.sleep ?? realSleep;
  }

  async send(recipient: string, reminder: Reminder): Promise<{ channel: string; ts: string }> {
    const { personas, ...opts } = reminder;
    const message = reminderMessage(personas, opts);
    const channel = recipient.startsWith('channel:')
      ? recipient.slice('channel:'.length)
      : await this.call(async () => {
          const opened = await this.client.conversations.open({ users: recipient });
          if (!opened.channel?.id) throw new Error(`conversations.open gave no channel for ${recipient}`);
          return opened.channel.id;
        });
    await this.pace(channel);
    const posted = await this.call(() => this.client.chat.postMessage({ channel, text: message.text, blocks: message.blocks }));
    this.lastPost.set(channel, Date.now());
    this.lastAny = Date.now();
    return { channel, ts: posted.ts ?? '' };
  }

  private async pace(channel: string): Promise<void> {
    const now = Date.now();
    const wait = Math.max((this.lastPost.get(channel) ?? 0) + this.perChannelMs - now, this.lastAny + this.globalGapMs - now, 0);
    if (wait > 0) await this.sleep(wait);
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        const wait = retryAfterMs(err);
        if (wait === null || attempt >= this.maxRetries) throw err;
        await this.sleep(wait);
      }
    }
  }
}

/** A sender with its own Web API client, for processes without a Bolt app (the CLI's `remind`). */
export function standaloneReminderSender(token: string, apiUrl?: string): SlackReminderSender {
  return new SlackReminderSender(new WebClient(token, apiUrl ? { slackApiUrl: apiUrl } : {}));
}
