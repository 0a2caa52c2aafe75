import { describe, expect, it } from 'vitest';
import {
  asianScriptCount,
  emojiIn,
  findHashtags,
  findMentions,
  findUrls,
  graphemeCount,
  quote,
  scriptMix,
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
