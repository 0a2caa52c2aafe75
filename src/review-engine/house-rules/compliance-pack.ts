// The optional compliance pack: reminders marketers expect, as warnings, off unless a workspace's
// house rules name it (`packs: [compliance]`). They are reminders, not legal advice: a review
// cannot know whether a post is paid or whether a text goes to subscribers who opted in.
import type { HouseRule } from './format.js';

export const COMPLIANCE_PACK: readonly HouseRule[] = [
  {
    name: 'compliance-sms-opt-out',
    kind: 'recommendation',
    channels: ['sms'],
    summary: 'A marketing text tells the reader how to stop them ("Reply STOP to opt out").',
    source: {
      title: 'CTIA Short Code Monitoring Handbook (as published by the US Short Code Directory)',
      url: 'https://usshortcodedirectory.com/ctia-short-code-monitoring-handbook/',
      read: '2026-12-01',
      quote: 'For recurring-messages programs, confirmation messages must include clear opt-out instructions.',
    },
    required: '/\\b(?:reply|text|txt|send)\\s+stop\\b|\\bstop\\s+(?:to|2)\\s+(?:opt[- ]?out|end|unsubscribe|cancel|quit)\\b|\\bopt[- ]?out\\b/i',
  },
  {
    name: 'compliance-ad-disclosure',
    kind: 'recommendation',
    channels: ['instagram', 'tiktok', 'x'],
    summary: 'A paid or gifted post says so plainly ("#ad", "Sponsored", "Paid partnership").',
    source: {
      title: 'FTC: Disclosures 101 for Social Media Influencers (as summarised by law firms)',
      url: 'https://www.ftc.gov/business-guidance/resources/disclosures-101-social-media-influencers',
      read: '2026-12-01',
      quote: 'Disclose any financial, employment, personal or family relationship with a brand, clearly and conspicuously, in the post itself.',
      note: 'The FTC page itself could not be re-read; summaries of it were read on this date.',
    },
    required: '/(?<![\\p{L}\\p{N}])#?(?:ad|advert|advertisement|sponsored|paid\\s+partnership|partner|gifted)(?![\\p{L}\\p{N}])/iu',
  },
];
