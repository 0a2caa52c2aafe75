import { describe, expect, it } from 'vitest';
import {
  asianScriptCount,
  doubleWidthLength,
  emojiIn,
  findHashtags,
  findMentions,
  findUrls,
  graphemeCount,
  quote,
  scriptMix,
  showChar,
  takeGraphemes,
} from '../../../src/review-engine/text/counting.js';

describe('counting', () => {
  it('counts user-perceived characters, not UTF-16 units', () => {
    expect(graphemeCount('abc')).toBe(3);
    expect(graphemeCount('👩‍👩‍👧')).toBe(1);
    expect(graphemeCount('🇫🇷 ok')).toBe(4);
    expect(graphemeCount('é')).toBe(1);
    expect(graphemeCount('a\r\nb')).toBe(3);
    expect(graphemeCount('')).toBe(0);
  });

  it('cuts by graphemes, never inside an emoji', () => {
    expect(takeGraphemes('ab👩‍👩‍👧cd', 3)).toBe('ab👩‍👩‍👧');
    expect(takeGraphemes('short', 10)).toBe('short');
  });

  it('finds emoji but not ©, ® or ™', () => {
    expect(emojiIn('Go 🐶 now 🗺️ © ® ™')).toEqual(['🐶', '🗺️']);
    expect(emojiIn('plain text')).toEqual([]);
  });

  it('finds links with and without a scheme, but not abbreviations or decimals', () => {
    expect(findUrls('Quote: pawsure.example/q and https://x.co/a?b=1. Also www.site.org').map((u) => u.text)).toEqual([
      'pawsure.example/q',
      'https://x.co/a?b=1',
      'www.site.org',
    ]);
    expect(findUrls('e.g. 2.5 times, i.e. more. Dr. Who')).toEqual([]);
  });

  it('finds hashtags and mentions, not e-mail addresses', () => {
    expect(findHashtags('Go #hiking #solo_trip! C# is not one').map((h) => h.text)).toEqual(['#hiking', '#solo_trip']);
    expect(findMentions('Ask @bakery or mail hi@bakery.com').map((m) => m.text)).toEqual(['@bakery']);
  });

  it('tells Latin from other scripts and counts Asian-script characters', () => {
    expect(scriptMix('Hello world').otherShare).toBe(0);
    const mix = scriptMix('简单的记账 app');
    expect(mix.otherScript).toBe('Han');
    expect(mix.otherShare).toBeGreaterThan(0.5);
    expect(asianScriptCount('日本語とカタカナ and 한국어')).toBe(11);
  });

  it('quotes briefly', () => {
    expect(quote('a   b\nc')).toBe('a b c');
    expect(quote('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
    // Cut at a word boundary, never mid-word.
    expect(quote('Chasing one late invoice shouldn’t cost you a whole afternoon', 30)).toBe('Chasing one late invoice…');
  });
});

describe('platform widths and names of characters', () => {
  it('counts Asian-script characters as the reader sees them', () => {
    expect(asianScriptCount('กิ่'.repeat(5))).toBe(5); // consonant + vowel + tone mark
    expect(asianScriptCount('\u1112\u1161\u11AB'.repeat(4))).toBe(4); // 한 as three jamo
    expect(asianScriptCount('plain ascii')).toBe(0);
  });

  it('counts double-width characters twice, as Google Ads does', () => {
    expect(doubleWidthLength('Pet cover')).toEqual({ length: 9, wide: 0 });
    expect(doubleWidthLength('ペット保険')).toEqual({ length: 10, wide: 5 });
    expect(doubleWidthLength('ＰＥＴ pet')).toEqual({ length: 10, wide: 3 });
    expect(doubleWidthLength('สวัสดี')).toEqual({ length: 4, wide: 0 }); // Thai: 4 graphemes, single width
    expect(doubleWidthLength('\u1112\u1161\u11AB')).toEqual({ length: 2, wide: 1 });
  });

  it('names invisible characters instead of quoting them', () => {
    expect(showChar('\u00A0')).toBe('a non-breaking space (U+00A0)');
    expect(showChar('\t')).toBe('a tab (U+0009)');
    expect(showChar('\u0301')).toBe('a combining mark (U+0301)');
    expect(showChar('\u2060')).toBe('an invisible character (U+2060)');
    expect(showChar('’')).toBe('"’"');
  });
});
