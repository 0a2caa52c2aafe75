// Importing persona files: time and peak resident memory of the importing process, for 1,000
// and 10,000 personas and for the largest file the import limits accept, on the embedded
// store (PGlite) and on PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL is set.
// Each import runs as `npm run cli -- import` would, in a child process of its own
// (bench/support/import-child.ts); the second import of the same file is the unchanged re-import.
// Writes bench/results/import.json.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { IMPORT_LIMITS } from '../src/personas/import-limits.js';
import { serializePersonaFile } from '../src/personas/import-export.js';
import { machine } from './support/machine.js';
import { writeReport } from './support/report.js';
import { syntheticPersonaFile } from '../testing/synthetic.js';

// 10,000 is also the most a file may hold (IMPORT_LIMITS), so the last row is the largest accepted file.
const COUNTS = (process.env.BENCH_IMPORT_COUNTS ?? `1000,${IMPORT_LIMITS.personas}`).split(',').map(Number);
const JOBS_EACH = 5;

interface Run {
  ms: number;
  peakMiB: number;
  created: number;
  updated: number;
  unchanged: number;
}

function importOnce(url: string, team: string, file: string): Run {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/support/import-child.ts', url, team, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Run;
}

const dir = mkdtempSync(join(tmpdir(), 'pb-bench-import-'));
const results: Record<string, unknown> = { at: new Date().toISOString(), machine: machine(), jobsEach: JOBS_EACH, limits: IMPORT_LIMITS, runs: [] };
const runs = results.runs as Array<Record<string, unknown>>;

async function benchDriver(driver: 'pglite' | 'postgres', url: string): Promise<void> {
  // Create the store (and apply migrations) first: the figures are the imports' own.
  importOnce(url, 'TBENCH0', join(dir, 'empty.yaml'));
  for (const count of COUNTS) {
    const file = join(dir, `personas-${count}.yaml`);
    const team = `TBENCH${count}`;
    const first = importOnce(url, team, file);
    const again = importOnce(url, team, file);
    const row = { driver, personas: count, bytes: statSync(file).size, first, reimport: again };
    runs.push(row);
    console.log(JSON.stringify(row));
  }
}

try {
  writeFileSync(join(dir, 'empty.yaml'), 'version: 1\npersonas: []\n');
  for (const count of COUNTS) writeFileSync(join(dir, `personas-${count}.yaml`), serializePersonaFile(syntheticPersonaFile(count, JOBS_EACH), 'yaml'));
  await benchDriver('pglite', `pglite:${join(dir, 'store')}`);
  const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (pgUrl) {
    const name = `persona_bot_bench_${process.pid}`;
    const admin = postgres(pgUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    try {
      const u = new URL(pgUrl);
      u.pathname = `/${name}`;
      await benchDriver('postgres', u.toString());
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  } else results.postgres = 'skipped: set BENCH_DATABASE_URL';
} finally {
  rmSync(dir, { recursive: true, force: true });
}
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/import.json', `${JSON.stringify(results, null, 2)}\n`);
writeReport();
