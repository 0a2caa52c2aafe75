// `/persona rules [channel]`: the rules a review applies, each with a link to the page that
// states it and the day that page was last read; the workspace's house rules first when no
// channel is given (they are short, and the team's own), the platform rules after, grouped by
// channel, cut with a pointer to `/persona rules <channel>` when all of them would not fit.
import type { KnownBlock } from '@slack/types';
import { CHANNEL_IDS, channelName } from '../../domain/persona.js';
import type { ChannelId } from '../../domain/persona.js';
import type { RuleListing, RulesInForce } from '../../review-engine/rules-in-force.js';
import { bulletList, context, esc, fallback, header, section } from './common.js';
import type { SlackMessage } from './common.js';
import { LIMITS } from './limits.js';

const KIND = { hard: 'hard', recommendation: 'recommendation', best_practice: 'best practice' } as const;

/** Room left for the whole message's text once the header and the context are in. */
const TEXT_BUDGET = LIMITS.messageTotalText - 1_500;

function line(r: RuleListing): string {
  const source = r.url ? ` <${r.url}|source>${r.read ? `, read ${r.read}` : ''}` : r.origin === 'platform' ? '' : ' (no source given)';
  const where = r.origin === 'platform' ? '' : ` · ${r.channels.map((c) => (c === 'any' ? 'any channel' : channelName(c as ChannelId))).join(', ')}`;
  const name = r.origin === 'platform' ? `*${esc(r.label, 60)}* ${esc(r.id.replace(/^[a-z_]+\./, ''), 60)}` : `*${esc(r.label, 60)}*`;
  return `${name} _(${KIND[r.kind]}${where})_: ${esc(r.summary, 260)}${source}${r.note ? ` — _${esc(r.note, 160)}_` : ''}`;
}

export function rulesMessage(listing: RulesInForce, command: string): SlackMessage {
  const house = listing.rules.filter((r) => r.origin !== 'platform');
  const platform = listing.rules.filter((r) => r.origin === 'platform');
  const groups: Array<[string, RuleListing[]]> = [];
  const houseGroup: [string, RuleListing[]] = ["*This workspace's house rules*", house];
  if (house.length && !listing.channel) groups.push(houseGroup);
  for (const key of ['any', ...CHANNEL_IDS] as const) {
    const rules = platform.filter((r) => r.channels[0] === key);
    if (rules.length) groups.push([`*${key === 'any' ? 'Every channel' : channelName(key)}*`, rules]);
  }
  if (house.length && listing.channel) groups.push(houseGroup);

  const blocks: KnownBlock[] = [header(listing.channel ? `Rules for ${channelName(listing.channel)}` : 'Rules in force')];
  let used = 0;
  let left = 0;
  for (const [title, rules] of groups) {
    const text = bulletList(title, rules.map(line));
    if (left > 0 || used + text.length > TEXT_BUDGET || blocks.length >= LIMITS.blocksPerMessage - 2) {
      left += rules.length;
      continue;
    }
    used += text.length;
    blocks.push(section(text));
  }
  const notes = [
    `Channel rules version ${listing.version}. Each links the page that states it and the day it was last read; platforms change, so re-check before a big launch.`,
  ];
  if (left > 0) notes.push(`${left} more not shown: \`${command} rules &lt;channel&gt;\` lists one channel's rules (channels: ${CHANNEL_IDS.join(', ')}).`);
  if (!house.length) notes.push('This workspace has no house rules: import them with `npm run cli -- rules import house-rules.yaml`.');
  blocks.push(context(notes));
  return { text: fallback(`${listing.channel ? `Rules for ${channelName(listing.channel)}` : 'Rules in force'}: ${listing.rules.length} rules.`), blocks };
}
