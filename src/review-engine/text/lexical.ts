// The lexical signal: how much of a persona statement's vocabulary a piece of the draft uses,
// each word weighted by its BM25 inverse document frequency over the workspace's persona
// statements (a word every job uses says little; a rare one says a lot). Words are matched on
// their Porter stem or lemma, so "campaigns" meets "campaign" and "paid" meets "pay". Each word's
// weight is also scaled by how specific it is in everyday English (commonness.ts), so that a
// word everyone says ("time", "now", "get") never carries a statement on its own.
import { specificity } from './commonness.js';
import { contentTokens } from './language.js';

interface DocToken {
  doc: number;
  value: string;
  keys: string[];
  idf: number;
}

export class LexicalIndex {
  private readonly tokens: DocToken[] = [];
  private readonly postings = new Map<string, number[]>();
  private readonly byDoc: number[][];
  private readonly totals: Float64Array;
  readonly size: number;

  constructor(texts: readonly string[]) {
    this.size = texts.length;
    const perDoc = texts.map((t) => {
      // One entry per distinct word of the statement.
      const seen = new Set<string>();
      return contentTokens(t).filter((tok) => (seen.has(tok.keys[0]!) ? false : (seen.add(tok.keys[0]!), true)));
    });
    const df = new Map<string, number>();
    for (const toks of perDoc) for (const tok of toks) df.set(tok.keys[0]!, (df.get(tok.keys[0]!) ?? 0) + 1);
    const n = Math.max(texts.length, 1);
    this.totals = new Float64Array(texts.length);
    this.byDoc = perDoc.map(() => []);
    perDoc.forEach((toks, doc) => {
      for (const tok of toks) {
        const d = df.get(tok.keys[0]!) ?? 1;
        const idf = Math.log(1 + (n - d + 0.5) / (d + 0.5)) * specificity(tok.keys);
        const id = this.tokens.length;
        this.tokens.push({ doc, value: tok.value, keys: tok.keys, idf });
        this.byDoc[doc]!.push(id);
        this.totals[doc]! += idf;
        for (const key of tok.keys) {
          const list = this.postings.get(key);
          if (list) list.push(id);
          else this.postings.set(key, [id]);
        }
      }
    });
  }

  /**
   * For each draft piece (given as its set of word keys), the share of every statement's
   * weighted vocabulary it contains: `out[piece][doc]`, 0–1.
   */
  coverage(pieces: ReadonlyArray<ReadonlySet<string>>): Float32Array[] {
    const stamp = new Int32Array(this.tokens.length).fill(-1);
    return pieces.map((keys, p) => {
      const out = new Float32Array(this.size);
      for (const key of keys) {
        const ids = this.postings.get(key);
        if (!ids) continue;
        for (const id of ids) {
          if (stamp[id] === p) continue;
          stamp[id] = p;
          const tok = this.tokens[id]!;
          out[tok.doc]! += tok.idf / (this.totals[tok.doc] || 1);
        }
      }
      return out;
    });
  }

  /** The statement words a piece of the draft shares with statement `doc`, for explanations. */
  sharedWords(doc: number, keys: ReadonlySet<string>): string[] {
    const out: string[] = [];
    for (const id of this.byDoc[doc] ?? []) {
      const tok = this.tokens[id]!;
      if (tok.keys.some((k) => keys.has(k))) out.push(tok.value.toLowerCase());
    }
    return out;
  }
}

/** The word keys (stems and lemmas) of a piece of draft text. */
export function draftKeys(text: string): Set<string> {
  const out = new Set<string>();
  for (const tok of contentTokens(text)) for (const k of tok.keys) out.add(k);
  return out;
}
