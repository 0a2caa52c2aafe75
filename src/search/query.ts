// A query as the candidate index reads it: its words and where they are, and how many edits
// (Fuse's measure) a field may need and still match it or be worth handing to Fuse.
import { FUSE_OPTIONS, PATTERN_CHUNK, VERBATIM_SCORE } from './fuse-options.js';
import type { WordIndex } from './word-index.js';
import { normalise, WORD } from './words.js';

/** Fuse's threshold: a field matches when edits / query length is at most this. */
export const MATCH_SHARE = FUSE_OPTIONS.threshold;
/**
 * Fields estimated within this many more edits (as a share of the query) than a match are still
 * handed to Fuse: the estimate can be a little pessimistic, and Fuse decides.
 */
export const PLAUSIBLE_SLACK = 0.2;
/** Fuse's own floor for a match that is not identical to the whole field. */
export const BEST_SCORE = VERBATIM_SCORE;
/** Fuse scores a field identical to the query 0, which counts as Number.EPSILON. */
export const EXACT_LOG = Math.log(Number.EPSILON);
/** Words of a query considered, beyond which little changes. */
export const MAX_QUERY_WORDS = 24;

/** What a search knows about its query. */
export interface Query {
  /** Length of the (normalised) query, its words, and where each starts and ends in it. */
  m: number;
  r: number;
  text: string[];
  start: number[];
  end: number[];
  /** The string identical to the query (lowercased), or -1. */
  exact: number;
  /** Estimated edits up to which a field matches, and up to which it is worth giving Fuse. */
  matchEdits: number;
  plausibleEdits: number;
  /** The cover a string needs to be worth giving Fuse, and to be estimated to match. */
  needCover: number;
  needMatch: number;
  /** Per query word: its entries (firstEntry[qi] up to firstEntry[qi + 1]) and their best gain. */
  firstEntry: number[];
  maxGain: number[];
  /** Gain of the query words whose postings are not read, counted as present everywhere. */
  unread: number;
  /** The highest cover possible: the sum of the query words' best gains. */
  levels: number;
}

/** The query as the search reads it, or undefined when it has no words. */
export function parseQuery(index: WordIndex, query: string): Query | undefined {
  const normalised = normalise(query);
  const m = normalised.length;
  const text: string[] = [];
  const start: number[] = [];
  const end: number[] = [];
  for (const match of normalised.matchAll(WORD)) {
    if (text.length === MAX_QUERY_WORDS) break;
    text.push(match[0]);
    start.push(match.index);
    end.push(match.index + match[0].length);
  }
  const r = text.length;
  if (r === 0) return undefined;
  // No chain of words covers more of the query than their gains (length less edits) and the
  // separators between them: a string covering less than `needCover` is not worth scoring.
  const matchEdits = MATCH_SHARE * m;
  let plausibleEdits = (MATCH_SHARE + PLAUSIBLE_SLACK) * m;
  // A long query is matched 32 characters at a time; one piece matching is a match.
  if (m > PATTERN_CHUNK) plausibleEdits = Math.max(plausibleEdits, m - (1 - MATCH_SHARE) * PATTERN_CHUNK);
  return {
    m,
    r,
    text,
    start,
    end,
    exact: index.stringIds.get(query.toLowerCase()) ?? -1,
    matchEdits,
    plausibleEdits,
    needCover: m - plausibleEdits - (r - 1),
    needMatch: m - matchEdits - (r - 1),
    firstEntry: [],
    maxGain: [],
    unread: 0,
    levels: 0,
  };
}
