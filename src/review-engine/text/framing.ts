// How a draft is framed: functional (what it does, numbers, features, an offer) or emotional
// (feelings, identity, relief), whether it carries a call to action, and how readable it is.
// Channels weigh these differently (search wants the functional answer to a problem, Meta and
// Instagram an emotional hook). Word lists are general English marketing vocabulary.
import type { JobKind } from '../../domain/persona.js';
import { emojiIn, findUrls } from './counting.js';
import { readability } from './language.js';

const FUNCTIONAL_WORDS = new Set(
  'automate automatic automatically sync syncs synced track tracks tracking connect connects integrate integrates integration compare filter schedule schedules scheduling book booking order orders install installs setup configure manage plan plans planned organise organize reconcile reconciles scan scanning report reports export import monitor monitors control controls calculate deliver delivered delivery ship ships shipping save saves saving cost costs price prices pricing free trial discount quote feature features dashboard app tool tools step steps faster fast quick quickly instantly offline online update updates updated measure measures attribution data workflow template templates checklist guide routes route'.split(
    ' ',
  ),
);
const EMOTIONAL_WORDS = new Set(
  'feel feels feeling felt worry worries worried worrying stress stressed stressful calm peace confident confidence fear scared afraid anxious anxiety proud pride love loved happy happiness joy guilt guilty dread dreading lonely alone safe safety trust trusted belong belonging dream dreams finally breathe relax relaxed relief overwhelmed overwhelm miss hope imagine deserve excited brave heart panic sure secure comfort comfortable nervous embarrassed shame courage freedom smile smiles cheer'.split(
    ' ',
  ),
);
const EMOTIONAL_PHRASES = [
  /\bno more\b/i,
  /\bnever again\b/i,
  /\bpeace of mind\b/i,
  /\bno second thoughts?\b/i,
  /\bwithout (?:the )?(?:worry|stress|panic|guilt|dread)\b/i,
  /\byou(?:'ve| have) got this\b/i,
];

// Imperative openers that ask the reader to act, at the start of a sentence, line or clause.
const CTA_RE =
  /(?:^|[.!?:;—–-]\s*|\n\s*)((?:get|try|start|book|shop|buy|order|sign up|join|download|install|learn more|discover|claim|subscribe|register|apply|call|visit|tap|click|reorder|upgrade|request|schedule|contact|explore|grab|compare|switch|see|find|open|reply|text|watch|read|reserve|enrol|enroll|donate|save|check|meet|forward|share|plan|build|pick|choose|swipe|follow)\b[^.!?\n]{0,40})/gi;
const CTA_PHRASE_RE =
  /\b(link in bio|learn more|sign up|get started|book a demo|try (?:it )?free|shop now|order now|buy now|apply now|get (?:a|your) (?:quote|free)|start (?:your )?free)\b/i;

export type FramingLabel = 'functional' | 'emotional' | 'mixed' | 'neutral';

export interface Framing {
  label: FramingLabel;
  functionalCues: string[];
  emotionalCues: string[];
  /** The first call to action found ("Get a quote in 2 min"), or null. */
  cta: string | null;
  ctaCount: number;
  hasLink: boolean;
  emoji: string[];
  exclamations: number;
  questions: number;
  words: number;
  /** Flesch reading ease of the analysed text (null below 12 words: too short to mean anything). */
  readingEase: number | null;
  longestSentence: { text: string; words: number } | null;
}

export function analyseFraming(text: string, jobKinds: readonly JobKind[] = []): Framing {
  const words = text.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? [];
  const lower = words.map((w) => w.toLowerCase());
  const functionalCues = new Set<string>();
  const emotionalCues = new Set<string>();
  for (const w of lower) {
    if (FUNCTIONAL_WORDS.has(w)) functionalCues.add(w);
    if (EMOTIONAL_WORDS.has(w)) emotionalCues.add(w);
  }
  for (const m of text.matchAll(/(?:[$€£]\s?\d[\d,.]*|\d[\d,.]*\s?(?:%|percent|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|km|miles?|kg|kwh|gb|x\b))/gi))
    functionalCues.add(m[0].trim());
  for (const re of EMOTIONAL_PHRASES) {
    const m = re.exec(text);
    if (m) emotionalCues.add(m[0].toLowerCase());
  }
  let functional = functionalCues.size;
  let emotional = emotionalCues.size;
  // What the draft speaks to counts too: an emotional or social job is an emotional frame.
  for (const k of jobKinds) {
    if (k === 'functional') functional += 1;
    else emotional += 1;
  }
  const label: FramingLabel =
    functional === 0 && emotional === 0
      ? 'neutral'
      : functional >= emotional + 2
        ? 'functional'
        : emotional >= functional + 2
          ? 'emotional'
          : functional > 0 && emotional > 0
            ? 'mixed'
            : functional > 0
              ? 'functional'
              : 'emotional';

  const ctas: string[] = [];
  for (const m of text.matchAll(CTA_RE)) ctas.push(m[1]!.trim());
  const phrase = CTA_PHRASE_RE.exec(text);
  if (phrase && !ctas.some((c) => c.toLowerCase().includes(phrase[1]!.toLowerCase()))) ctas.push(phrase[1]!);
  const urls = findUrls(text);

  const sentences = text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
  let longest: Framing['longestSentence'] = null;
  for (const s of sentences) {
    const n = (s.match(/[\p{L}\p{N}]+/gu) ?? []).length;
    if (!longest || n > longest.words) longest = { text: s, words: n };
  }
  return {
    label,
    functionalCues: [...functionalCues],
    emotionalCues: [...emotionalCues],
    cta: ctas[0] ?? (urls[0] ? urls[0].text : null),
    ctaCount: ctas.length,
    hasLink: urls.length > 0,
    emoji: emojiIn(text),
    exclamations: (text.match(/!/g) ?? []).length,
    questions: (text.match(/\?/g) ?? []).length,
    words: words.length,
    readingEase: words.length >= 12 ? readability(text).readingEase : null,
    longestSentence: longest,
  };
}
