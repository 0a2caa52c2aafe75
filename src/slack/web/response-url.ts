// Posts to a response_url from a job, which may run on another replica, minutes after the
// request: the URL stays valid for 30 minutes and five posts.
import type { SlackMessage } from '../render/common.js';

export async function postToResponseUrl(url: string, message: SlackMessage, fetchImpl: typeof fetch = fetch): Promise<void> {
  const res = await fetchImpl(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ response_type: 'ephemeral', ...message }),
    signal: AbortSignal.timeout(5000),
  });
  if (!res.ok) throw new Error(`response_url answered ${res.status}`);
}
