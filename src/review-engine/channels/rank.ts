// Ranks every channel for a draft: how well it fits each channel's hard limits, recommendations
// and practices, how its framing suits the channel, and whether the persona uses the channel.
// Every point added or taken away comes with a reason the user can read.
import { CHANNEL_IDS, channelName } from '../../domain/persona.js';
import type { ChannelId } from '../../domain/persona.js';
import { graphemeCount } from '../text/counting.js';
import { verdictOf } from '../findings.js';
import type { Finding, Verdict } from '../findings.js';
import { checkChannel } from './check.js';
import type { CheckContext } from './check.js';

export interface ChannelRank {
  channel: ChannelId;
  verdict: Verdict;
  score: number;
  reasons: string[];
  findings: Finding[];
}

/** Points taken per finding, by severity, and added for the persona's own channels and the draft's form. */
export const RANK_WEIGHTS = { error: 60, warning: 12, info: 3, personaChannel: 15, framing: 10, form: 20 } as const;

/** Words only a marketing text message carries (carriers require an opt-out). */
const SMS_OPT_OUT = /\b(?:reply|text|txt|send)\s+stop\b|\bstop\s+(?:to|2)\s+(?:opt[- ]?out|end|unsubscribe|cancel|quit)\b|\bmsg\s*(?:&|and)\s*data\s+rates\b/i;
/** Words only an email carries. */
const EMAIL_FOOTER = /\bunsubscribe\b|\bview\s+(?:this\s+email\s+)?in\s+(?:your\s+)?browser\b|\bmanage\s+(?:your\s+)?(?:email\s+)?preferences\b/i;
const HASHTAG = /(?:^|\s)#[\p{L}\p{N}_]+/gu;

export function rankChannels(ctx: CheckContext, personaChannels: { name: string; channels: readonly ChannelId[] } | null): ChannelRank[] {
  const ranks = CHANNEL_IDS.map((channel) => {
    const findings = checkChannel(channel, ctx);
    const reasons: string[] = [];
    let score = 80;
    const errors = findings.filter((x) => x.severity === 'error');
    const warnings = findings.filter((x) => x.severity === 'warning');
    const infos = findings.filter((x) => x.severity === 'info');
    if (errors.length) reasons.push(`breaks ${errors.map((e) => e.rule).join(', ')}`);
    if (warnings.length) reasons.push(`misses ${warnings.map((e) => e.rule).join(', ')}`);
    score -= RANK_WEIGHTS.error * errors.length + RANK_WEIGHTS.warning * warnings.length + RANK_WEIGHTS.info * infos.length;
    for (const [points, why] of affinity(channel, ctx)) {
      score += points;
      reasons.push(`${points > 0 ? '+' : ''}${points}: ${why}`);
    }
    if (personaChannels?.channels.includes(channel)) {
      score += RANK_WEIGHTS.personaChannel;
      reasons.push(`+${RANK_WEIGHTS.personaChannel}: one of ${personaChannels.name}'s channels`);
    }
    return { channel, verdict: verdictOf(findings), raw: score, score: Math.max(0, Math.min(100, Math.round(score))), reasons, findings };
  });
  const order = { good: 0, ok: 1, poor: 2 } as const;
  // A channel whose hard rule the draft breaks is never suggested above one it can run on,
  // whatever its points; then by the unclamped score, so two channels at "100" keep their order.
  const poor = (r: { verdict: Verdict }) => (r.verdict === 'poor' ? 1 : 0);
  ranks.sort(
    (a, b) => poor(a) - poor(b) || b.raw - a.raw || order[a.verdict] - order[b.verdict] || CHANNEL_IDS.indexOf(a.channel) - CHANNEL_IDS.indexOf(b.channel),
  );
  return ranks.map(({ raw: _raw, ...rest }) => rest);
}

/** How the draft's shape and framing suit a channel: the practices of channel-specs.md, as points. */
function affinity(channel: ChannelId, ctx: CheckContext): Array<[number, string]> {
  const fr = ctx.framing;
  const n = graphemeCount(ctx.parts.primary || ctx.text);
  const w = RANK_WEIGHTS.framing;
  const out: Array<[number, string]> = [];
  const emotional = fr.label === 'emotional';
  const functional = fr.label === 'functional';
  if (channel !== 'email' && ctx.parts.subject) out.push([-w, 'written as an email (it has a Subject: line)']);
  // The draft's own form says where it is meant to run: an opt-out, an email footer, hashtags.
  const form = RANK_WEIGHTS.form;
  const optOut = SMS_OPT_OUT.exec(ctx.text)?.[0];
  if (optOut) out.push(channel === 'sms' ? [form, `written as a text message ("${optOut}")`] : [-form, `written as a text message ("${optOut}")`]);
  const footer = EMAIL_FOOTER.exec(ctx.text)?.[0];
  if (footer) out.push(channel === 'email' ? [form / 2, `written as an email ("${footer}")`] : [-form / 2, `written as an email ("${footer}")`]);
  const hashtags = (ctx.text.match(HASHTAG) ?? []).length;
  if (hashtags > 0) {
    if (channel === 'instagram' || channel === 'tiktok' || channel === 'x') out.push([w / 2, `uses hashtags, as ${channelName(channel)} posts do`]);
    if (channel === 'google_search' || channel === 'sms' || channel === 'email') out.push([-w / 2, `hashtags do nothing in ${channelName(channel)}`]);
  }
  switch (channel) {
    case 'google_search':
      if (functional) out.push([w, 'functional, problem-solving copy suits search']);
      if (emotional) out.push([-w, 'emotional framing suits search less']);
      if (fr.cta) out.push([w / 2, `has a call to action ("${fr.cta}")`]);
      break;
    case 'meta':
    case 'instagram':
      if (emotional) out.push([w, `emotional framing suits ${channelName(channel)}`]);
      if (fr.label === 'mixed') out.push([w / 2, 'an emotional hook with a concrete promise']);
      if (n <= 125) out.push([w / 2, 'the whole text shows before the fold']);
      break;
    case 'tiktok':
      if (n <= 60) out.push([w, 'very short, as TikTok copy should be']);
      if (fr.questions > 0) out.push([w / 2, 'opens a conversation with a question']);
      break;
    case 'linkedin':
      if (functional || fr.label === 'mixed') out.push([w / 2, 'outcome- and evidence-led copy suits LinkedIn']);
      if (fr.emoji.length === 0) out.push([w / 2, 'no emoji: reads professional']);
      break;
    case 'x':
      if (n <= 200) out.push([w / 2, 'short and to one point']);
      break;
    case 'email':
      if (ctx.parts.subject) out.push([w, 'has a subject line']);
      else out.push([-w, 'no subject line']);
      break;
    case 'sms':
      if (fr.hasLink) out.push([w / 2, 'carries a link to act on']);
      if (n <= 160) out.push([w / 2, 'fits a text message']);
      break;
  }
  return out;
}
