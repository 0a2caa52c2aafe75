// English language analysis with wink-nlp and its English model: tokens, stems, lemmas,
// part of speech and readability. Loaded on first use (about 0.1 s) and shared.
import winkNLP from 'wink-nlp';
import type { ItsHelpers, ReadabilityStats, WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

let nlp: WinkMethods | null = null;
let its: ItsHelpers | null = null;

function load(): { nlp: WinkMethods; its: ItsHelpers } {
  if (!nlp || !its) {
    nlp = winkNLP(model);
    its = nlp.its;
  }
  return { nlp, its };
}

export interface Token {
  value: string;
  lower: string;
  /** Porter stem (when it begins the word), lemma and the word: a persona word matches a draft word when any agrees. */
  keys: string[];
  pos: string;
  stop: boolean;
  /** A word (or number), not punctuation, emoji or symbol. */
  word: boolean;
}

export function tokenize(text: string): Token[] {
  if (!text.trim()) return [];
  const { nlp, its } = load();
  const doc = nlp.readDoc(text);
  const values = doc.tokens().out() as string[];
  const types = doc.tokens().out(its.type) as string[];
  // The typings of the stem and lemma helpers do not match out()'s signature; they work as documented.
  const stems = doc.tokens().out(its.stem as never) as string[];
  const lemmas = doc.tokens().out(its.lemma as never) as string[];
  const pos = doc.tokens().out(its.pos) as string[];
  const stop = doc.tokens().out(its.stopWordFlag) as unknown as boolean[];
  return values.map((value, i) => {
    const lower = value.toLowerCase();
    const stem = stems[i]!.toLowerCase();
    const lemma = lemmas[i]!.toLowerCase();
    // Porter cuts "busy" to "busi", the stem of "business" too: a stem that is not how the word
    // (or its lemma) begins was rewritten, not cut, and may be another word's. Such a word is
    // matched by its lemma and itself only ("cities" keeps "citi": it begins the word).
    const stemKept = lower.startsWith(stem) || lemma.startsWith(stem);
    const keys = [...new Set(stemKept ? [stem, lemma, lower] : [lemma, lower])];
    return { value, lower, keys, pos: pos[i]!, stop: stop[i]!, word: types[i] === 'word' || types[i] === 'number' };
  });
}

/** Content words: not stop words, at least two characters, not punctuation. */
export function contentTokens(text: string): Token[] {
  return tokenize(text).filter((t) => t.word && !t.stop && t.lower.length >= 2);
}

export interface Readability {
  /** Flesch reading ease, 0–100: 60–70 is plain English (about grade 8). */
  readingEase: number;
  words: number;
  sentences: number;
  complexWords: string[];
}

export function readability(text: string): Readability {
  const { nlp, its } = load();
  // wink-nlp splits a letter from a combining accent typed after it ("e" + U+0301): decomposed
  // text would read as hundreds of one-letter words and sentences. Compose it first (NFC).
  const stats = nlp.readDoc(text.normalize('NFC')).out(its.readabilityStats) as unknown as ReadabilityStats;
  return {
    readingEase: stats.fres,
    words: stats.numOfWords,
    sentences: stats.numOfSentences,
    complexWords: Object.keys(stats.complexWords),
  };
}
