import { describe, expect, it } from 'vitest';
import { checkHouseRules, positionOf } from '../../../src/review-engine/house-rules/check.js';
import type { HouseRuleSet } from '../../../src/review-engine/house-rules/check.js';
import { parseHouseRules } from '../../../src/review-engine/house-rules/format.js';
import type { ChannelId } from '../../../src/domain/persona.js';

function set(yaml: string): HouseRuleSet {
  const parsed = parseHouseRules(yaml);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.file;
}
const run = (s: HouseRuleSet, text: string, channel: ChannelId = 'meta') => checkHouseRules(s, { text, channel });

describe('house rules in a review', () => {
  it('finds a banned phrase with its line and column, under the rule’s own name', () => {
    const s = set('rules:\n  - name: no-cheap\n    kind: hard\n    summary: We never call ourselves cheap.\n    banned: [cheap, "/guaranteed?/i"]\n');
    const [f, ...rest] = run(s, 'Pet cover for less.\nNot cheap, just fair. Guaranteed.');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'error', rule: 'house.no-cheap', text: 'cheap', actual: 2 });
    expect(f!.message).toBe('House rule "no-cheap" (We never call ourselves cheap): "cheap" at line 2, column 5; "Guaranteed" at line 2, column 23.');
    expect(run(s, 'Cheaper than you think')).toEqual([]);
    expect(positionOf('ab\n😀x', 5)).toEqual({ line: 2, column: 2 });
  });

  it('asks for a disclaimer only on an offer, and is satisfied when it is there', () => {
    const s = set('rules:\n  - name: tcs-on-offers\n    kind: hard\n    required: "T&Cs apply"\n    when: offer\n');
    const [f] = run(s, 'Get 20% off your first year of cover.');
    expect(f).toMatchObject({ severity: 'error', rule: 'house.tcs-on-offers' });
    expect(f!.message).toContain('the draft lacks "T&Cs apply" although the draft makes an offer ("Get 20% off your first year")');
    expect(run(s, 'Get 20% off your first year of cover. T&Cs apply.')).toEqual([]);
    expect(run(s, 'Cover that pays the vet directly.')).toEqual([]);
  });

  it('holds a channel to the team’s own length and spells product names the team’s way', () => {
    const s = set('rules:\n  - name: sms-short\n    channels: [sms]\n    max_length: 20\n  - name: brand\n    spelling: [PawSure]\n');
    expect(run(s, 'Paw Sure covers every vet visit', 'sms').map((f) => f.rule)).toEqual(['house.sms-short', 'house.brand']);
    expect(run(s, 'Paw Sure covers every vet visit', 'meta').map((f) => f.rule)).toEqual(['house.brand']);
    expect(run(s, 'Paw Sure covers pawsure PawSure', 'meta')[0]!.message).toContain(
      '"Paw Sure" at line 1, column 1 is spelled "PawSure"; "pawsure" at line 1, column 17 is spelled "PawSure"',
    );
    expect(run(s, 'PawSure covers every vet visit', 'meta')).toEqual([]);
  });

  it('turns on the compliance pack only when named: an SMS opt-out and an ad disclosure, as warnings', () => {
    expect(run(set('rules: []\n'), 'Spring sale: 20% off all cover', 'sms')).toEqual([]);
    const pack = set('packs: [compliance]\n');
    expect(run(pack, 'Spring sale: 20% off all cover', 'sms').map((f) => `${f.severity}:${f.rule}`)).toEqual(['warning:house.compliance-sms-opt-out']);
    expect(run(pack, 'Spring sale: 20% off all cover. Reply STOP to opt out', 'sms')).toEqual([]);
    expect(run(pack, 'Loving my new PawSure plan!', 'instagram').map((f) => f.rule)).toEqual(['house.compliance-ad-disclosure']);
    expect(run(pack, 'Loving my new PawSure plan! #ad', 'instagram')).toEqual([]);
    expect(run(pack, 'Loving my new PawSure plan!', 'google_search')).toEqual([]);
  });

  it('cannot be stalled by a catastrophic pattern: the pattern is stopped, said to be skipped, and the other rules still run', () => {
    const s = set('rules:\n  - name: evil\n    banned: ["/(a+)+$/"]\n  - name: no-cheap\n    banned: [cheap]\n');
    const text = `${'a'.repeat(40)}! cheap`;
    const findings = checkHouseRules(s, { text, channel: 'meta' }, { patternTimeoutMs: 50, budgetMs: 1_000 });
    expect(findings.map((f) => `${f.severity}:${f.rule}`)).toEqual(['info:house.evil', 'warning:house.no-cheap']);
    expect(findings[0]!.message).toMatch(/the pattern \/\(a\+\)\+\$\/ took longer than 50 ms on this draft and was skipped/);
  });

  it('stops checking when the budget for the draft is spent', () => {
    let t = 0;
    const s = set('rules:\n  - name: one\n    banned: [x]\n  - name: two\n    banned: [y]\n');
    const findings = checkHouseRules(s, { text: 'x y', channel: 'meta' }, { budgetMs: 10, now: () => (t += 6) });
    expect(findings.map((f) => f.rule)).toEqual(['house.one', 'house.two']);
    expect(findings[1]!.message).toContain('used up their 10 ms');
  });
});
