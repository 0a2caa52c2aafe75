// Review latency with 10, 100 and 1,000 personas: model load time, `prepare` (cold, computing
// every persona-side vector; and warm, loading them from the database as a restarted replica
// would), review p50/p95 over a fixed mix of drafts, and resident memory. Synthetic personas
// come from the seeded generator in testing/synthetic.ts, so every run measures the same
// data. Writes bench/results/review.json and prints a table.
//
//   npx tsx bench/review-latency.ts            (BENCH_REVIEW_SIZES=10,100,1000 BENCH_REVIEW_ROUNDS=5)
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../src/db/client.js';
import { dbVectorStore } from '../src/db/queries/text-vectors.js';
import { entryToDraft, personaFileSchema } from '../src/personas/file-format.js';
import { personaFromDraft } from '../src/domain/persona.js';
import type { ChannelId, Persona } from '../src/domain/persona.js';
import { loadEmbedder } from '../src/review-engine/embedder.js';
import { createReviewEngine } from '../src/review-engine/engine.js';
import { VectorCache } from '../src/review-engine/vector-store.js';
import { machine } from './support/machine.js';
import { summarise, syntheticPersonaFile } from '../testing/synthetic.js';

const SIZES = (process.env.BENCH_REVIEW_SIZES ?? '10,100,1000').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_REVIEW_ROUNDS ?? 5);
const JOBS_EACH = 4;

const DRAFTS: Array<{ text: string; channel?: ChannelId }> = [
  { text: 'Save time on admin: invoices, receipts and reminders in one place.', channel: 'meta' },
  { text: 'Track the weekly budget without a spreadsheet', channel: 'tiktok' },
  {
    text: 'Subject: Your savings, protected\n\nSee every surprise cost before it lands and plan the month with confidence. Open your report.',
    channel: 'email',
  },
  { text: 'Plan A Reliable Supplier\nFind vetted suppliers near you, compare quotes and order in minutes. Try it free.', channel: 'google_search' },
  { text: 'Three deadlines on the same Friday? Breathe.', channel: 'x' },
  { text: 'Family photos, finally organised. Share the good ones with everyone in one tap. 📸', channel: 'instagram' },
  { text: 'Your commute just got shorter: live routes, no guesswork. Reply STOP to opt out.', channel: 'sms' },
  {
    text: 'Status meetings eat the week. Teams using our planner cut them by a third in the first month, because everyone can see progress without asking for it. Prove campaign revenue, protect focus time and leave on time: a calmer week starts with one shared board. Book a 20-minute demo and bring your hardest planning problem; we will solve it live.',
    channel: 'linkedin',
  },
  { text: 'We are pleased to announce our new head office. Come and say hello.' },
  { text: 'Learn a new skill in 10 minutes a day, with lessons that fit between meetings, on the bus, or before bed.', channel: 'meta' },
];

function personasOf(count: number): Persona[] {
  const file = personaFileSchema.parse(syntheticPersonaFile(count, JOBS_EACH));
  return file.personas.map((e, i) => personaFromDraft(entryToDraft(e, '2026-11-01'), `p${i}`, 'T_BENCH'));
}

const rssMiB = () => Math.round(process.memoryUsage().rss / 2 ** 20);
const round = (x: number) => Math.round(x * 10) / 10;

const rssStart = rssMiB();
const loaded = await loadEmbedder();
if (!loaded.embedder) throw new Error(`the review bench needs the sentence model: ${loaded.reason}`);
const modelLoadMs = round(loaded.loadMs);
const rssModel = rssMiB();

// Persona-side vectors persist in an embedded database under bench/results (git-ignored), so a
// second run measures the warm path only once the first has paid for the embeddings.
const dbDir = join('bench', 'results', 'review-vectors');
if (process.env.BENCH_REVIEW_FRESH === '1') rmSync(dbDir, { recursive: true, force: true });
mkdirSync(dbDir, { recursive: true });
const handle = await openDatabase(`pglite:${dbDir}`);
await handle.migrate();
const rssDatabase = rssMiB();

interface Row {
  personas: number;
  texts: number;
  prepareColdMs: number;
  computed: number;
  prepareWarmMs: number;
  fromDatabase: number;
  review: { n: number; p50: number; p95: number; p99: number; max: number };
  lexicalReview: { n: number; p50: number; p95: number; p99: number; max: number };
  rssMiB: number;
  heapUsedMiB: number;
  /** The persona-side vector matrix the engine keeps (texts × dimensions × 4 bytes). */
  matrixMiB: number;
}
const rows: Row[] = [];
for (const size of SIZES) {
  const personas = personasOf(size);
  const cold = createReviewEngine({ embedder: loaded.embedder, store: dbVectorStore(handle.db), cache: new VectorCache() });
  const coldStats = await cold.prepare('T_BENCH', personas);

  // A restarted replica: empty memory, vectors in the database.
  const engine = createReviewEngine({ embedder: loaded.embedder, store: dbVectorStore(handle.db), cache: new VectorCache() });
  const warmStats = await engine.prepare('T_BENCH', personas);
  for (const d of DRAFTS) await engine.review({ ...d, personas, teamId: 'T_BENCH' }); // warm-up (JIT, first batches)
  const samples: number[] = [];
  for (let r = 0; r < ROUNDS; r++)
    for (const d of DRAFTS) {
      const t = performance.now();
      await engine.review({ ...d, personas, teamId: 'T_BENCH' });
      samples.push(performance.now() - t);
    }

  const lexical = createReviewEngine({ embedder: null, embedderReason: 'bench: lexical mode' });
  await lexical.prepare('T_BENCH', personas);
  for (const d of DRAFTS) await lexical.review({ ...d, personas, teamId: 'T_BENCH' });
  const lexicalSamples: number[] = [];
  for (let r = 0; r < ROUNDS; r++)
    for (const d of DRAFTS) {
      const t = performance.now();
      await lexical.review({ ...d, personas, teamId: 'T_BENCH' });
      lexicalSamples.push(performance.now() - t);
    }
  rows.push({
    personas: size,
    texts: warmStats.texts,
    prepareColdMs: round(coldStats.ms),
    computed: coldStats.computed,
    prepareWarmMs: round(warmStats.ms),
    fromDatabase: warmStats.fromDatabase,
    review: summarise(samples),
    lexicalReview: summarise(lexicalSamples),
    rssMiB: rssMiB(),
    heapUsedMiB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
    matrixMiB: round((warmStats.texts * 512 * 4) / 2 ** 20),
  });
}
await handle.close();

const result = {
  bench: 'review-latency',
  at: new Date().toISOString(),
  machine: machine(),
  model: loaded.embedder.model,
  modelLoadMs,
  rssMiB: { start: rssStart, afterModelLoad: rssModel, afterDatabaseOpen: rssDatabase, end: rssMiB() },
  drafts: DRAFTS.length,
  rounds: ROUNDS,
  rows,
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/review.json', `${JSON.stringify(result, null, 2)}\n`);

const pad = (s: string | number, n: number) => String(s).padStart(n);
console.log(`Review latency — ${result.machine.cpu} (${result.machine.cores} cores), Node ${result.machine.node}`);
console.log(
  `Model ${result.model}: loaded and warmed up in ${modelLoadMs} ms; RSS ${rssStart} → ${rssModel} MiB (embedded database opened: ${rssDatabase} MiB)`,
);
console.log(
  `${pad('personas', 8)} ${pad('texts', 6)} ${pad('prepare cold', 13)} ${pad('prepare warm', 13)} ${pad('review p50', 11)} ${pad('p95', 7)} ${pad('max', 7)} ${pad('lexical p50', 12)} ${pad('p95', 7)} ${pad('RSS MiB', 8)} ${pad('heap MiB', 9)} ${pad('matrix MiB', 11)}`,
);
for (const r of rows)
  console.log(
    `${pad(r.personas, 8)} ${pad(r.texts, 6)} ${pad(`${r.prepareColdMs} ms`, 13)} ${pad(`${r.prepareWarmMs} ms`, 13)} ${pad(`${r.review.p50} ms`, 11)} ${pad(r.review.p95, 7)} ${pad(r.review.max, 7)} ${pad(`${r.lexicalReview.p50} ms`, 12)} ${pad(r.lexicalReview.p95, 7)} ${pad(r.rssMiB, 8)} ${pad(r.heapUsedMiB, 9)} ${pad(r.matrixMiB, 11)}`,
  );
console.log(`(${DRAFTS.length} drafts × ${ROUNDS} rounds per size after a warm-up; prepare cold computes the vectors not yet in bench/results/review-vectors;`);
console.log(' RSS includes the embedded PGlite database that keeps them, which alone takes several hundred MiB)');
console.log('Wrote bench/results/review.json');
