// The measurements behind every job, pain and gain score, each with the piece of the draft that
// produced it:
// - meaning: cosine similarity of a draft piece with the statement (sentence vectors), minus how
//   similar that same piece is to unrelated statements (the "background": some short lines are
//   close to everything, a policy notice to nothing);
// - words: the share of the statement's weighted vocabulary the piece uses (lexical.ts).
// Evidence per item = max over pieces of  meaning + LEXICAL_WEIGHT × words.
import { draftKeys } from '../text/lexical.js';
import { similarities } from './prepared-personas.js';
import type { PreparedPersonas } from './prepared-personas.js';
import type { Segment } from '../text/segment.js';

/** How much a fully shared vocabulary adds to the evidence (fitted with the thresholds, see calibration.json). */
export const LEXICAL_WEIGHT = 0.3;
/** Which quantile of a piece's similarities to the background statements is its baseline. */
export const BASELINE_QUANTILE = 0.75;

export interface DraftAnalysis {
  segments: Segment[];
  /** One unit vector per segment, or null when reviewing lexically. */
  vectors: Float32Array[] | null;
  /** Per segment: its similarity to unrelated statements (0 when lexical). */
  baselines: Float32Array;
  /** How much the draft reads like an announcement, notice or plain sale, above its baseline. */
  genericness: number;
  /** Word keys per segment, then (last) of the whole analysed draft. */
  keys: Set<string>[];
}

export interface Reference {
  /** Row-major unit vectors. */
  matrix: Float32Array;
  dim: number;
  rows: number;
}

export function analyseDraft(segments: Segment[], vectors: Float32Array[] | null, background: Reference | null, generic: Reference | null): DraftAnalysis {
  const keys = segments.map((s) => draftKeys(s.clean));
  const all = new Set<string>();
  for (const k of keys) for (const x of k) all.add(x);
  const baselines = new Float32Array(segments.length);
  let genericness = 0;
  if (vectors && background && vectors.length > 0) {
    const sims = similarities(background.matrix, background.dim, vectors);
    const s = vectors.length;
    for (let j = 0; j < s; j++) {
      const col: number[] = [];
      for (let r = 0; r < background.rows; r++) col.push(sims[r * s + j]!);
      baselines[j] = quantile(col, BASELINE_QUANTILE);
    }
    if (generic) {
      const g = similarities(generic.matrix, generic.dim, vectors);
      genericness = -Infinity;
      for (let j = 0; j < s; j++) {
        let best = -1;
        for (let r = 0; r < generic.rows; r++) best = Math.max(best, g[r * s + j]!);
        genericness = Math.max(genericness, best - baselines[j]!);
      }
    }
  }
  return { segments, vectors, baselines, genericness, keys: [...keys, all] };
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export interface ItemEvidence {
  /** meaning above baseline + LEXICAL_WEIGHT × words, at the best piece. */
  score: number;
  /** The piece of the draft that carries it (index into segments), -1 when none. */
  segment: number;
  /** Raw cosine similarity at that piece (0 when lexical). */
  similarity: number;
  /** Share of the statement's weighted vocabulary at that piece. */
  words: number;
  /** Which indexed text (statement or its when/outcome variant) matched. */
  text: number;
}

export interface DraftScores {
  /** Per indexed item (job, pain, gain), in index order. */
  evidence: ItemEvidence[];
  /** The evidence of one indexed text at one piece of the draft. */
  pieceScore(textId: number, piece: number): number;
}

export function scoreDraft(index: PreparedPersonas, draft: DraftAnalysis): DraftScores {
  const s = draft.segments.length;
  const t = index.texts.length;
  const cover = index.lexical.coverage(draft.keys.slice(0, s));
  const semantic = index.matrix !== null && draft.vectors !== null && s > 0;
  const sims = semantic ? similarities(index.matrix!, index.dim, draft.vectors!) : null;

  const pieceScore = (r: number, j: number) => (sims ? sims[r * s + j]! - draft.baselines[j]! : 0) + (sims ? LEXICAL_WEIGHT : 1) * cover[j]![r]!;
  // Per text: the best piece.
  const best = new Float32Array(t).fill(-Infinity);
  const arg = new Int32Array(t).fill(-1);
  for (let r = 0; r < t; r++) {
    for (let j = 0; j < s; j++) {
      const v = pieceScore(r, j);
      if (v > best[r]!) {
        best[r] = v;
        arg[r] = j;
      }
    }
  }
  const evidence = index.items.map((item) => {
    let out: ItemEvidence = { score: s > 0 ? -Infinity : 0, segment: -1, similarity: 0, words: 0, text: item.texts[0]! };
    for (const id of item.texts) {
      if (best[id]! > out.score) {
        const j = arg[id]!;
        out = { score: best[id]!, segment: j, similarity: sims && j >= 0 ? sims[id * s + j]! : 0, words: j >= 0 ? cover[j]![id]! : 0, text: id };
      }
    }
    if (!Number.isFinite(out.score)) out.score = 0;
    return out;
  });
  return { evidence, pieceScore };
}

/** Evidence within this much of the best counts as "as good": the shortest such piece is quoted. */
const EVIDENCE_TOLERANCE = 0.04;

/**
 * The tightest piece of the draft that carries a statement about as well as the best one:
 * a phrase rather than the whole draft when the phrase says it nearly as clearly.
 */
export function tightestEvidence(draft: DraftAnalysis, scores: DraftScores, best: ItemEvidence): number {
  if (best.segment < 0) return best.segment;
  let chosen = best.segment;
  let chosenLength = draft.segments[chosen]!.end - draft.segments[chosen]!.start;
  draft.segments.forEach((seg, j) => {
    const length = seg.end - seg.start;
    if (length < chosenLength && scores.pieceScore(best.text, j) >= best.score - EVIDENCE_TOLERANCE) {
      chosen = j;
      chosenLength = length;
    }
  });
  return chosen;
}
