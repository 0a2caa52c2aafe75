// The Web API side of reviews in threads: posting, updating, and fetching the draft message.
import type { WebClient } from '@slack/web-api';
import type { ThreadPoster } from '../../copy-review/service.js';
import { renderReview } from '../render/review.js';
import type { MessageLike } from '../../copy-review/draft-checks.js';
import type { ChannelPacer } from './channel-pacer.js';

/** Posts and updates go through `pacer` when given: one at a time per channel, about a second apart. */
export function threadPoster(client: WebClient, pacer?: ChannelPacer): ThreadPoster {
  const paced = <T>(channel: string, task: () => Promise<T>) => (pacer ? pacer.run(channel, task) : task());
  return {
    async post(channel, threadTs, review) {
      const message = renderReview(review);
      const res = await paced(channel, () =>
        client.chat.postMessage({ channel, thread_ts: threadTs, text: message.text, blocks: message.blocks, unfurl_links: false }),
      );
      return res.ts ?? '';
    },
    async update(channel, ts, review) {
      const message = renderReview(review);
      await paced(channel, () => client.chat.update({ channel, ts, text: message.text, blocks: message.blocks }));
    },
  };
}

export interface FetchedMessage extends MessageLike {
  ts: string;
  thread_ts?: string;
}

/**
 * A message by its ts: a top-level message from the channel history, a reply from its
 * thread. Null when it is gone (deleted) or out of reach.
 */
export async function fetchMessage(client: WebClient, channel: string, ts: string): Promise<FetchedMessage | null> {
  try {
    const history = await client.conversations.history({ channel, latest: ts, oldest: ts, inclusive: true, limit: 1 });
    const found = history.messages?.find((m) => m.ts === ts);
    if (found) return found as FetchedMessage;
    const replies = await client.conversations.replies({ channel, ts, limit: 1 });
    const reply = replies.messages?.find((m) => m.ts === ts);
    return (reply as FetchedMessage | undefined) ?? null;
  } catch {
    return null;
  }
}

/** The parent message of a thread. */
export async function fetchThreadParent(client: WebClient, channel: string, threadTs: string): Promise<FetchedMessage | null> {
  try {
    const replies = await client.conversations.replies({ channel, ts: threadTs, limit: 1, inclusive: true });
    const parent = replies.messages?.find((m) => m.ts === threadTs);
    return (parent as FetchedMessage | undefined) ?? null;
  } catch {
    return null;
  }
}
