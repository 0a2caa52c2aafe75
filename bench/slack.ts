// Slack round trips under load, against the floor, in one run:
//
// - the floor: a bare Bolt app (HTTPReceiver, processBeforeResponse: false) whose /persona only
//   acks and posts a tiny message to the response_url;
// - `/persona <query>` time-to-card on the product at 10,000 personas and 50,000 jobs: request
//   sent → card received by the fake Slack, p50/p95/p99, and the ratio to the floor;
// - the "Review copy" shortcut → review posted in the thread, at 1,000 personas, p50/p95;
// - the product's resident memory (sentence model loaded) after those runs.
//
// Both apps run in their own child process (bench/support/serve.ts, started the same way) on
// loopback; this process is the load generator (signed requests, keep-alive, 50 in flight) and
// the fake Slack. When a target is missed, the product is CPU-profiled under the same load and
// the profile's summary goes into the results. Writes bench/results/slack.json and
// docs/benchmarks.md.
//
//   npx tsx bench/slack.ts     (BENCH_REQUESTS=2000 BENCH_CONCURRENCY=50 BENCH_REVIEWS=100 BENCH_PROFILE=auto|1|0)
import { Agent } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { personaFileSchema } from '../src/personas/file-format.js';
import { procMemory, startServe } from './support/child.js';
import type { ServeChild } from './support/child.js';
import { reviewShortcutPost, runLoad, slashCommandPost, startBenchSlack } from './support/load.js';
import type { BenchSlack, LoadResult } from './support/load.js';
import { machine } from './support/machine.js';
import { BIG_TEAM, personaFileWithJobs, queryMix, REVIEW_TEAM, seedStore } from './support/personas.js';
import { summariseProfile } from './support/profile.js';
import type { ProfileSummary } from './support/profile.js';
import { writeReport } from './support/report.js';
import type { ServeStats, StageTimes } from './support/serve.js';
import { summarise, syntheticPersonaFile } from '../testing/synthetic.js';

const BIG_PERSONAS = Number(process.env.BENCH_BIG_PERSONAS ?? 10_000);
const BIG_JOBS = Number(process.env.BENCH_BIG_JOBS ?? 50_000);
const REVIEW_PERSONAS = Number(process.env.BENCH_REVIEW_PERSONAS ?? 1000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const REVIEWS = Number(process.env.BENCH_REVIEWS ?? 100);
const WARMUP = Math.min(500, REQUESTS);
const MAX_MS = 180_000;
const PROFILE = process.env.BENCH_PROFILE ?? 'auto';
const TARGETS = { personaP99Ratio: 1.5, reviewP95Ms: 300, rssMiB: 400 };

const DRAFTS = [
  'Save time on admin: invoices, receipts and reminders in one place.',
  'Track the weekly budget without a spreadsheet',
  'Subject: Your savings, protected\n\nSee every surprise cost before it lands and plan the month with confidence. Open your report.',
  'Plan A Reliable Supplier\nFind vetted suppliers near you, compare quotes and order in minutes. Try it free.',
  'Three deadlines on the same Friday? Breathe.',
  'Family photos, finally organised. Share the good ones with everyone in one tap. 📸',
  'Your commute just got shorter: live routes, no guesswork. Reply STOP to opt out.',
  'Status meetings eat the week. Teams using our planner cut them by a third in the first month, because everyone can see progress without asking for it. Prove campaign revenue, protect focus time and leave on time: a calmer week starts with one shared board. Book a 20-minute demo and bring your hardest planning problem; we will solve it live.',
  'We are pleased to announce our new head office. Come and say hello.',
  'Learn a new skill in 10 minutes a day, with lessons that fit between meetings, on the bus, or before bed.',
];

const round1 = (x: number) => Math.round(x * 10) / 10;
const log = (msg: string) => console.log(`[slack bench] ${msg}`);

const bigFile = personaFileWithJobs(BIG_PERSONAS, 5, BIG_JOBS);
const reviewFile = personaFileSchema.parse(syntheticPersonaFile(REVIEW_PERSONAS, 5, 1234));
const queries = queryMix(bigFile);

const dir = mkdtempSync(join(tmpdir(), 'pb-bench-slack-'));
const storeUrl = `pglite:${join(dir, 'store')}`;
const logDir = join('bench', 'results', 'logs');
mkdirSync(logDir, { recursive: true });
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
let slack: BenchSlack | null = null;
let floor: ServeChild | null = null;
let product: ServeChild | null = null;

let responseCounter = 0;
function personaLoad(child: ServeChild, team: string, requests: number): Promise<LoadResult> {
  return runLoad(slack!, agent, {
    concurrency: CONCURRENCY,
    requests,
    maxMs: MAX_MS,
    make: (i) => {
      const id = `${child.mode}-${++responseCounter}`;
      return { id, post: slashCommandPost(child.eventsUrl, { text: queries[i % queries.length]!.text, team, responseUrl: slack!.responseUrl(id) }) };
    },
  });
}

let tsCounter = 0;
function reviewLoad(child: ServeChild, requests: number, concurrency = 1, timeoutMs = MAX_MS): Promise<LoadResult> {
  return runLoad(slack!, agent, {
    concurrency,
    requests,
    maxMs: timeoutMs,
    answerTimeoutMs: timeoutMs,
    make: (i) => {
      const ts = `1700000000.${String(++tsCounter).padStart(6, '0')}`;
      // One Slack channel per review: the product spaces its posts in a channel about a
      // second apart (Slack's rate limit), which is not what this measures.
      const post = reviewShortcutPost(child.eventsUrl, {
        team: REVIEW_TEAM,
        channel: `C0REV${tsCounter}`,
        ts,
        text: DRAFTS[i % DRAFTS.length]!,
        responseUrl: slack!.responseUrl(`review-${tsCounter}`),
      });
      return { id: `thread:${ts}`, post };
    },
  });
}

function kindOf(body: Record<string, unknown>): string {
  const text = String(body.text ?? '');
  if (text.startsWith('Something went wrong')) return 'error';
  if (text.startsWith('No persona or job matches')) return 'no match';
  if (/^\w+ job: /.test(text)) return 'job card';
  if (!Array.isArray(body.blocks)) return 'other';
  return 'persona card';
}

const cpuMs = (a: ServeStats, b: ServeStats) => (b.cpu.user + b.cpu.system - a.cpu.user - a.cpu.system) / 1000;

interface Measured {
  latencyMs: ReturnType<typeof summarise>;
  ackMs: ReturnType<typeof summarise>;
  completed: number;
  errors: number;
  firstErrors: string[];
  wallMs: number;
  throughputPerSec: number;
  /** CPU time of the app's process per request (user + system). */
  cpuMsPerRequest: number;
  answers: Record<string, number>;
}

async function measure(child: ServeChild, run: () => Promise<LoadResult>): Promise<Measured> {
  const before = await child.request<ServeStats>({ type: 'stats' });
  const r = await run();
  const after = await child.request<ServeStats>({ type: 'stats' });
  const answers: Record<string, number> = {};
  for (const a of r.arrivals) answers[kindOf(a.body)] = (answers[kindOf(a.body)] ?? 0) + 1;
  if (r.timedOut) log(`warning: stopped after ${MAX_MS} ms with ${r.latencies.length} answers`);
  return {
    latencyMs: summarise(r.latencies),
    ackMs: summarise(r.acks),
    completed: r.latencies.length,
    errors: r.errors.length,
    firstErrors: [...new Set(r.errors)].slice(0, 3),
    wallMs: Math.round(r.wallMs),
    throughputPerSec: round1((r.latencies.length / r.wallMs) * 1000),
    cpuMsPerRequest: Math.round((cpuMs(before, after) / Math.max(1, r.latencies.length + r.errors.length)) * 100) / 100,
    answers,
  };
}

async function profiled(child: ServeChild, name: string, run: () => Promise<unknown>): Promise<ProfileSummary & { file: string }> {
  const file = join('bench', 'results', `${name}.cpuprofile`);
  await child.request({ type: 'profile-start' });
  await run();
  await child.request({ type: 'profile-stop', path: file });
  return { file, ...summariseProfile(file) };
}

try {
  const started = performance.now();
  log(`seeding ${BIG_PERSONAS} personas (${BIG_JOBS} jobs) and ${REVIEW_PERSONAS} personas into ${storeUrl}`);
  const seeded = await seedStore(storeUrl, [
    { team: BIG_TEAM, file: bigFile },
    { team: REVIEW_TEAM, file: reviewFile },
  ]);
  log(`seeded in ${seeded.map((s) => `${s.ms} ms`).join(' + ')}`);

  slack = await startBenchSlack();
  floor = await startServe('floor', { BENCH_SLACK_API_URL: slack.apiUrl });
  product = await startServe('product', {
    BENCH_SLACK_API_URL: slack.apiUrl,
    DATABASE_URL: storeUrl,
    // The review workspace is the app's own: its personas are prepared for review at start.
    SLACK_TEAM_ID: REVIEW_TEAM,
    REVIEW_MODEL: 'on',
    BENCH_LOG_FILE: join(logDir, 'product.log'),
  });
  log(`floor pid ${floor.pid} up in ${Math.round(floor.startMs)} ms; product pid ${product.pid} up in ${Math.round(product.startMs)} ms`);

  // Warm-up. The first review waits for the model and for the review workspace's persona vectors
  // (computed at start, in the background); the first /persona builds the 10,000-persona index.
  let t = performance.now();
  const firstReview = await reviewLoad(product, 1, 1, 300_000);
  if (firstReview.latencies.length !== 1) throw new Error(`first review failed: ${firstReview.errors.join('; ')}`);
  const reviewReadyMs = Math.round(performance.now() - t);
  log(`first review (model + ${REVIEW_PERSONAS} personas prepared) after ${reviewReadyMs} ms`);
  const index = await product.request<{ personas: number; jobs: number; ms: number }>({ type: 'index', team: BIG_TEAM });
  log(`index of ${index.personas} personas / ${index.jobs} jobs built in ${Math.round(index.ms)} ms`);
  t = performance.now();
  await personaLoad(floor, 'TBENCH', REQUESTS); // the floor is cheap: warm it up as long as it is measured
  await personaLoad(product, BIG_TEAM, WARMUP);
  await reviewLoad(product, DRAFTS.length);
  log(`warmed up in ${Math.round(performance.now() - t)} ms`);

  log(`floor: ${REQUESTS} requests, ${CONCURRENCY} in flight`);
  const floorBefore = await measure(floor, () => personaLoad(floor!, 'TBENCH', REQUESTS));
  log(`  p50 ${floorBefore.latencyMs.p50} p95 ${floorBefore.latencyMs.p95} p99 ${floorBefore.latencyMs.p99} ms, ${floorBefore.cpuMsPerRequest} ms CPU/request`);
  log(`/persona at ${index.personas} personas: ${REQUESTS} requests, ${CONCURRENCY} in flight`);
  const persona = await measure(product, () => personaLoad(product!, BIG_TEAM, REQUESTS));
  log(
    `  p50 ${persona.latencyMs.p50} p95 ${persona.latencyMs.p95} p99 ${persona.latencyMs.p99} ms, ${persona.cpuMsPerRequest} ms CPU/request; ${JSON.stringify(persona.answers)}`,
  );
  const floorAfter = await measure(floor, () => personaLoad(floor!, 'TBENCH', REQUESTS));
  const floorLast = await measure(floor, () => personaLoad(floor!, 'TBENCH', REQUESTS));
  log(`floor again, twice: p99 ${floorAfter.latencyMs.p99} and ${floorLast.latencyMs.p99} ms`);
  // The floor's tail moves with anything else the machine does: the ratio uses the median of three runs.
  const floors = [floorBefore, floorAfter, floorLast];
  const floorP = (k: 'p50' | 'p95' | 'p99') => floors.map((f) => f.latencyMs[k]).sort((a, b) => a - b)[1]!;
  const floorCpu = floors.map((f) => f.cpuMsPerRequest).sort((a, b) => a - b)[1]!;
  const ratio = {
    p50: round1(persona.latencyMs.p50 / floorP('p50')),
    p95: round1(persona.latencyMs.p95 / floorP('p95')),
    p99: round1(persona.latencyMs.p99 / floorP('p99')),
    cpuPerRequest: round1(persona.cpuMsPerRequest / floorCpu),
  };

  log(`review shortcut at ${REVIEW_PERSONAS} personas: ${REVIEWS} reviews, one at a time`);
  const review = await measure(product, () => reviewLoad(product!, REVIEWS));
  log(`  p50 ${review.latencyMs.p50} p95 ${review.latencyMs.p95} p99 ${review.latencyMs.p99} ms`);

  const stats = await product.request<ServeStats>({ type: 'stats' });
  const mem = procMemory(product.pid);
  const floorMem = procMemory(floor.pid);
  const mib = (b: number) => Math.round(b / 2 ** 20);
  const memory = {
    rssMiB: mem?.rssMiB ?? mib(stats.rssBytes),
    peakRssMiB: mem?.peakMiB ?? null,
    heapUsedMiB: mib(stats.memory.heapUsed),
    heapTotalMiB: mib(stats.memory.heapTotal),
    externalMiB: mib(stats.memory.external),
    arrayBuffersMiB: mib(stats.memory.arrayBuffers),
    floorRssMiB: floorMem?.rssMiB ?? null,
  };
  log(
    `product RSS ${memory.rssMiB} MiB (peak ${memory.peakRssMiB}), heap ${memory.heapUsedMiB}/${memory.heapTotalMiB}, external ${memory.externalMiB}, array buffers ${memory.arrayBuffersMiB}`,
  );

  // Service time without load: the search alone, and the whole reply (search + card blocks).
  const stages = await product.request<StageTimes>({ type: 'stages', team: BIG_TEAM, queries: queries.map((q) => q.text), rounds: 3 });
  const perKind: Record<string, { lookupP50: number; replyP50: number }> = {};
  for (const kind of ['typo-name', 'summary-words', 'job-phrase'] as const) {
    const idx = queries.flatMap((q, i) => (q.kind === kind ? [i] : []));
    const pickAll = (xs: number[]) => xs.filter((_, j) => idx.includes(j % queries.length));
    perKind[kind] = { lookupP50: summarise(pickAll(stages.lookup)).p50, replyP50: summarise(pickAll(stages.reply)).p50 };
  }
  const serviceMs = { lookup: summarise(stages.lookup), reply: summarise(stages.reply), perKind };
  log(`service time without load: lookup p50 ${serviceMs.lookup.p50} ms, whole reply p50 ${serviceMs.reply.p50} ms`);

  const profiles: Record<string, ProfileSummary & { file: string }> = {};
  const missed = { persona: ratio.p99 > TARGETS.personaP99Ratio, review: review.latencyMs.p95 >= TARGETS.reviewP95Ms };
  if (PROFILE === '1' || (PROFILE === 'auto' && missed.persona)) {
    log('profiling /persona under the same load');
    profiles.persona = await profiled(product, 'profile-persona', () => personaLoad(product!, BIG_TEAM, Math.min(REQUESTS, 1000)));
    profiles.floor = await profiled(floor, 'profile-floor', () => personaLoad(floor!, 'TBENCH', Math.min(REQUESTS, 1000)));
  }
  if (PROFILE === '1' || (PROFILE === 'auto' && missed.review)) {
    log('profiling reviews');
    profiles.review = await profiled(product, 'profile-review', () => reviewLoad(product!, Math.min(REVIEWS, 50)));
  }

  const result = {
    bench: 'slack',
    at: new Date().toISOString(),
    machine: machine(),
    command: 'npx tsx bench/slack.ts',
    setup: {
      store: 'PGlite (directory), seeded before start',
      concurrency: CONCURRENCY,
      requests: REQUESTS,
      warmupRequests: { floor: REQUESTS, product: WARMUP },
      reviews: REVIEWS,
      reviewConcurrency: 1,
      queries,
      drafts: DRAFTS.length,
      seeded,
      index,
      reviewReadyMs,
    },
    floor: {
      before: floorBefore,
      after: floorAfter,
      last: floorLast,
      median: { p50: floorP('p50'), p95: floorP('p95'), p99: floorP('p99'), cpuMsPerRequest: floorCpu },
    },
    persona,
    ratio,
    review,
    memory,
    serviceMs,
    targets: {
      personaP99Ratio: { target: TARGETS.personaP99Ratio, actual: ratio.p99, met: !missed.persona },
      reviewP95Ms: { target: TARGETS.reviewP95Ms, actual: review.latencyMs.p95, met: !missed.review },
      rssMiB: { target: TARGETS.rssMiB, actual: memory.rssMiB, met: memory.rssMiB < TARGETS.rssMiB },
    },
    profiles,
    totalMs: Math.round(performance.now() - started),
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/slack.json', `${JSON.stringify(result, null, 2)}\n`);
  log(`wrote bench/results/slack.json (${Math.round(result.totalMs / 1000)} s)`);
} finally {
  await product?.stop().catch(() => {});
  await floor?.stop().catch(() => {});
  agent.destroy();
  await slack?.close();
  rmSync(dir, { recursive: true, force: true });
}
writeReport();
