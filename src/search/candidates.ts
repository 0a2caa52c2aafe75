// A trigram pre-filter in front of Fuse. Fuse scores every document it holds on every query
// (about 600 ms at 10,000 personas on two cores); this index narrows a query to the few
// hundred documents that share word fragments with it, and Fuse scores only those. Fuse's
// bitap score of a document does not depend on the rest of the collection, so ranking the
// candidates gives the same order as ranking everything, as long as no real match is dropped.

const WORD = /[\p{L}\p{N}]+/gu;

export function words(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .match(WORD) ?? []
  );
}

function trigrams(word: string): string[] {
  const padded = `^${word}$`;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return [...out];
}

/** A query word whose matches cover more than this share of the documents does not narrow anything. */
const COMMON_SHARE = 0.3;

/** The `k` highest-scoring documents, best first (ties by document order), without sorting them all. */
function topK(scores: Map<number, number>, k: number): number[] {
  const better = (a: [number, number], b: [number, number]) => a[1] > b[1] || (a[1] === b[1] && a[0] < b[0]);
  const kept: Array<[number, number]> = [];
  for (const entry of scores) {
    if (kept.length < k) {
      kept.push(entry);
      if (kept.length === k) kept.sort((a, b) => (better(a, b) ? -1 : 1));
    } else if (better(entry, kept[k - 1]!)) {
      // Insert in order; k is small (tens), so a linear insert beats a heap here.
      let i = k - 1;
      while (i > 0 && better(entry, kept[i - 1]!)) i--;
      kept.splice(i, 0, entry);
      kept.pop();
    }
  }
  if (kept.length < k) kept.sort((a, b) => (better(a, b) ? -1 : 1));
  return kept.map(([doc]) => doc);
}

export class CandidateIndex {
  /** word → documents containing it */
  private readonly postings = new Map<string, number[]>();
  /** trigram → words containing it */
  private readonly grams = new Map<string, string[]>();

  private readonly documents: number;

  constructor(texts: string[][]) {
    this.documents = texts.length;
    texts.forEach((fields, doc) => {
      const seen = new Set<string>();
      for (const field of fields) for (const w of words(field)) seen.add(w);
      for (const w of seen) {
        let list = this.postings.get(w);
        if (!list) {
          list = [];
          this.postings.set(w, list);
          for (const g of trigrams(w)) {
            const ws = this.grams.get(g);
            if (ws) ws.push(w);
            else this.grams.set(g, [w]);
          }
        }
        list.push(doc);
      }
    });
  }

  /**
   * Documents worth scoring for `query`, best first: each query word credits the documents
   * holding a similar word (sharing at least 40% of its trigrams; a typo or two keeps most),
   * weighted by how rare that word is. Words found in most documents ("and", "the") say little
   * about which document is meant and are skipped when the query has rarer ones: they would
   * only cost time.
   */
  candidates(query: string, limit: number): number[] {
    const total = Math.max(1, this.documents);
    const perWord: Array<Map<number, number>> = [];
    for (const q of new Set(words(query))) {
      const qGrams = trigrams(q);
      const shared = new Map<string, number>();
      for (const g of qGrams) for (const w of this.grams.get(g) ?? []) shared.set(w, (shared.get(w) ?? 0) + 1);
      const need = Math.max(1, Math.ceil(qGrams.length * 0.4));
      // Per document, the best rarity-weighted similarity of any of its words to this query word.
      const best = new Map<number, number>();
      for (const [w, n] of shared) {
        if (n < need) continue;
        const postings = this.postings.get(w)!;
        const similarity = n / Math.max(qGrams.length, trigrams(w).length);
        const weight = similarity * Math.log(1 + total / postings.length);
        for (const doc of postings) if ((best.get(doc) ?? 0) < weight) best.set(doc, weight);
      }
      if (best.size > 0) perWord.push(best);
    }
    const informative = perWord.filter((m) => m.size <= total * COMMON_SHARE);
    const used = informative.length > 0 ? informative : perWord;
    const scores = new Map<number, number>();
    for (const best of used) for (const [doc, s] of best) scores.set(doc, (scores.get(doc) ?? 0) + s);
    return topK(scores, limit);
  }
}
