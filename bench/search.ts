// Search latency at 10,000 personas and 50,000 jobs: index build time and per-query
// p50/p95/p99 over a fixed mix of queries (typos, names, words deep in summaries, job phrases).
// Writes bench/results/search.json. BENCH_WARMUP_ROUNDS (default 1) and BENCH_ROUNDS (default
// 10) set how many times the mix runs before and while measuring: with the defaults the first
// measured rounds still run partly unoptimised code, and p99 of 100 samples is the second worst.
import { mkdirSync, writeFileSync } from 'node:fs';
import { entryToDraft, personaFileSchema } from '../src/personas/file-format.js';
import { personaFromDraft } from '../src/domain/persona.js';
import type { Persona } from '../src/domain/persona.js';
import { PersonaIndex } from '../src/search/persona-index.js';
import { machine } from './support/machine.js';
import { summarise, syntheticPersonaFile } from '../testing/synthetic.js';

const PERSONAS = Number(process.env.BENCH_PERSONAS ?? 10_000);
const WARMUP_ROUNDS = Number(process.env.BENCH_WARMUP_ROUNDS ?? 1);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const JOBS_EACH = 5;

const file = personaFileSchema.parse(syntheticPersonaFile(PERSONAS, JOBS_EACH));
const personas: Persona[] = file.personas.map((e, i) => personaFromDraft(entryToDraft(e, '2026-11-01'), `p${i}`));

const t0 = performance.now();
const index = new PersonaIndex(personas);
const buildMs = performance.now() - t0;

const QUERIES = [
  'busy team lead',
  'overboked nurse',
  'curious studnt 42',
  'frugal chef',
  'save time on admin',
  'track the weekly budget',
  'protect my savings',
  'client invoices',
  'Ledgerly',
  'zzqxv',
];
// Warm-up: the first searches pay for JIT compilation.
for (let round = 0; round < WARMUP_ROUNDS; round++) for (const q of QUERIES) index.search(q);
const samples: number[] = [];
const perQuery: Record<string, number[]> = {};
for (let round = 0; round < ROUNDS; round++) {
  for (const q of QUERIES) {
    const t = performance.now();
    index.search(q);
    const ms = performance.now() - t;
    samples.push(ms);
    (perQuery[q] ??= []).push(ms);
  }
}
const results = {
  machine: machine(),
  personas: PERSONAS,
  jobs: index.jobs.length,
  warmupRounds: WARMUP_ROUNDS,
  rounds: ROUNDS,
  indexBuildMs: Math.round(buildMs),
  searchMs: summarise(samples),
  perQueryP50Ms: Object.fromEntries(Object.entries(perQuery).map(([q, xs]) => [q, summarise(xs).p50])),
  rssMB: Math.round(process.memoryUsage().rss / 1e6),
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/search.json', `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
