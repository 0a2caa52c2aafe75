// Importing campaign results: time and peak resident memory of `results import` for 100,000
// rows (500 ads × 200 days, over four channels), then of the same file again (every row
// replaced), then of `insights` over them, on the embedded store (PGlite) and on PostgreSQL
// when BENCH_DATABASE_URL or TEST_DATABASE_URL is set. Each run is a
// process of its own, as `npm run cli -- …` would be, so its peak memory is its own.
// Writes bench/results/results-import.json.
//
//   npx tsx bench/results-import.ts            (BENCH_RESULT_ROWS=20000 for a quicker run)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import postgres from 'postgres';
import { runCli } from '../src/cli/run.js';
import { systemClock } from '../src/domain/clock.js';
import { generateResults, toGenericCsv } from '../testing/results-data.js';
import type { PlantedAd } from '../testing/results-data.js';
import { machine } from './support/machine.js';

const ADS = 500;

async function child(args: string[], url: string): Promise<void> {
  let out = '';
  let err = '';
  const stdout = new PassThrough().on('data', (c) => (out += c));
  const stderr = new PassThrough().on('data', (c) => (err += c));
  const started = performance.now();
  const code = await runCli(args, {
    stdout,
    stderr,
    stdin: Readable.from([]),
    env: { ...process.env, DATABASE_URL: url, REVIEW_MODEL: 'off' },
    clock: systemClock,
  });
  const ms = performance.now() - started;
  const cpu = process.cpuUsage();
  const peakKiB = Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? Number.NaN);
  if (code !== 0) {
    console.error(err);
    process.exit(code);
  }
  const result = JSON.parse(out) as Record<string, unknown>;
  const summary =
    args[0] === 'insights'
      ? { jobChannels: (result.jobChannels as unknown[]).length, signals: (result.signals as unknown[]).length }
      : { rows: result.rows, inserted: result.inserted, replaced: result.replaced, ads: result.ads };
  console.log(JSON.stringify({ ms: Math.round(ms), cpuMs: Math.round((cpu.user + cpu.system) / 1000), peakMiB: Math.round(peakKiB / 1024), ...summary }));
}

function run(args: string[], url: string): Record<string, unknown> {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/results-import.ts', 'child', url, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 22,
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, unknown>;
}

function plantedAds(): PlantedAd[] {
  const channels = ['meta', 'google_search', 'linkedin', 'instagram'];
  const themes = [
    'Get paid on time without chasing clients',
    'Keep every client project on schedule',
    'Cut the number of status meetings',
    'Get to work on time without the crowded train',
    'Protect your belongings against theft and damage',
  ];
  return Array.from({ length: ADS }, (_, i) => ({
    text: `${themes[i % themes.length]}: variant ${i + 1} of the Q4 campaign, with a line of its own.`,
    channel: channels[i % channels.length]!,
    ctr: 0.01 + (i % 7) * 0.002,
    cvr: 0.02 + (i % 5) * 0.005,
    impressionsPerDay: 2000,
    cpc: 0.9,
  }));
}

if (process.argv[2] === 'child') {
  const [url, ...args] = process.argv.slice(3);
  await child(args, url!);
} else {
  const rows = Number(process.env.BENCH_RESULT_ROWS ?? 100_000);
  const days = Math.ceil(rows / ADS);
  const dir = mkdtempSync(join(tmpdir(), 'pb-bench-results-'));
  const file = join(dir, 'results.csv');
  const runs: Array<Record<string, unknown>> = [];
  const benchStore = (store: string, url: string) => {
    // The store and the example personas first: the figures are the results import's own.
    execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'import', 'examples/personas.yaml'], {
      env: { ...process.env, DATABASE_URL: url },
      stdio: 'ignore',
    });
    const first = run(['results', 'import', '--json', file], url);
    console.log(store, 'first import', JSON.stringify(first));
    const again = run(['results', 'import', '--json', file], url);
    console.log(store, 're-import', JSON.stringify(again));
    const insights = run(['insights', '--json'], url);
    console.log(store, 'insights', JSON.stringify(insights));
    runs.push({ store, first, reimport: again, insights });
  };
  try {
    writeFileSync(file, toGenericCsv(generateResults({ ads: plantedAds(), start: '2026-01-05', days, seed: 7 }).slice(0, rows)));
    benchStore('pglite', `pglite:${join(dir, 'store')}`);
    const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
    if (pgUrl) {
      const name = `persona_bot_bench_results_${process.pid}`;
      const admin = postgres(pgUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      try {
        const u = new URL(pgUrl);
        u.pathname = `/${name}`;
        benchStore('postgres', u.toString());
      } finally {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    }
    const report = { at: new Date().toISOString(), machine: machine(), rows, ads: ADS, bytes: statSync(file).size, runs };
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/results-import.json', `${JSON.stringify(report, null, 2)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
