// X conformance. Source: twitter-text's conformance/validate.yml (github.com/twitter/twitter-text,
// Apache-2.0), sections `tweets` (validity) and `WeightedTweetsWithDiscountedEmojiCounterTest`
// (weighted length under the v3 configuration, the one X uses today), re-expressed here as our
// own cases: the descriptions and figures are the file's, the long texts are rebuilt rather than
// copied. Each case is checked twice: twitter-text itself (the library we count with) and the
// review's verdict on X (an error exactly when the post is not valid).
import twitter from 'twitter-text';
import { describe, expect, it } from 'vitest';
import { draftParts } from '../../../../src/review-engine/channels/assets.js';
import { checkChannel } from '../../../../src/review-engine/channels/check.js';
import { analyseFraming } from '../../../../src/review-engine/text/framing.js';

const errorsOnX = (text: string) =>
  checkChannel('x', { text, parts: draftParts(text), framing: analyseFraming(text) })
    .filter((f) => f.severity === 'error')
    .map((f) => f.rule);

const xs = (n: number) => Array.from({ length: n }, () => 'xxxxxxxxxx-').join('');
const cjk160 = '故人西辞黄鹤楼，烟花三月下扬州。孤帆远影碧空尽，唯见长江天际流。'.repeat(5);

const cases: Array<{ what: string; text: string; weightedLength?: number; valid: boolean }> = [
  // tweets
  { what: 'Valid Tweet: < 20 characters', text: 'I am a Tweet', valid: true },
  { what: 'Valid Tweet: 140 characters (double byte characters)', text: 'の'.repeat(140), weightedLength: 280, valid: true },
  { what: 'Valid Tweet: 140 characters (double word characters)', text: '\u{1f431}'.repeat(140), weightedLength: 280, valid: true },
  { what: 'Invalid Tweet: no characters (empty)', text: '', weightedLength: 0, valid: false },
  // WeightedTweetsWithDiscountedEmojiCounterTest
  { what: 'Regular Tweet with url', text: 'Hi http://test.co', weightedLength: 26, valid: true },
  { what: 'Just url', text: 'http://test.co', weightedLength: 23, valid: true },
  { what: 'Long tweet, overflow at char index 280', text: `285 chars-${xs(25)}`, weightedLength: 285, valid: false },
  { what: 'Long tweet with url in the middle', text: `285 chars- http://www.twitter.com/jack ${xs(24)}`, weightedLength: 299, valid: false },
  { what: 'Long tweet with url at the end', text: `${xs(24)} http://www.twitter.com/jack `, weightedLength: 289, valid: false },
  { what: '10 url string, no overflow', text: 'https://www.twitter.com/aloha '.repeat(10), weightedLength: 240, valid: true },
  { what: '160 CJK char, overflow at char index 140', text: cjk160, weightedLength: 320, valid: false },
  { what: '160 emoji char, overflow at char index 140', text: '😷'.repeat(160), weightedLength: 320, valid: false },
  { what: '3 latin char + 160 CJK char', text: `the${cjk160}`, weightedLength: 323, valid: false },
  { what: "'Á' is normalized into 1 char", text: 'A\u0301B', weightedLength: 2, valid: true },
  {
    what: '282 chars with a normalized character within valid range but outside 280',
    text: `282 chars-${xs(24)}xxxxxA\u0301x`,
    weightedLength: 281,
    valid: false,
  },
  { what: 'Count a mix of single byte single word, and double word unicode characters', text: 'H🐱☺👨‍👩‍👧‍👦', weightedLength: 7, valid: true },
  { what: 'Count unicode emoji chars inside the basic multilingual plane', text: '😷👾😡🔥💩', weightedLength: 10, valid: true },
  { what: 'Count unicode emoji chars outside the basic multilingual plane with skin tone modifiers', text: '🙋🏽👨‍🎤', weightedLength: 4, valid: true },
  {
    what: 'Handle General Punctuation Characters with visible spaces(u2000-200A), no ZWJ/ZWNJ',
    text: 'This is a tweet with general punctuation characters: \u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u200B ‐ ‑ ‒ – — ― ‖  ‗ ‘ ’ ‚ ‛ “ ” „ ‟ ′ ″ ‴ ‵ ‶ ‷',
    weightedLength: 110,
    valid: true,
  },
  { what: 'Handle a 64 character domain without protocol', text: `${'randomurl'.repeat(7)}s.com`, weightedLength: 68, valid: true },
  // Our own, from the same rules (issue 20): invalid characters, Thai at weight 1.
  { what: 'U+FFFE makes a short post invalid', text: 'Hello \uFFFE world', valid: false },
  { what: 'U+FEFF (a pasted byte-order mark) makes a post invalid', text: '\uFEFFHello world', valid: false },
  { what: '280 Thai characters weigh 280', text: 'ก'.repeat(280), weightedLength: 280, valid: true },
  { what: '281 Thai characters weigh 281', text: 'ก'.repeat(281), weightedLength: 281, valid: false },
  { what: 'a flag weighs 2', text: '🇯🇵', weightedLength: 2, valid: true },
  { what: 'Hebrew (RTL) weighs 1 a letter', text: 'שלום עולם', weightedLength: 9, valid: true },
  { what: 'CR LF counts two', text: 'a\r\nb', weightedLength: 4, valid: true },
];

describe('X: twitter-text validate.yml cases, and the review agrees', () => {
  for (const c of cases)
    it(c.what, () => {
      const parsed = twitter.parseTweet(c.text);
      if (c.weightedLength !== undefined) expect(parsed.weightedLength).toBe(c.weightedLength);
      expect(parsed.valid).toBe(c.valid);
      const found = errorsOnX(c.text);
      if (c.text === '') expect(found).toEqual(['draft.empty']);
      else expect(found.length > 0).toBe(!c.valid);
    });

  it('names the invalid character, and weighs Thai 1 in its explanation', () => {
    const [f] = checkChannel('x', { text: 'Hello \uFFFE world', parts: draftParts('Hello \uFFFE world'), framing: analyseFraming('Hello \uFFFE world') });
    expect(f).toMatchObject({ rule: 'x.invalid_characters', severity: 'error' });
    expect(f!.message).toContain('U+FFFE');
    const thai = 'ก'.repeat(281);
    const [g] = checkChannel('x', { text: thai, parts: draftParts(thai), framing: analyseFraming(thai) });
    expect(g!.message).toBe('Weighs 281 of 280 on X: cut 1.');
  });
});
