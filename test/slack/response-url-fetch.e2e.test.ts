// A response_url post whose connection is closed under it (a stale keep-alive) is sent again
// once, so the answer the bot computed still arrives; through the real app and receiver.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isConnectionError, postingFetch } from '../../src/slack/response-url-fetch.js';
import { postsTo, startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ personaFiles: ['examples/personas.yaml'] });
});
afterAll(async () => {
  await app?.stop();
});

describe('response_url posts', () => {
  it('a connection closed under the answer: the card still arrives, once', async () => {
    const responseUrl = app.fake.responseUrl();
    app.fake.dropConnection(new URL(responseUrl).pathname);
    const { res } = await app.command('busy', { responseUrl });
    expect(res.status).toBe(200);
    await app.fake.waitFor((c) => c.path === new URL(responseUrl).pathname);
    await new Promise((r) => setTimeout(r, 300));
    const posts = postsTo(app.fake, responseUrl);
    expect(posts).toHaveLength(1);
    expect(JSON.stringify(posts[0]!.body)).toContain('Overbooked Team Lead');
  });

  it('a connection that fails again and again: nothing arrives, nothing breaks, and the bot serves on', async () => {
    const responseUrl = app.fake.responseUrl();
    // The answer and its retry fail; so do the error notice and its retry.
    app.fake.dropConnection(new URL(responseUrl).pathname, 4);
    const { res } = await app.command('busy', { responseUrl });
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    expect(postsTo(app.fake, responseUrl)).toHaveLength(0);
    const next = await app.command('busy');
    await app.fake.waitFor((c) => c.path === new URL(next.responseUrl).pathname);
  });
});

describe('postingFetch', () => {
  const failing = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('other side closed'), { code }) });

  it('sends a post again once after a connection error, never a Web API call, never after an answer', async () => {
    const seen: string[] = [];
    let failures = 0;
    const base = async (url: string | URL) => {
      seen.push(String(url));
      if (failures-- > 0) throw failing('UND_ERR_SOCKET');
      return new Response('ok') as never;
    };
    const post = postingFetch({ webApiUrl: 'https://slack.com/api/', base });
    failures = 1;
    expect((await post('https://hooks.slack.com/r/1', { method: 'POST', body: '{}' })).ok).toBe(true);
    expect(seen).toEqual(['https://hooks.slack.com/r/1', 'https://hooks.slack.com/r/1']);
    failures = 2;
    await expect(post('https://hooks.slack.com/r/2', { method: 'POST', body: '{}' })).rejects.toThrow('fetch failed');
    seen.length = 0;
    failures = 1;
    await expect(post('https://slack.com/api/chat.postMessage', { method: 'POST', body: 'x' })).rejects.toThrow('fetch failed');
    expect(seen).toHaveLength(1);
  });

  it('knows a connection error by its code, however deep the cause', () => {
    expect(isConnectionError(failing('ECONNRESET'))).toBe(true);
    expect(isConnectionError(failing('UND_ERR_HEADERS_TIMEOUT'))).toBe(false);
    expect(isConnectionError(new Error('boom'))).toBe(false);
  });
});
