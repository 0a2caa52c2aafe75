// Words as the candidate index sees them: lowercased, accents dropped, letters and digits only;
// their trigrams (how similar words are found); and the edit distance between two words.
export const WORD = /[\p{L}\p{N}]+/gu;

const ASCII = /^[\x00-\x7f]*$/;

export function normalise(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Calls `each` with the words of `text` (as `words` splits it) and where they start and end in
 * its normalised form; `lower` is text.toLowerCase(). ASCII text, the common case, is split by
 * hand: it needs neither normalising nor a regular expression.
 */
export function forEachWord(text: string, lower: string, each: (word: string, start: number, end: number) => void): void {
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

export function trigrams(word: string): string[] {
  const padded = `^${word}$`;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return [...out];
}

/**
 * Edit distances of word `p` to word `t`, in the four ways a word can sit in a phrase match:
 * [whole to whole, the start of t left over, the end of t left over, both] (the query's first
 * word may end a longer word of the field, its last word may begin one).
 */
export function wordEdits(p: string, t: string, row: Int32Array, out: Int32Array): void {
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
        row[j] = Math.min(sub, del, ins);
        diag = up;
      }
    }
    let best = row[n]!;
    for (let j = 0; j < n; j++) if (row[j]! < best) best = row[j]!;
    out[free] = row[n]!; // the end of t anchored
    out[2 + free] = best; // the end of t free
  }
}
