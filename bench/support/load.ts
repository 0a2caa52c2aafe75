// The load generator and the fake Slack for the Slack benchmarks, both in the benchmark's own
// process; the app under test runs in a child process (bench/support/serve.ts).
//
// - The fake Slack answers the Web API (chat.postMessage …) and response_url posts, and stamps
//   each arrival with performance.now() once its body is read. It is a lighter cousin of
//   testing/fake-slack.ts: it keeps no call log, it hands each arrival to whoever waits for it.
// - The generator sends requests signed as Slack signs them (test/support/slack-requests.ts) over
//   loopback through a keep-alive agent, `concurrency` at a time (closed loop: a worker sends its
//   next request when the previous one's answer has reached the fake Slack).
import { createServer, type Agent, request } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseWebApiBody, readRequestBody } from '../../src/local/web-api-body.js';
import { sign, TEST_SIGNING_SECRET } from '../../test/support/slack-requests.js';

export const BENCH_SIGNING_SECRET = TEST_SIGNING_SECRET;

export interface Arrival {
  at: number;
  body: Record<string, unknown>;
}

export interface BenchSlack {
  url: string;
  apiUrl: string;
  /** A response_url whose post resolves `arrival(id)`. */
  responseUrl(id: string): string;
  /** Resolves when the response_url post for `id` (or a chat.postMessage with thread_ts `id`) arrives. */
  arrival(id: string, timeoutMs?: number): Promise<Arrival>;
  counts: Record<string, number>;
  /** Every arrival by id, in order (a thread posted to twice has two): what the fault run counts. */
  arrivals: Map<string, Arrival[]>;
  close(): Promise<void>;
}

export async function startBenchSlack(): Promise<BenchSlack> {
  const waiting = new Map<string, (a: Arrival) => void>();
  const early = new Map<string, Arrival>();
  const counts: Record<string, number> = {};
  let ts = 0;
  const arrivals = new Map<string, Arrival[]>();
  const deliver = (id: string, a: Arrival) => {
    arrivals.set(id, [...(arrivals.get(id) ?? []), a]);
    const w = waiting.get(id);
    if (w) {
      waiting.delete(id);
      w(a);
    } else early.set(id, a);
  };
  const server: Server = createServer(async (req, res) => {
    const raw = await readRequestBody(req);
    const at = performance.now();
    const path = req.url ?? '/';
    const body = parseWebApiBody(raw, req.headers['content-type']);
    if (path.startsWith('/response/')) {
      counts.response_url = (counts.response_url ?? 0) + 1;
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      deliver(path.slice('/response/'.length), { at, body });
      return;
    }
    const method = path.replace(/^\/api\//, '').split('?')[0]!;
    counts[method] = (counts[method] ?? 0) + 1;
    let answer: Record<string, unknown> = { ok: true };
    if (method === 'auth.test') answer = { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'TBENCH', team: 'Bench', url: 'https://bench.slack.com/' };
    if (method === 'chat.postMessage') answer = { ok: true, channel: body.channel, ts: `1800000000.${String(++ts).padStart(6, '0')}` };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    if (method === 'chat.postMessage' && typeof body.thread_ts === 'string') deliver(`thread:${body.thread_ts}`, { at, body });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    apiUrl: `${url}/api/`,
    responseUrl: (id) => `${url}/response/${id}`,
    counts,
    arrivals,
    arrival(id, timeoutMs = 30_000) {
      const got = early.get(id);
      if (got) {
        early.delete(id);
        return Promise.resolve(got);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error(`bench Slack: nothing arrived for ${id} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.set(id, (a) => {
          clearTimeout(timer);
          resolve(a);
        });
      });
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface SignedPost {
  url: string;
  body: string;
  contentType: string;
}

/** Sends a request signed with the bench secret; resolves with the HTTP status once the answer is read. */
export function postSigned(agent: Agent, p: SignedPost): Promise<number> {
  const timestamp = Math.floor(Date.now() / 1000);
  const u = new URL(p.url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: 'POST',
        headers: {
          'content-type': p.contentType,
          'content-length': Buffer.byteLength(p.body),
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': sign(BENCH_SIGNING_SECRET, timestamp, p.body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(p.body);
  });
}

export interface LoadOptions {
  /** Requests in flight at once. */
  concurrency: number;
  requests: number;
  /** Stop sending after this long (the run reports how many it completed). */
  maxMs: number;
  /** How long one answer may take to reach the fake Slack (default 30 s). */
  answerTimeoutMs?: number;
  /** The i-th request: what to send, and the id its answer arrives under at the fake Slack. */
  make(i: number): { post: SignedPost; id: string };
}

export interface LoadResult {
  /** Request sent → answer received by the fake Slack, ms. */
  latencies: number[];
  /** Request sent → HTTP answer (the ack), ms. */
  acks: number[];
  arrivals: Arrival[];
  errors: string[];
  wallMs: number;
  timedOut: boolean;
}

export async function runLoad(slack: BenchSlack, agent: Agent, opts: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const acks: number[] = [];
  const arrivals: Arrival[] = [];
  const errors: string[] = [];
  let next = 0;
  let timedOut = false;
  const started = performance.now();
  const worker = async () => {
    for (;;) {
      if (performance.now() - started > opts.maxMs) {
        timedOut = true;
        return;
      }
      const i = next++;
      if (i >= opts.requests) return;
      const { post, id } = opts.make(i);
      const arrived = slack.arrival(id, opts.answerTimeoutMs);
      const sent = performance.now();
      try {
        const status = await postSigned(agent, post);
        acks.push(performance.now() - sent);
        if (status !== 200) {
          arrived.catch(() => {});
          errors.push(`HTTP ${status}`);
          continue;
        }
        const a = await arrived;
        latencies.push(a.at - sent);
        arrivals.push(a);
      } catch (err) {
        arrived.catch(() => {});
        errors.push((err as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  return { latencies, acks, arrivals, errors, wallMs: performance.now() - started, timedOut };
}

export function slashCommandPost(eventsUrl: string, f: { text: string; team: string; responseUrl: string; user?: string; channel?: string }): SignedPost {
  const body = new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: f.team,
    team_domain: 'bench',
    channel_id: f.channel ?? 'C0BENCH',
    channel_name: 'marketing',
    user_id: f.user ?? 'U0ASKER',
    user_name: 'marketer',
    command: '/persona',
    text: f.text,
    api_app_id: 'A0BENCH',
    is_enterprise_install: 'false',
    response_url: f.responseUrl,
    trigger_id: '13345224609.738474920.8088930838d88f008e0',
  }).toString();
  return { url: eventsUrl, body, contentType: 'application/x-www-form-urlencoded' };
}

/** The "Review copy" message shortcut on message `ts` in `channel` (as in test/slack/review.e2e.test.ts). */
export function reviewShortcutPost(eventsUrl: string, f: { team: string; channel: string; ts: string; text: string; responseUrl: string }): SignedPost {
  const payload = {
    type: 'message_action',
    team: { id: f.team, domain: 'bench' },
    api_app_id: 'A0BENCH',
    token: 'deprecated-verification-token',
    callback_id: 'review_copy',
    trigger_id: 'trig',
    response_url: f.responseUrl,
    user: { id: 'U0WRITER', team_id: f.team },
    channel: { id: f.channel, name: 'ad-drafts' },
    message: { type: 'message', user: 'U0WRITER', ts: f.ts, text: f.text },
    message_ts: f.ts,
  };
  return { url: eventsUrl, body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: 'application/x-www-form-urlencoded' };
}
