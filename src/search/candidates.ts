// A word index in front of Fuse. Fuse scores every document it is given (about 600 ms at
// 10,000 personas on two cores, and still about 0.1 ms per persona for a handful); this index
// estimates from the words alone how well Fuse would score each field of each document, and
// hands on only the few documents that should rank first, with the fields worth scoring.
//
// What Fuse computes (with `ignoreLocation`): per field, the fewest edits (insertions, deletions,
// substitutions) that turn the whole query into some part of the field, over the query's length;
// a field matches when that is at most 0.4, and a document's score is the product of its matching
// fields' scores, each raised to its key's weight. The estimate follows the same shape at the level
// of words: query words are matched to similar words of the field (sharing trigrams, their edit
// distances computed exactly), chained in query order, and the characters left over before,
// between and after them count as edits. It is an estimate (Fuse can match across word
// boundaries in ways it does not see), so the tests check the ranking it gives against Fuse over
// the whole collection, and Fuse has the last word on every result.
//
// Finding the best documents does not estimate them all. A string's cover (how many query
// characters its similar words can account for) bounds its estimate, and a document's bound is
// its fields' bounds; documents are estimated best bound first, and the search stops when the
// limit-th best estimate is at least as good as any bound left (a threshold algorithm over the
// strings sorted by cover, per class of fields). Documents of a single field (jobs) first try
// the strings that have every query word (a posting-list intersection), which often settles it.
//
// Everything a search needs is allocated with the index: a search stamps and fills typed arrays,
// so it costs time in proportion to what it reads and makes little garbage. One index serves one
// search at a time (searches are synchronous).
//
// Where each step lives: word-index.ts builds the data (strings, words, postings, trigrams), which
// searches only read. A search parses the query (query.ts), finds each query word's similar words
// (similar-words.ts), reads their postings into each string's cover and picks the best documents
// (here), estimating the strings and documents it reaches (estimates.ts); fuse-score.ts then
// scores those with Fuse.
import { BEST_SCORE, EXACT_LOG, parseQuery } from './query.js';
import type { Query } from './query.js';
import { grown, Heap } from './scratch.js';
import { Estimates } from './estimates.js';
import { SimilarWords } from './similar-words.js';
import { WordIndex } from './word-index.js';
import type { FieldOptions } from './word-index.js';

export type { FieldOptions } from './word-index.js';

/** How many times the limit the shortcut of allWordsFirst estimates before giving up on it. */
const SHORTCUT_BUDGET = 2;
/** Documents holding one string bounded at a time (see bestDocuments). */
const HOLDER_BATCH = 64;
/** When only near misses turn up, how many times the limit are estimated before giving up on better. */
const NEAR_MISS_BUDGET = 4;
/**
 * The commonest query words are left unread when their postings are more than this share of all
 * strings and their gain at most this share of what a match needs (so counting them as present
 * everywhere loosens the bounds little): "the", "and".
 */
const UNREAD_SHARE = 0.25;
const UNREAD_GAIN = 0.3;

/** One document worth scoring and the fields (indices into its texts) Fuse may find the query in. */
export interface Candidate {
  doc: number;
  fields: number[];
}

export class CandidateIndex {
  private readonly index: WordIndex;
  private readonly similar: SimilarWords;
  private readonly estimates: Estimates;

  // Per-search scratch, stamped with the search's epoch rather than cleared.
  private epoch = 0;
  // Cover per string, two slots: (epoch << 5 | query word + 1) of its latest hit, and its cover
  // << 16 | that word's best gain.
  private readonly coverState: Int32Array;
  private readonly listed: Int32Array;
  // Strings by cover, per class: linked nodes, heads per (class, cover); each string's cover.
  private levelBase = 1;
  private searchLevelBase = 1;
  private readonly stringLevel: Int32Array;
  private levelLog = new Float64Array(64);
  private levelHead = new Int32Array(64);
  private nodeString = new Int32Array(256);
  private nodeNext = new Int32Array(256);
  private readonly classNode: Int32Array;
  private readonly classLevel: Int32Array;
  private readonly classTerm: Float64Array;
  private readonly classHolder: Int32Array; // the next holder to bound of the class's string, or -1
  private readonly readStamp: Int32Array;
  // Per document: bounded, tried by the shortcut.
  private readonly documentStamp: Int32Array;
  private readonly shortcutStamp: Int32Array;
  private readonly heap = new Heap();
  private kth = new Float64Array(64);

  /** `texts[doc]` are a document's fields (see FieldOptions for how they count). */
  constructor(texts: string[][], options: FieldOptions = {}) {
    this.index = new WordIndex(texts, options);
    this.similar = new SimilarWords(this.index);
    this.estimates = new Estimates(this.index, this.similar);
    const strings = this.index.strings.length;
    const documents = this.index.documents;
    const classes = this.index.classBound.length;
    this.coverState = new Int32Array(strings * 2);
    this.listed = new Int32Array(strings);
    this.stringLevel = new Int32Array(strings);
    this.classNode = new Int32Array(classes);
    this.classLevel = new Int32Array(classes);
    this.classTerm = new Float64Array(classes);
    this.classHolder = new Int32Array(classes);
    this.readStamp = new Int32Array(strings);
    this.documentStamp = new Int32Array(documents);
    this.shortcutStamp = new Int32Array(documents);
  }

  /** Documents worth scoring for `query`, best first. */
  candidates(query: string, limit: number): number[] {
    return this.rank(query, limit).map((c) => c.doc);
  }

  /** A field's text as Fuse is given it (lowercased). */
  text(doc: number, field: number): string {
    return this.index.text(doc, field);
  }

  /** Identifies a field's text: equal ids, equal texts. */
  textId(doc: number, field: number): number {
    return this.index.textId(doc, field);
  }

  /**
   * The `limit` documents whose estimated Fuse score is best, each with the fields worth giving
   * Fuse. Ties (many documents can share a role or a product) go to the documents whose words
   * are rarer, then to document order.
   */
  rank(query: string, limit: number): Candidate[] {
    if (limit <= 0 || this.index.documents === 0) return [];
    const q = parseQuery(this.index, query);
    if (!q) return [];
    this.epoch++;
    if (this.epoch === 1 << 25) this.resetStamps();
    const epoch = this.epoch;
    // Only strings whose similar words cover what a match needs are read (see readPostings and
    // sortByCover), and the one identical to the query: when there is none and the query's
    // words, each at its best, cannot cover that much, nothing can be found.
    if (!this.similar.find(q, epoch)) return [];
    let found = this.index.classBound.length === 1 ? this.allWordsFirst(q, limit, epoch) : undefined;
    if (!found) {
      const listed = this.readPostings(q, epoch);
      this.sortByCover(q, listed);
      found = this.bestDocuments(q, limit, epoch);
    }
    const out: Candidate[] = [];
    for (const doc of this.estimates.sortDocuments(found).slice(0, limit)) {
      const fields: number[] = [];
      const base = this.index.fieldBase[doc]!;
      for (let i = base; i < this.index.fieldBase[doc + 1]!; i++) if (this.estimates.isPlausible(this.index.fieldString[i]!, epoch)) fields.push(i - base);
      out.push({ doc, fields });
    }
    return out;
  }

  /**
   * A shortcut for documents of one class of fields (a job is one statement): the strings that
   * have every query word's best similar word (a posting-list intersection) cover the query
   * best; when their documents' estimates are as good as any other string could give, those
   * are the answer, and no other posting is read. Returns undefined when that does not settle it.
   */
  private allWordsFirst(q: Query, limit: number, epoch: number): number[] | undefined {
    const { r, firstEntry, maxGain } = q;
    let levels = 0;
    let deficit = Infinity; // how much less than the best a string without some best word covers
    const lists: number[] = [];
    for (let qi = 0; qi < r; qi++) {
      let best = -1;
      let second = 0;
      for (let k = firstEntry[qi]!; k < firstEntry[qi + 1]!; k++) {
        const gain = q.text[qi]!.length - this.similar.entryEdits[k * 4 + 3]!;
        if (gain === maxGain[qi]) {
          if (best !== -1) return undefined; // two best words: their union would be needed
          best = k;
        } else if (gain > second) second = gain;
      }
      // Only worth trying when every query word is in the vocabulary, give or take a typo.
      if (best === -1 || maxGain[qi]! < q.text[qi]!.length - 1) return undefined;
      levels += maxGain[qi]!;
      deficit = Math.min(deficit, maxGain[qi]! - second);
      lists.push(this.similar.entryWord[best]!);
    }
    lists.sort((a, b) => this.index.postingBase[a + 1]! - this.index.postingBase[a]! - (this.index.postingBase[b + 1]! - this.index.postingBase[b]!));
    const bound = (c: number) => {
      const fewestEdits = Math.max(0, q.m - c - (r - 1));
      return c < q.needMatch || fewestEdits > q.matchEdits ? 0 : this.index.classBound[0]! * Math.log(Math.max(BEST_SCORE, fewestEdits / q.m));
    };
    const here = bound(levels);
    const elsewhere = bound(levels - deficit);
    if (here >= 0) return undefined;
    this.kth = grown(this.kth, limit);
    const kth = this.kth;
    let kept = 0;
    const found: number[] = [];
    const consider = (s: number): boolean => {
      for (let h = this.index.holderBase[s]!; h < this.index.holderBase[s + 1]!; h++) {
        const doc = this.index.holderDoc[h]!;
        if (this.shortcutStamp[doc] === epoch) continue;
        this.shortcutStamp[doc] = epoch;
        const estimate = this.estimates.estimateDocument(doc, q, epoch);
        if (estimate > 0) continue;
        found.push(doc);
        if (kept === limit && estimate >= kth[limit - 1]!) continue;
        let at = kept < limit ? kept++ : limit - 1;
        while (at > 0 && kth[at - 1]! > estimate) {
          kth[at] = kth[at - 1]!;
          at--;
        }
        kth[at] = estimate;
      }
      // Done when the rest of the intersection cannot do better; given up when it does not
      // come to that soon (its documents estimated worse than its bound).
      if (found.length > SHORTCUT_BUDGET * limit) abandoned = true;
      return abandoned || (kept === limit && kth[limit - 1]! <= here);
    };
    let abandoned = false;
    let done = q.exact >= 0 && consider(q.exact);
    // Intersect, smallest list first.
    const first = lists[0]!;
    const at = lists.map((w) => this.index.postingBase[w]!);
    for (let p = this.index.postingBase[first]!; !done && p < this.index.postingBase[first + 1]!; p++) {
      const s = this.index.postings[p]!;
      let all = true;
      for (let j = 1; j < lists.length && all; j++) {
        const w = lists[j]!;
        const stop = this.index.postingBase[w + 1]!;
        let i = at[j]!;
        while (i < stop && this.index.postings[i]! < s) i++;
        at[j] = i;
        all = i < stop && this.index.postings[i] === s;
      }
      if (all && s !== q.exact) done = consider(s);
    }
    return !abandoned && kept === limit && kth[limit - 1]! <= elsewhere ? found : undefined;
  }

  /**
   * How much of the query each string's words cover, read rarest query word first. A string
   * whose rarest query word is w has only w and commoner words, so once those cannot cover much
   * of what a match needs, and when they are very common ("and", "the"), their postings are
   * left unread: every string counts them as present (a looser bound, never a wrong one).
   * Returns how many strings were listed, those whose cover can reach a match, in `listed`.
   */
  private readPostings(q: Query, epoch: number): number {
    const { r, firstEntry, maxGain } = q;
    const frequency: number[] = [];
    const postingCount: number[] = [];
    for (let qi = 0; qi < r; qi++) {
      let documents = 0;
      let postings = 0;
      for (let k = firstEntry[qi]!; k < firstEntry[qi + 1]!; k++) {
        const w = this.similar.entryWord[k]!;
        documents += this.index.documentFrequency[w]!;
        postings += this.index.postingBase[w + 1]! - this.index.postingBase[w]!;
      }
      frequency.push(documents);
      postingCount.push(postings);
    }
    const order = Array.from({ length: r }, (_, i) => i).sort((a, b) => frequency[a]! - frequency[b]! || a - b);
    let unread = 0;
    let unreadPostings = 0;
    for (let qi = 0; qi < r; qi++) {
      unread += maxGain[qi]!;
      unreadPostings += postingCount[qi]!;
    }
    let walked = 0;
    for (const qi of order) {
      if (unread <= q.needMatch * UNREAD_GAIN && unreadPostings > this.index.strings.length * UNREAD_SHARE) break;
      unreadPostings -= postingCount[qi]!;
      unread -= maxGain[qi]!;
      walked++;
    }
    q.unread = unread;
    const listAt = q.needMatch - unread;
    let listed = 0;
    for (let o = 0; o < walked; o++) {
      const qi = order[o]!;
      const len = q.text[qi]!.length;
      for (let k = firstEntry[qi]!; k < firstEntry[qi + 1]!; k++) {
        listed = this.readWord(this.similar.entryWord[k]!, len - this.similar.entryEdits[k * 4 + 3]!, (epoch << 5) | (qi + 1), listAt, listed);
      }
    }
    return listed;
  }

  /** Adds a similar word's gain to the cover of the strings it is in (see readPostings). */
  private readWord(w: number, gain: number, mark: number, listAt: number, listed: number): number {
    // Per string two slots: the mark of its latest hit, and cover << 16 | that word's best gain.
    const state = this.coverState;
    const postings = this.index.postings;
    const stamp = mark & ~31;
    for (let p = this.index.postingBase[w]!, stop = this.index.postingBase[w + 1]!; p < stop; p++) {
      const at = postings[p]! << 1;
      const seen = state[at]!;
      let before: number;
      let after: number;
      if (seen === mark) {
        // The same query word again (another similar word): keep its best gain.
        const value = state[at + 1]!;
        const best = value & 0xffff;
        if (gain <= best) continue;
        before = value >>> 16;
        after = before + gain - best;
      } else {
        before = (seen & ~31) === stamp ? state[at + 1]! >>> 16 : 0;
        after = before + gain;
      }
      state[at] = mark;
      state[at + 1] = (after << 16) | gain;
      if (before < listAt && after >= listAt) this.listed[listed++] = at >> 1;
    }
    return listed;
  }

  /** Lists the listed strings by cover, per class; each string's cover goes to stringLevel. */
  private sortByCover(q: Query, listed: number): void {
    const { m, r, matchEdits, needMatch, unread, exact } = q;
    let levels = 0;
    for (const g of q.maxGain) levels += g;
    q.levels = levels;
    const span = levels + 1;
    this.levelLog = grown(this.levelLog, span);
    const levelLog = this.levelLog;
    for (let c = 0; c <= levels; c++) {
      const fewestEdits = Math.max(0, m - c - (r - 1));
      levelLog[c] = c < needMatch || fewestEdits > matchEdits ? 0 : Math.log(Math.max(BEST_SCORE, fewestEdits / m));
    }
    const classes = this.index.classBound.length;
    this.levelHead = grown(this.levelHead, classes * span);
    const levelHead = this.levelHead.fill(-1, 0, classes * span);
    // A string's cover is kept as `levelBase + cover`: a value from an earlier search is below.
    if (this.levelBase > 0x7fffffff - span) {
      this.stringLevel.fill(0);
      this.levelBase = 1;
    }
    const levelBase = (this.searchLevelBase = this.levelBase);
    this.levelBase += span;
    // Room for every listed string in every class it is in (most are in one).
    this.nodeString = grown(this.nodeString, (listed + 1) * classes);
    this.nodeNext = grown(this.nodeNext, (listed + 1) * classes);
    const nodeString = this.nodeString;
    const nodeNext = this.nodeNext;
    let nodes = 0;
    // The string identical to the query comes last, so that it heads its level and is read first.
    for (let i = 0; i <= listed; i++) {
      const s = i < listed ? this.listed[i]! : exact;
      if (s < 0 || (i < listed && s === exact)) continue;
      const c = s === exact ? levels : (this.coverState[(s << 1) + 1]! >>> 16) + unread;
      if (s !== exact && !(levelLog[c]! < 0)) continue;
      this.stringLevel[s] = levelBase + c;
      for (let mask = this.index.stringClasses[s]!, k = 0; mask !== 0; mask >>>= 1, k++) {
        if (!(mask & 1)) continue;
        nodeString[nodes] = s;
        nodeNext[nodes] = levelHead[k * span + c]!;
        levelHead[k * span + c] = nodes++;
      }
    }
  }

  /**
   * Documents best bound first (see the top of the file): strings are read from the classes'
   * best covers down, always from the class that bounds the documents not reached yet the
   * most; reading a string bounds the documents holding it. A bounded document is estimated once
   * no document unreached can have a better bound. Returns the documents estimated that have a
   * field worth scoring; it stops when the limit-th best estimate is as good as any bound left.
   */
  private bestDocuments(q: Query, limit: number, epoch: number): number[] {
    const { levels, exact } = q;
    const span = levels + 1;
    const classes = this.index.classBound.length;
    const levelLog = this.levelLog;
    const levelHead = this.levelHead;
    const nodeString = this.nodeString;
    const nodeNext = this.nodeNext;
    // Each class's next node and its cover; what a document not reached yet can get from the
    // class at best (every field of it at that cover); and the sum of those.
    const node = this.classNode;
    const level = this.classLevel;
    const term = this.classTerm;
    let unreached = 0;
    for (let k = 0; k < classes; k++) {
      this.classHolder[k] = -1;
      let c = levels;
      let n = levelHead[k * span + c]!;
      while (n === -1 && --c >= 0) n = levelHead[k * span + c]!;
      node[k] = n;
      level[k] = c;
      term[k] = n === -1 ? 0 : this.index.classBound[k]! * (nodeString[n] === exact ? EXACT_LOG : levelLog[c]!);
      unreached += term[k]!;
    }
    this.kth = grown(this.kth, limit);
    const kth = this.kth;
    let kept = 0;
    const found: number[] = [];
    const heap = this.heap;
    heap.size = 0;
    for (;;) {
      // Estimate the bounded documents that come before any other.
      while (heap.size > 0 && heap.peek() <= unreached) {
        if (kept === limit && kth[limit - 1]! <= heap.peek()) break;
        const doc = heap.pop();
        const estimate = this.estimates.estimateDocument(doc, q, epoch);
        if (estimate > 0) continue; // no field worth scoring
        found.push(doc);
        // Only near misses so far (estimated not to match, still worth giving Fuse) and plenty
        // of them: more documents bounded like these would most likely be more of the same.
        if (kept === limit && kth[limit - 1]! === 0 && found.length >= NEAR_MISS_BUDGET * limit) return found;
        // Keep the limit best estimates, sorted.
        if (kept === limit && estimate >= kth[limit - 1]!) continue;
        let at = kept < limit ? kept++ : limit - 1;
        while (at > 0 && kth[at - 1]! > estimate) {
          kth[at] = kth[at - 1]!;
          at--;
        }
        kth[at] = estimate;
      }
      const left = heap.size > 0 ? Math.min(heap.peek(), unreached) : unreached;
      if (kept === limit && kth[limit - 1]! <= left) break;
      // Read from the class that bounds the unreached documents most.
      let k = -1;
      for (let j = 0; j < classes; j++) if (node[j] !== -1 && (k === -1 || term[j]! < term[k]!)) k = j;
      if (k === -1) {
        if (heap.size === 0) break;
        unreached = 0;
        continue;
      }
      const n = node[k]!;
      const s = nodeString[n]!;
      // Bound the documents holding the string, a batch at a time: while some are left the
      // class stays at it (it still bounds them), which lets a search stop within the holders
      // of a string many documents share (a product, a role) once enough of them are found.
      let from = this.classHolder[k]!;
      if (from === -1) {
        if (this.readStamp[s] === epoch)
          from = this.index.holderBase[s + 1]!; // read through another class
        else {
          this.readStamp[s] = epoch;
          from = this.index.holderBase[s]!;
        }
      }
      const to = Math.min(from + HOLDER_BATCH, this.index.holderBase[s + 1]!);
      // Once the limit best estimates are in, a document bounded no better than the worst of
      // them would never be estimated (estimates only get better), so it is not kept.
      this.boundHolders(from, to, exact, epoch, kept === limit ? kth[limit - 1]! : Infinity);
      if (to < this.index.holderBase[s + 1]!) {
        this.classHolder[k] = to;
        continue;
      }
      this.classHolder[k] = -1;
      // Move the class on to its next node.
      let c = level[k]!;
      let after = nodeNext[n]!;
      while (after === -1 && --c >= 0) after = levelHead[k * span + c]!;
      node[k] = after;
      level[k] = c;
      const value = after === -1 ? 0 : this.index.classBound[k]! * (nodeString[after] === exact ? EXACT_LOG : levelLog[c]!);
      unreached += value - term[k]!;
      term[k] = value;
    }
    return found;
  }

  /**
   * Bounds the documents holders[from, to) not bounded yet: each field at its cover's best.
   * Only those bounded better than `worst` go on the heap.
   */
  private boundHolders(from: number, to: number, exact: number, epoch: number, worst: number): void {
    const base = this.searchLevelBase;
    const levelLog = this.levelLog;
    const { holderDoc, fieldBase, fieldString, fieldWeight } = this.index;
    const { documentStamp, stringLevel } = this;
    for (let h = from; h < to; h++) {
      const doc = holderDoc[h]!;
      if (documentStamp[doc] === epoch) continue;
      documentStamp[doc] = epoch;
      let bound = 0;
      for (let f = fieldBase[doc]!, end = fieldBase[doc + 1]!; f < end; f++) {
        const t = fieldString[f]!;
        const at = stringLevel[t]! - base;
        if (at >= 0) bound += fieldWeight[f]! * (t === exact ? EXACT_LOG : levelLog[at]!);
      }
      if (bound < worst) this.heap.push(bound, doc);
    }
  }

  private resetStamps(): void {
    this.similar.reset();
    this.estimates.reset();
    this.coverState.fill(0);
    this.readStamp.fill(0);
    this.documentStamp.fill(0);
    this.shortcutStamp.fill(0);
    this.epoch = 1;
  }
}
