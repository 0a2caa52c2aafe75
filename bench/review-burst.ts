// A burst of "Review copy" shortcuts, all at once, on each store (issue 19): how fast Slack gets
// its acknowledgements (each must be under Slack's 3 s), how long until every review is in its
// thread, and the product's memory. The product runs in a child process (bench/support/serve.ts)
// with the sentence model loaded; this process sends the signed requests and is the fake Slack.
// Reviews go through the durable job queue, one queue per Slack channel at Slack's pace (1 post
// a second per channel), so the time to the last post is bounded by the busiest channel.
// Writes bench/results/review-burst.json.
//
//   npx tsx bench/review-burst.ts
//   (BENCH_BURST=200 BENCH_CHANNELS=20 BENCH_PERSONAS=8; BENCH_POSTGRES_URL=postgres://… adds the PostgreSQL store;
//    BENCH_STORES=pglite|postgres runs one; BENCH_RESULT=review-burst-before names the file, for a run of an older tree)
import { Agent } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { personaFileSchema } from '../src/personas/file-format.js';
import { summarise, syntheticPersonaFile } from '../testing/synthetic.js';
import { procMemory, startServe } from './support/child.js';
import type { ServeChild } from './support/child.js';
import type { LoopDelay } from './support/serve.js';
import { postSigned, reviewShortcutPost, startBenchSlack } from './support/load.js';
import type { BenchSlack } from './support/load.js';
import { machine } from './support/machine.js';
import { REVIEW_TEAM, seedStore } from './support/personas.js';

const BURST = Number(process.env.BENCH_BURST ?? 200);
const CHANNELS = Number(process.env.BENCH_CHANNELS ?? 20);
const PERSONAS = Number(process.env.BENCH_PERSONAS ?? 8);
const POSTGRES = process.env.BENCH_POSTGRES_URL;
/** Which stores to run (postgres needs BENCH_POSTGRES_URL). */
const STORES = (process.env.BENCH_STORES ?? 'pglite,postgres').split(',');
/** The results file's name: a run of an older tree for comparison writes review-burst-before. */
const RESULT = process.env.BENCH_RESULT ?? 'review-burst';
const DRAFT = 'Back-to-back meetings all day? Take back two afternoons a week for deep work, without a new tool to learn.';

const log = (msg: string) => console.log(`[review burst] ${msg}`);
const round = (x: number) => Math.round(x);

interface StoreResult {
  store: string;
  burst: number;
  channels: number;
  ackMs: ReturnType<typeof summarise>;
  acksOver3s: number;
  non200: number;
  /** From the first request sent to each review's thread post. */
  postMs: ReturnType<typeof summarise>;
  lastPostMs: number | null;
  posts: number;
  /** Shortcuts answered "try again" (the job could not be recorded in time): no review follows. */
  notRecorded: number;
  rssMiB: { before: number; after: number; peak: number } | null;
  /** The product's event-loop delay from the first request to the last thread post. */
  eventLoopDelayMs: LoopDelay;
  /** Where the sentence model ran. */
  model: string;
  /** The machine's 1/5/15-minute load averages as the burst started and ended (other work shares it). */
  loadavg: { start: number[]; end: number[] };
}

// BENCH_MODEL_IN_THREAD=1 measures a tree before the model moved to worker threads (only a label).
const MODEL_WHERE = process.env.BENCH_MODEL_IN_THREAD ? 'main thread' : 'worker thread';

async function burst(store: string, url: string, slack: BenchSlack, logDir: string): Promise<StoreResult> {
  const file = personaFileSchema.parse(syntheticPersonaFile(PERSONAS, 5, 7));
  await seedStore(url, [{ team: REVIEW_TEAM, file }]);
  let product: ServeChild | null = null;
  try {
    product = await startServe('product', {
      BENCH_SLACK_API_URL: slack.apiUrl,
      DATABASE_URL: url,
      SLACK_TEAM_ID: REVIEW_TEAM,
      REVIEW_MODEL: 'on',
      BENCH_LOG_FILE: join(logDir, `product-${store}.log`),
    });
    const agent = new Agent({ keepAlive: true, maxSockets: BURST });
    // One review first: it waits for the model and the persona vectors, which a burst later does not.
    const warmTs = store === 'pglite' ? '1700000000.000000' : '1700000000.000001';
    const warm = slack.arrival(`thread:${warmTs}`, 180_000);
    await postSigned(
      agent,
      reviewShortcutPost(product.eventsUrl, {
        team: REVIEW_TEAM,
        channel: 'C0WARM',
        ts: warmTs,
        text: DRAFT,
        responseUrl: slack.responseUrl('warm'),
      }),
    );
    await warm;
    const before = procMemory(product.pid);
    log(`${store}: product up in ${round(product.startMs)} ms, warm; sending ${BURST} shortcuts over ${CHANNELS} channels at once`);

    const loadStart = loadavg();
    await product.request({ type: 'loop-start' });
    const started = performance.now();
    let peak = before?.peakMiB ?? 0;
    const sampler = setInterval(() => {
      const m = procMemory(product!.pid);
      if (m) peak = Math.max(peak, m.rssMiB);
    }, 200);
    const acks: number[] = [];
    let non200 = 0;
    let notRecorded = 0;
    const outcomes = await Promise.all(
      Array.from({ length: BURST }, async (_, i) => {
        const ts = `${store === 'pglite' ? 1700001000 : 1700002000}.${String(i).padStart(6, '0')}`;
        const arrived = slack.arrival(`thread:${ts}`, 600_000);
        const sent = performance.now();
        const status = await postSigned(
          agent,
          reviewShortcutPost(product!.eventsUrl, {
            team: REVIEW_TEAM,
            channel: `C0BURST${i % CHANNELS}`,
            ts,
            text: `${DRAFT} (${i})`,
            responseUrl: slack.responseUrl(`b${i}`),
          }),
        );
        acks.push(performance.now() - sent);
        if (status !== 200) non200++;
        // A shortcut the product could not record says "try again" on its response_url, and no review follows.
        const refused = slack.arrival(`b${i}`, 30_000).then(
          (r) => (JSON.stringify(r.body).includes('try again') ? null : new Promise<never>(() => {})),
          () => new Promise<never>(() => {}),
        );
        const a = await Promise.race([arrived, refused]);
        if (!a) {
          notRecorded++;
          arrived.catch(() => {});
          return null;
        }
        return a.at - started;
      }),
    );
    clearInterval(sampler);
    const posts = outcomes.filter((ms): ms is number => ms !== null);
    const eventLoopDelayMs = await product.request<LoopDelay>({ type: 'loop-stop' });
    const after = procMemory(product.pid);
    agent.destroy();
    return {
      store,
      burst: BURST,
      channels: CHANNELS,
      ackMs: summarise(acks),
      acksOver3s: acks.filter((ms) => ms >= 3000).length,
      non200,
      postMs: summarise(posts),
      lastPostMs: posts.length ? round(Math.max(...posts)) : null,
      notRecorded,
      posts: posts.length,
      rssMiB: before && after ? { before: before.rssMiB, after: after.rssMiB, peak: Math.max(peak, after.rssMiB) } : null,
      eventLoopDelayMs,
      model: MODEL_WHERE,
      loadavg: { start: loadStart.map((x) => Math.round(x * 100) / 100), end: loadavg().map((x) => Math.round(x * 100) / 100) },
    };
  } finally {
    await product?.stop();
  }
}

const work = mkdtempSync(join(tmpdir(), 'persona-burst-'));
const logDir = join(work, 'logs');
mkdirSync(logDir, { recursive: true });
const slack = await startBenchSlack();
const results: StoreResult[] = [];
function report(r: StoreResult): void {
  results.push(r);
  log(
    `${r.store}: acks p50 ${r.ackMs.p50} p99 ${r.ackMs.p99} max ${r.ackMs.max} ms (${r.acksOver3s} over 3 s, ${r.non200} not 200); ` +
      `thread posts p50 ${round(r.postMs.p50)} max ${r.lastPostMs} ms (${r.posts}/${r.burst}, ${r.notRecorded} told to try again); RSS ${r.rssMiB ? `${r.rssMiB.before} → ${r.rssMiB.after} MiB, peak ${r.rssMiB.peak}` : 'n/a'}; ` +
      `event-loop delay p99 ${r.eventLoopDelayMs.p99} max ${r.eventLoopDelayMs.max} ms (model on the ${r.model}); load ${r.loadavg.start[0]} → ${r.loadavg.end[0]}`,
  );
}
try {
  if (STORES.includes('pglite')) report(await burst('pglite', `pglite:${join(work, 'store')}`, slack, logDir));
  if (POSTGRES && STORES.includes('postgres')) {
    const name = `persona_burst_${process.pid}`;
    const admin = postgres(POSTGRES, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const u = new URL(POSTGRES);
    u.pathname = `/${name}`;
    try {
      report(await burst('postgres', u.toString(), slack, logDir));
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }
} finally {
  await slack.close();
  rmSync(work, { recursive: true, force: true });
}
mkdirSync(join('bench', 'results'), { recursive: true });
writeFileSync(join('bench', 'results', `${RESULT}.json`), `${JSON.stringify({ machine: machine(), at: new Date().toISOString(), results }, null, 2)}\n`);
log(`wrote bench/results/${RESULT}.json`);
