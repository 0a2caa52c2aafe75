// Insights from generated results with planted patterns: the right signal comes out of each
// pattern, and nothing comes out of noise or of a handful of clicks.
import { describe, expect, it } from 'vitest';
import { computeInsights } from '../../src/insights/compute.js';
import type { WeeklyAdCell } from '../../src/insights/compute.js';
import { adKeyOf } from '../../src/insights/parse-results.js';
import { insightsReportSchema } from '../../src/insights/report.js';
import { generateResults } from '../../testing/results-data.js';
import type { GeneratedRow, PlantedAd } from '../../testing/results-data.js';

const FD = 'Freelance Designer';
const TL = 'Overbooked Team Lead';
const RENTER = 'First-Time Renter';
const PAID = 'Get paid on time without chasing clients';
const SCHED = 'Keep every client project on schedule';
const LOOK = 'Look organised in front of clients';
const MEET = 'Cut the number of status meetings';
const CONTROL = 'Feel in control of my week';
const BIKE_AD = 'Get to work on time without the crowded train.';

/** What the engine would have read in each ad: planted here, so this file tests insights alone. */
interface Planted extends PlantedAd {
  persona: string;
  job: string | null;
  bestFit?: string;
}

function monday(day: string): string {
  const at = new Date(`${day}T00:00:00Z`);
  const back = (at.getUTCDay() + 6) % 7;
  return new Date(at.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

/** Weekly sums per ad and channel, as src/db/queries/results.ts weeklyAdResults returns them. */
function cellsOf(rows: GeneratedRow[], ads: Planted[]): WeeklyAdCell[] {
  const byText = new Map(ads.map((a) => [`${a.text}\u0000${a.channel}`, a]));
  const cells = new Map<string, WeeklyAdCell>();
  for (const r of rows) {
    const ad = byText.get(`${r.text}\u0000${r.channel}`)!;
    const week = monday(r.date);
    const key = `${r.text}\u0000${r.channel}\u0000${week}`;
    let c = cells.get(key);
    if (!c)
      cells.set(
        key,
        (c = {
          persona: ad.persona,
          adKey: adKeyOf(r.text),
          channel: r.channel,
          week,
          attribution: { source: 'engine', bestFit: ad.bestFit ?? ad.persona, jobs: ad.job ? [{ statement: ad.job, kind: 'functional' }] : [] },
          rows: 0,
          impressions: 0,
          clicks: 0,
          conversions: 0,
          spend: 0,
          spendRows: 0,
        }),
      );
    c.rows++;
    c.impressions += r.impressions;
    c.clicks += r.clicks;
    c.conversions += r.conversions;
    if (r.spend !== null) {
      c.spend += r.spend;
      c.spendRows++;
    }
  }
  return [...cells.values()];
}

function insightsOf(ads: Planted[], { seed = 1, days = 56 } = {}) {
  const rows = generateResults({ ads, start: '2026-09-07', days, seed });
  return insightsReportSchema.parse(computeInsights(cellsOf(rows, ads)));
}

const ad = (persona: string, job: string | null, channel: string, cvr: Planted['cvr'], extra: Partial<Planted> = {}): Planted => ({
  text: `${job ?? 'off-job'} ad ${extra.text ?? ''}`.trim(),
  persona,
  job,
  channel,
  ctr: 0.02,
  cvr,
  impressionsPerDay: 3000,
  cpc: 0.8,
  ...extra,
});

const briefly = (r: ReturnType<typeof insightsOf>) => r.signals.map((s) => `${s.kind} ${s.persona} / ${s.job} / ${s.channel}`);

describe('planted patterns', () => {
  it('a job that converts 4× better on one channel: a performance opportunity there, and only there', () => {
    const r = insightsOf([
      ad(FD, PAID, 'meta', 0.06),
      ad(FD, PAID, 'google_search', 0.015),
      ad(FD, PAID, 'linkedin', 0.015),
      ad(FD, SCHED, 'meta', 0.03),
      ad(FD, SCHED, 'google_search', 0.03),
    ]);
    expect(briefly(r)).toEqual([`performance_opportunity ${FD} / ${PAID} / meta`]);
    const s = r.signals[0]!;
    expect(s.evidence.ratio).toBeGreaterThan(3);
    expect(s.evidence.ratio).toBeLessThan(5.5);
    expect(s.evidence.clicks).toBeGreaterThan(2000);
    expect(s.message).toMatch(/convert \d\.\d× better on Meta than on Google Search, LinkedIn: \d+\.\d% \(.+\) of [\d,]+ clicks vs/);
    expect(s.message).toMatch(/per conversion vs/);
    const row = r.jobChannels.find((j) => j.job === PAID && j.channel === 'meta')!;
    expect(row.conversionRate).toBeGreaterThan(row.low);
    expect(row.conversionRate).toBeLessThan(row.high);
    expect(row.low).toBeGreaterThan(0.05);
    expect(row.costPerConversion).toBeGreaterThan(10);
  });

  it('a job rising over weeks: a trend shift, up, with the windows compared', () => {
    const r = insightsOf([ad(TL, MEET, 'linkedin', (week) => 0.01 + 0.006 * week), ad(TL, CONTROL, 'linkedin', 0.03)]);
    expect(briefly(r)).toEqual([`trend_shift ${TL} / ${MEET} / linkedin`]);
    expect(r.signals[0]!.message).toContain('rose to');
    expect(r.signals[0]!.evidence.recentFrom).toBe('2026-10-05');
    expect(r.signals[0]!.evidence.recentConversionRate).toBeGreaterThan(Number(r.signals[0]!.evidence.earlierConversionRate) * 2);
  });

  it('a job falling away is a trend shift too', () => {
    const r = insightsOf([ad(TL, MEET, 'linkedin', (week) => (week < 4 ? 0.05 : 0.012))]);
    expect(briefly(r)).toEqual([`trend_shift ${TL} / ${MEET} / linkedin`]);
    expect(r.signals[0]!.message).toContain('fell to');
  });

  it('a persona reached only with off-job ads: an audience mismatch naming who the ads read as', () => {
    const r = insightsOf([ad(RENTER, null, 'meta', 0.005, { text: BIKE_AD, bestFit: 'Car-Free Commuter' }), ad(FD, PAID, 'meta', 0.03)]);
    expect(briefly(r)).toEqual([`audience_mismatch ${RENTER} / null / meta`]);
    expect(r.signals[0]!.message).toContain('100% of');
    expect(r.signals[0]!.message).toContain('read as Car-Free Commuter');
    expect(r.signals[0]!.evidence.share).toBe(1);
    expect(r.jobChannels.find((j) => j.persona === RENTER)).toMatchObject({ job: null, channel: 'meta' });
  });

  it('a job whose ads draw clicks but do not convert: a conversion gap', () => {
    const r = insightsOf([ad(FD, LOOK, 'instagram', 0.008, { ctr: 0.04 }), ad(FD, PAID, 'instagram', 0.04), ad(FD, SCHED, 'instagram', 0.04)]);
    expect(briefly(r)).toEqual([`conversion_gap ${FD} / ${LOOK} / instagram`]);
    expect(r.signals[0]!.evidence.ctr).toBeGreaterThan(Number(r.signals[0]!.evidence.otherCtr));
    expect(r.signals[0]!.evidence.conversionRate).toBeLessThan(Number(r.signals[0]!.evidence.otherConversionRate));
  });
});

describe('honesty', () => {
  const noise = (): Planted[] => {
    const plan: Planted[] = [];
    const jobs: Array<[string, string]> = [
      [FD, PAID],
      [FD, SCHED],
      [FD, LOOK],
      [TL, MEET],
      [TL, CONTROL],
    ];
    for (const [persona, job] of jobs)
      for (const channel of ['meta', 'google_search', 'linkedin', 'instagram']) plan.push(ad(persona, job, channel, 0.03, { impressionsPerDay: 1500 }));
    return plan;
  };

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('random data with one true rate gives no signal (seed %i)', (seed) => {
    const r = insightsOf(noise(), { seed });
    expect(r.method.tests).toBeGreaterThan(40);
    expect(r.signals).toEqual([]);
    expect(r.notes.join(' ')).toMatch(/comparisons made; none shows a difference/);
  });

  it('a 5× difference on a handful of clicks gives no signal, and the rows say so', () => {
    const r = insightsOf([ad(FD, PAID, 'meta', 0.25, { impressionsPerDay: 40 }), ad(FD, PAID, 'google_search', 0.05, { impressionsPerDay: 40 })], { days: 28 });
    expect(r.signals).toEqual([]);
    expect(r.method.tests).toBe(0);
    expect(r.jobChannels.every((j) => !j.enough && j.clicks < 100)).toBe(true);
    expect(r.notes.join(' ')).toContain('fewer than 100 clicks');
  });

  it('no results: an empty report that says how to get some', () => {
    const r = computeInsights([]);
    expect(r.jobChannels).toEqual([]);
    expect(r.signals).toEqual([]);
    expect(r.notes[0]).toContain('results import');
  });
});
