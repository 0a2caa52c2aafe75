// The workspaces the Slack benchmarks run against, seeded straight into a store (no YAML round
// trip): "big" has exactly 10,000 personas and 50,000 distinct jobs (the sizes), "review"
// has 1,000 personas. Built on the seeded generator in synthetic.ts, so every run is identical.
import { systemClock } from '../../src/domain/clock.js';
import { openDatabase } from '../../src/db/client.js';
import { entryToDraft, personaFileSchema } from '../../src/personas/file-format.js';
import type { PersonaFile } from '../../src/personas/file-format.js';
import { identityKey, JOB_KINDS } from '../../src/domain/persona.js';
import { upsertPersonas } from '../../src/db/queries/persona-writes.js';
import { seeded, syntheticPersonaFile } from '../../testing/synthetic.js';

export const BIG_TEAM = 'TBENCHBIG';
export const REVIEW_TEAM = 'TBENCHREVIEW';

/**
 * `count` personas with `jobsEach` jobs each, then one extra, unshared job for as many personas
 * as it takes to reach exactly `distinctJobs` distinct job statements (syntheticPersonaFile
 * shares some statements between personas: 10,000 × 5 gives 49,288).
 */
export function personaFileWithJobs(count: number, jobsEach: number, distinctJobs: number, seed = 42): PersonaFile {
  const file = personaFileSchema.parse(syntheticPersonaFile(count, jobsEach, seed));
  const seen = new Set<string>();
  for (const p of file.personas) for (const j of p.jobs) seen.add(identityKey(j.statement));
  let missing = distinctJobs - seen.size;
  for (let i = 0; missing > 0 && i < file.personas.length; i++, missing--) {
    file.personas[i]!.jobs.push({ kind: JOB_KINDS[i % 3]!, statement: `Get a straight answer about plan ${i} before renewal`, importance: 3 });
  }
  if (missing > 0) throw new Error(`cannot reach ${distinctJobs} distinct jobs with ${count} personas`);
  return file;
}

export function distinctJobCount(file: PersonaFile): number {
  const seen = new Set<string>();
  for (const p of file.personas) for (const j of p.jobs) seen.add(identityKey(j.statement));
  return seen.size;
}

/** A fixed mix of `/persona` queries taken from the data: typo'd names, words deep in summaries, job phrases. */
export function queryMix(file: PersonaFile, perKind = 8, seed = 7): Array<{ kind: 'typo-name' | 'summary-words' | 'job-phrase'; text: string }> {
  const rnd = seeded(seed);
  const pick = () => file.personas[Math.floor(rnd() * file.personas.length)]!;
  const typo = (word: string) => {
    if (word.length < 4) return word;
    const at = 1 + Math.floor(rnd() * (word.length - 2));
    // Alternate a dropped letter and two swapped letters.
    return rnd() < 0.5 ? word.slice(0, at) + word.slice(at + 1) : word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
  };
  const out: Array<{ kind: 'typo-name' | 'summary-words' | 'job-phrase'; text: string }> = [];
  for (let i = 0; i < perKind; i++) {
    const words = pick().name.split(' ');
    // "Overbooked Nurse 4711" → "Overboked Nurse 4711": one typo in the longest word.
    const longest = words.reduce((a, b) => (b.length > a.length ? b : a));
    out.push({ kind: 'typo-name', text: words.map((w) => (w === longest ? typo(w) : w)).join(' ') });
  }
  for (let i = 0; i < perKind; i++) {
    // The last four words of a summary: "… and track the weekly budget."
    const words = pick().summary.replace(/\.$/, '').split(' ');
    out.push({ kind: 'summary-words', text: words.slice(-4).join(' ') });
  }
  for (let i = 0; i < perKind; i++) {
    const p = pick();
    const job = p.jobs[Math.floor(rnd() * p.jobs.length)]!;
    // Half with the statement's number ("Track client invoices 1742-3"), half the phrase alone.
    out.push({ kind: 'job-phrase', text: i % 2 === 0 ? job.statement : job.statement.replace(/\s+\d+-\d+$/, '').toLowerCase() });
  }
  return out;
}

export interface SeedStats {
  team: string;
  personas: number;
  distinctJobs: number;
  ms: number;
}

/** Writes `file` into workspace `team` of the store at `url` (migrating it first). */
export async function seedStore(url: string, workspaces: Array<{ team: string; file: PersonaFile }>): Promise<SeedStats[]> {
  const handle = await openDatabase(url);
  const out: SeedStats[] = [];
  try {
    await handle.migrate();
    for (const { team, file } of workspaces) {
      const t = performance.now();
      const drafts = file.personas.map((e) => entryToDraft(e, '2026-11-01'));
      await upsertPersonas(handle.db, { teamId: team, drafts, now: systemClock.now(), actor: 'bench' });
      out.push({ team, personas: drafts.length, distinctJobs: distinctJobCount(file), ms: Math.round(performance.now() - t) });
    }
  } finally {
    await handle.close();
  }
  return out;
}
