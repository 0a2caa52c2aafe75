// How the app posts to Slack over HTTP. Bolt's respond() posts to a response_url with one bare
// fetch: when Slack has closed the pooled keep-alive connection just as it is reused, the post
// fails with "other side closed" and an answer already computed becomes "Something went wrong".
// Such a post never reached Slack, so it is sent once more on a fresh connection. Web API calls
// are left to the Web API client, which has its own retry policy (retryConfig).
import type { FetchFunction } from '@slack/web-api';

/** Errors of a connection that failed before any answer: the request was not processed. */
const CONNECTION_ERRORS = new Set(['UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNRESET', 'EPIPE']);

export function isConnectionError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_ERRORS.has(code)) return true;
  }
  return false;
}

export interface PostingFetchOptions {
  /** Base URL of the Web API: its calls are not retried here. */
  webApiUrl: string;
  base?: FetchFunction;
}

export function postingFetch(opts: PostingFetchOptions): FetchFunction {
  const base: FetchFunction = opts.base ?? ((url, init) => fetch(url, init));
  return async (url, init) => {
    try {
      return await base(url, init);
    } catch (err) {
      const retryable = isConnectionError(err) && !String(url).startsWith(opts.webApiUrl) && (init?.body === undefined || typeof init.body === 'string');
      if (!retryable) throw err;
      return base(url, init);
    }
  };
}
