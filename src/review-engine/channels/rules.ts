// Channel rules as versioned data. Platforms change these: each rule records where it comes
// from and when it was last checked, and the checks (check.ts) read limits from here, never
// from literals of their own. Kinds: `hard` = the platform rejects, blocks or cuts the text
// (the review calls the draft poor); `rec` = a platform recommendation (a warning); `bp` =
// practitioner best practice (a warning or a note).
//
// Transcribed on 2026-11-22 from the team's channel research (channel-specs.md, which cites
// the platform pages below). Re-check the sources and bump `checked` when a platform changes.
import type { ChannelId } from '../../domain/persona.js';

export const RULES_VERSION = '2026-11-22';

export type RuleKind = 'hard' | 'rec' | 'bp';

export interface ChannelRule {
  id: string;
  channel: ChannelId | 'any';
  kind: RuleKind;
  /** The limit the rule holds a figure to (characters unless `unit` says otherwise). */
  limit?: number;
  /** A lower bound, where the rule has one. */
  min?: number;
  unit?: 'characters' | 'weighted characters' | 'segments' | 'count' | 'jobs' | 'reading ease';
  /** Further figures the rule defines (per-encoding sizes, weights). */
  extra?: Readonly<Record<string, number>>;
  summary: string;
  source: string;
  checked: string;
}

const GOOGLE_RSA = 'https://developers.google.com/google-ads/api/docs/responsive-search-ads/overview';
const GOOGLE_POLICY = 'https://support.google.com/adspolicy/answer/14847994';
const META_GUIDE = 'https://www.facebook.com/business/ads-guide (Meta Ads Guide, text recommendations)';
const INSTAGRAM = 'Instagram caption limits, as summarised in the team channel research (no single official page; re-check)';
const TIKTOK = 'https://ads.tiktok.com/help/article?aid=10002742';
const LINKEDIN = 'LinkedIn Marketing Solutions help, single image ad specifications and advertising policies';
const X_COUNTING = 'https://docs.x.com/fundamentals/counting-characters';
const MAILCHIMP = 'Mailchimp email subject line and readability guidance';
const GSM = '3GPP TS 23.038 (GSM-7 and UCS-2 message encoding), as implemented by sms-segments-calculator';
const SHU_CARLSON = 'Shu & Carlson, "When Three Charms but Four Alarms", Journal of Marketing 78(1), 2014';
const READABILITY = 'Flesch reading ease; email copy reads best at about grade 8 (reading ease 60–70)';
const CHECKED = '2026-11-22';

export const CHANNEL_RULES = [
  // Any channel
  {
    id: 'draft.empty',
    channel: 'any',
    kind: 'hard',
    min: 1,
    unit: 'characters',
    summary: 'A draft needs text to be published anywhere.',
    source: 'every platform',
    checked: CHECKED,
  },
  {
    id: 'jobs.focus',
    channel: 'any',
    kind: 'bp',
    limit: 1,
    unit: 'jobs',
    summary: 'One clear job per message; more than three claims triggers scepticism.',
    source: SHU_CARLSON,
    checked: CHECKED,
  },
  {
    id: 'readability.ease',
    channel: 'any',
    kind: 'bp',
    min: 40,
    unit: 'reading ease',
    summary: 'Longer copy should stay readable (Flesch reading ease 40 or more).',
    source: READABILITY,
    checked: CHECKED,
  },

  // Google Search, responsive search ads: each line of a pasted draft is one asset.
  {
    id: 'google_search.headline_length',
    channel: 'google_search',
    kind: 'hard',
    limit: 30,
    unit: 'characters',
    summary: 'Headlines: 30 characters each.',
    source: GOOGLE_RSA,
    checked: CHECKED,
  },
  {
    id: 'google_search.description_length',
    channel: 'google_search',
    kind: 'hard',
    limit: 90,
    unit: 'characters',
    summary: 'Descriptions: 90 characters each; a longer line cannot be used at all.',
    source: GOOGLE_RSA,
    checked: CHECKED,
  },
  {
    id: 'google_search.path_length',
    channel: 'google_search',
    kind: 'hard',
    limit: 15,
    unit: 'characters',
    summary: 'Display paths: 15 characters each.',
    source: GOOGLE_RSA,
    checked: CHECKED,
  },
  {
    id: 'google_search.asset_count',
    channel: 'google_search',
    kind: 'rec',
    min: 3,
    limit: 15,
    unit: 'count',
    extra: { minDescriptions: 2, maxDescriptions: 4 },
    summary: '3 to 15 headlines and 2 to 4 descriptions per ad.',
    source: GOOGLE_RSA,
    checked: CHECKED,
  },
  {
    id: 'google_search.emoji',
    channel: 'google_search',
    kind: 'hard',
    limit: 0,
    unit: 'count',
    summary: 'Emoji are not allowed.',
    source: GOOGLE_POLICY,
    checked: CHECKED,
  },
  {
    id: 'google_search.headline_exclamation',
    channel: 'google_search',
    kind: 'hard',
    limit: 0,
    unit: 'count',
    summary: 'No exclamation mark in a headline.',
    source: GOOGLE_POLICY,
    checked: CHECKED,
  },
  {
    id: 'google_search.exclamation_count',
    channel: 'google_search',
    kind: 'hard',
    limit: 1,
    unit: 'count',
    summary: 'At most one exclamation mark per ad.',
    source: GOOGLE_POLICY,
    checked: CHECKED,
  },
  {
    id: 'google_search.repeated_punctuation',
    channel: 'google_search',
    kind: 'hard',
    summary: 'No repeated punctuation such as "!!" or "??".',
    source: GOOGLE_POLICY,
    checked: CHECKED,
  },
  {
    id: 'google_search.symbols',
    channel: 'google_search',
    kind: 'hard',
    summary: 'No symbols standing in for letters ("fl@wers").',
    source: GOOGLE_POLICY,
    checked: CHECKED,
  },
  {
    id: 'google_search.capitals',
    channel: 'google_search',
    kind: 'hard',
    summary: 'No gimmicky capitals ("FREE", "BUY NOW").',
    source: GOOGLE_POLICY,
    checked: CHECKED,
  },
  {
    id: 'google_search.framing',
    channel: 'google_search',
    kind: 'bp',
    summary: 'Searchers arrive with a problem: functional, problem-solving copy with an offer and a call to action.',
    source: GOOGLE_RSA,
    checked: CHECKED,
  },
  { id: 'google_search.cta', channel: 'google_search', kind: 'bp', summary: 'An explicit call to action.', source: GOOGLE_RSA, checked: CHECKED },

  // Meta (Facebook and Instagram ads)
  {
    id: 'meta.primary_length',
    channel: 'meta',
    kind: 'hard',
    limit: 2200,
    unit: 'characters',
    summary: 'Ads Manager accepts about 2,200 characters of primary text.',
    source: META_GUIDE,
    checked: CHECKED,
  },
  {
    id: 'meta.primary_visible',
    channel: 'meta',
    kind: 'rec',
    limit: 125,
    unit: 'characters',
    summary: 'About 125 characters show before "See more": the hook belongs there.',
    source: META_GUIDE,
    checked: CHECKED,
  },
  {
    id: 'meta.headline_length',
    channel: 'meta',
    kind: 'rec',
    limit: 40,
    unit: 'characters',
    extra: { facebookFeed: 27 },
    summary: 'Headline: 40 characters recommended (27 for Facebook Feed).',
    source: META_GUIDE,
    checked: CHECKED,
  },
  {
    id: 'meta.description_length',
    channel: 'meta',
    kind: 'rec',
    limit: 30,
    unit: 'characters',
    summary: 'Description: about 30 characters.',
    source: META_GUIDE,
    checked: CHECKED,
  },
  { id: 'meta.emoji', channel: 'meta', kind: 'bp', limit: 2, unit: 'count', summary: 'One or two emoji at most.', source: META_GUIDE, checked: CHECKED },
  { id: 'meta.framing', channel: 'meta', kind: 'bp', summary: 'Emotional and identity-led hooks work.', source: META_GUIDE, checked: CHECKED },

  // Instagram (organic captions)
  {
    id: 'instagram.caption_length',
    channel: 'instagram',
    kind: 'hard',
    limit: 2200,
    unit: 'characters',
    summary: 'Captions up to 2,200 characters.',
    source: INSTAGRAM,
    checked: CHECKED,
  },
  {
    id: 'instagram.caption_visible',
    channel: 'instagram',
    kind: 'rec',
    limit: 125,
    unit: 'characters',
    summary: 'About 125 characters show before "more".',
    source: INSTAGRAM,
    checked: CHECKED,
  },
  {
    id: 'instagram.hashtags',
    channel: 'instagram',
    kind: 'hard',
    limit: 30,
    unit: 'count',
    summary: 'At most 30 hashtags (recently reported lower: re-check).',
    source: INSTAGRAM,
    checked: CHECKED,
  },
  { id: 'instagram.framing', channel: 'instagram', kind: 'bp', summary: 'Emotional and identity-led hooks work.', source: META_GUIDE, checked: CHECKED },

  // TikTok (in-feed ads)
  {
    id: 'tiktok.length',
    channel: 'tiktok',
    kind: 'hard',
    min: 1,
    limit: 100,
    unit: 'characters',
    extra: { asianScriptLimit: 50 },
    summary: 'Ad text 1 to 100 characters for Latin scripts, 1 to 50 for Asian scripts (counted here as 2 each).',
    source: TIKTOK,
    checked: CHECKED,
  },
  {
    id: 'tiktok.hashtag',
    channel: 'tiktok',
    kind: 'hard',
    limit: 0,
    unit: 'count',
    summary: 'Non-Spark ad text allows no "#".',
    source: TIKTOK,
    checked: CHECKED,
  },
  {
    id: 'tiktok.mention',
    channel: 'tiktok',
    kind: 'hard',
    limit: 0,
    unit: 'count',
    summary: 'Non-Spark ad text allows no "@".',
    source: TIKTOK,
    checked: CHECKED,
  },
  {
    id: 'tiktok.link',
    channel: 'tiktok',
    kind: 'hard',
    limit: 0,
    unit: 'count',
    summary: 'Non-Spark ad text allows no clickable links.',
    source: TIKTOK,
    checked: CHECKED,
  },
  {
    id: 'tiktok.emoji',
    channel: 'tiktok',
    kind: 'rec',
    limit: 0,
    unit: 'count',
    summary: 'Emoji are not supported in non-Spark ad text on some placements.',
    source: TIKTOK,
    checked: CHECKED,
  },
  { id: 'tiktok.framing', channel: 'tiktok', kind: 'bp', summary: 'Native, casual, hook-first and very short.', source: TIKTOK, checked: CHECKED },

  // LinkedIn (sponsored content, single image)
  {
    id: 'linkedin.intro_length',
    channel: 'linkedin',
    kind: 'hard',
    limit: 600,
    unit: 'characters',
    summary: 'Introductory text: 600 characters at most (one version of the help page says 3,000: re-check).',
    source: LINKEDIN,
    checked: CHECKED,
  },
  {
    id: 'linkedin.intro_visible',
    channel: 'linkedin',
    kind: 'rec',
    limit: 150,
    unit: 'characters',
    summary: 'About 150 characters show before truncation.',
    source: LINKEDIN,
    checked: CHECKED,
  },
  {
    id: 'linkedin.headline_length',
    channel: 'linkedin',
    kind: 'rec',
    limit: 70,
    unit: 'characters',
    extra: { hardLimit: 200 },
    summary: 'Headline: 70 characters recommended, 200 at most.',
    source: LINKEDIN,
    checked: CHECKED,
  },
  {
    id: 'linkedin.brand_name',
    channel: 'linkedin',
    kind: 'hard',
    summary: 'The word "LinkedIn" may not appear in ad copy.',
    source: LINKEDIN,
    checked: CHECKED,
  },
  {
    id: 'linkedin.framing',
    channel: 'linkedin',
    kind: 'bp',
    limit: 2,
    unit: 'count',
    summary: 'Professional, outcome- and evidence-led; sparing with emoji.',
    source: LINKEDIN,
    checked: CHECKED,
  },

  // X
  {
    id: 'x.weighted_length',
    channel: 'x',
    kind: 'hard',
    limit: 280,
    unit: 'weighted characters',
    extra: { linkWeight: 23, wideWeight: 2 },
    summary: '280 weighted characters: emoji and CJK weigh 2, every link 23.',
    source: X_COUNTING,
    checked: CHECKED,
  },
  {
    id: 'x.hashtags',
    channel: 'x',
    kind: 'bp',
    limit: 2,
    unit: 'count',
    summary: 'Conversational, one idea, at most two hashtags.',
    source: X_COUNTING,
    checked: CHECKED,
  },

  // Email
  {
    id: 'email.subject_length',
    channel: 'email',
    kind: 'bp',
    limit: 50,
    unit: 'characters',
    summary: 'Subject: 50 characters or fewer (30 to 50 is the usual band).',
    source: MAILCHIMP,
    checked: CHECKED,
  },
  {
    id: 'email.subject_missing',
    channel: 'email',
    kind: 'bp',
    summary: 'A draft starting with "Subject:" carries its subject on that line.',
    source: MAILCHIMP,
    checked: CHECKED,
  },
  {
    id: 'email.subject_spam',
    channel: 'email',
    kind: 'bp',
    limit: 2,
    unit: 'count',
    summary: 'All-caps words and piles of punctuation in a subject read as spam.',
    source: MAILCHIMP,
    checked: CHECKED,
  },
  {
    id: 'email.preheader_length',
    channel: 'email',
    kind: 'bp',
    min: 40,
    limit: 70,
    unit: 'characters',
    summary: 'Preheader: 40 to 70 characters.',
    source: MAILCHIMP,
    checked: CHECKED,
  },
  { id: 'email.cta', channel: 'email', kind: 'bp', limit: 1, unit: 'count', summary: 'One primary call to action.', source: MAILCHIMP, checked: CHECKED },
  {
    id: 'email.readability',
    channel: 'email',
    kind: 'bp',
    min: 50,
    unit: 'reading ease',
    summary: 'Readable at about grade 8 (Flesch reading ease 60–70; below 50 is hard going).',
    source: READABILITY,
    checked: CHECKED,
  },

  // SMS
  {
    id: 'sms.segments',
    channel: 'sms',
    kind: 'hard',
    limit: 1,
    unit: 'segments',
    extra: { gsm7: 160, ucs2: 70, gsm7Part: 153, ucs2Part: 67 },
    summary: 'One segment: 160 GSM-7 characters, or 70 when any character forces UCS-2.',
    source: GSM,
    checked: CHECKED,
  },
] as const satisfies readonly ChannelRule[];

export type RuleId = (typeof CHANNEL_RULES)[number]['id'];

const BY_ID = new Map<string, ChannelRule>(CHANNEL_RULES.map((r) => [r.id, r]));

export function rule(id: RuleId): ChannelRule {
  return BY_ID.get(id)!;
}

/** The rule's upper limit; every check reads its numbers through here. */
export function limitOf(id: RuleId): number {
  const r = rule(id);
  if (r.limit === undefined) throw new Error(`rule ${id} has no limit`);
  return r.limit;
}

export function minOf(id: RuleId): number {
  const r = rule(id);
  if (r.min === undefined) throw new Error(`rule ${id} has no minimum`);
  return r.min;
}

export function extraOf(id: RuleId, key: string): number {
  const value = rule(id).extra?.[key];
  if (value === undefined) throw new Error(`rule ${id} has no figure "${key}"`);
  return value;
}

export function rulesFor(channel: ChannelId): ChannelRule[] {
  return CHANNEL_RULES.filter((r) => r.channel === channel || r.channel === 'any');
}
