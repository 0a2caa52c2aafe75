// Boundary cases for every channel, in the scripts and sequences that break naive counting:
// CJK, full-width forms, Thai with its marks, Korean typed as separate jamo, ZWJ emoji, flags,
// right-to-left text, CR LF. The first block holds every wrong verdict reported in issue 20.
import { describe, expect, it } from 'vitest';
import { draftParts } from '../../../../src/review-engine/channels/assets.js';
import { checkChannel } from '../../../../src/review-engine/channels/check.js';
import { analyseFraming } from '../../../../src/review-engine/text/framing.js';
import { readability } from '../../../../src/review-engine/text/language.js';
import { verdictOf } from '../../../../src/review-engine/findings.js';
import type { ChannelId } from '../../../../src/domain/persona.js';

const check = (channel: ChannelId, text: string) => checkChannel(channel, { text, parts: draftParts(text), framing: analyseFraming(text) });
const errors = (channel: ChannelId, text: string) => check(channel, text).filter((f) => f.severity === 'error');
const rulesOf = (channel: ChannelId, text: string) => errors(channel, text).map((f) => f.rule);
const verdict = (channel: ChannelId, text: string) => verdictOf(check(channel, text));

const thai = 'กิ่'; // consonant + vowel + tone mark: one character to the reader, three code points
const hangulDecomposed = '\u1112\u1161\u11AB'; // 한 typed as three jamo
const family = '👨‍👩‍👧‍👦';

describe('the wrong verdicts of issue 20', () => {
  it('Google: a 16-character Japanese headline counts 32', () => {
    const f = errors('google_search', 'Headline: 今すぐペット保険を比較して節約し');
    expect(f.map((x) => x.rule)).toEqual(['google_search.headline_length']);
    expect(f[0]).toMatchObject({ actual: 32, limit: 30 });
    expect(f[0]!.message).toContain('16 double-width characters counted 2 each');
  });

  it('Google: 16 full-width Latin letters count 32', () => {
    expect(errors('google_search', 'Headline: ＰＥＴＩＮＳＵＲＡＮＣＥＮＯＷＸ')[0]).toMatchObject({ rule: 'google_search.headline_length', actual: 32 });
  });

  it('Google: a 46-character Japanese description counts 92', () => {
    const desc = `Description: ${'犬と猫の保険を今すぐ比較して毎月の保険料を節約しましょう'.repeat(2).slice(0, 46)}`;
    expect([...desc.slice('Description: '.length)].length).toBe(46);
    expect(errors('google_search', desc)[0]).toMatchObject({ rule: 'google_search.description_length', actual: 92, limit: 90 });
  });

  it('Google: "Display path: pet-insurance/dog-quotes" is two fields of 13 and 10, fine', () => {
    expect(rulesOf('google_search', 'Display path: pet-insurance/dog-quotes')).toEqual([]);
  });

  it('Google: "Path: /dog-and-cat-quo" is 15 characters, not 16', () => {
    expect(rulesOf('google_search', 'Path: /dog-and-cat-quo')).toEqual([]);
    expect(rulesOf('google_search', 'Path: /dog-and-cat-quot')).toEqual(['google_search.path_length']);
  });

  it('Google: a display URL line is read as a URL, and its 18-character path field is too long', () => {
    const f = errors('google_search', 'www.pawsure.example/pet-insurance/dog-and-cat-quotes');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ rule: 'google_search.path_length', text: 'dog-and-cat-quotes', actual: 18, limit: 15 });
    expect(rulesOf('google_search', 'www.pawsure.example/a/b/c')).toEqual(['google_search.path_length']);
    // A final URL (with a scheme or a query) is the landing page: its path is not held to 15.
    expect(rulesOf('google_search', 'https://www.pawsure.example/pet-insurance/dog-and-cat-quotes/compare')).toEqual([]);
    expect(rulesOf('google_search', 'pawsure.example/pet-insurance/dog-and-cat-quotes?utm_source=ads')).toEqual([]);
  });

  it('Instagram: 6 hashtags are one too many', () => {
    expect(verdict('instagram', 'New in #dogs #cats #pets #vets #insurance #cover')).toBe('poor');
    expect(rulesOf('instagram', 'New in #dogs #cats #pets #vets #insurance')).toEqual([]);
  });

  it('LinkedIn: 3,000 is the maximum, 150 the fold', () => {
    expect(rulesOf('linkedin', 'a '.repeat(1500).trim())).toEqual([]);
    expect(rulesOf('linkedin', 'a'.repeat(3001))).toEqual(['linkedin.intro_length']);
  });

  it('Google: exclamation marks are no longer a hard rule; repeated ones still are', () => {
    expect(rulesOf('google_search', 'Fresh Bread Daily!\nOrder by noon for same-day delivery! Free returns, always!')).toEqual([]);
    expect(rulesOf('google_search', 'Fresh Bread Daily!!')).toEqual(['google_search.repeated_punctuation']);
  });

  it('TikTok: braces are refused; 50 Thai characters with marks and 50 decomposed Korean syllables fit', () => {
    expect(rulesOf('tiktok', 'Use code {PAWS10} today')).toEqual(['tiktok.braces']);
    expect(rulesOf('tiktok', thai.repeat(50))).toEqual([]);
    expect(rulesOf('tiktok', hangulDecomposed.repeat(50))).toEqual([]);
    expect(errors('tiktok', thai.repeat(51))[0]).toMatchObject({ rule: 'tiktok.length', actual: 102 });
    expect(errors('tiktok', hangulDecomposed.repeat(51))[0]).toMatchObject({ rule: 'tiktok.length', actual: 102 });
  });

  it('X: U+FFFE makes a post invalid; 281 Thai characters are not "CJK"', () => {
    expect(rulesOf('x', 'Hello \uFFFE world')).toEqual(['x.invalid_characters']);
    expect(errors('x', 'ก'.repeat(281))[0]!.message).not.toContain('CJK');
  });

  it('SMS: counts every character of a long message, in the right encoding', () => {
    expect(errors('sms', `${'a'.repeat(2000)}😀`)[0]).toMatchObject({ actual: 30 });
    expect(errors('sms', `${'a'.repeat(2000)}😀`)[0]!.message).toContain('UCS-2');
    expect(errors('sms', '😀'.repeat(1001))[0]).toMatchObject({ actual: 31 });
  });

  it('SMS: a CR LF at 161 is blamed on the line break, not on €', () => {
    const m = errors('sms', `${'a'.repeat(159)}\r\n`)[0]!.message;
    expect(m).toContain('1 CR LF line break counts 2');
    expect(m).not.toContain('€');
  });

  it('SMS: combining accents are called accents, not emoji; a non-breaking space and a tab are named', () => {
    const accents = errors('sms', 'Cafe\u0301 '.repeat(20))[0]!.message;
    expect(accents).toContain('typed as a separate combining character');
    expect(accents).not.toContain('emoji');
    const nbsp = errors('sms', `${'a'.repeat(70)}\u00A0b`)[0]!.message;
    expect(nbsp).toContain('a non-breaking space (U+00A0) forces UCS-2');
    expect(errors('sms', `${'a'.repeat(70)}\tb`)[0]!.message).toContain('a tab (U+0009) forces UCS-2');
  });

  it('Readability: 280 accents typed as combining marks read as composed text', () => {
    const text = `${'Caf\u0065\u0301 au lait is served here every single day of the week. '.repeat(20)}`;
    const composed = analyseFraming(text.normalize('NFC')).readingEase;
    expect(analyseFraming(text).readingEase).toBe(composed);
    const decomposed = readability('e\u0301 '.repeat(280));
    const precomposed = readability('\u00e9 '.repeat(280));
    expect(decomposed).toEqual(precomposed);
    expect(decomposed.words).toBe(280);
  });
});

describe('every channel at its boundary, in every script', () => {
  it('Google Search: 15 CJK characters fit a headline, 16 do not; Thai and Arabic count 1', () => {
    expect(rulesOf('google_search', `Headline: ${'保'.repeat(15)}`)).toEqual([]);
    expect(rulesOf('google_search', `Headline: ${'保'.repeat(16)}`)).toEqual(['google_search.headline_length']);
    expect(rulesOf('google_search', `Headline: ${thai.repeat(30)}`)).toEqual([]);
    expect(rulesOf('google_search', `Headline: ${'م'.repeat(30)}`)).toEqual([]);
    expect(rulesOf('google_search', `Headline: ${hangulDecomposed.repeat(15)}`)).toEqual([]);
    expect(rulesOf('google_search', `Headline: ${hangulDecomposed.repeat(16)}`)).toEqual(['google_search.headline_length']);
    expect(rulesOf('google_search', 'Path: 保険見積もり比')).toEqual([]); // 7 double-width = 14
    expect(rulesOf('google_search', 'Path: 保険見積もり比較')).toEqual(['google_search.path_length']); // 8 = 16
  });

  it('Meta and Instagram: 125 visible and 2,200 in all, by grapheme (a ZWJ family or a flag is one)', () => {
    expect(check('meta', family.repeat(2))).toEqual([]);
    expect(check('instagram', '🇫🇷'.repeat(125)).map((f) => f.rule)).toEqual([]);
    expect(check('instagram', '🇫🇷'.repeat(126)).map((f) => f.rule)).toEqual(['instagram.caption_visible']);
    expect(rulesOf('meta', thai.repeat(2200))).toEqual([]);
    expect(rulesOf('meta', thai.repeat(2201))).toEqual(['meta.primary_length']);
  });

  it('TikTok: 100 Latin, 50 Asian; emoji are refused however they are built', () => {
    expect(rulesOf('tiktok', 'a'.repeat(100))).toEqual([]);
    expect(rulesOf('tiktok', 'a'.repeat(101))).toEqual(['tiktok.length']);
    expect(rulesOf('tiktok', '好'.repeat(50))).toEqual([]);
    expect(rulesOf('tiktok', `Hello ${family}`)).toEqual(['tiktok.emoji']);
    expect(rulesOf('tiktok', 'Bonjour 🇫🇷')).toEqual(['tiktok.emoji']);
    expect(rulesOf('tiktok', 'مرحبا '.repeat(16).trim())).toEqual([]); // Arabic counts 1, 95 characters
  });

  it('LinkedIn: a CR LF line break is one character to the reader', () => {
    expect(check('linkedin', `${'a'.repeat(74)}\r\n${'a'.repeat(75)}`)).toEqual([]);
  });

  it('X: a ZWJ family and a flag weigh 2 each; RTL text weighs 1 a letter', () => {
    expect(rulesOf('x', family.repeat(140))).toEqual([]);
    expect(rulesOf('x', family.repeat(141))).toEqual(['x.weighted_length']);
    expect(rulesOf('x', 'ש'.repeat(280))).toEqual([]);
  });

  it('Email: the subject is 50 characters, counted by grapheme', () => {
    expect(check('email', `Subject: ${'é'.repeat(50)}\n\nBook now.`).map((f) => f.rule)).not.toContain('email.subject_length');
    expect(check('email', `Subject: ${'e\u0301'.repeat(51)}\n\nBook now.`).map((f) => f.rule)).toContain('email.subject_length');
  });

  it('SMS: 160 GSM-7, 70 UCS-2; Korean, Thai and Arabic are UCS-2', () => {
    expect(rulesOf('sms', 'a'.repeat(160))).toEqual([]);
    expect(rulesOf('sms', '한'.repeat(70))).toEqual([]);
    expect(rulesOf('sms', '한'.repeat(71))).toEqual(['sms.segments']);
    expect(rulesOf('sms', 'م'.repeat(71))).toEqual(['sms.segments']);
    expect(rulesOf('sms', 'ก'.repeat(70))).toEqual([]);
  });
});
