// `rules` and `rules import` through the CLI entry point, and house rules showing up in a review.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.js';
import { reviewResultSchema } from '../../src/review-engine/result.js';
import { runCliCaptured } from '../support/cli.js';
import { CALIBRATION_DIR } from '../review-engine/support.js';

const clock = fixedClock('2026-12-01T09:00:00Z');
const cli = (args: string[], env: Record<string, string>, stdin = '') => runCliCaptured(args, env, clock, stdin);

const HOUSE = `version: 1
packs: [compliance]
rules:
  - name: no-cheap
    kind: hard
    summary: We never call ourselves cheap.
    banned: [cheap]
  - name: tcs-on-offers
    kind: hard
    required: "T&Cs apply"
    when: offer
`;

describe('rules command', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'persona-rules-'));
    env = { DATABASE_URL: `pglite:${join(dir, 'db')}`, REVIEW_MODEL: 'off' };
    expect((await cli(['import', `${CALIBRATION_DIR}/personas.yaml`], env)).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the rules in force with the page each comes from and the day it was read', async () => {
    const r = await cli(['rules', 'instagram'], env);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Channel rules \d{4}-\d{2}-\d{2}, instagram/);
    expect(r.out).toContain('instagram.hashtags  [hard]  At most 5 hashtags');
    expect(r.out).toContain('https://www.socialmediatoday.com/news/instagrams-implementing-new-limits-on-hashtag-use/808309/ (read 2026-12-01)');
    expect(r.out).not.toContain(' tiktok.length');
    const json = JSON.parse((await cli(['rules', '--json'], env)).out) as { rules: Array<{ id: string; url: string; read: string }> };
    expect(json.rules.length).toBeGreaterThan(40);
    for (const rule of json.rules) expect([rule.url, rule.read]).toEqual([expect.stringMatching(/^https?:\/\//), expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/)]);
    expect(await cli(['rules', 'fax'], env)).toMatchObject({ code: 2, err: expect.stringContaining('unknown channel "fax"') });
  });

  it('refuses a house-rules file with a bad regular expression, naming file and line, and imports nothing', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, HOUSE.replace('banned: [cheap]', 'banned: [cheap, "/(unclosed/"]'));
    const r = await cli(['rules', 'import', file], env);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${file}:7: rules.0 (no-cheap): "/(unclosed/" is not a valid regular expression`);
    expect(r.err).toContain('Nothing was imported.');
    expect((await cli(['rules'], env)).out).not.toContain('house rules');
  });

  it('imports house rules, lists them, and reviews with them as findings under their own names', async () => {
    const file = join(dir, 'house-rules.yaml');
    writeFileSync(file, HOUSE);
    const imported = await cli(['rules', 'import', file], env);
    expect(imported).toMatchObject({ code: 0, out: expect.stringContaining('Imported 2 house rules and the compliance pack') });
    const listed = await cli(['rules', 'sms'], env);
    expect(listed.out).toContain("This workspace's house rules:");
    expect(listed.out).toContain('-     house.no-cheap  [hard; any]  We never call ourselves cheap (bans "cheap").');
    expect(listed.out).toContain('compliance-sms-opt-out');
    expect(listed.out).not.toContain('compliance-ad-disclosure');

    const review = await cli(['review', '--json', '--channel', 'sms', 'Ledgerly: cheap cash-flow forecasts, 20% off this month.'], env);
    expect(review.code).toBe(0);
    const result = reviewResultSchema.parse(JSON.parse(review.out));
    expect(result.verdict).toBe('poor');
    expect(result.findings.map((f) => `${f.severity}:${f.rule}`)).toEqual(
      expect.arrayContaining(['error:house.no-cheap', 'error:house.tcs-on-offers', 'warning:house.compliance-sms-opt-out']),
    );
    expect(result.findings.find((f) => f.rule === 'house.no-cheap')!.message).toContain('"cheap" at line 1, column 11');
  });
});
