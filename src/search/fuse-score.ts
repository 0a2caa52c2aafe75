// Fuse's scores for the documents a CandidateIndex picked: each distinct field text is scored
// by Fuse once per search (synonymous fields across documents, such as a shared product or
// role, cost one bitap run), and a document's score is put together from its fields exactly as
// Fuse puts it together from its keys (computeScore in fuse.js), so a document scores the same as
// in `new Fuse(docs, { keys })`, counting the fields the candidate index found worth scoring.
import Fuse from 'fuse.js';
import type { Candidate, CandidateIndex } from './candidates.js';
import { FUSE_OPTIONS, PATTERN_CHUNK, VERBATIM_SCORE } from './fuse-options.js';

export interface DocumentScore {
  doc: number;
  /** Fuse's score: 0 is a perfect match, 1 none at all. */
  score: number;
  /** The fields the query matched, the one that counts most first (best score for its weight). */
  fields: number[];
}

/**
 * The `limit` best of `candidates` for `query` by Fuse's score, ties in document order (as Fuse
 * orders them). `weight(doc, field)` is the field's key weight, normalised as by
 * `normaliseWeights`; fields are combined in field order, which must be Fuse's key order.
 */
export function fuseScores(
  query: string,
  index: CandidateIndex,
  candidates: readonly Candidate[],
  weight: (doc: number, field: number) => number,
  limit: number,
): DocumentScore[] {
  // Distinct texts to score, and where each field's score will be.
  const slots = new Map<number, number>();
  const texts: string[] = [];
  for (const { doc, fields } of candidates) {
    for (const field of fields) {
      const id = index.textId(doc, field);
      if (!slots.has(id)) {
        slots.set(id, texts.length);
        texts.push(index.text(doc, field));
      }
    }
  }
  if (texts.length === 0) return [];
  // The texts are lowercased already; so is the pattern, which is what Fuse does otherwise.
  const pattern = query.toLowerCase();
  const scores = new Float64Array(texts.length).fill(-1);
  // A text holding the query verbatim gets what Fuse gives any such text (its bitap finds the
  // exact occurrence first and stops there), without running it.
  const fuzzy: string[] = [];
  const fuzzySlots: number[] = [];
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i]!;
    if (pattern.length <= PATTERN_CHUNK && text.includes(pattern)) scores[i] = text === pattern ? 0 : VERBATIM_SCORE;
    else {
      fuzzy.push(text);
      fuzzySlots.push(i);
    }
  }
  if (fuzzy.length > 0) {
    for (const r of new Fuse(fuzzy, { ...FUSE_OPTIONS, isCaseSensitive: true }).search(pattern)) scores[fuzzySlots[r.refIndex]!] = r.score ?? 1;
  }

  const out: DocumentScore[] = [];
  for (const { doc, fields } of candidates) {
    let total = 1;
    const matched: Array<{ field: number; factor: number }> = [];
    for (const field of fields) {
      const score = scores[slots.get(index.textId(doc, field))!]!;
      if (score < 0) continue;
      // As fuse.js's computeScoreSingle, with ignoreFieldNorm.
      const factor = (score === 0 ? Number.EPSILON : score) ** weight(doc, field);
      total *= factor;
      matched.push({ field, factor });
    }
    if (matched.length > 0) {
      // The smallest factor lowers the score most: that field is why the document matched.
      matched.sort((a, b) => a.factor - b.factor || a.field - b.field);
      out.push({ doc, score: total, fields: matched.map((m) => m.field) });
    }
  }
  out.sort((a, b) => a.score - b.score || a.doc - b.doc);
  return out.length > limit ? out.slice(0, limit) : out;
}
