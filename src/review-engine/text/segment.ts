// Splits a draft into the pieces the models compare with persona statements: the whole draft,
// its lines and sentences, and the phrases inside sentences. Every piece keeps its offsets in
// the draft, so the phrase that carries a job can be quoted back verbatim as evidence.
import { emojiIn, findUrls } from './counting.js';
import { emojiWords } from './emoji-words.js';
import { withoutOffers } from './offer.js';

export type SegmentKind = 'whole' | 'sentence' | 'phrase';

export interface Segment {
  /** The draft's own words, as quoted back to the user. */
  text: string;
  /** What the models read: links and hashtag signs removed, emoji as the thing they name or removed. */
  clean: string;
  start: number;
  end: number;
  kind: SegmentKind;
}

/** Field labels people put in front of a line of a draft ("Subject: …", "Headline 2: …"). */
export const FIELD_LABEL_RE =
  /^\s*(subject(?:\s*line)?|preheader|preview(?:\s*text)?|headline|description|desc|display\s*path|path|primary\s*text|body|h\d{1,2}|d\d)\s*\d{0,2}\s*[:：]\s*/i;

const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
const ABBREVIATION_RE = /(?:^|\s)(?:dr|mr|mrs|ms|st|vs|etc|e\.g|i\.e|approx|no|inc|ltd|co)\.\s*$/i;
// Where a sentence breaks into phrases: commas, semicolons, colons, dashes, and a few
// conjunctions that usually start a new claim.
const PHRASE_BREAK_RE = /\s*[,;:]\s+|\s+[-–—]\s+|\s*[—–]\s*|\s+(?=(?:and|but|so|while|because|or|plus|then)\s)/gi;
const LEADING_JOINER_RE = /^(?:(?:and|but|so|while|because|or|plus|then)\s+)+/i;

interface Range {
  start: number;
  end: number;
}

/** Above this length the whole draft is not a piece of its own. */
export const WHOLE_MAX_CHARACTERS = 240;

export interface SegmentOptions {
  /** Upper bound on segments (they are embedded in one batch). */
  maxSegments: number;
}

export function segmentDraft(text: string, options: SegmentOptions = { maxSegments: 16 }): Segment[] {
  const lines = contentLines(text);
  const sentences: Range[] = lines.flatMap((line) => splitSentences(text, line));
  const phrases: Range[] = sentences.flatMap((s) => splitPhrases(text, s));

  const out: Segment[] = [];
  const seen = new Set<string>();
  const add = (r: Range, kind: SegmentKind) => {
    if (out.length >= options.maxSegments) return;
    const raw = text.slice(r.start, r.end);
    const { clean, hasWords } = modelText(raw);
    if (!hasWords) return;
    const key = clean.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ text: raw, clean, start: r.start, end: r.end, kind });
  };
  if (lines.length > 0) {
    const whole = { start: lines[0]!.start, end: lines[lines.length - 1]!.end };
    const raw = lines.map((l) => text.slice(l.start, l.end)).join(' ');
    const { clean, hasWords } = modelText(raw);
    // The whole draft is one more view when it is short; a long one is read sentence by sentence
    // (embedding it would cost more than all its sentences together).
    if (hasWords && sentences.length > 1 && clean.length <= WHOLE_MAX_CHARACTERS) {
      seen.add(clean.toLowerCase());
      out.push({ text: text.slice(whole.start, whole.end), clean, start: whole.start, end: whole.end, kind: 'whole' });
    }
  }
  for (const s of sentences) add(s, 'sentence');
  for (const p of phrases) add(p, 'phrase');
  return out;
}

/** Non-empty lines with any field label ("Subject:") left out of the range. */
export function contentLines(text: string): Range[] {
  const out: Range[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const label = FIELD_LABEL_RE.exec(line);
    const startInLine = label ? label[0].length : 0;
    const r = trimRange(text, offset + startInLine, offset + line.length);
    if (r.end > r.start) out.push(r);
    offset += line.length + 1;
  }
  return out;
}

function splitSentences(text: string, line: Range): Range[] {
  const slice = text.slice(line.start, line.end);
  const raw: Range[] = [];
  for (const { segment, index } of sentenceSegmenter.segment(slice)) {
    raw.push({ start: line.start + index, end: line.start + index + segment.length });
  }
  // ICU breaks after "Dr." and "e.g.": glue those back to the next sentence. It also makes a
  // sentence of an emoji after the full stop ("…living room. 📱"), which belongs to the one before.
  const merged: Range[] = [];
  for (const r of raw) {
    const prev = merged[merged.length - 1];
    if (prev && (ABBREVIATION_RE.test(text.slice(prev.start, prev.end)) || !/[\p{L}\p{N}]/u.test(text.slice(r.start, r.end)))) prev.end = r.end;
    else merged.push({ ...r });
  }
  return merged.map((r) => trimRange(text, r.start, r.end)).filter((r) => r.end > r.start);
}

function splitPhrases(text: string, sentence: Range): Range[] {
  const slice = text.slice(sentence.start, sentence.end);
  // Each part remembers whether the break before it was punctuation (strong) or a conjunction (weak).
  const parts: Array<Range & { weakBefore: boolean }> = [];
  let last = 0;
  let weak = false;
  for (const m of slice.matchAll(PHRASE_BREAK_RE)) {
    if (m.index === 0 && m[0].length === 0) continue;
    parts.push({ start: sentence.start + last, end: sentence.start + m.index, weakBefore: weak });
    last = m.index + m[0].length;
    weak = /^\s+$/.test(m[0]);
  }
  parts.push({ start: sentence.start + last, end: sentence.end, weakBefore: weak });
  const cleaned = parts.map((p) => ({ ...stripJoiner(text, trimRange(text, p.start, p.end)), weakBefore: p.weakBefore })).filter((p) => p.end > p.start);
  // A short lead-in before a colon ("Pawsure:", "POV:", "Finance leads:") labels the sentence;
  // it is not part of the claim that follows.
  let labelled = false;
  if (cleaned.length > 1 && wordCount(text.slice(cleaned[0]!.start, cleaned[0]!.end)) < 3 && /^\s*:/.test(text.slice(cleaned[0]!.end, cleaned[1]!.start))) {
    cleaned.shift();
    labelled = true;
  }
  // Fold fragments of fewer than three words into a neighbour ("Breathe." alone is a sentence,
  // but ", done" is not a claim), across the weaker of the two breaks around it.
  let changed = true;
  while (changed && cleaned.length > 1) {
    changed = false;
    for (let i = 0; i < cleaned.length; i++) {
      const p = cleaned[i]!;
      if (wordCount(text.slice(p.start, p.end)) >= 3) continue;
      const prev = cleaned[i - 1];
      const next = cleaned[i + 1];
      const intoNext = next && (!prev || (next.weakBefore && !p.weakBefore));
      if (intoNext) {
        next.start = p.start;
        next.weakBefore = p.weakBefore;
      } else if (prev) prev.end = p.end;
      cleaned.splice(i, 1);
      changed = true;
      break;
    }
  }
  if (cleaned.length < (labelled ? 1 : 2)) return [];
  return cleaned.map((p) => trimRange(text, p.start, p.end));
}

function stripJoiner(text: string, r: Range): Range {
  const m = LEADING_JOINER_RE.exec(text.slice(r.start, r.end));
  return m ? { start: r.start + m[0].length, end: r.end } : r;
}

function trimRange(text: string, start: number, end: number): Range {
  while (start < end && /[\s"'“”‘’(]/.test(text[start]!)) start++;
  while (end > start && /[\s,;:(\-–—]/.test(text[end - 1]!)) end--;
  return { start, end };
}

function wordCount(s: string): number {
  return (s.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? []).length;
}

/**
 * What the models read of a piece: links, offer phrases (offer.ts: codes, "% off", prices) and
 * hashtag and mention signs removed, an emoji that names a thing as its name ("🐶" as "dog"),
 * the others dropped. `hasWords`: whether the piece has words of its own, not counting emoji
 * names or offers ("🐶🎉" or "20% off with code SAVE20" alone is no claim to judge).
 */
export function modelText(raw: string): { clean: string; hasWords: boolean } {
  let out = raw;
  for (const u of findUrls(raw).reverse()) out = out.slice(0, u.start) + ' ' + out.slice(u.end);
  out = withoutOffers(out);
  // No emoji is a letter, so the letters left once the links are gone are the piece's own.
  const hasWords = /\p{L}/u.test(out);
  for (const e of new Set(emojiIn(out))) out = out.split(e).join(` ${emojiWords(e) ?? ''} `);
  out = out.replace(/[#@](?=[\p{L}\p{N}])/gu, '');
  return {
    clean: out
      .replace(/\s+/g, ' ')
      .replace(/\s+([.,!?;:])/g, '$1')
      .trim(),
    hasWords,
  };
}
