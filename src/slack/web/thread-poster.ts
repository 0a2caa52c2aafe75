// The Web API side of reviews in threads: posting, updating, and fetching the draft message.
import type { WebClient } from '@slack/web-api';
import type { ThreadPoster } from '../../copy-review/service.js';
import { renderReview } from '../render/review.js';
import type { MessageLike } from '../../copy-review/draft-checks.js';

/** A poster that also remembers when it last wrote to Slack, so a job can keep the channel's pace. */
export interface PacedPoster extends ThreadPoster {
  /** Waits until `paceMs` after the last post or update (at once when there was none). */
  settle(): Promise<void>;
}

/**
 * Posts and updates reviews in threads. A job holds its channel's queue while it runs, so
 * waiting `paceMs` after its last write before it ends spaces the channel's messages across
 * every replica (slack/jobs/queue.ts).
 */
export function threadPoster(client: WebClient, paceMs = 0, now: () => number = () => Date.now()): PacedPoster {
  let lastWrite: number | null = null;
  const wrote = () => {
    lastWrite = now();
  };
  return {
    async post(channel, threadTs, review) {
      const message = renderReview(review);
      try {
        const res = await client.chat.postMessage({ channel, thread_ts: threadTs, text: message.text, blocks: message.blocks, unfurl_links: false });
        return res.ts ?? '';
      } finally {
        wrote();
      }
    },
    async update(channel, ts, review) {
      const message = renderReview(review);
      try {
        await client.chat.update({ channel, ts, text: message.text, blocks: message.blocks });
      } finally {
        wrote();
      }
    },
    async find(channel, threadTs, reviewId) {
      return findReviewPost(client, channel, threadTs, reviewId);
    },
    async settle() {
      if (lastWrite === null || paceMs <= 0) return;
      const wait = lastWrite + paceMs - now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    },
  };
}

/**
 * The bot's own post of review `reviewId` in a thread: its buttons carry the review id. Finds
 * a post whose ts was lost (the database failed between the post and saving its ts), so that
 * it is updated rather than posted twice. Null when there is none; throws when Slack cannot say.
 */
export async function findReviewPost(client: WebClient, channel: string, threadTs: string, reviewId: string): Promise<string | null> {
  let cursor: string | undefined;
  for (let page = 0; page < 10; page++) {
    const res = await client.conversations.replies({ channel, ts: threadTs, limit: 200, ...(cursor ? { cursor } : {}) });
    for (const m of res.messages ?? []) {
      if (!m.bot_id || !m.ts || m.ts === threadTs) continue;
      if (JSON.stringify(m.blocks ?? []).includes(reviewId)) return m.ts;
    }
    cursor = res.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
  }
  return null;
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
