import { describe, expect, it } from 'vitest';
import { parseHouseRules } from '../../../src/review-engine/house-rules/format.js';
import { listRulesInForce } from '../../../src/review-engine/rules-in-force.js';
import { rulesMessage } from '../../../src/slack/render/rules.js';
import { validateMessage } from '../../../src/slack/render/limits.js';

const text = (m: { blocks: unknown[] }) => JSON.stringify(m.blocks);

function houseSet(n: number) {
  const yaml = `packs: [compliance]\nrules:\n${Array.from({ length: n }, (_, i) => `  - name: rule-${i}\n    kind: hard\n    summary: ${'A long reason nobody reads twice. '.repeat(5)}\n    banned: ["word${i}", "/<!channel>${i}/"]\n`).join('')}`;
  const parsed = parseHouseRules(yaml);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.file;
}

describe('rules message', () => {
  it('lists one channel’s rules with a link to each source and the day it was read', () => {
    const m = rulesMessage(listRulesInForce('tiktok', undefined), '/persona');
    expect(validateMessage(m)).toEqual([]);
    expect(text(m)).toContain('Rules for TikTok');
    expect(text(m)).toContain('<https://ads.tiktok.com/help/article/tiktok-auction-in-feed-ads|source>, read 2026-12-01');
    expect(text(m)).toContain('braces');
    expect(text(m)).not.toContain('instagram.hashtags');
    expect(text(m)).toContain('no house rules');
  });

  it('stays inside Slack’s limits with every channel and a long set of house rules, pointing to the channel view for the rest', () => {
    const m = rulesMessage(listRulesInForce(null, houseSet(40)), '/persona');
    expect(validateMessage(m)).toEqual([]);
    expect(text(m)).toContain("This workspace's house rules");
    expect(text(m)).toContain('`/persona rules &lt;channel&gt;`');
    // User text is escaped: a pattern cannot notify the channel.
    expect(text(m)).not.toContain('<!channel>');
  });

  it('shows the house rules and the compliance pack that apply to the channel asked for', () => {
    const m = rulesMessage(listRulesInForce('sms', houseSet(2)), '/persona');
    expect(validateMessage(m)).toEqual([]);
    expect(text(m)).toContain('compliance-sms-opt-out');
    expect(text(m)).not.toContain('compliance-ad-disclosure');
    expect(text(m)).toContain('rule-1');
  });
});
