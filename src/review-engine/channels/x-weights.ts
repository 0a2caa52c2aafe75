// What makes a post heavy on X, for the message that explains its weight: links (23 each),
// emoji (2 each) and the other code points twitter-text weighs 2 (CJK and every script outside
// its light ranges; Latin, Thai, Cyrillic, Arabic and the rest below U+1100 weigh 1). The weight
// itself always comes from twitter-text's parseTweet; this only names its parts.
import twitter from 'twitter-text';
import { emojiIn } from '../text/counting.js';

interface WeightRange {
  start: number;
  end: number;
  weight: number;
}

const config = (twitter as unknown as { configs: { defaults: { ranges: WeightRange[]; scale: number; defaultWeight: number } } }).configs.defaults;

function weightOf(codePoint: number): number {
  const range = config.ranges.find((r) => codePoint >= r.start && codePoint <= r.end);
  return (range ? range.weight : config.defaultWeight) / config.scale;
}

export interface XWeights {
  urls: number;
  emoji: number;
  /** Code points, outside links and emoji, that weigh more than 1. */
  heavy: number;
}

export function xWeights(text: string): XWeights {
  const normalized = text.normalize('NFC');
  const urls = twitter.extractUrlsWithIndices(normalized);
  let rest = '';
  let at = 0;
  for (const u of urls) {
    rest += normalized.slice(at, u.indices[0]);
    at = u.indices[1];
  }
  rest += normalized.slice(at);
  const emoji = emojiIn(rest);
  let withoutEmoji = rest;
  for (const e of new Set(emoji)) withoutEmoji = withoutEmoji.split(e).join(' ');
  let heavy = 0;
  for (const ch of withoutEmoji) if (weightOf(ch.codePointAt(0)!) > 1) heavy++;
  return { urls: urls.length, emoji: emoji.length, heavy };
}
