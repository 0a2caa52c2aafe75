// Review latency with a workspace's labelled examples: 1,000 personas and 5,000 examples (the
// scale issue 18 sets), against the same reviews with none. Prints p50/p95 and memory, writes
// bench/results/review-examples.json. Reviews without and with the examples alternate, and the
// learning step is also timed alone.
//
// The 5,000 examples are made from 250 synthetic ads whose features the engine computes as
// `learn` would (vectors and hashed words), each copied 20 times with a little noise on its
// vector and labelled with a random persona (one in five generic): the review's cost depends on
// how many examples there are, not on how their texts were written.
//
//   npx tsx bench/review-examples.ts      (BENCH_EXAMPLE_PERSONAS=1000 BENCH_EXAMPLES=5000 BENCH_REVIEW_ROUNDS=5)
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/db/client.js';
import { dbVectorStore } from '../src/db/queries/text-vectors.js';
import { entryToDraft, personaFileSchema } from '../src/personas/file-format.js';
import { personaFromDraft } from '../src/domain/persona.js';
import type { Persona } from '../src/domain/persona.js';
import { loadEmbedder } from '../src/review-engine/embedder.js';
import { createReviewEngine } from '../src/review-engine/engine.js';
import { meanVector, prepareExamples, voteOf } from '../src/review-engine/score/examples.js';
import type { LabelledExample } from '../src/review-engine/score/examples.js';
import { VectorCache } from '../src/review-engine/vector-store.js';
import { machine } from './support/machine.js';
import { summarise, syntheticPersonaFile } from '../testing/synthetic.js';

const PERSONAS = Number(process.env.BENCH_EXAMPLE_PERSONAS ?? 1000);
const EXAMPLES = Number(process.env.BENCH_EXAMPLES ?? 5000);
const ROUNDS = Number(process.env.BENCH_REVIEW_ROUNDS ?? 5);
const BASE_ADS = 250;

const DRAFTS = [
  'Save time on admin: invoices, receipts and reminders in one place.',
  'Track the weekly budget without a spreadsheet',
  'Subject: Your savings, protected\n\nSee every surprise cost before it lands and plan the month with confidence. Open your report.',
  'Find vetted suppliers near you, compare quotes and order in minutes. Try it free.',
  'Three deadlines on the same Friday? Breathe.',
  'Family photos, finally organised. Share the good ones with everyone in one tap.',
  'Your commute just got shorter: live routes, no guesswork. Reply STOP to opt out.',
  'Status meetings eat the week. Teams using our planner cut them by a third in the first month, because everyone can see progress without asking for it.',
  'We are pleased to announce our new head office. Come and say hello.',
  'Learn a new skill in 10 minutes a day, with lessons that fit between meetings, on the bus, or before bed.',
];
const VERBS = ['Plan', 'Track', 'Save', 'Share', 'Book', 'Find', 'Cut', 'Protect', 'Organise', 'Compare'];
const THINGS = [
  'your week',
  'every invoice',
  'the school run',
  'team meetings',
  'family photos',
  'the monthly budget',
  'weekend trips',
  'client feedback',
  'rent day',
  'your training',
];
const ENDS = ['in one tap.', 'without a spreadsheet.', 'before Friday.', 'with less stress.', 'for free this month.'];

let seed = 7;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const rssMiB = () => Math.round(process.memoryUsage().rss / 2 ** 20);

const loaded = await loadEmbedder();
if (!loaded.embedder) throw new Error(`the bench needs the sentence model: ${loaded.reason}`);
const personas: Persona[] = personaFileSchema
  .parse(syntheticPersonaFile(PERSONAS, 4))
  .personas.map((e, i) => personaFromDraft(entryToDraft(e, '2026-11-01'), `p${i}`, 'T_BENCH'));
const dbDir = join('bench', 'results', 'review-vectors');
mkdirSync(dbDir, { recursive: true });
const handle = await openDatabase(`pglite:${dbDir}`);
await handle.migrate();
const engine = createReviewEngine({ embedder: loaded.embedder, store: dbVectorStore(handle.db), cache: new VectorCache() });
const prepared = await engine.prepare('T_BENCH', personas);

// Features of the base ads, computed as `learn` does.
const started = performance.now();
const base = [];
for (let i = 0; i < BASE_ADS; i++) {
  const text = `${VERBS[i % VERBS.length]} ${THINGS[Math.floor(i / VERBS.length) % THINGS.length]} ${ENDS[i % ENDS.length]}`;
  base.push(await engine.exampleFeatures(text));
}
const featuresMsEach = (performance.now() - started) / BASE_ADS;
const rssBefore = rssMiB();
const examples: LabelledExample[] = [];
for (let i = 0; i < EXAMPLES; i++) {
  const f = base[i % BASE_ADS]!;
  const v = Float32Array.from(f.vector!, (x) => x + (rnd() - 0.5) * 0.02);
  const norm = Math.hypot(...v);
  for (let d = 0; d < v.length; d++) v[d]! /= norm;
  const generic = rnd() < 0.2;
  const persona = personas[Math.floor(rnd() * personas.length)]!;
  examples.push({
    id: `e${i}`,
    personaId: generic ? null : persona.id,
    jobs: generic ? [] : [persona.jobs[0]!.statement],
    jobsKnown: !generic,
    vector: v,
    model: f.model,
    terms: f.terms,
  });
}
const rssExamples = rssMiB();

// Without and with examples alternate draft by draft, so that a machine whose load changes
// during the run (a shared one) weighs on both alike.
for (const text of DRAFTS) {
  await engine.review({ text, personas, teamId: 'T_BENCH' }); // warm-up
  await engine.review({ text, personas, teamId: 'T_BENCH', examples }); // and the examples' index, built once
}
// Wall time and this process's CPU time per review. On a shared machine the wall time also
// counts the time other processes held the cores; the CPU time is what the review itself cost,
// close to what its wall time is on a quiet machine (a review is single-threaded, and the
// embedded store runs in this process, so its work is counted too).
const withoutSamples: number[] = [];
const withSamples: number[] = [];
const withoutCpu: number[] = [];
const withCpu: number[] = [];
const timed = async (work: () => Promise<unknown>, wall: number[], cpu: number[]) => {
  const c = process.cpuUsage();
  const t = performance.now();
  await work();
  wall.push(performance.now() - t);
  const used = process.cpuUsage(c);
  cpu.push((used.user + used.system) / 1000);
};
for (let r = 0; r < ROUNDS; r++)
  for (const text of DRAFTS) {
    await timed(() => engine.review({ text, personas, teamId: 'T_BENCH' }), withoutSamples, withoutCpu);
    await timed(() => engine.review({ text, personas, teamId: 'T_BENCH', examples }), withSamples, withCpu);
  }
const without = summarise(withoutSamples);
const withExamples = summarise(withSamples);
const withoutCpuMs = summarise(withoutCpu);
const withCpuMs = summarise(withCpu);
// The learning step alone (finding the nearest examples and their votes), on each draft's vectors.
const voteSamples: number[] = [];
const prepared5k = prepareExamples(examples);
for (const text of DRAFTS) {
  const ins = await engine.inspect({ text, personas, teamId: 'T_BENCH' });
  const draftVector = ins.draft.vectors ? meanVector(ins.draft.vectors) : null;
  for (let r = 0; r < ROUNDS; r++) {
    const t = performance.now();
    voteOf({ prepared: prepared5k, draftVector, model: engine.model, draftTerms: ins.draft.keys.at(-1)!, jobKey: (x) => x });
    voteSamples.push(performance.now() - t);
  }
}
const votes = summarise(voteSamples);
await handle.close();

const result = {
  bench: 'review-examples',
  at: new Date().toISOString(),
  machine: machine(),
  model: loaded.embedder.model,
  personas: PERSONAS,
  personaTexts: prepared.texts,
  examples: EXAMPLES,
  exampleFeaturesMsEach: Math.round(featuresMsEach * 10) / 10,
  reviewWithout: without,
  reviewWith: withExamples,
  reviewCpuWithout: withoutCpuMs,
  reviewCpuWith: withCpuMs,
  loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
  votesOnly: votes,
  rssMiB: { beforeExamples: rssBefore, withExamples: rssExamples, end: rssMiB() },
  exampleVectorsMiB: Math.round(((EXAMPLES * 512 * 4) / 2 ** 20) * 10) / 10,
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/review-examples.json', `${JSON.stringify(result, null, 2)}\n`);
console.log(`Review with examples — ${result.machine.cpu} (${result.machine.cores} cores), Node ${result.machine.node}`);
console.log(`${PERSONAS} personas (${prepared.texts} texts), ${EXAMPLES} examples; learning one ad (its features): ${result.exampleFeaturesMsEach} ms`);
console.log(`review p50/p95/max without examples: ${without.p50} / ${without.p95} / ${without.max} ms`);
console.log(`review p50/p95/max with ${EXAMPLES} examples: ${withExamples.p50} / ${withExamples.p95} / ${withExamples.max} ms`);
console.log(`review CPU p50/p95/max without examples: ${withoutCpuMs.p50} / ${withoutCpuMs.p95} / ${withoutCpuMs.max} ms`);
console.log(
  `review CPU p50/p95/max with ${EXAMPLES} examples: ${withCpuMs.p50} / ${withCpuMs.p95} / ${withCpuMs.max} ms (load average ${result.loadAverage.join(', ')})`,
);
console.log(
  `RSS ${rssBefore} MiB before the examples, ${rssExamples} MiB with them (their vectors: ${result.exampleVectorsMiB} MiB), ${result.rssMiB.end} MiB at the end`,
);
console.log(`the learning step alone (nearest of ${EXAMPLES} examples and their votes) p50/p95: ${votes.p50} / ${votes.p95} ms`);
console.log('Wrote bench/results/review-examples.json');
