// How the product calls Fuse, and the facts about Fuse's scoring that both the candidate index
// (which estimates Fuse's scores) and fuse-score.ts (which computes them) rely on. fuse.js is
// pinned to one exact version in package.json: these facts, and fuse-score.ts's way of putting
// a document's score together, follow that version's source, and a new release may change them
// (the tests compare against plain Fuse, so an upgrade that does is caught).

export const FUSE_OPTIONS = {
  includeScore: true,
  // Words far into a summary or a statement count as much as the first ones.
  ignoreLocation: true,
  // A word in a long summary is as good a hit as the same word in a short name; field-length
  // normalisation otherwise lets "busy" find a job about "business" before a persona whose
  // summary says "busy". It also makes a document's score independent of the others, which
  // the candidate pre-filter relies on.
  ignoreFieldNorm: true,
  threshold: 0.4,
} as const;

/** Fuse's score for a text that holds the query verbatim (and is not the query itself, 0). */
export const VERBATIM_SCORE = 0.001;
/** Fuse's bitap matches patterns up to 32 characters in one piece; longer ones in pieces. */
export const PATTERN_CHUNK = 32;

/** Key weights normalised as Fuse normalises them (each over their sum, in key order). */
export function normaliseWeights(weights: readonly number[]): number[] {
  let total = 0;
  for (const w of weights) total += w;
  return weights.map((w) => w / total);
}
