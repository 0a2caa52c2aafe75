// Per-query cost of PersonaIndex.search on the Slack benchmark's data and query mix (10,000
// personas, 50,000 jobs; typo'd names, summary endings, job statements), in process: mean,
// p50 and p95 per kind of query and overall, and the time spent collecting garbage meanwhile.
// BENCH_WARMUP_ROUNDS (default 50) and BENCH_ROUNDS (default 200) set how often the mix runs.
// Run: node --expose-gc --import tsx bench/search-mix.ts
import { PerformanceObserver } from 'node:perf_hooks';
import { entryToDraft } from '../src/personas/file-format.js';
import { personaFromDraft } from '../src/domain/persona.js';
import type { Persona } from '../src/domain/persona.js';
import { PersonaIndex } from '../src/search/persona-index.js';
import { personaFileWithJobs, queryMix } from './support/personas.js';

const WARMUP_ROUNDS = Number(process.env.BENCH_WARMUP_ROUNDS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);

const file = personaFileWithJobs(10_000, 5, 50_000);
const personas: Persona[] = file.personas.map((e, i) => personaFromDraft(entryToDraft(e, '2026-11-01'), `p${i}`));
const index = new PersonaIndex(personas);
const queries = queryMix(file);

for (let round = 0; round < WARMUP_ROUNDS; round++) for (const q of queries) index.search(q.text);
(globalThis as { gc?: () => void }).gc?.();

let gcMs = 0;
let gcCount = 0;
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gcMs += entry.duration;
    gcCount++;
  }
});
observer.observe({ entryTypes: ['gc'] });

const samples: Record<string, number[]> = {};
const t0 = performance.now();
for (let round = 0; round < ROUNDS; round++) {
  for (const q of queries) {
    const t = performance.now();
    index.search(q.text);
    (samples[q.kind] ??= []).push(performance.now() - t);
  }
}
const totalMs = performance.now() - t0;
await new Promise((resolve) => setTimeout(resolve, 50));
observer.disconnect();

function summary(xs: number[]) {
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { mean: +mean.toFixed(4), p50: +at(0.5).toFixed(4), p95: +at(0.95).toFixed(4), max: +sorted[sorted.length - 1]!.toFixed(3) };
}
const all = Object.values(samples).flat();
const rows: Record<string, ReturnType<typeof summary>> = {};
for (const [kind, xs] of Object.entries(samples)) rows[kind] = summary(xs);
rows.all = summary(all);
console.table(rows);
console.log(
  `searches ${all.length}, wall ${totalMs.toFixed(0)} ms (${(totalMs / all.length).toFixed(4)} ms/search), gc ${gcMs.toFixed(1)} ms in ${gcCount} pauses (${(gcMs / all.length).toFixed(4)} ms/search)`,
);
if (process.env.BENCH_PER_QUERY) {
  for (let i = 0; i < queries.length; i++) {
    const q = queries[i]!;
    const xs = samples[q.kind]!.filter((_, j) => j % 8 === i % 8);
    console.log(q.kind.padEnd(14), summary(xs).mean.toFixed(4), JSON.stringify(q.text));
  }
}
