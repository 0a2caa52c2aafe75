// What `prepare` builds once per workspace and persona set: every job, pain and gain of every
// persona as an item, the distinct statement texts behind them, their sentence vectors in one
// row-major Float32Array matrix, and a lexical index over the same texts.
import { createHash } from 'node:crypto';
import type { Gain, Pain, Persona, PersonaJob } from '../../domain/persona.js';
import { LexicalIndex } from '../text/lexical.js';

export type ItemKind = 'job' | 'pain' | 'gain';

export interface IndexedItem {
  persona: number;
  kind: ItemKind;
  /** The statement as the persona states it. */
  label: string;
  /** Importance (jobs), severity (pains) or relevance (gains), 1–5. */
  weight: number;
  job?: PersonaJob;
  pain?: Pain;
  gain?: Gain;
  /** Distinct text ids: the statement, and for jobs with a situation or outcome, those variants too. */
  texts: number[];
}

export interface PreparedPersonas {
  teamId: string;
  signature: string;
  personas: Persona[];
  items: IndexedItem[];
  itemsByPersona: number[][];
  texts: string[];
  /** texts.length × dim vectors, or null when reviewing lexically. */
  matrix: Float32Array | null;
  dim: number;
  model: string | null;
  lexical: LexicalIndex;
}

const signatures = new WeakMap<readonly Persona[], string>();

/**
 * A fingerprint of everything in the personas that the review reads. Remembered per array:
 * callers that keep their persona list between reviews pay for it once.
 */
export function personaSignature(personas: readonly Persona[]): string {
  const known = signatures.get(personas);
  if (known !== undefined) return known;
  const h = createHash('sha1');
  for (const p of personas) {
    h.update(`${p.id}\u0001${p.name}\u0001${p.channels.join(',')}\u0001${p.reviewedAt}\u0002`);
    for (const j of p.jobs) h.update(`${j.kind}\u0001${j.statement}\u0001${j.importance}\u0001${j.when ?? ''}\u0001${j.outcome ?? ''}\u0003`);
    for (const x of p.pains) h.update(`${x.text}\u0001${x.severity}\u0003`);
    for (const x of p.gains) h.update(`${x.text}\u0001${x.relevance}\u0003`);
  }
  const signature = h.digest('hex');
  signatures.set(personas, signature);
  return signature;
}

/** The item structure and the distinct texts, before any vector is attached. */
export function buildItems(personas: readonly Persona[]): { items: IndexedItem[]; itemsByPersona: number[][]; texts: string[] } {
  const texts: string[] = [];
  const textIds = new Map<string, number>();
  const idOf = (t: string) => {
    const key = t.normalize('NFKC').trim().replace(/\s+/g, ' ');
    let id = textIds.get(key);
    if (id === undefined) {
      id = texts.length;
      texts.push(key);
      textIds.set(key, id);
    }
    return id;
  };
  const items: IndexedItem[] = [];
  const itemsByPersona: number[][] = [];
  personas.forEach((p, pi) => {
    const mine: number[] = [];
    for (const job of p.jobs) {
      const ids = [idOf(job.statement)];
      // The JTBD situation and outcome, when written, are other ways a draft may speak to the job.
      if (job.when) ids.push(idOf(`${stripPeriod(job.when)}: ${job.statement}`));
      if (job.outcome) ids.push(idOf(`${job.statement} ${job.outcome}`));
      mine.push(items.push({ persona: pi, kind: 'job', label: job.statement, weight: job.importance, job, texts: [...new Set(ids)] }) - 1);
    }
    for (const pain of p.pains)
      mine.push(items.push({ persona: pi, kind: 'pain', label: pain.text, weight: pain.severity, pain, texts: [idOf(pain.text)] }) - 1);
    for (const gain of p.gains)
      mine.push(items.push({ persona: pi, kind: 'gain', label: gain.text, weight: gain.relevance, gain, texts: [idOf(gain.text)] }) - 1);
    itemsByPersona.push(mine);
  });
  return { items, itemsByPersona, texts };
}

function stripPeriod(s: string): string {
  return s.trim().replace(/[.\s]+$/, '');
}

export function buildIndex(args: {
  teamId: string;
  personas: Persona[];
  signature?: string;
  vectors: Float32Array[] | null;
  model: string | null;
}): PreparedPersonas {
  const { items, itemsByPersona, texts } = buildItems(args.personas);
  let matrix: Float32Array | null = null;
  let dim = 0;
  if (args.vectors && args.vectors.length === texts.length && texts.length > 0) {
    dim = args.vectors[0]!.length;
    matrix = new Float32Array(texts.length * dim);
    args.vectors.forEach((v, i) => matrix!.set(v, i * dim));
  }
  return {
    teamId: args.teamId,
    signature: args.signature ?? personaSignature(args.personas),
    personas: args.personas,
    items,
    itemsByPersona,
    texts,
    matrix,
    dim,
    model: matrix ? args.model : null,
    lexical: new LexicalIndex(texts),
  };
}

/**
 * Cosine similarity of every indexed text with every draft vector (all unit length):
 * `out[t * s + j]` for text t and draft piece j.
 */
export function similarities(matrix: Float32Array, dim: number, pieces: readonly Float32Array[]): Float32Array {
  const rows = matrix.length / dim;
  const s = pieces.length;
  const out = new Float32Array(rows * s);
  for (let r = 0; r < rows; r++) {
    const base = r * dim;
    for (let j = 0; j < s; j++) {
      const q = pieces[j]!;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      let d = 0;
      for (; d + 3 < dim; d += 4) {
        a0 += matrix[base + d]! * q[d]!;
        a1 += matrix[base + d + 1]! * q[d + 1]!;
        a2 += matrix[base + d + 2]! * q[d + 2]!;
        a3 += matrix[base + d + 3]! * q[d + 3]!;
      }
      for (; d < dim; d++) a0 += matrix[base + d]! * q[d]!;
      out[r * s + j] = a0 + a1 + a2 + a3;
    }
  }
  return out;
}
