// Deterministic synthetic personas for benchmarks: a seeded generator, so every run measures
// the same data.
import type { PersonaFileInput } from '../src/personas/file-format.js';
import { JOB_KINDS } from '../src/domain/persona.js';

export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ROLES = ['Team lead', 'Nurse', 'Designer', 'Founder', 'Teacher', 'Accountant', 'Student', 'Driver', 'Chef', 'Engineer', 'Parent', 'Landlord'];
const ADJ = ['Busy', 'Curious', 'Anxious', 'Frugal', 'Ambitious', 'Overbooked', 'Remote', 'Weekend', 'First-Time', 'Seasoned', 'Eco-Minded', 'Night-Shift'];
const VERBS = ['Save', 'Find', 'Plan', 'Track', 'Share', 'Protect', 'Learn', 'Cut', 'Prove', 'Enjoy', 'Organise', 'Avoid'];
const OBJECTS = [
  'time on admin',
  'a reliable supplier',
  'the weekly budget',
  'team progress',
  'family photos',
  'my savings',
  'a new skill',
  'status meetings',
  'campaign revenue',
  'the commute',
  'client invoices',
  'surprise costs',
];
const PRODUCTS = ['Tasklane', 'Greenhop', 'Nestwise', 'Pantrybox', 'Ledgerly'];

/** `count` personas with `jobsEach` jobs each; jobs repeat across personas so some are shared. */
export function syntheticPersonaFile(count: number, jobsEach: number, seed = 42): PersonaFileInput {
  const rnd = seeded(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const personas: PersonaFileInput['personas'] = [];
  for (let i = 0; i < count; i++) {
    const role = pick(ROLES);
    const jobs = Array.from({ length: jobsEach }, (_, j) => ({
      kind: JOB_KINDS[j % 3]!,
      statement: `${pick(VERBS)} ${pick(OBJECTS)} ${i % 2000}-${j}`,
      importance: 1 + Math.floor(rnd() * 5),
    }));
    personas.push({
      name: `${pick(ADJ)} ${role} ${i}`,
      summary: `${role} who wants to ${pick(VERBS).toLowerCase()} ${pick(OBJECTS)} and ${pick(VERBS).toLowerCase()} ${pick(OBJECTS)}.`,
      product: pick(PRODUCTS),
      owner: `U${String(1000 + (i % 50))}`,
      reviewed_at: `2026-${String(1 + (i % 12)).padStart(2, '0')}-15`,
      demographics: { role, age: `${20 + (i % 30)}-${30 + (i % 30)}` },
      psychographics: { motivations: [pick(OBJECTS), pick(OBJECTS)] },
      channels: ['meta', 'email'],
      quote: `I just want to ${pick(VERBS).toLowerCase()} ${pick(OBJECTS)}.`,
      jobs,
      pains: [{ kind: 'obstacle', text: `No way to ${pick(VERBS).toLowerCase()} ${pick(OBJECTS)}`, severity: 1 + Math.floor(rnd() * 5) }],
      gains: [{ kind: 'desired', text: `${pick(VERBS)} ${pick(OBJECTS)} faster`, relevance: 1 + Math.floor(rnd() * 5) }],
      evidence: [{ source: 'survey', ref: `Survey ${i}`, date: '2026-06-01' }],
    });
  }
  return { version: 1, personas };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx]!;
}

export function summarise(samples: number[]): { n: number; p50: number; p95: number; p99: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? NaN),
  };
}
