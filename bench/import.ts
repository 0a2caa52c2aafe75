// How long importing 1,000 personas takes on each driver (PGlite always; PostgreSQL when
// BENCH_DATABASE_URL or TEST_DATABASE_URL is set). Writes bench/results/import.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { systemClock } from '../src/domain/clock.js';
import { openDatabase } from '../src/db/client.js';
import { importPersonaText, serializePersonaFile } from '../src/personas/import-export.js';
import { parsePersonaFile } from '../src/personas/parse-file.js';
import { machine } from './support/machine.js';
import { syntheticPersonaFile } from '../testing/synthetic.js';

const COUNT = Number(process.env.BENCH_PERSONAS ?? 1000);
const text = serializePersonaFile(syntheticPersonaFile(COUNT, 5), 'yaml');

async function timeImport(url: string): Promise<{ parseMs: number; firstImportMs: number; reimportMs: number }> {
  const handle = await openDatabase(url);
  try {
    await handle.migrate();
    const t0 = performance.now();
    const parsed = parsePersonaFile(text);
    if (!parsed.ok) throw new Error('synthetic file invalid');
    const parseMs = performance.now() - t0;
    const t1 = performance.now();
    await importPersonaText(handle.db, 'TBENCH', text, 'bench.yaml', systemClock);
    const firstImportMs = performance.now() - t1;
    const t2 = performance.now();
    await importPersonaText(handle.db, 'TBENCH', text, 'bench.yaml', systemClock);
    const reimportMs = performance.now() - t2;
    return { parseMs, firstImportMs, reimportMs };
  } finally {
    await handle.close();
  }
}

const results: Record<string, unknown> = { machine: machine(), personas: COUNT, jobsEach: 5 };
const dir = mkdtempSync(join(tmpdir(), 'pb-bench-'));
try {
  results.pglite = await timeImport(`pglite:${join(dir, 'db')}`);
  const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (pgUrl) {
    const name = `persona_bot_bench_${process.pid}`;
    const admin = postgres(pgUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    try {
      const u = new URL(pgUrl);
      u.pathname = `/${name}`;
      results.postgres = await timeImport(u.toString());
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
console.log(JSON.stringify(results, null, 2));
