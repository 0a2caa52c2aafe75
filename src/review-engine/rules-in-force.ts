// The rules a review applies, for people to read (`npm run cli -- rules`, `/persona rules`):
// the channel rules of rules-data.json with their sources, then the workspace's house rules and
// the packs it turned on. Plain data; the CLI and Slack each render it their own way.
import type { ChannelId } from '../domain/persona.js';
import { CHANNEL_RULES, RULES_VERSION } from './channels/rules.js';
import type { RuleKind } from './channels/rules.js';
import { rulesInForce } from './house-rules/check.js';
import type { HouseRuleSet } from './house-rules/check.js';
import { appliesTo } from './house-rules/format.js';

export interface RuleListing {
  /** "#10" for a channel rule, the rule's name for a house rule. */
  label: string;
  id: string;
  origin: 'platform' | 'house' | 'pack';
  channels: string[];
  kind: RuleKind;
  summary: string;
  url?: string;
  read?: string;
  note?: string;
}

export interface RulesInForce {
  version: string;
  channel: ChannelId | null;
  rules: RuleListing[];
}

/** What a house rule checks, in words: "bans \"cheap\"", "requires T&Cs apply when the draft makes an offer". */
const houseCheckSummary = (r: { banned?: unknown; required?: string; max_length?: number; spelling?: string[]; when?: string }): string =>
  r.banned
    ? `bans ${(r.banned as string[]).map((p) => `"${p}"`).join(', ')}`
    : r.required
      ? `requires ${r.required}${r.when ? ` when ${r.when === 'offer' ? 'the draft makes an offer' : `the draft has ${r.when}`}` : ''}`
      : r.max_length !== undefined
        ? `at most ${r.max_length} characters`
        : `spells ${(r.spelling ?? []).join(', ')}`;

export function listRulesInForce(channel: ChannelId | null, house?: HouseRuleSet): RulesInForce {
  const rules: RuleListing[] = CHANNEL_RULES.filter((r) => !channel || r.channel === channel || r.channel === 'any').map((r) => ({
    label: `#${r.number}`,
    id: r.id,
    origin: 'platform',
    channels: [r.channel],
    kind: r.kind,
    summary: r.summary,
    url: r.url,
    read: r.read,
    ...(r.note ? { note: r.note } : {}),
  }));
  if (house) {
    const own = new Set(house.rules);
    for (const r of rulesInForce(house)) {
      if (channel && !appliesTo(r, channel)) continue;
      rules.push({
        label: r.name,
        id: `house.${r.name}`,
        origin: own.has(r) ? 'house' : 'pack',
        channels: [...r.channels],
        kind: r.kind,
        summary: r.summary ? `${r.summary.replace(/\.$/, '')} (${houseCheckSummary(r)}).` : `${houseCheckSummary(r)}.`,
        ...(r.source?.url ? { url: r.source.url } : {}),
        ...(r.source?.read ? { read: r.source.read } : {}),
        ...(r.source?.note ? { note: r.source.note } : {}),
      });
    }
  }
  return { version: RULES_VERSION, channel, rules };
}
