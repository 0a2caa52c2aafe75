// How well a string (a distinct field text) matches the query, estimated from its words: the
// query words are matched to the string's similar words (the entries of similar-words.ts),
// chained in query order, and the characters left over before, between and after them count as
// edits, as Fuse counts them. Each string is read once per search. A document's estimate is
// its fields' estimates, weighted as Fuse weighs its keys.
import type { Query } from './query.js';
import { BEST_SCORE, EXACT_LOG, MAX_QUERY_WORDS } from './query.js';
import type { SimilarWords } from './similar-words.js';
import type { WordIndex } from './word-index.js';

/** Hits per string kept, beyond which little changes. */
const MAX_HITS_PER_STRING = 48;

export class Estimates {
  // Per string, stamped with the search's epoch: read, and worth handing to Fuse; if so, the log
  // of its estimated score (0 for a near miss) and how rare the query words it has are.
  private readonly evaluated: Int32Array;
  private readonly plausible: Int32Array;
  readonly stringLog: Float64Array;
  readonly stringRarity: Float64Array;
  // One string's hits (entry, token) in token order, and the chain costs over them.
  private readonly hitEntry = new Int32Array(MAX_HITS_PER_STRING);
  private readonly hitToken = new Int32Array(MAX_HITS_PER_STRING);
  private readonly chainCost = new Int32Array(MAX_HITS_PER_STRING);
  private readonly gainByWord = new Int32Array(MAX_QUERY_WORDS);
  private readonly rarityByWord = new Float64Array(MAX_QUERY_WORDS);
  // Per document, of the latest search: its estimate and how rare its query words are.
  readonly documentEstimate: Float64Array;
  readonly documentRarity: Float64Array;

  constructor(
    private readonly index: WordIndex,
    private readonly similar: SimilarWords,
  ) {
    const strings = index.strings.length;
    this.evaluated = new Int32Array(strings);
    this.plausible = new Int32Array(strings);
    this.stringLog = new Float64Array(strings);
    this.stringRarity = new Float64Array(strings);
    this.documentEstimate = new Float64Array(index.documents);
    this.documentRarity = new Float64Array(index.documents);
  }

  /** Whether string `s` was found worth handing to Fuse in the search of `epoch`. */
  isPlausible(s: number, epoch: number): boolean {
    return this.plausible[s] === epoch;
  }

  /**
   * Reads string `s` against the query (once per search) and returns whether Fuse may match the
   * query in it; if so, `stringLog[s]` is the log of its estimated Fuse score (0 when the estimate
   * is a near miss) and `stringRarity[s]` how rare the query words it has are.
   */
  evaluate(s: number, q: Query, epoch: number): boolean {
    if (this.evaluated[s] === epoch) return this.plausible[s] === epoch;
    this.evaluated[s] = epoch;
    // The string's hits (entry, token) in token order, and its best gain per query word.
    const r = q.r;
    for (let qi = 0; qi < r; qi++) {
      this.gainByWord[qi] = 0;
      this.rarityByWord[qi] = 0;
    }
    let n = 0;
    const tokenBase = this.index.tokenBase[s]!;
    const tokens = this.index.tokenBase[s + 1]! - tokenBase;
    for (let t = 0; t < tokens && n < MAX_HITS_PER_STRING; t++) {
      const w = this.index.tokenWord[tokenBase + t]!;
      if (this.similar.entryStamp[w] !== epoch) continue;
      for (let k = this.similar.entryHead[w]!; k !== -1 && n < MAX_HITS_PER_STRING; k = this.similar.entryNext[k]!) {
        this.hitEntry[n] = k;
        this.hitToken[n] = t;
        n++;
        const qi = this.similar.entryQuery[k]!;
        const gain = q.end[qi]! - q.start[qi]! - this.similar.entryEdits[k * 4 + 3]!;
        if (gain > this.gainByWord[qi]!) this.gainByWord[qi] = gain;
        if (this.similar.entryRarity[k]! > this.rarityByWord[qi]!) this.rarityByWord[qi] = this.similar.entryRarity[k]!;
      }
    }
    let cover = 0;
    let rarity = 0;
    for (let qi = 0; qi < r; qi++) {
      cover += this.gainByWord[qi]!;
      rarity += this.rarityByWord[qi]!;
    }
    if (cover < q.needCover) return false;
    const edits = s === q.exact ? 0 : this.estimateEdits(n, tokenBase, tokens, q);
    if (edits > q.plausibleEdits) return false;
    this.plausible[s] = epoch;
    this.stringLog[s] = s === q.exact ? EXACT_LOG : edits <= q.matchEdits ? Math.log(Math.max(BEST_SCORE, edits / q.m)) : 0;
    this.stringRarity[s] = rarity;
    return true;
  }

  /**
   * Estimated edits from the query to the best part of a string, from its `n` hits: the cheapest
   * chain of hits (query word on token, both increasing), where the characters before, between
   * and after them count as edits, less the separators they can share.
   */
  private estimateEdits(n: number, tokenBase: number, tokens: number, q: Query): number {
    const { m, r, start, end } = q;
    const edits = this.similar.entryEdits;
    let best = m;
    for (let i = 0; i < n; i++) {
      const k = this.hitEntry[i]!;
      const qi = this.similar.entryQuery[k]!;
      const e = k * 4;
      const t = this.hitToken[i]!;
      // Starting the chain here: the query before this word is deleted or replaced by the text
      // before the token; the query's first word may end a longer token.
      const lead = start[qi]! - Math.min(qi, t);
      const startFree = qi === 0 ? 1 : 0;
      let open = lead + edits[e + startFree]!; // the end of the token anchored
      let openFree = lead + edits[e + 2 + startFree]!; // the end of the token free (when last)
      for (let j = 0; j < i; j++) {
        const gq = this.similar.entryQuery[this.hitEntry[j]!]!;
        const gt = this.hitToken[j]!;
        if (gq >= qi || gt >= t) continue;
        const queryGap = start[qi]! - end[gq]!;
        const textGap = this.index.tokenStart[tokenBase + t]! - this.index.tokenEnd[tokenBase + gt]!;
        const before = this.chainCost[j]! + Math.max(queryGap, textGap) - Math.min(qi - gq, t - gt);
        if (before + edits[e]! < open) open = before + edits[e]!;
        if (before + edits[e + 2]! < openFree) openFree = before + edits[e + 2]!;
      }
      this.chainCost[i] = open;
      // Ending the chain here: the rest of the query is deleted or replaced by the text after.
      const cost = qi === r - 1 ? openFree + (m - end[qi]!) : open + (m - end[qi]!) - Math.min(r - 1 - qi, tokens - 1 - t);
      if (cost < best) best = cost;
    }
    return Math.max(best, 0);
  }

  /**
   * A document's estimate (the weighted log scores of its fields), or 1 when no field is worth
   * scoring; its rarity goes to documentRarity.
   */
  estimateDocument(doc: number, q: Query, epoch: number): number {
    let estimate = 0;
    let rarity = 0;
    let any = false;
    for (let f = this.index.fieldBase[doc]!; f < this.index.fieldBase[doc + 1]!; f++) {
      const s = this.index.fieldString[f]!;
      if (!this.evaluate(s, q, epoch)) continue;
      any = true;
      estimate += this.index.fieldWeight[f]! * this.stringLog[s]!;
      rarity += this.index.fieldWeight[f]! * this.stringRarity[s]!;
    }
    this.documentEstimate[doc] = estimate;
    this.documentRarity[doc] = rarity;
    return any ? estimate : 1;
  }

  /** Whether document a ranks before b: better estimate, then rarer words, then document order. */
  private before(a: number, b: number): boolean {
    const ea = this.documentEstimate[a]!;
    const eb = this.documentEstimate[b]!;
    if (ea !== eb) return ea < eb;
    const ra = this.documentRarity[a]!;
    const rb = this.documentRarity[b]!;
    return ra !== rb ? ra > rb : a < b;
  }

  sortDocuments(docs: number[]): number[] {
    return docs.sort((a, b) => (this.before(a, b) ? -1 : this.before(b, a) ? 1 : 0));
  }

  /** Clears the stamps when the search epoch starts over. */
  reset(): void {
    this.evaluated.fill(0);
    this.plausible.fill(0);
  }
}
