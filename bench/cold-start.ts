// Cold start: process start → GET /healthz answers 200, the way `npm start` runs the app
// (node --import tsx src/main.ts, Slack credentials set, sentence model on) and the way the
// Dockerfile runs it (node dist/main.js, built first with `npm run build`), on PGlite (a fresh
// directory, and a directory already holding 10,000 personas / 50,000 jobs) and on PostgreSQL
// (a fresh database, and one holding the same data) when BENCH_DATABASE_URL or
// TEST_DATABASE_URL is set. Also: when the sentence model finished loading, the resident memory
// once it has, and, on the stores with data, the first `/persona` card (which builds the
// 10,000-persona search index). Writes bench/results/cold-start.json and docs/benchmarks.md.
//
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/cold-start.ts   (BENCH_COLD_RUNS=3)
import { execFileSync, spawn } from 'node:child_process';
import { Agent } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import postgres from 'postgres';
import { procMemory } from './support/child.js';
import { postSigned, BENCH_SIGNING_SECRET, slashCommandPost, startBenchSlack } from './support/load.js';
import type { BenchSlack } from './support/load.js';
import { machine } from './support/machine.js';
import { BIG_TEAM, personaFileWithJobs, seedStore } from './support/personas.js';
import type { SeedStats } from './support/personas.js';
import { writeReport } from './support/report.js';

const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 3);
const BIG_PERSONAS = Number(process.env.BENCH_BIG_PERSONAS ?? 10_000);
const BIG_JOBS = Number(process.env.BENCH_BIG_JOBS ?? 50_000);
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const round = (x: number) => Math.round(x);
const log = (msg: string) => console.log(`[cold start] ${msg}`);

interface Start {
  /** Spawn → the log line saying the store is migrated and ready. */
  storeReadyMs: number;
  /** Spawn → GET /healthz answered 200. */
  healthzMs: number;
  /** Spawn → the sentence model loaded (it loads in the background, after /healthz may answer). */
  modelLoadedMs: number | null;
  /** Spawn → the first /persona card received by the fake Slack (stores with data only). */
  firstCardMs: number | null;
  rssAtHealthzMiB: number | null;
  /** Resident memory once the model has loaded and the process has settled. */
  rssModelLoadedMiB: number | null;
  rssAfterFirstCardMiB: number | null;
}

async function waitHealthy(port: number, deadline: number): Promise<void> {
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.status === 200) return;
    } catch {
      /* not yet */
    }
    if (performance.now() > deadline) throw new Error('no healthy /healthz in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** How the app is started: as `npm start` does (TypeScript through tsx), or as the Docker image does. */
type Entry = 'tsx' | 'dist';
const ENTRY_ARGS: Record<Entry, string[]> = { tsx: ['--import', 'tsx', 'src/main.ts'], dist: ['dist/main.js'] };

async function coldStart(slack: BenchSlack, databaseUrl: string, opts: { firstCard: boolean; entry?: Entry }): Promise<Start> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ENTRY_ARGS[opts.entry ?? 'tsx'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      SLACK_BOT_TOKEN: 'xoxb-bench-token',
      SLACK_SIGNING_SECRET: BENCH_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      SLACK_TEAM_ID: '',
      PORT: '0',
      HOST: '127.0.0.1',
      REMINDERS: 'off',
      REVIEW_MODEL: 'on',
      LOG_LEVEL: 'info',
    },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const seen = new Map<string, number>();
  let port: number | null = null;
  const waiters: Array<() => void> = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const at = performance.now();
    try {
      const entry = JSON.parse(line) as { msg?: string; port?: number; level?: number };
      if (entry.msg && !seen.has(entry.msg)) seen.set(entry.msg, at);
      if (entry.port !== undefined && entry.msg?.startsWith('Slack app listening')) port = entry.port;
      if ((entry.level ?? 0) >= 50) console.error(`[cold start] child: ${line}`);
    } catch {
      /* not JSON */
    }
    for (const w of waiters.splice(0)) w();
  });
  const until = (pred: () => boolean, timeoutMs: number) =>
    new Promise<boolean>((resolve) => {
      const deadline = setTimeout(() => resolve(false), timeoutMs);
      const check = () => {
        if (pred()) {
          clearTimeout(deadline);
          resolve(true);
        } else waiters.push(check);
      };
      check();
    });
  try {
    if (!(await until(() => port !== null, 120_000))) throw new Error('the app did not say it was listening');
    await waitHealthy(port!, performance.now() + 60_000);
    const healthzMs = performance.now() - t0;
    const rssAtHealthz = procMemory(child.pid!)?.rssMiB ?? null;
    await until(() => seen.has('sentence model loaded') || seen.has('reviewing by word overlap only'), 120_000);
    const modelLoadedAt = seen.get('sentence model loaded');
    // Let the background work after the model (reference vectors, preparing the seeded examples) finish.
    await new Promise((r) => setTimeout(r, 3000));
    const rssModelLoaded = procMemory(child.pid!)?.rssMiB ?? null;
    let firstCardMs: number | null = null;
    let rssAfterFirstCard: number | null = null;
    if (opts.firstCard) {
      const agent = new Agent({ keepAlive: false });
      const id = `cold-${child.pid}`;
      const arrival = slack.arrival(id, 120_000);
      const sent = performance.now();
      const status = await postSigned(
        agent,
        slashCommandPost(`http://127.0.0.1:${port}/slack/events`, { text: 'Overbooked Nurse', team: BIG_TEAM, responseUrl: slack.responseUrl(id) }),
      );
      if (status !== 200) throw new Error(`first /persona: HTTP ${status}`);
      const a = await arrival;
      // Time to the first card counted as if the request had been sent at /healthz 200.
      firstCardMs = healthzMs + (a.at - sent);
      rssAfterFirstCard = procMemory(child.pid!)?.rssMiB ?? null;
      agent.destroy();
    }
    return {
      storeReadyMs: round((seen.get('store ready') ?? NaN) - t0),
      healthzMs: round(healthzMs),
      modelLoadedMs: modelLoadedAt === undefined ? null : round(modelLoadedAt - t0),
      firstCardMs: firstCardMs === null ? null : round(firstCardMs),
      rssAtHealthzMiB: rssAtHealthz,
      rssModelLoadedMiB: rssModelLoaded,
      rssAfterFirstCardMiB: rssAfterFirstCard,
    };
  } finally {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 12_000);
    await exited;
    clearTimeout(timer);
  }
}

function median(xs: Array<number | null>): number | null {
  const v = xs.filter((x): x is number => x !== null && !Number.isNaN(x)).sort((a, b) => a - b);
  return v.length ? v[Math.floor((v.length - 1) / 2)]! : null;
}

function summariseRuns(runs: Start[]) {
  const keys = Object.keys(runs[0]!) as Array<keyof Start>;
  return { median: Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k]))])) as Record<keyof Start, number | null>, runs };
}

const results: Record<string, unknown> = {
  bench: 'cold-start',
  at: new Date().toISOString(),
  machine: machine(),
  command: 'BENCH_DATABASE_URL=postgres://… npx tsx bench/cold-start.ts',
  runs: RUNS,
  data: { personas: BIG_PERSONAS, jobs: BIG_JOBS },
};
const seeding: Record<string, SeedStats[]> = {};
const dir = mkdtempSync(join(tmpdir(), 'pb-bench-cold-'));
const slack = await startBenchSlack();
const file = personaFileWithJobs(BIG_PERSONAS, 5, BIG_JOBS);
try {
  log('building dist/ (npm run build) for the production-build starts');
  execFileSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' });
  // One start first, not counted: tsx fills its transpile cache, the OS its file cache.
  await coldStart(slack, 'pglite:memory', { firstCard: false });
  await coldStart(slack, 'pglite:memory', { firstCard: false, entry: 'dist' });

  const fresh: Start[] = [];
  for (let i = 0; i < RUNS; i++) fresh.push(await coldStart(slack, `pglite:${join(dir, `fresh-${i}`)}`, { firstCard: false }));
  results.pgliteFresh = summariseRuns(fresh);
  log(`PGlite, fresh directory: /healthz after ${median(fresh.map((r) => r.healthzMs))} ms (median of ${RUNS})`);
  // The directories the fresh starts left behind hold the examples: what a small install runs on.
  const small: Start[] = [];
  for (let i = 0; i < RUNS; i++) small.push(await coldStart(slack, `pglite:${join(dir, `fresh-${i}`)}`, { firstCard: false, entry: 'dist' }));
  results.pgliteExamplesDist = summariseRuns(small);
  log(`PGlite, the examples, production build: RSS with the model ${median(small.map((r) => r.rssModelLoadedMiB))} MiB`);

  const existing = `pglite:${join(dir, 'existing')}`;
  seeding.pglite = await seedStore(existing, [{ team: BIG_TEAM, file }]);
  const withData: Start[] = [];
  for (let i = 0; i < RUNS; i++) withData.push(await coldStart(slack, existing, { firstCard: true }));
  results.pgliteWithData = summariseRuns(withData);
  log(
    `PGlite, ${BIG_PERSONAS} personas: /healthz after ${median(withData.map((r) => r.healthzMs))} ms, first card after ${median(withData.map((r) => r.firstCardMs))} ms`,
  );
  const withDataDist: Start[] = [];
  for (let i = 0; i < RUNS; i++) withDataDist.push(await coldStart(slack, existing, { firstCard: true, entry: 'dist' }));
  results.pgliteWithDataDist = summariseRuns(withDataDist);

  if (PG_URL) {
    const admin = postgres(PG_URL, { max: 1, onnotice: () => {} });
    const dbUrl = (name: string) => {
      const u = new URL(PG_URL);
      u.pathname = `/${name}`;
      return u.toString();
    };
    const created: string[] = [];
    try {
      const pgFresh: Start[] = [];
      for (let i = 0; i < RUNS; i++) {
        const name = `persona_bot_bench_cold_${process.pid}_${i}`;
        await admin.unsafe(`create database ${name}`);
        created.push(name);
        pgFresh.push(await coldStart(slack, dbUrl(name), { firstCard: false }));
      }
      results.postgresFresh = summariseRuns(pgFresh);
      log(`PostgreSQL, fresh database: /healthz after ${median(pgFresh.map((r) => r.healthzMs))} ms`);
      const name = `persona_bot_bench_cold_${process.pid}_data`;
      await admin.unsafe(`create database ${name}`);
      created.push(name);
      seeding.postgres = await seedStore(dbUrl(name), [{ team: BIG_TEAM, file }]);
      const pgData: Start[] = [];
      for (let i = 0; i < RUNS; i++) pgData.push(await coldStart(slack, dbUrl(name), { firstCard: true }));
      results.postgresWithData = summariseRuns(pgData);
      const pgDataDist: Start[] = [];
      for (let i = 0; i < RUNS; i++) pgDataDist.push(await coldStart(slack, dbUrl(name), { firstCard: true, entry: 'dist' }));
      results.postgresWithDataDist = summariseRuns(pgDataDist);
      log(
        `PostgreSQL, ${BIG_PERSONAS} personas: /healthz after ${median(pgData.map((r) => r.healthzMs))} ms, first card after ${median(pgData.map((r) => r.firstCardMs))} ms`,
      );
    } finally {
      for (const name of created) await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  } else {
    results.postgres = 'skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a server the bench may create databases on';
    log('PostgreSQL skipped: set BENCH_DATABASE_URL');
  }
  results.seeding = seeding;
} finally {
  await slack.close();
  rmSync(dir, { recursive: true, force: true });
}
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/cold-start.json', `${JSON.stringify(results, null, 2)}\n`);
log('wrote bench/results/cold-start.json');
writeReport();
