// The app under test in the Slack benchmarks, one per child process, so the floor and the
// product run in the same process setup:
//
//   node --import tsx bench/support/serve.ts floor     a bare Bolt app (HTTPReceiver, processBeforeResponse
//                                                      false) whose /persona acks and posts a tiny message
//                                                      to the response_url
//   node --import tsx bench/support/serve.ts product   the product, started by src/runtime.ts from the env
//
// Env: BENCH_SLACK_API_URL (the fake Slack), and for the product the app's own variables
// (DATABASE_URL, SLACK_TEAM_ID, REVIEW_MODEL …). BENCH_LOG_FILE: where the product's logs go.
// Talks to the parent over IPC: sends { type: 'ready', port }, answers the requests below.
import { createWriteStream } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { IntervalHistogram } from 'node:perf_hooks';
import { writeFileSync } from 'node:fs';
import { App, HTTPReceiver } from '@slack/bolt';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appEnvSchema, parseEnv } from '../../src/config/env.js';
import { createLogger } from '../../src/logger.js';
import { installProcessPolicy } from '../../src/process-policy.js';
import { startRuntime } from '../../src/runtime.js';
import type { Runtime } from '../../src/runtime.js';
import { personaCommandReply } from '../../src/slack/listeners/replies/persona-command.js';
import { BENCH_SIGNING_SECRET } from './load.js';

export type ServeRequest =
  | { type: 'stats' }
  | { type: 'profile-start' }
  | { type: 'profile-stop'; path: string }
  | { type: 'stages'; team: string; queries: string[]; rounds: number }
  | { type: 'index'; team: string }
  | { type: 'loop-start' }
  | { type: 'loop-stop' }
  | { type: 'stop' };

export interface ServeStats {
  rssBytes: number;
  memory: NodeJS.MemoryUsage;
  /** process.cpuUsage(): user and system µs since start. */
  cpu: NodeJS.CpuUsage;
}

/** How late this process's event loop ran its callbacks between loop-start and loop-stop, ms. */
export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
  samples: number;
}

export interface StageTimes {
  /** LookupService.lookup (the search index) per query, ms. */
  lookup: number[];
  /** personaCommandReply (lookup + card blocks) per query, ms. */
  reply: number[];
}

const mode = process.argv[2];
const apiUrl = process.env.BENCH_SLACK_API_URL;
if (!apiUrl || (mode !== 'floor' && mode !== 'product')) {
  console.error('usage: BENCH_SLACK_API_URL=… node --import tsx bench/support/serve.ts floor|product');
  process.exit(2);
}

let runtime: Runtime | null = null;
let stopFloor: (() => Promise<void>) | null = null;
let port: number;

if (mode === 'floor') {
  const receiver = new HTTPReceiver({ signingSecret: BENCH_SIGNING_SECRET, endpoints: '/slack/events', processBeforeResponse: false });
  const app = new App({
    receiver,
    token: 'xoxb-bench-token',
    botId: 'BBOT',
    botUserId: 'UBOT',
    clientOptions: { slackApiUrl: apiUrl, retryConfig: { retries: 0 } },
  });
  app.command('/persona', async ({ ack, respond }) => {
    await ack();
    await respond({ response_type: 'ephemeral', text: 'ok' });
  });
  const server = (await receiver.start({ port: 0, host: '127.0.0.1' })) as Server;
  port = (server.address() as AddressInfo).port;
  stopFloor = () => receiver.stop();
} else {
  const env = parseEnv(appEnvSchema, {
    SLACK_BOT_TOKEN: 'xoxb-bench-token',
    SLACK_SIGNING_SECRET: BENCH_SIGNING_SECRET,
    SLACK_API_URL: apiUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    REMINDERS: 'off',
    DATABASE_URL: process.env.DATABASE_URL,
    SLACK_TEAM_ID: process.env.SLACK_TEAM_ID,
    REVIEW_MODEL: process.env.REVIEW_MODEL,
    SLACK_CHANNEL_PACE_MS: process.env.SLACK_CHANNEL_PACE_MS,
  });
  // The product logs as in production (info, one line per request); into a file, not a pipe.
  const log = createLogger({ destination: createWriteStream(process.env.BENCH_LOG_FILE ?? '/dev/null', { flags: 'a' }) });
  // As main.ts: an unhandled rejection is logged and the product serves on (graphile-worker
  // leaves one when the database goes away as a job completes); an uncaught exception ends it.
  installProcessPolicy({ log, fatal: () => process.exit(1) });
  runtime = await startRuntime({ env, log, identity: { botUserId: 'UBOT', botId: 'BBOT' } });
  port = runtime.slack!.port;
}

let session: Session | null = null;
// Anything heavy left on the main thread (a model call, a synchronous parse, PGlite's work)
// shows here as a late callback: an ack waits at least that long.
let loop: IntervalHistogram | null = null;
const ms = (ns: number) => Math.round((ns / 1e6) * 10) / 10;

async function answer(req: ServeRequest): Promise<unknown> {
  switch (req.type) {
    case 'stats':
      return { rssBytes: process.memoryUsage.rss(), memory: process.memoryUsage(), cpu: process.cpuUsage() } satisfies ServeStats;
    case 'profile-start':
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 250 });
      await session.post('Profiler.start');
      return null;
    case 'profile-stop': {
      if (!session) throw new Error('no profile running');
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      session = null;
      writeFileSync(req.path, JSON.stringify(profile));
      return null;
    }
    case 'stages': {
      if (!runtime) throw new Error('stages: product only');
      const out: StageTimes = { lookup: [], reply: [] };
      const ctx = { teamId: req.team, userId: 'U0ASKER', channelId: 'C0BENCH', command: '/persona' };
      for (let r = 0; r < req.rounds; r++)
        for (const q of req.queries) {
          let t = performance.now();
          await runtime.deps.lookup.lookup(req.team, q);
          out.lookup.push(performance.now() - t);
          t = performance.now();
          await personaCommandReply(runtime.deps, ctx, q);
          out.reply.push(performance.now() - t);
        }
      return out;
    }
    case 'index': {
      if (!runtime) throw new Error('index: product only');
      const t = performance.now();
      const index = await runtime.indexes.get(req.team);
      return { personas: index.personas.length, jobs: index.jobs.length, ms: performance.now() - t };
    }
    case 'loop-start':
      loop?.disable();
      loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
      return null;
    case 'loop-stop': {
      if (!loop) throw new Error('no loop monitor running');
      loop.disable();
      const out: LoopDelay = { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max), samples: loop.count };
      loop = null;
      return out;
    }
    case 'stop':
      await runtime?.stop();
      await stopFloor?.();
      setImmediate(() => process.exit(0));
      return null;
  }
}

process.on('message', (msg: { id: number; req: ServeRequest }) => {
  answer(msg.req).then(
    (value) => process.send?.({ id: msg.id, ok: true, value }),
    (err: unknown) => process.send?.({ id: msg.id, ok: false, error: String((err as Error)?.stack ?? err) }),
  );
});
process.on('disconnect', () => process.exit(0));
process.send?.({ type: 'ready', port });
