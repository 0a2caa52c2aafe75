// Counting what a reader (and a platform) sees: graphemes (domain/graphemes.ts), emoji, scripts,
// links, hashtags.
// Platforms that define their own weighting (X, SMS) are counted with their own libraries
// in channels/check.ts; everything else counts user-perceived characters.

import { graphemeCount, graphemes, takeGraphemes } from '../../domain/graphemes.js';

export { graphemeCount, graphemes, takeGraphemes };

// ©, ® and ™ are "pictographic" in Unicode but read as text symbols, and platforms treat them so.
const TEXT_SYMBOLS = new Set(['©', '®', '™']);
const EMOJI_RE = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20E3/u;

export function isEmoji(grapheme: string): boolean {
  return !TEXT_SYMBOLS.has(grapheme) && EMOJI_RE.test(grapheme);
}

export function emojiIn(text: string): string[] {
  if (!EMOJI_RE.test(text)) return [];
  return graphemes(text).filter(isEmoji);
}

/** Scripts TikTok counts against its shorter limit ("Asian scripts"): CJK, kana, Hangul, Thai, Lao, Khmer, Myanmar. */
const ASIAN_RE = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/**
 * User-perceived characters of Asian scripts in the text: a Thai consonant with its vowel and
 * tone marks, or a Korean syllable typed as separate jamo, is one character, as the reader sees it.
 */
export function asianScriptCount(text: string): number {
  if (!/[^\x00-\u0dff]/.test(text)) return 0;
  let n = 0;
  for (const g of graphemes(text)) if (ASIAN_RE.test(g)) n++;
  return n;
}

// East Asian Wide and Fullwidth code points (Unicode UAX #11): Hangul jamo and syllables, CJK
// ideographs and punctuation, kana, full-width forms. Google Ads counts each as 2 ("double-width").
const WIDE_RE =
  /^[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uA960-\uA97F\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u;

/** A grapheme is double-width when its base character is East Asian Wide or Fullwidth. */
export function isDoubleWidth(grapheme: string): boolean {
  return WIDE_RE.test(grapheme);
}

/** Length as Google Ads counts it: one per character, two per double-width character. */
export function doubleWidthLength(text: string): { length: number; wide: number } {
  if (ASCII_ONLY.test(text)) return { length: graphemeCount(text), wide: 0 };
  let length = 0;
  let wide = 0;
  for (const g of graphemes(text)) {
    if (isDoubleWidth(g)) {
      wide++;
      length += 2;
    } else length++;
  }
  return { length, wide };
}
const ASCII_ONLY = /^[\x00-\x7F]*$/;

const CHAR_NAMES: Record<string, string> = {
  '\t': 'a tab',
  '\u00A0': 'a non-breaking space',
  '\u00AD': 'a soft hyphen',
  '\u200B': 'a zero-width space',
  '\u200C': 'a zero-width non-joiner',
  '\u200D': 'a zero-width joiner',
  '\u2028': 'a line separator',
  '\u2029': 'a paragraph separator',
  '\u202F': 'a narrow non-breaking space',
  '\uFEFF': 'a byte-order mark',
  '\uFFFE': 'a non-character (U+FFFE)',
};

/**
 * How to show one character in a message: itself in quotes when it can be seen, else its name
 * and code point, so a non-breaking space is not quoted as an empty-looking " ".
 */
export function showChar(ch: string): string {
  const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  const named = CHAR_NAMES[ch];
  if (named) return `${named} (${code})`;
  if (/^[\p{Z}\p{C}\p{M}]/u.test(ch)) return /^\p{M}/u.test(ch) ? `a combining mark (${code})` : `an invisible character (${code})`;
  return `"${ch}"`;
}

export interface ScriptMix {
  letters: number;
  latin: number;
  /** The most frequent non-Latin script among the letters, when there is one. */
  otherScript: string | null;
  otherShare: number;
}

const SCRIPT_NAMES = [
  'Han',
  'Hiragana',
  'Katakana',
  'Hangul',
  'Cyrillic',
  'Greek',
  'Arabic',
  'Hebrew',
  'Devanagari',
  'Thai',
  'Bengali',
  'Tamil',
  'Georgian',
  'Armenian',
] as const;
const SCRIPT_RES = SCRIPT_NAMES.map((name) => [name, new RegExp(`\\p{Script=${name}}`, 'u')] as const);

/** How much of the text's letters are Latin; the engine's language analysis reads English only. */
export function scriptMix(text: string): ScriptMix {
  let letters = 0;
  let latin = 0;
  const others = new Map<string, number>();
  for (const ch of text) {
    if (!/\p{L}/u.test(ch)) continue;
    letters++;
    if (/\p{Script=Latin}/u.test(ch)) {
      latin++;
      continue;
    }
    const name = SCRIPT_RES.find(([, re]) => re.test(ch))?.[0] ?? 'non-Latin';
    others.set(name, (others.get(name) ?? 0) + 1);
  }
  let otherScript: string | null = null;
  let best = 0;
  for (const [name, n] of others) if (n > best) [otherScript, best] = [name, n];
  return { letters, latin, otherScript, otherShare: letters === 0 ? 0 : (letters - latin) / letters };
}

export interface Span {
  text: string;
  start: number;
  end: number;
}

// Links with or without a scheme: "https://x.co/a", "www.x.com", "pawsure.example/q".
// A bare domain needs a letter-only top-level part of 2+ letters, so "e.g." and "2.5" are not links.
const URL_RE =
  /\b(?:https?:\/\/[^\s<>"']+|www\.[^\s<>"']+|(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24}(?::\d+)?\/[^\s<>"']*|(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:com|org|net|io|co|app|dev|ai|shop|store|example|uk|de|fr|es|it|nl|eu|us|ca|au|info|biz|me|ly|gl|gg|tv)\b)/gi;

export function findUrls(text: string): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(URL_RE)) {
    // A trailing full stop or closing bracket belongs to the sentence, not to the link.
    const raw = m[0].replace(/[.,;:!?)\]]+$/, '');
    out.push({ text: raw, start: m.index, end: m.index + raw.length });
  }
  return out;
}

export function findHashtags(text: string): Span[] {
  return [...text.matchAll(/(?<![\p{L}\p{N}_&])#[\p{L}\p{N}_]+/gu)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
}

export function findMentions(text: string): Span[] {
  // An @ inside an e-mail address (name@host) is not a mention.
  return [...text.matchAll(/(?<![\p{L}\p{N}_.])@[\p{L}\p{N}_.]+/gu)].map((m) => ({
    text: m[0].replace(/\.+$/, ''),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** A short quotable excerpt: the whole text when short, else its start with an ellipsis. */
/**
 * `text` on one line, at most `max` characters: cut at the last word boundary that keeps most
 * of it (never mid-word, unless one word is longer than that), with an ellipsis.
 */
export function quote(text: string, max = 60): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (graphemeCount(clean) <= max) return clean;
  const kept = takeGraphemes(clean, max - 1);
  const space = kept.lastIndexOf(' ');
  const cut = space >= kept.length * 0.6 ? kept.slice(0, space) : kept;
  return `${cut.replace(/[\s,;:.–—-]+$/u, '')}…`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
