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

import { FUSE_OPTIONS, PATTERN_CHUNK, VERBATIM_SCORE } from './fuse-score.js';

const WORD = /[\p{L}\p{N}]+/gu;

const ASCII = /^[\x00-\x7f]*$/;

function normalise(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Calls `each` with the words of `text` (as `words` splits it) and where they start and end in
 * its normalised form; `lower` is text.toLowerCase(). ASCII text, the common case, is split by
 * hand: it needs neither normalising nor a regular expression.
 */
function forEachWord(text: string, lower: string, each: (word: string, start: number, end: number) => void): void {
  if (!ASCII.test(text)) {
    for (const match of normalise(text).matchAll(WORD)) each(match[0], match.index, match.index + match[0].length);
    return;
  }
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      each(lower.slice(start, i), start, i);
      start = -1;
    }
  }
}

export function words(text: string): string[] {
  return normalise(text).match(WORD) ?? [];
}

function trigrams(word: string): string[] {
  const padded = `^${word}$`;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return [...out];
}

/** Fuse's threshold: a field matches when edits / query length is at most this. */
const MATCH_SHARE = FUSE_OPTIONS.threshold;
/**
 * Fields estimated within this many more edits (as a share of the query) than a match are still
 * handed to Fuse: the estimate can be a little pessimistic, and Fuse decides.
 */
const PLAUSIBLE_SLACK = 0.2;
/** Fuse's own floor for a match that is not identical to the whole field. */
const BEST_SCORE = VERBATIM_SCORE;
/** Fuse scores a field identical to the query 0, which counts as Number.EPSILON. */
const EXACT_LOG = Math.log(Number.EPSILON);
/** Words of a query considered, and hits per field string kept, beyond which little changes. */
const MAX_QUERY_WORDS = 24;
const MAX_HITS_PER_STRING = 48;
/** Classes of fields kept apart (one bit each in an int32); further groups share the last class. */
const MAX_CLASSES = 31;
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

export interface FieldOptions {
  /** How much a match in the field counts (Fuse's key weight); 1 by default. */
  weight?: (doc: number, field: number) => number;
  /**
   * Which fields are alike (the same key: name, summary, one attribute…); by default, fields of
   * the same weight. The search bounds what a document can score per group, so groups that
   * follow the keys make it read less.
   */
  group?: (doc: number, field: number) => string | number;
}

function grown<T extends Int32Array | Float64Array>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  const next = new (array.constructor as new (n: number) => T)(Math.max(needed, array.length * 2));
  next.set(array);
  return next;
}

/**
 * Edit distances of word `p` to word `t`, in the four ways a word can sit in a phrase match:
 * [whole to whole, the start of t left over, the end of t left over, both] (the query's first
 * word may end a longer word of the field, its last word may begin one).
 */
function wordEdits(p: string, t: string, row: Int32Array, out: Int32Array): void {
  const n = t.length;
  const m = p.length;
  for (let free = 0; free < 2; free++) {
    for (let j = 0; j <= n; j++) row[j] = free ? 0 : j;
    for (let i = 1; i <= m; i++) {
      let diag = row[0]!;
      row[0] = i;
      const pc = p.charCodeAt(i - 1);
      for (let j = 1; j <= n; j++) {
        const up = row[j]!;
        const sub = diag + (pc === t.charCodeAt(j - 1) ? 0 : 1);
        const del = up + 1;
        const ins = row[j - 1]! + 1;
        row[j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
        diag = up;
      }
    }
    let best = row[n]!;
    for (let j = 0; j < n; j++) if (row[j]! < best) best = row[j]!;
    out[free] = row[n]!; // the end of t anchored
    out[2 + free] = best; // the end of t free
  }
}

/** A binary min-heap of documents by bound. */
class Heap {
  private keys = new Float64Array(256);
  private values = new Int32Array(256);
  size = 0;

  peek(): number {
    return this.keys[0]!;
  }

  push(key: number, value: number): void {
    if (this.size === this.keys.length) {
      this.keys = grown(this.keys, this.size * 2);
      this.values = grown(this.values, this.size * 2);
    }
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.keys[parent]! <= key) break;
      this.keys[i] = this.keys[parent]!;
      this.values[i] = this.values[parent]!;
      i = parent;
    }
    this.keys[i] = key;
    this.values[i] = value;
  }

  pop(): number {
    const top = this.values[0]!;
    const key = this.keys[--this.size]!;
    const value = this.values[this.size]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && this.keys[child + 1]! < this.keys[child]!) child++;
      if (this.keys[child]! >= key) break;
      this.keys[i] = this.keys[child]!;
      this.values[i] = this.values[child]!;
      i = child;
    }
    this.keys[i] = key;
    this.values[i] = value;
    return top;
  }
}

/** What a search knows about its query. */
interface Query {
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

export class CandidateIndex {
  private readonly documents: number;

  // Distinct field strings (lowercased, as Fuse compares them) and their words (CSR).
  private readonly stringIds = new Map<string, number>();
  private readonly strings: string[] = [];
  private readonly tokenBase: Int32Array;
  private readonly tokenWord: Int32Array;
  // Offsets of a token's first character and after its last (fields are at most a few hundred
  // characters; past 65,535 the offsets saturate, which only blurs an estimate).
  private readonly tokenStart: Uint16Array;
  private readonly tokenEnd: Uint16Array;

  // Document → its field strings and weights (CSR); string → the documents holding it.
  private readonly fieldBase: Int32Array;
  private readonly fieldString: Int32Array;
  private readonly fieldWeight: Float64Array;
  private readonly holderBase: Int32Array;
  private readonly holderDoc: Int32Array;

  // Classes of fields (see FieldOptions.group): per class, its heaviest weight times the most
  // fields of it a document has (what a document can get from the class, per unit of a field's
  // log score), and per string the classes it is a field of, one bit each.
  private readonly classBound: Float64Array;
  private readonly stringClasses: Int32Array;

  // Vocabulary: word → the strings it is in (CSR), documents having it; trigram → words.
  private readonly vocabulary: string[] = [];
  private readonly postingBase: Int32Array;
  private readonly postings: Int32Array;
  private readonly documentFrequency: Int32Array;
  private readonly grams = new Map<string, number>(); // trigram → its words: gramWords[gramBase[g]..gramBase[g + 1])
  private readonly gramBase: Int32Array;
  private readonly gramWords: Int32Array;

  // Per-search scratch, stamped with the search's epoch rather than cleared.
  private epoch = 0;
  private readonly wordStamp: Int32Array;
  private readonly wordShared: Int32Array;
  // Similar words found for the query ("entries"): the vocabulary word, the query word, the four
  // edit distances of wordEdits, how much the word says (rarity times closeness), and the next
  // entry of the same vocabulary word (vocabulary word → first entry: entryHead).
  private entryWord = new Int32Array(256);
  private entryQuery = new Int32Array(256);
  private entryEdits = new Int32Array(1024);
  private entryRarity = new Float64Array(256);
  private entryNext = new Int32Array(256);
  private readonly entryStamp: Int32Array;
  private readonly entryHead: Int32Array;
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
  // Estimates: per string (evaluated once per search), per document.
  private readonly evaluated: Int32Array;
  private readonly plausible: Int32Array;
  private readonly stringLog: Float64Array;
  private readonly stringRarity: Float64Array;
  private readonly documentStamp: Int32Array;
  private readonly shortcutStamp: Int32Array;
  private readonly documentEstimate: Float64Array;
  private readonly documentRarity: Float64Array;
  private readonly heap = new Heap();
  private kth = new Float64Array(64);
  // One string's hits (entry, token) in token order, and the chain costs over them.
  private readonly hitEntry = new Int32Array(MAX_HITS_PER_STRING);
  private readonly hitToken = new Int32Array(MAX_HITS_PER_STRING);
  private readonly chainCost = new Int32Array(MAX_HITS_PER_STRING);
  private readonly gainByWord = new Int32Array(MAX_QUERY_WORDS);
  private readonly rarityByWord = new Float64Array(MAX_QUERY_WORDS);
  private editRow = new Int32Array(64);
  private readonly editOut = new Int32Array(4);

  /** `texts[doc]` are a document's fields (see FieldOptions for how they count). */
  constructor(texts: string[][], options: FieldOptions = {}) {
    const weight = options.weight ?? (() => 1);
    const group = options.group ?? weight;
    this.documents = texts.length;
    let fieldCount = 0;
    for (const fields of texts) fieldCount += fields.length;
    this.fieldBase = new Int32Array(this.documents + 1);
    this.fieldString = new Int32Array(fieldCount);
    this.fieldWeight = new Float64Array(fieldCount);
    const fieldClass = new Int32Array(fieldCount);
    const classOf = new Map<string | number, number>();
    const tokenWord: number[] = [];
    const tokenStart: number[] = [];
    const tokenEnd: number[] = [];
    const tokenBase: number[] = [0];
    const vocabularyIds = new Map<string, number>();
    let f = 0;
    for (let doc = 0; doc < this.documents; doc++) {
      this.fieldBase[doc] = f;
      const fields = texts[doc]!;
      for (let i = 0; i < fields.length; i++, f++) {
        const text = fields[i]!;
        const lower = text.toLowerCase();
        let id = this.stringIds.get(lower);
        if (id === undefined) {
          id = this.strings.length;
          this.stringIds.set(lower, id);
          this.strings.push(lower);
          forEachWord(text, lower, (word, start, end) => {
            let w = vocabularyIds.get(word);
            if (w === undefined) {
              w = this.vocabulary.length;
              vocabularyIds.set(word, w);
              this.vocabulary.push(word);
            }
            tokenWord.push(w);
            tokenStart.push(start);
            tokenEnd.push(end);
          });
          tokenBase.push(tokenWord.length);
        }
        this.fieldString[f] = id;
        this.fieldWeight[f] = weight(doc, i);
        const key = group(doc, i);
        let k = classOf.get(key);
        if (k === undefined) classOf.set(key, (k = Math.min(classOf.size, MAX_CLASSES - 1)));
        fieldClass[f] = k;
      }
    }
    this.fieldBase[this.documents] = f;
    const stringCount = this.strings.length;
    const wordCount = this.vocabulary.length;
    this.tokenBase = Int32Array.from(tokenBase);
    this.tokenWord = Int32Array.from(tokenWord);
    this.tokenStart = new Uint16Array(tokenStart.length);
    this.tokenEnd = new Uint16Array(tokenEnd.length);
    for (let t = 0; t < tokenStart.length; t++) {
      this.tokenStart[t] = Math.min(tokenStart[t]!, 0xffff);
      this.tokenEnd[t] = Math.min(tokenEnd[t]!, 0xffff);
    }

    this.holderBase = new Int32Array(stringCount + 1);
    for (let i = 0; i < fieldCount; i++) this.holderBase[this.fieldString[i]! + 1]!++;
    for (let s = 0; s < stringCount; s++) this.holderBase[s + 1]! += this.holderBase[s]!;
    this.holderDoc = new Int32Array(fieldCount);
    const nextHolder = this.holderBase.slice(0, stringCount);
    for (let doc = 0; doc < this.documents; doc++) {
      for (let i = this.fieldBase[doc]!; i < this.fieldBase[doc + 1]!; i++) this.holderDoc[nextHolder[this.fieldString[i]!]!++] = doc;
    }

    // Classes: the heaviest weight in each, times the most fields of it (with words) a document has.
    const classes = Math.min(classOf.size, MAX_CLASSES);
    const heaviest = new Float64Array(classes);
    const most = new Int32Array(classes);
    const count = new Int32Array(classes);
    this.stringClasses = new Int32Array(stringCount);
    for (let doc = 0; doc < this.documents; doc++) {
      count.fill(0);
      for (let i = this.fieldBase[doc]!; i < this.fieldBase[doc + 1]!; i++) {
        const s = this.fieldString[i]!;
        if (this.tokenBase[s + 1] === this.tokenBase[s]) continue; // no words: never matches
        const k = fieldClass[i]!;
        this.stringClasses[s]! |= 1 << k;
        if (this.fieldWeight[i]! > heaviest[k]!) heaviest[k] = this.fieldWeight[i]!;
        if (++count[k]! > most[k]!) most[k] = count[k]!;
      }
    }
    this.classBound = Float64Array.from(heaviest, (w, k) => w * most[k]!);

    // word → strings, each string once
    const lastString = new Int32Array(wordCount).fill(-1);
    this.postingBase = new Int32Array(wordCount + 1);
    for (let s = 0; s < stringCount; s++) {
      for (let t = this.tokenBase[s]!; t < this.tokenBase[s + 1]!; t++) {
        const w = this.tokenWord[t]!;
        if (lastString[w] === s) continue;
        lastString[w] = s;
        this.postingBase[w + 1]!++;
      }
    }
    for (let w = 0; w < wordCount; w++) this.postingBase[w + 1]! += this.postingBase[w]!;
    this.postings = new Int32Array(this.postingBase[wordCount]!);
    const nextPosting = this.postingBase.slice(0, wordCount);
    lastString.fill(-1);
    for (let s = 0; s < stringCount; s++) {
      for (let t = this.tokenBase[s]!; t < this.tokenBase[s + 1]!; t++) {
        const w = this.tokenWord[t]!;
        if (lastString[w] === s) continue;
        lastString[w] = s;
        this.postings[nextPosting[w]!++] = s;
      }
    }

    this.documentFrequency = new Int32Array(wordCount);
    const seen = new Int32Array(wordCount).fill(-1);
    for (let doc = 0; doc < this.documents; doc++) {
      for (let i = this.fieldBase[doc]!; i < this.fieldBase[doc + 1]!; i++) {
        const s = this.fieldString[i]!;
        for (let t = this.tokenBase[s]!; t < this.tokenBase[s + 1]!; t++) {
          const w = this.tokenWord[t]!;
          if (seen[w] !== doc) {
            seen[w] = doc;
            this.documentFrequency[w]!++;
          }
        }
      }
    }

    const gramWords = new Map<string, number[]>();
    for (let w = 0; w < wordCount; w++) {
      for (const g of trigrams(this.vocabulary[w]!)) {
        const list = gramWords.get(g);
        if (list) list.push(w);
        else gramWords.set(g, [w]);
      }
    }
    // One flat array for all the lists (a typed array each would cost more than its contents).
    this.gramBase = new Int32Array(gramWords.size + 1);
    let total = 0;
    for (const list of gramWords.values()) total += list.length;
    this.gramWords = new Int32Array(total);
    let g = 0;
    for (const [gram, list] of gramWords) {
      this.grams.set(gram, g);
      this.gramWords.set(list, this.gramBase[g]!);
      this.gramBase[++g] = this.gramBase[g - 1]! + list.length;
    }

    this.wordStamp = new Int32Array(wordCount);
    this.wordShared = new Int32Array(wordCount);
    this.entryStamp = new Int32Array(wordCount);
    this.entryHead = new Int32Array(wordCount);
    this.coverState = new Int32Array(stringCount * 2);
    this.listed = new Int32Array(stringCount);
    this.stringLevel = new Int32Array(stringCount);
    this.classNode = new Int32Array(classes);
    this.classLevel = new Int32Array(classes);
    this.classTerm = new Float64Array(classes);
    this.classHolder = new Int32Array(classes);
    this.readStamp = new Int32Array(stringCount);
    this.evaluated = new Int32Array(stringCount);
    this.plausible = new Int32Array(stringCount);
    this.stringLog = new Float64Array(stringCount);
    this.stringRarity = new Float64Array(stringCount);
    this.documentStamp = new Int32Array(this.documents);
    this.shortcutStamp = new Int32Array(this.documents);
    this.documentEstimate = new Float64Array(this.documents);
    this.documentRarity = new Float64Array(this.documents);
  }

  /** Documents worth scoring for `query`, best first. */
  candidates(query: string, limit: number): number[] {
    return this.rank(query, limit).map((c) => c.doc);
  }

  /** A field's text as Fuse is given it (lowercased). */
  text(doc: number, field: number): string {
    return this.strings[this.textId(doc, field)]!;
  }

  /** Identifies a field's text: equal ids, equal texts. */
  textId(doc: number, field: number): number {
    return this.fieldString[this.fieldBase[doc]! + field]!;
  }

  /**
   * The `limit` documents whose estimated Fuse score is best, each with the fields worth giving
   * Fuse. Ties (many documents can share a role or a product) go to the documents whose words
   * are rarer, then to document order.
   */
  rank(query: string, limit: number): Candidate[] {
    if (limit <= 0 || this.documents === 0) return [];
    const q = this.parse(query);
    if (!q) return [];
    this.epoch++;
    if (this.epoch === 1 << 25) this.resetStamps();
    const epoch = this.epoch;
    // Only strings whose similar words cover what a match needs are read (see readPostings and
    // sortByCover), and the one identical to the query: when there is none and the query's
    // words, each at its best, cannot cover that much, nothing can be found.
    if (!this.findSimilar(q, epoch)) return [];
    let found = this.classBound.length === 1 ? this.allWordsFirst(q, limit, epoch) : undefined;
    if (!found) {
      const listed = this.readPostings(q, epoch);
      this.sortByCover(q, listed);
      found = this.bestDocuments(q, limit, epoch);
    }
    const out: Candidate[] = [];
    for (const doc of this.sortDocuments(found).slice(0, limit)) {
      const fields: number[] = [];
      const base = this.fieldBase[doc]!;
      for (let i = base; i < this.fieldBase[doc + 1]!; i++) if (this.plausible[this.fieldString[i]!] === epoch) fields.push(i - base);
      out.push({ doc, fields });
    }
    return out;
  }

  private parse(query: string): Query | undefined {
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
      exact: this.stringIds.get(query.toLowerCase()) ?? -1,
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

  /**
   * Similar words of each query word: sharing enough trigrams (a typo or two keeps most), with
   * their edit distances to it. Returns whether their best gains can add up to what a match
   * needs (or a string is the query itself); it stops early once they cannot, leaving later
   * words' entries unfound.
   */
  private findSimilar(q: Query, epoch: number): boolean {
    let entries = 0;
    // The most the words not looked at yet can gain: all of their letters.
    let unseen = 0;
    for (const word of q.text) unseen += word.length;
    let gained = 0;
    for (let qi = 0; qi < q.r; qi++) {
      unseen -= q.text[qi]!.length;
      q.firstEntry.push(entries);
      const word = q.text[qi]!;
      const qGrams = trigrams(word);
      // Two letters swapped in a five-letter word leave it one trigram in common.
      const need = qGrams.length <= 5 ? 1 : Math.floor(qGrams.length * 0.4);
      let best = 0;
      // Shared trigrams are counted per query word: stamped with the search and the word (the
      // epoch stays below 1 << 25, so this stays within an int32).
      const stamp = epoch * MAX_QUERY_WORDS + qi;
      for (const gram of qGrams) {
        const g = this.grams.get(gram);
        if (g === undefined) continue;
        for (let i = this.gramBase[g]!; i < this.gramBase[g + 1]!; i++) {
          const w = this.gramWords[i]!;
          if (this.wordStamp[w] !== stamp) {
            this.wordStamp[w] = stamp;
            this.wordShared[w] = 0;
          }
          // Counted once, when the word reaches the bar.
          if (++this.wordShared[w]! !== need) continue;
          const t = this.vocabulary[w]!;
          if (t.length >= this.editRow.length) this.editRow = new Int32Array(t.length + 1);
          wordEdits(word, t, this.editRow, this.editOut);
          const gain = word.length - this.editOut[3]!;
          if (gain <= 0) continue;
          this.entryWord = grown(this.entryWord, entries + 1);
          this.entryQuery = grown(this.entryQuery, entries + 1);
          this.entryRarity = grown(this.entryRarity, entries + 1);
          this.entryNext = grown(this.entryNext, entries + 1);
          this.entryEdits = grown(this.entryEdits, (entries + 1) * 4);
          this.entryWord[entries] = w;
          this.entryQuery[entries] = qi;
          this.entryEdits.set(this.editOut, entries * 4);
          this.entryRarity[entries] = (gain / word.length) * Math.log(1 + this.documents / this.documentFrequency[w]!);
          entries++;
          if (gain > best) best = gain;
        }
      }
      q.maxGain.push(best);
      gained += best;
      if (gained + unseen < q.needMatch && q.exact < 0) return false;
    }
    q.firstEntry.push(entries);
    // Each vocabulary word's entries, in query order, for reading a string's words.
    for (let k = entries - 1; k >= 0; k--) {
      const w = this.entryWord[k]!;
      this.entryNext[k] = this.entryStamp[w] === epoch ? this.entryHead[w]! : -1;
      this.entryStamp[w] = epoch;
      this.entryHead[w] = k;
    }
    return true;
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
        const gain = q.text[qi]!.length - this.entryEdits[k * 4 + 3]!;
        if (gain === maxGain[qi]) {
          if (best !== -1) return undefined; // two best words: their union would be needed
          best = k;
        } else if (gain > second) second = gain;
      }
      // Only worth trying when every query word is in the vocabulary, give or take a typo.
      if (best === -1 || maxGain[qi]! < q.text[qi]!.length - 1) return undefined;
      levels += maxGain[qi]!;
      deficit = Math.min(deficit, maxGain[qi]! - second);
      lists.push(this.entryWord[best]!);
    }
    lists.sort((a, b) => this.postingBase[a + 1]! - this.postingBase[a]! - (this.postingBase[b + 1]! - this.postingBase[b]!));
    const bound = (c: number) => {
      const fewestEdits = Math.max(0, q.m - c - (r - 1));
      return c < q.needMatch || fewestEdits > q.matchEdits ? 0 : this.classBound[0]! * Math.log(Math.max(BEST_SCORE, fewestEdits / q.m));
    };
    const here = bound(levels);
    const elsewhere = bound(levels - deficit);
    if (here >= 0) return undefined;
    this.kth = grown(this.kth, limit);
    const kth = this.kth;
    let kept = 0;
    const found: number[] = [];
    const consider = (s: number): boolean => {
      for (let h = this.holderBase[s]!; h < this.holderBase[s + 1]!; h++) {
        const doc = this.holderDoc[h]!;
        if (this.shortcutStamp[doc] === epoch) continue;
        this.shortcutStamp[doc] = epoch;
        const estimate = this.estimateDocument(doc, q, epoch);
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
    const at = lists.map((w) => this.postingBase[w]!);
    for (let p = this.postingBase[first]!; !done && p < this.postingBase[first + 1]!; p++) {
      const s = this.postings[p]!;
      let all = true;
      for (let j = 1; j < lists.length && all; j++) {
        const w = lists[j]!;
        const stop = this.postingBase[w + 1]!;
        let i = at[j]!;
        while (i < stop && this.postings[i]! < s) i++;
        at[j] = i;
        all = i < stop && this.postings[i] === s;
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
        const w = this.entryWord[k]!;
        documents += this.documentFrequency[w]!;
        postings += this.postingBase[w + 1]! - this.postingBase[w]!;
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
      if (unread <= q.needMatch * UNREAD_GAIN && unreadPostings > this.strings.length * UNREAD_SHARE) break;
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
        listed = this.readWord(this.entryWord[k]!, len - this.entryEdits[k * 4 + 3]!, (epoch << 5) | (qi + 1), listAt, listed);
      }
    }
    return listed;
  }

  /** Adds a similar word's gain to the cover of the strings it is in (see readPostings). */
  private readWord(w: number, gain: number, mark: number, listAt: number, listed: number): number {
    // Per string two slots: the mark of its latest hit, and cover << 16 | that word's best gain.
    const state = this.coverState;
    const postings = this.postings;
    const stamp = mark & ~31;
    for (let p = this.postingBase[w]!, stop = this.postingBase[w + 1]!; p < stop; p++) {
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
    const classes = this.classBound.length;
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
      for (let mask = this.stringClasses[s]!, k = 0; mask !== 0; mask >>>= 1, k++) {
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
    const classes = this.classBound.length;
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
      term[k] = n === -1 ? 0 : this.classBound[k]! * (nodeString[n] === exact ? EXACT_LOG : levelLog[c]!);
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
        const estimate = this.estimateDocument(doc, q, epoch);
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
        if (this.readStamp[s] === epoch) from = this.holderBase[s + 1]!; // read through another class
        else {
          this.readStamp[s] = epoch;
          from = this.holderBase[s]!;
        }
      }
      const to = Math.min(from + HOLDER_BATCH, this.holderBase[s + 1]!);
      // Once the limit best estimates are in, a document bounded no better than the worst of
      // them would never be estimated (estimates only get better), so it is not kept.
      this.boundHolders(from, to, exact, epoch, kept === limit ? kth[limit - 1]! : Infinity);
      if (to < this.holderBase[s + 1]!) {
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
      const value = after === -1 ? 0 : this.classBound[k]! * (nodeString[after] === exact ? EXACT_LOG : levelLog[c]!);
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
    const { holderDoc, documentStamp, fieldBase, fieldString, fieldWeight, stringLevel } = this;
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

  /**
   * A document's estimate (the weighted log scores of its fields), or 1 when no field is worth
   * scoring; its rarity goes to documentRarity.
   */
  private estimateDocument(doc: number, q: Query, epoch: number): number {
    let estimate = 0;
    let rarity = 0;
    let any = false;
    for (let f = this.fieldBase[doc]!; f < this.fieldBase[doc + 1]!; f++) {
      const s = this.fieldString[f]!;
      if (!this.evaluate(s, q, epoch)) continue;
      any = true;
      estimate += this.fieldWeight[f]! * this.stringLog[s]!;
      rarity += this.fieldWeight[f]! * this.stringRarity[s]!;
    }
    this.documentEstimate[doc] = estimate;
    this.documentRarity[doc] = rarity;
    return any ? estimate : 1;
  }

  /**
   * Reads string `s` against the query (once per search) and returns whether Fuse may match the
   * query in it; if so, `stringLog[s]` is the log of its estimated Fuse score (0 when the estimate
   * is a near miss) and `stringRarity[s]` how rare the query words it has are.
   */
  private evaluate(s: number, q: Query, epoch: number): boolean {
    if (this.evaluated[s] === epoch) return this.plausible[s] === epoch;
    this.evaluated[s] = epoch;
    // The string's hits (entry, token) in token order, and its best gain per query word.
    const r = q.r;
    for (let qi = 0; qi < r; qi++) {
      this.gainByWord[qi] = 0;
      this.rarityByWord[qi] = 0;
    }
    let n = 0;
    const tokenBase = this.tokenBase[s]!;
    const tokens = this.tokenBase[s + 1]! - tokenBase;
    for (let t = 0; t < tokens && n < MAX_HITS_PER_STRING; t++) {
      const w = this.tokenWord[tokenBase + t]!;
      if (this.entryStamp[w] !== epoch) continue;
      for (let k = this.entryHead[w]!; k !== -1 && n < MAX_HITS_PER_STRING; k = this.entryNext[k]!) {
        this.hitEntry[n] = k;
        this.hitToken[n] = t;
        n++;
        const qi = this.entryQuery[k]!;
        const gain = q.end[qi]! - q.start[qi]! - this.entryEdits[k * 4 + 3]!;
        if (gain > this.gainByWord[qi]!) this.gainByWord[qi] = gain;
        if (this.entryRarity[k]! > this.rarityByWord[qi]!) this.rarityByWord[qi] = this.entryRarity[k]!;
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
    const edits = this.entryEdits;
    let best = m;
    for (let i = 0; i < n; i++) {
      const k = this.hitEntry[i]!;
      const qi = this.entryQuery[k]!;
      const e = k * 4;
      const t = this.hitToken[i]!;
      // Starting the chain here: the query before this word is deleted or replaced by the text
      // before the token; the query's first word may end a longer token.
      const lead = start[qi]! - Math.min(qi, t);
      const startFree = qi === 0 ? 1 : 0;
      let open = lead + edits[e + startFree]!; // the end of the token anchored
      let openFree = lead + edits[e + 2 + startFree]!; // the end of the token free (when last)
      for (let j = 0; j < i; j++) {
        const gq = this.entryQuery[this.hitEntry[j]!]!;
        const gt = this.hitToken[j]!;
        if (gq >= qi || gt >= t) continue;
        const queryGap = start[qi]! - end[gq]!;
        const textGap = this.tokenStart[tokenBase + t]! - this.tokenEnd[tokenBase + gt]!;
        const before = this.chainCost[j]! + Math.max(queryGap, textGap) - Math.min(qi - gq, t - gt);
        if (before + edits[e]! < open) open = before + edits[e]!;
        if (before + edits[e + 2]! < openFree) openFree = before + edits[e + 2]!;
      }
      this.chainCost[i] = open;
      // Ending the chain here: the rest of the query is deleted or replaced by the text after.
      const cost = qi === r - 1 ? openFree + (m - end[qi]!) : open + (m - end[qi]!) - Math.min(r - 1 - qi, tokens - 1 - t);
      if (cost < best) best = cost;
    }
    return best < 0 ? 0 : best;
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

  private sortDocuments(docs: number[]): number[] {
    return docs.sort((a, b) => (this.before(a, b) ? -1 : this.before(b, a) ? 1 : 0));
  }

  private resetStamps(): void {
    this.wordStamp.fill(0);
    this.entryStamp.fill(0);
    this.coverState.fill(0);
    this.readStamp.fill(0);
    this.evaluated.fill(0);
    this.plausible.fill(0);
    this.documentStamp.fill(0);
    this.shortcutStamp.fill(0);
    this.epoch = 1;
  }
}
