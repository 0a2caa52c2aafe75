// The first step of a search: for each query word, the vocabulary words similar to it (sharing
// enough trigrams, a typo or two keeps most), with their edit distances to it and how much each
// says (rarity times closeness). These "entries" are what the later steps read strings by.
import type { Query } from './query.js';
import { MAX_QUERY_WORDS } from './query.js';
import { grown } from './scratch.js';
import type { WordIndex } from './word-index.js';
import { trigrams, wordEdits } from './words.js';

export class SimilarWords {
  // Per vocabulary word: stamped with the search and query word, how many trigrams it shares.
  private readonly wordStamp: Int32Array;
  private readonly wordShared: Int32Array;
  // The entries, written by find() and read by the later steps of the same search: the
  // vocabulary word, the query word, the four edit distances of wordEdits, how much the word
  // says, and the next entry of the same vocabulary word (vocabulary word → first entry:
  // entryHead, valid where entryStamp is the search's epoch). Grown as needed.
  entryWord = new Int32Array(256);
  entryQuery = new Int32Array(256);
  entryEdits = new Int32Array(1024);
  entryRarity = new Float64Array(256);
  entryNext = new Int32Array(256);
  readonly entryStamp: Int32Array;
  readonly entryHead: Int32Array;
  private editRow = new Int32Array(64);
  private readonly editOut = new Int32Array(4);

  constructor(private readonly index: WordIndex) {
    const words = index.vocabulary.length;
    this.wordStamp = new Int32Array(words);
    this.wordShared = new Int32Array(words);
    this.entryStamp = new Int32Array(words);
    this.entryHead = new Int32Array(words);
  }

  /**
   * Similar words of each query word: sharing enough trigrams (a typo or two keeps most), with
   * their edit distances to it. Returns whether their best gains can add up to what a match
   * needs (or a string is the query itself); it stops early once they cannot, leaving later
   * words' entries unfound.
   */
  find(q: Query, epoch: number): boolean {
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
        const g = this.index.grams.get(gram);
        if (g === undefined) continue;
        for (let i = this.index.gramBase[g]!; i < this.index.gramBase[g + 1]!; i++) {
          const w = this.index.gramWords[i]!;
          if (this.wordStamp[w] !== stamp) {
            this.wordStamp[w] = stamp;
            this.wordShared[w] = 0;
          }
          // Counted once, when the word reaches the bar.
          if (++this.wordShared[w]! !== need) continue;
          const t = this.index.vocabulary[w]!;
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
          this.entryRarity[entries] = (gain / word.length) * Math.log(1 + this.index.documents / this.index.documentFrequency[w]!);
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

  /** Clears the stamps when the search epoch starts over. */
  reset(): void {
    this.wordStamp.fill(0);
    this.entryStamp.fill(0);
  }
}
