// The candidate index's data, built once from the documents' field texts and only read by
// searches (candidates.ts): each distinct field text ("string") with its words, which strings
// each document's fields are, which documents hold each string, and per vocabulary word the
// strings it is in and per trigram the words that have it. Everything is in flat typed arrays
// (lists of lists as offsets into one array: "CSR"), which keeps 10,000 personas and 50,000
// jobs to a few tens of megabytes and lets a search read it without making garbage.
import { forEachWord, trigrams } from './words.js';

/** Classes of fields kept apart (one bit each in an int32); further groups share the last class. */
const MAX_CLASSES = 31;

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

export class WordIndex {
  readonly documents: number;

  // Distinct field strings (lowercased, as Fuse compares them) and their words (CSR).
  readonly stringIds = new Map<string, number>();
  readonly strings: string[] = [];
  readonly tokenBase: Int32Array;
  readonly tokenWord: Int32Array;
  // Offsets of a token's first character and after its last (fields are at most a few hundred
  // characters; past 65,535 the offsets saturate, which only blurs an estimate).
  readonly tokenStart: Uint16Array;
  readonly tokenEnd: Uint16Array;

  // Document → its field strings and weights (CSR); string → the documents holding it.
  readonly fieldBase: Int32Array;
  readonly fieldString: Int32Array;
  readonly fieldWeight: Float64Array;
  readonly holderBase: Int32Array;
  readonly holderDoc: Int32Array;

  // Classes of fields (see FieldOptions.group): per class, its heaviest weight times the most
  // fields of it a document has (what a document can get from the class, per unit of a field's
  // log score), and per string the classes it is a field of, one bit each.
  readonly classBound: Float64Array;
  readonly stringClasses: Int32Array;

  // Vocabulary: word → the strings it is in (CSR), documents having it; trigram → words.
  readonly vocabulary: string[] = [];
  readonly postingBase: Int32Array;
  readonly postings: Int32Array;
  readonly documentFrequency: Int32Array;
  readonly grams = new Map<string, number>(); // trigram → its words: gramWords[gramBase[g]..gramBase[g + 1])
  readonly gramBase: Int32Array;
  readonly gramWords: Int32Array;

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
  }

  /** Identifies a field's text: equal ids, equal texts. */
  textId(doc: number, field: number): number {
    return this.fieldString[this.fieldBase[doc]! + field]!;
  }

  /** A field's text as Fuse is given it (lowercased). */
  text(doc: number, field: number): string {
    return this.strings[this.textId(doc, field)]!;
  }
}
