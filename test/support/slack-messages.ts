// Messages "in Slack" for end-to-end tests: the fake Slack answers conversations.replies and
// conversations.history from a map the test fills, as Slack answers from a channel's history.
// The review jobs read a draft back this way when its text was not stored.
import type { FakeSlack } from '../../testing/fake-slack.js';

export interface SlackMessage {
  ts: string;
  text: string;
  user?: string;
  thread_ts?: string;
  files?: unknown[];
}

/** Serves `conversations.replies` (by `ts`) and `conversations.history` (by `latest`) from the returned map. */
export function channelMessages(fake: FakeSlack): Map<string, SlackMessage> {
  const messages = new Map<string, SlackMessage>();
  fake.on('conversations.replies', (b) => {
    const m = messages.get(String(b.ts));
    return m ? { ok: true, messages: [m] } : { ok: false, error: 'thread_not_found' };
  });
  fake.on('conversations.history', (b) => {
    const m = messages.get(String(b.latest));
    return { ok: true, messages: m ? [m] : [] };
  });
  return messages;
}
