// `results import`, `results reattribute` and `insights` through the CLI, on a real embedded
// store, with the review engine reading the ads (word overlap: REVIEW_MODEL=off keeps it fast).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.js';
import { insightsReportSchema } from '../../src/insights/report.js';
import { generateResults, toGenericCsv } from '../../testing/results-data.js';
import type { PlantedAd } from '../../testing/results-data.js';
import { runCliCaptured } from '../support/cli.js';

const clock = fixedClock('2026-11-02T09:00:00Z');
const cli = (args: string[], env: Record<string, string>) => runCliCaptured(args, env, clock);

// Ads the engine reads as one persona's job each (examples/personas.yaml).
const PAID = 'Get paid on time without chasing clients: Tasklane sends the invoice reminders for you.';
const SCHED = 'Keep every client project on schedule, with one timeline your clients can follow.';
const MEET = 'Cut the number of status meetings: Tasklane writes the weekly update for your team.';
const BIKE = 'Get to work on time without the crowded train. Greenhop e-bikes from 49 a month.';

const PLANTED: PlantedAd[] = [
  { text: PAID, channel: 'meta', ctr: 0.02, cvr: 0.06, impressionsPerDay: 3000, cpc: 0.8 },
  { text: PAID, channel: 'google_search', ctr: 0.02, cvr: 0.015, impressionsPerDay: 3000, cpc: 0.8 },
  { text: SCHED, channel: 'meta', ctr: 0.02, cvr: 0.03, impressionsPerDay: 3000, cpc: 0.8 },
  { text: SCHED, channel: 'google_search', ctr: 0.02, cvr: 0.03, impressionsPerDay: 3000, cpc: 0.8 },
  { text: MEET, channel: 'linkedin', ctr: 0.01, cvr: (week) => 0.01 + 0.006 * week, impressionsPerDay: 4000, cpc: 2 },
  // Aimed at the renter persona, but about commuting: none of her jobs.
  { text: BIKE, channel: 'instagram', persona: 'First-Time Renter', ctr: 0.015, cvr: 0.005, impressionsPerDay: 2000, cpc: 0.5 },
];

describe('results and insights commands', () => {
  let dir: string;
  let env: Record<string, string>;
  let planted: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'persona-results-'));
    env = { DATABASE_URL: `pglite:${join(dir, 'db')}`, REVIEW_MODEL: 'off' };
    expect((await cli(['import', 'examples/personas.yaml'], env)).code).toBe(0);
    planted = join(dir, 'planted.csv');
    writeFileSync(planted, toGenericCsv(generateResults({ ads: PLANTED, start: '2026-09-07', days: 56, seed: 1 })));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a bad file whole: every problem with its line, nothing imported', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      [
        'date,channel,text,impressions,clicks,conversions,persona',
        `2026-11-02,meta,"${SCHED}",1000,40,2,`,
        '2026-11-02,meta,Plan less,1000,forty,2,',
        '2026-11-02,meta,Plan more,10,40,2,',
        '2026-11-02,friendster,Plan again,100,4,0,',
        '2026-11-02,meta,Plan it,100,4,0,Nobody',
      ].join('\n'),
    );
    const r = await cli(['results', 'import', bad], env);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${bad}:3: clicks: "forty" is not a number`);
    expect(r.err).toContain(`${bad}:4: clicks: 40 clicks > 10 impressions`);
    expect(r.err).toContain(`${bad}:5: channel: unknown channel "friendster"`);
    expect(r.err).toContain('3 problems; nothing was imported.');
    // Refused before the engine (and a sentence model) is loaded.
    expect(r.err).not.toContain('word overlap');
    // Persona names are checked once the rows are readable, before anything is stored.
    writeFileSync(bad, ['date,channel,text,impressions,clicks,conversions,persona', '2026-11-02,meta,Plan it,100,4,0,Nobody'].join('\n'));
    const named = await cli(['results', 'import', bad], env);
    expect(named.err).toContain(`${bad}:2: persona: no persona named "Nobody"`);
    const missing = join(dir, 'missing.csv');
    writeFileSync(missing, 'date,channel,text,impressions,conversions\n2026-11-02,meta,x,1,0\n');
    expect((await cli(['results', 'import', missing], env)).err).toContain(`${missing}:1: clicks: missing column`);
    const none = insightsReportSchema.parse(JSON.parse((await cli(['insights', '--json'], env)).out));
    expect(none.totals.clicks).toBe(0);
  });

  it('imports, attributes and finds the planted signals; importing again replaces rather than doubles', async () => {
    const r = await cli(['results', 'import', planted, '--json'], env);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out);
    expect(summary).toMatchObject({ ok: true, rows: 336, inserted: 336, replaced: 0, ads: 6, attribution: { column: 1, engine: 5, none: 0, mode: 'lexical' } });
    const again = JSON.parse((await cli(['results', 'import', planted, '--json'], env)).out);
    expect(again).toMatchObject({ rows: 336, inserted: 0, replaced: 336 });

    const report = insightsReportSchema.parse(JSON.parse((await cli(['insights', '--json'], env)).out));
    expect(report.totals.clicks).toBeGreaterThan(15_000);
    const kinds = report.signals.map((s) => `${s.kind} ${s.persona} / ${s.job} / ${s.channel}`);
    expect(kinds).toEqual([
      'performance_opportunity Freelance Designer / Get paid on time without chasing clients / meta',
      'trend_shift Overbooked Team Lead / Cut the number of status meetings / linkedin',
      'audience_mismatch First-Time Renter / null / instagram',
    ]);
    expect(report.signals[2]!.message).toContain('read as Car-Free Commuter');
    const row = report.jobChannels.find((j) => j.persona === 'Freelance Designer' && j.job?.startsWith('Get paid') && j.channel === 'meta')!;
    expect(row).toMatchObject({ ads: 1, enough: true });
    expect(row.low).toBeLessThan(row.conversionRate!);
    expect(row.high).toBeGreaterThan(row.conversionRate!);
  });

  it('prints insights for one persona as text', async () => {
    const r = await cli(['insights', '--persona', 'freelance designer'], env);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Insights for freelance designer');
    expect(r.out).toContain('Performance opportunity: For Freelance Designer, ads for “Get paid on time without chasing clients” convert');
    expect(r.out).toMatch(/Meta +\d+\.\d% \(\d+\.\d%–\d+\.\d%\)/);
    expect(r.out).not.toContain('Overbooked Team Lead');
  });

  it('reattribute: nothing changes while personas and engine stay the same', async () => {
    const r = await cli(['results', 'reattribute'], env);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Re-read 6 ads');
    expect(r.out).toContain('0 result rows now counted differently');
  });

  it('imports the platform exports', async () => {
    for (const [format, rows] of [
      ['google-ads', 3],
      ['meta', 3],
      ['linkedin', 2],
    ] as const) {
      const r = await cli(['results', 'import', `test/insights/fixtures/${format}.csv`, '--format', format, '--json'], env);
      expect(r.code, r.err).toBe(0);
      expect(JSON.parse(r.out)).toMatchObject({ ok: true, format, rows });
    }
    const wrong = await cli(['results', 'import', 'test/insights/fixtures/meta.csv', '--format', 'tiktok'], env);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('--format must be one of: generic, google-ads, meta, linkedin');
  });
});
