import type { ChannelId } from '../../domain/persona.js';
import { channelName } from '../../domain/persona.js';
import { quote } from '../text/counting.js';
import type { Finding } from '../findings.js';
import { minOf } from './rules.js';
import type { RuleId } from './rules.js';
import type { CheckContext } from './check-common.js';
import { f } from './check-common.js';
import { checkEmail, checkSms } from './check-direct.js';
import { checkFeed, checkTikTok } from './check-feeds.js';
import { checkGoogleSearch } from './check-google.js';
import { checkLinkedIn, checkX } from './check-social.js';

export type { CheckContext } from './check-common.js';

export function checkChannel(channel: ChannelId, ctx: CheckContext): Finding[] {
  if (!ctx.text.trim()) {
    return [
      f('error', 'draft.empty', `The draft is empty: ${channelName(channel)} needs at least ${minOf('draft.empty')} character of text.`, {
        actual: 0,
        limit: minOf('draft.empty'),
      }),
    ];
  }
  const out = CHECKS[channel](ctx);
  const ease = readabilityFinding(channel, ctx);
  if (ease) out.push(ease);
  return out;
}

const CHECKS: Record<ChannelId, (ctx: CheckContext) => Finding[]> = {
  google_search: checkGoogleSearch,
  meta: (ctx) => checkFeed('meta', ctx),
  instagram: (ctx) => checkFeed('instagram', ctx),
  tiktok: checkTikTok,
  linkedin: checkLinkedIn,
  x: checkX,
  email: checkEmail,
  sms: checkSms,
};

// --- Readability ---------------------------------------------------------------------------

function readabilityFinding(channel: ChannelId, ctx: CheckContext): Finding | null {
  const ease = ctx.framing.readingEase;
  if (ease === null || ctx.framing.words < 30 || channel === 'google_search' || channel === 'sms' || channel === 'tiktok') return null;
  const id: RuleId = channel === 'email' ? 'email.readability' : 'readability.ease';
  const min = minOf(id);
  if (ease >= min) return null;
  const longest = ctx.framing.longestSentence;
  return f(
    'warning',
    id,
    `Reading ease ${Math.round(ease)} (Flesch; ${min} or more reads comfortably${channel === 'email' ? ', 60–70 is about grade 8' : ''})${longest && longest.words >= 20 ? `: the longest sentence has ${longest.words} words ("${quote(longest.text, 50)}")` : ''}.`,
    { actual: Math.round(ease), limit: min },
  );
}
