// User-perceived characters (grapheme clusters): what the review counts against a platform's
// limits and where Slack text may be cut, so a cut never lands inside an emoji or a
// combining sequence. One Intl.Segmenter for the whole bot.

const graphemeSegmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

export function graphemes(text: string): string[] {
  const out: string[] = [];
  for (const { segment } of graphemeSegmenter.segment(text)) out.push(segment);
  return out;
}

// Intl.Segmenter costs microseconds per grapheme: plain ASCII (one grapheme per character,
// except CR LF) is counted directly, and the last few counts are remembered, because a review
// counts the same text for several channels.
const ASCII_RE = /^[\x00-\x7F]*$/;
const recentCounts = new Map<string, number>();

export function graphemeCount(text: string): number {
  if (ASCII_RE.test(text)) return text.length - (text.match(/\r\n/g)?.length ?? 0);
  const known = recentCounts.get(text);
  if (known !== undefined) return known;
  let n = 0;
  for (const _ of graphemeSegmenter.segment(text)) n++;
  if (text.length > 256) {
    recentCounts.set(text, n);
    if (recentCounts.size > 8) recentCounts.delete(recentCounts.keys().next().value!);
  }
  return n;
}

/** The first `max` graphemes of `text` (never cuts an emoji or a combining sequence in half). */
export function takeGraphemes(text: string, max: number): string {
  if (text.length <= max) return text;
  if (ASCII_RE.test(text)) return text.slice(0, max);
  let n = 0;
  for (const { index } of graphemeSegmenter.segment(text)) {
    if (n === max) return text.slice(0, index);
    n++;
  }
  return text;
}
