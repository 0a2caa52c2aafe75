import { describe, expect, it } from 'vitest';
import { parseHouseRules, patternProblem, toPattern } from '../../../src/review-engine/house-rules/format.js';

const sample = `version: 1
packs: [compliance]
rules:
  - name: no-cheap
    kind: hard
    summary: We never call ourselves cheap.
    banned: [cheap, "/guaranteed?\\\\s+savings/i"]
  - name: tcs-on-offers
    required: "T&Cs apply"
    when: offer
  - name: sms-short
    channels: [sms]
    max_length: 140
  - name: brand
    kind: best_practice
    spelling: [PawSure]
`;

describe('house rules file', () => {
  it('reads rules of every type, with defaults (recommendation, any channel)', () => {
    const parsed = parseHouseRules(sample);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.file.packs).toEqual(['compliance']);
    expect(parsed.file.rules.map((r) => [r.name, r.kind, r.channels])).toEqual([
      ['no-cheap', 'hard', ['any']],
      ['tcs-on-offers', 'recommendation', ['any']],
      ['sms-short', 'recommendation', ['sms']],
      ['brand', 'best_practice', ['any']],
    ]);
  });

  it('refuses a bad regular expression at import, with the line it is on', () => {
    const bad = sample.replace('"/guaranteed?\\\\s+savings/i"', '"/guarantee(d?/i"');
    const parsed = parseHouseRules(bad);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]!.line).toBe(7);
    expect(parsed.problems[0]!.message).toMatch(/rules\.0 \(no-cheap\): "\/guarantee\(d\?\/i" is not a valid regular expression/);
  });

  it('refuses unknown flags, a rule that checks nothing or two things, an unknown channel, and a name used twice, each with its line', () => {
    expect(patternProblem('/x/q')).toMatch(/unknown regular-expression flag/);
    const parsed = parseHouseRules(`rules:
  - name: a
    summary: nothing to check
  - name: b
    banned: [x]
    max_length: 3
  - name: c
    channels: [myspace]
    banned: [x]
`);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const byLine = parsed.problems.map((p) => `${p.line}: ${p.message}`);
    expect(byLine).toContainEqual(expect.stringMatching(/^2: rules\.0: a rule checks exactly one of banned, required, max_length, spelling \(found none\)/));
    expect(byLine).toContainEqual(expect.stringMatching(/^4: rules\.1: .*found banned, max_length/));
    expect(byLine).toContainEqual(expect.stringMatching(/^8: rules\.2\.channels\.0: a channel: any, google_search/));
    const twice = parseHouseRules('rules:\n  - name: c\n    banned: [x]\n  - name: C\n    banned: [y]\n');
    expect(twice.ok ? [] : twice.problems.map((p) => `${p.line}: ${p.message}`)).toEqual(['4: rules.1.name: the name "C" is used twice']);
  });

  it('reports a YAML syntax error with its line', () => {
    const parsed = parseHouseRules('rules:\n  - name: a\n    banned: [x\n');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems[0]!.line).toBeGreaterThanOrEqual(3); // the unclosed [ of line 3 is found where the file ends
  });

  it('matches a phrase as whole words, case-insensitively, across any spacing', () => {
    const p = toPattern('free  trial');
    const re = new RegExp(p.source, `${p.flags}g`);
    expect('A Free trial, a free\ntrial, freetrial'.match(re)).toEqual(['Free trial', 'free\ntrial']);
    const cheap = toPattern('cheap');
    expect('cheaper cheap'.match(new RegExp(cheap.source, `${cheap.flags}g`))).toEqual(['cheap']);
  });
});

describe('the example house rules', () => {
  it('parses as shipped', async () => {
    const { readFileSync } = await import('node:fs');
    const parsed = parseHouseRules(readFileSync('examples/house-rules.yaml', 'utf8'));
    expect(parsed.ok ? parsed.file.rules.map((r) => r.name) : parsed.problems).toEqual(['no-cheap', 'tcs-on-offers', 'sms-short', 'product-names']);
  });
});
