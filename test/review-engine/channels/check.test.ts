import { describe, expect, it } from 'vitest';
import { draftParts } from '../../../src/review-engine/channels/assets.js';
import { checkChannel } from '../../../src/review-engine/channels/check.js';
import { analyseFraming } from '../../../src/review-engine/text/framing.js';
import type { ChannelId } from '../../../src/domain/persona.js';

function check(channel: ChannelId, text: string) {
  return checkChannel(channel, { text, parts: draftParts(text), framing: analyseFraming(text) });
}
const rules = (channel: ChannelId, text: string) => check(channel, text).map((f) => `${f.severity}:${f.rule}`);
const errors = (channel: ChannelId, text: string) => check(channel, text).filter((f) => f.severity === 'error');
const one = (channel: ChannelId, text: string, rule: string) => {
  const found = check(channel, text).filter((f) => f.rule === rule);
  expect(found, `${rule} on ${JSON.stringify(text)}`).toHaveLength(1);
  return found[0]!;
};
const chars = (n: number, word = 'Smart') => {
  let s = '';
  while (s.length < n) s += (s ? ' ' : '') + word;
  return s.slice(0, n).replace(/\s$/, 'x');
};

describe('any channel', () => {
  it('calls an empty draft poor everywhere', () => {
    for (const channel of ['google_search', 'meta', 'sms', 'email'] as const) expect(rules(channel, '  \n ')).toEqual(['error:draft.empty']);
  });
});

describe('Google Search', () => {
  it('takes 30 characters in a labelled headline and rejects 31, quoting it', () => {
    expect(errors('google_search', `Headline: ${chars(30)}`)).toEqual([]);
    const f = one('google_search', `Headline: ${chars(31)}`, 'google_search.headline_length');
    expect(f).toMatchObject({ severity: 'error', actual: 31, limit: 30 });
    expect(f.message).toContain('is 31 characters; Google allows 30');
  });

  it('reads an unlabelled line of up to 30 as a headline, up to 90 as a description, and cannot use a longer one', () => {
    expect(errors('google_search', chars(30))).toEqual([]);
    expect(errors('google_search', chars(31, 'smart'))).toEqual([]);
    expect(errors('google_search', chars(90, 'smart'))).toEqual([]);
    const f = one('google_search', chars(91), 'google_search.description_length');
    expect(f.message).toContain('too long for a headline (30) or a description (90)');
    expect(f).toMatchObject({ actual: 91, limit: 90 });
  });

  it('reads a Title Case line without a full stop as a headline however long, so 31 characters of it are cut', () => {
    const ad = 'See a Doctor Without Taking Time Off\nBook a video visit in your break and be back at work in 15 minutes.';
    const f = one('google_search', ad, 'google_search.headline_length');
    expect(f).toMatchObject({ severity: 'error', actual: 36, limit: 30 });
    expect(f.message).toContain('reads as a headline');
    expect(errors('google_search', 'Last-Minute Travel Changes, Ok')).toEqual([]);
    expect(one('google_search', 'Last-Minute Travel Changes, Yes', 'google_search.headline_length')).toMatchObject({ actual: 31 });
    // Sentence case, or a full stop, make it a description.
    expect(errors('google_search', 'See a doctor without taking time off')).toEqual([]);
    expect(errors('google_search', 'See a Doctor Without Taking Time Off.')).toEqual([]);
    expect(errors('google_search', 'Description: See a Doctor Without Taking Time Off')).toEqual([]);
  });

  it('rejects emoji, repeated punctuation, symbol letters and shouting, but not a single exclamation mark (no longer in the policy)', () => {
    expect(one('google_search', 'Fresh Bread Daily 🥖', 'google_search.emoji').message).toContain('🥖');
    expect(errors('google_search', 'Fresh Bread Daily!')).toEqual([]);
    expect(rules('google_search', 'Warm croissants every morning, straight from the oven to you!!')).toContain('error:google_search.repeated_punctuation');
    expect(rules('google_search', 'Fresh fl@wers delivered')).toContain('error:google_search.symbols');
    expect(rules('google_search', 'FREE Delivery Today')).toContain('error:google_search.capitals');
    expect(rules('google_search', 'GDPR-Ready Payroll')).not.toContain('error:google_search.capitals');
    expect(errors('google_search', 'Order by noon for same-day delivery to your door! Free returns on every order, always!')).toEqual([]);
  });

  it('warns on a partial ad (not yet an ad Google can run: ok at best) and on emotional framing, and notes a missing call to action quietly', () => {
    const notes = check('google_search', 'Feel Calm Again\nNo more worry, no more stress, finally peace of mind for you.');
    expect(notes.map((f) => `${f.severity}:${f.rule}`)).toEqual([
      'warning:google_search.asset_count',
      'warning:google_search.framing',
      'info:google_search.cta',
    ]);
  });
});

describe('TikTok', () => {
  it('takes 100 characters and rejects 101, saying where it is cut', () => {
    expect(errors('tiktok', chars(100, 'Nice'))).toEqual([]);
    const f = one('tiktok', chars(101, 'Nice'), 'tiktok.length');
    expect(f).toMatchObject({ actual: 101, limit: 100 });
    expect(f.message).toMatch(/is 101 characters; TikTok ad text allows 1–100: it is cut after/);
  });

  it('allows 50 characters in Asian scripts and rejects 51', () => {
    expect(errors('tiktok', '好'.repeat(50))).toEqual([]);
    expect(one('tiktok', '好'.repeat(51), 'tiktok.length').message).toContain('51 in Asian scripts');
  });

  it('rejects "#", "@", links, emoji and braces', () => {
    expect(one('tiktok', 'Fresh drop #bakery', 'tiktok.hashtag').message).toContain('"#bakery"');
    expect(rules('tiktok', 'Say hi to @bakery')).toContain('error:tiktok.mention');
    expect(rules('tiktok', 'Order at bakery.example/o')).toContain('error:tiktok.link');
    expect(rules('tiktok', 'Fresh drop 🥐')).toEqual(['error:tiktok.emoji']);
    expect(one('tiktok', 'Use code {SPRING}', 'tiktok.braces').message).toContain('"{", "}"');
  });
});

describe('X', () => {
  it('counts 280 weighted characters as fine and 281 as too long', () => {
    expect(errors('x', chars(280, 'Post'))).toEqual([]);
    expect(one('x', chars(281, 'Post'), 'x.weighted_length')).toMatchObject({ actual: 281, limit: 280 });
  });

  it('counts a long link as 23 and an emoji as 2', () => {
    const url = `https://example.com/${'a'.repeat(80)}`;
    expect(errors('x', `${chars(250, 'Post')} ${url}`)).toEqual([]); // 250 + 1 + 23 = 274
    const f = one('x', `${chars(255, 'Post')} ${url} 🎉`, 'x.weighted_length'); // 255 + 1 + 23 + 1 + 2 = 282
    expect(f.actual).toBe(282);
    expect(f.message).toContain('1 link counted 23 each, 1 emoji counted 2 each');
  });

  it('counts CJK characters as 2', () => {
    expect(errors('x', '好'.repeat(140))).toEqual([]);
    expect(one('x', '好'.repeat(141), 'x.weighted_length').message).toContain('141 CJK or other wide characters counted 2 each');
  });

  it('warns above two hashtags', () => {
    expect(rules('x', 'Ship it #one #two')).toEqual([]);
    expect(rules('x', 'Ship it #one #two #three')).toEqual(['warning:x.hashtags']);
  });
});

describe('SMS', () => {
  it('fits 160 GSM-7 characters in one segment and not 161', () => {
    expect(rules('sms', chars(160, 'Hello'))).toEqual([]);
    const f = one('sms', chars(161, 'Hello'), 'sms.segments');
    expect(f).toMatchObject({ severity: 'error', actual: 2, limit: 1 });
    expect(f.message).toContain('161 GSM-7 characters');
  });

  it('drops to 70 characters when an emoji forces UCS-2, and says which character did it', () => {
    expect(rules('sms', `${chars(67, 'Hello')} 🐾`)).toEqual([]); // 68 + the emoji's 2 code units = 70
    const f = one('sms', `${chars(68, 'Hello')} 🐾`, 'sms.segments');
    expect(f.message).toContain('71 UCS-2 code units (1 character outside the Basic Multilingual Plane (emoji and the like) takes 2)');
    expect(f.message).toContain('"🐾" forces UCS-2 encoding, where one SMS holds 70 characters and each part of a longer one 67');
    expect(f.message).toContain('Without it the text fits one GSM-7 SMS (160)');
  });

  it('counts curly quotes as UCS-2 and GSM-7 extension characters as two', () => {
    expect(rules('sms', `${chars(70, 'Hello')} ’`)).toEqual(['error:sms.segments']);
    expect(rules('sms', `${chars(158, 'Hello')}€`)).toEqual([]); // 158 + 2 = 160
    expect(one('sms', `${chars(159, 'Hello')}€`, 'sms.segments').message).toContain('161 GSM-7 characters ("€" is an extension character and counts 2)');
  });
});

describe('LinkedIn', () => {
  it('takes 3,000 characters and rejects 3,001; warns past 150', () => {
    expect(rules('linkedin', chars(150, 'Results'))).toEqual([]);
    expect(rules('linkedin', chars(151, 'Results'))).toEqual(['warning:linkedin.intro_visible']);
    expect(errors('linkedin', chars(3000, 'Results'))).toEqual([]);
    expect(one('linkedin', chars(3001, 'Results'), 'linkedin.intro_length')).toMatchObject({ actual: 3001, limit: 3000 });
  });

  it('rejects the word LinkedIn in the copy', () => {
    expect(one('linkedin', 'Seen on LinkedIn: the planner teams love', 'linkedin.brand_name').message).toContain('"LinkedIn" appears in the copy');
  });
});

describe('Meta and Instagram', () => {
  it('warns past 125 characters, saying where "See more" cuts, and rejects past 2,200', () => {
    expect(rules('meta', chars(125, 'Cozy'))).toEqual([]);
    const f = one('meta', chars(126, 'Cozy'), 'meta.primary_visible');
    expect(f.message).toMatch(/Primary text is 126 characters; about 125 show before "See more", so it is cut after "…/);
    expect(errors('meta', chars(2200, 'Cozy'))).toEqual([]);
    expect(one('meta', chars(2201, 'Cozy'), 'meta.primary_length').severity).toBe('error');
    expect(one('instagram', chars(2201, 'Cozy'), 'instagram.caption_length').severity).toBe('error');
  });

  it('warns on more than two emoji in a Meta ad and rejects more than 5 Instagram hashtags', () => {
    expect(rules('meta', 'Sunny days ☀️🌊')).toEqual([]);
    expect(rules('meta', 'Sunny days ☀️🌊🏖️')).toEqual(['warning:meta.emoji']);
    const tags = Array.from({ length: 6 }, (_, i) => `#t${i}`).join(' ');
    expect(one('instagram', tags, 'instagram.hashtags')).toMatchObject({ severity: 'error', actual: 6, limit: 5 });
    expect(rules('instagram', Array.from({ length: 5 }, (_, i) => `#t${i}`).join(' '))).not.toContain('error:instagram.hashtags');
  });
});

describe('Email', () => {
  it('takes a 50-character subject and warns at 51', () => {
    expect(rules('email', `Subject: ${chars(50, 'Sale')}\n\nBook your table today.`)).toEqual([]);
    expect(one('email', `Subject: ${chars(51, 'Sale')}\n\nBook your table today.`, 'email.subject_length')).toMatchObject({
      severity: 'warning',
      actual: 51,
      limit: 50,
    });
  });

  it('notes a missing subject, flags a shouting subject, and never calls email poor for length', () => {
    expect(rules('email', 'Book your table today.')).toEqual(['info:email.subject_missing']);
    expect(rules('email', 'Subject: LAST CHANCE!!!\n\nBook now.')).toContain('warning:email.subject_spam');
    expect(errors('email', `Subject: Hi\n\n${'Long body. '.repeat(500)}`)).toEqual([]);
  });
});

describe('labelled fields and practices', () => {
  it('holds Google display paths to 15 characters', () => {
    expect(rules('google_search', 'Path: heating-bills-uk')).toEqual([
      'error:google_search.path_length',
      'warning:google_search.asset_count',
      'info:google_search.cta',
    ]);
    expect(rules('google_search', 'Path: heating-bills-u')).not.toContain('error:google_search.path_length');
  });

  it('warns on long Meta headlines and descriptions, and notes feature-list copy in feeds', () => {
    expect(rules('meta', `Headline: ${chars(41, 'Warm')}\nCome home to a warm house.`)).toContain('warning:meta.headline_length');
    expect(rules('meta', `Description: ${chars(31, 'Warm')}\nCome home to a warm house.`)).toContain('warning:meta.description_length');
    expect(rules('meta', 'Sync stock across 3 shops automatically, with a dashboard and reports.')).toEqual(['info:meta.framing']);
    expect(rules('instagram', chars(126, 'Cozy'))).toEqual(['warning:instagram.caption_visible']);
  });

  it('says when the phrase that carries the job falls after the fold', () => {
    const text = `${chars(140, 'Intro')}. Never run out of stock again.`;
    const [f] = checkChannel('meta', {
      text,
      parts: draftParts(text),
      framing: analyseFraming(text),
      hook: { text: 'Never run out of stock again.', start: 142 },
    });
    expect(f!.message).toContain('("Never run out of stock again.") comes after the cut: move it up');
  });

  it('keeps LinkedIn headlines to 70 (warning) and 200 (error), and emoji to two', () => {
    expect(rules('linkedin', `Headline: ${chars(71, 'Lead')}\nBody.`)).toContain('warning:linkedin.headline_length');
    expect(rules('linkedin', `Headline: ${chars(201, 'Lead')}\nBody.`)).toContain('error:linkedin.headline_length');
    expect(rules('linkedin', 'Quarterly planning, done 🚀🔥✅')).toEqual(['warning:linkedin.framing']);
  });

  it('checks an email preheader, its calls to action and its readability', () => {
    expect(rules('email', 'Subject: Winter tips\nPreheader: Short\n\nBook your check today.')).toContain('info:email.preheader_length');
    expect(rules('email', 'Subject: Winter tips\n\nYour boiler deserves a rest this winter.')).toEqual(['info:email.cta']);
    expect(rules('email', 'Subject: Winter tips\n\nBook a check. Call us today. Visit the shop. Download the guide.')).toContain('info:email.cta');
    const dense =
      'Subject: Notice\n\nNotwithstanding the aforementioned considerations, comprehensive organisational transformation initiatives necessitate multidisciplinary collaboration, particularly regarding infrastructural modernisation, regulatory harmonisation and operational standardisation across interdependent international subsidiaries, notwithstanding jurisdictional heterogeneity and institutional path dependencies.';
    expect(one('email', dense, 'email.readability').message).toMatch(/^Reading ease -?\d+ \(Flesch; 50 or more reads comfortably, 60–70 is about grade 8\)/);
    expect(rules('linkedin', dense.replace('Subject: Notice\n\n', ''))).toContain('warning:readability.ease');
  });
});
