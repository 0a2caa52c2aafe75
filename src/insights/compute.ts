// Insights from stored results: per persona × job × channel figures with intervals, and the
// four signals, each with the numbers behind it. Pure: weekly sums in, a report out.
//
// Honesty rules. A comparison is only made when both sides have MIN_CLICKS clicks and together
// MIN_CONVERSIONS conversions; every comparison made counts towards one Bonferroni correction,
// so a report of N comparisons has at most a 5% chance of any signal when nothing is going on;
// and a difference must also be large (MIN_RATIO) to be worth saying.
import { graphemeCount, takeGraphemes } from '../domain/graphemes.js';
import { channelName } from '../domain/persona.js';
import type { InsightsReport, JobChannel, Signal } from './report.js';
import { criticalZ, twoProportionZ, wilsonInterval } from './stats.js';

/** Weekly sums of one ad on one channel, with the attribution stored with its rows. */
export interface WeeklyAdCell {
  persona: string | null;
  adKey: string;
  channel: string;
  week: string;
  attribution: { source: string; bestFit: string | null; jobs: Array<{ statement: string; kind: string }> };
  rows: number;
  impressions: number;
  clicks: number;
  conversions: number;
  spend: number;
  spendRows: number;
}

export const INSIGHT_DEFAULTS = {
  minClicks: 100,
  minConversions: 10,
  minRatio: 1.5,
  /** A conversion gap needs clicks this much above the rest as well (interest). */
  minCtrRatio: 1.2,
  familyAlpha: 0.05,
  recentWeeks: 4,
  /** Share of a persona's clicks on a channel from ads on none of its jobs. */
  mismatchShare: 0.5,
};

export type InsightOptions = Partial<typeof INSIGHT_DEFAULTS> & { persona?: string | null };

interface Sums {
  impressions: number;
  clicks: number;
  conversions: number;
  spend: number;
  rows: number;
  spendRows: number;
  ads: Set<string>;
}

const empty = (): Sums => ({ impressions: 0, clicks: 0, conversions: 0, spend: 0, rows: 0, spendRows: 0, ads: new Set() });

function add(s: Sums, c: WeeklyAdCell): void {
  s.impressions += c.impressions;
  s.clicks += c.clicks;
  s.conversions += Math.min(c.conversions, c.clicks);
  s.spend += c.spend;
  s.rows += c.rows;
  s.spendRows += c.spendRows;
  s.ads.add(c.adKey);
}

function merge(into: Sums, from: Sums): Sums {
  into.impressions += from.impressions;
  into.clicks += from.clicks;
  into.conversions += from.conversions;
  into.spend += from.spend;
  into.rows += from.rows;
  into.spendRows += from.spendRows;
  for (const a of from.ads) into.ads.add(a);
  return into;
}

const rate = (s: Sums) => (s.clicks > 0 ? s.conversions / s.clicks : 0);
const ctr = (s: Sums) => (s.impressions > 0 ? s.clicks / s.impressions : 0);
const costPerConversion = (s: Sums) => (s.rows > 0 && s.spendRows === s.rows && s.conversions > 0 ? s.spend / s.conversions : null);

export const pct = (x: number) => `${(x * 100).toFixed(x > 0 && x < 0.1 ? 1 : 0)}%`;
export const count = (n: number) => Math.round(n).toLocaleString('en-US');
export const ratioText = (r: number) => (Number.isFinite(r) ? `${r.toFixed(1)}×` : 'far');
const money = (x: number) => x.toFixed(2);
/**
 * A persona or job as a message names it: whole when short, else cut at a grapheme with "…".
 * The report's fields keep the full text; a message is for people, and its figures come after
 * the names, so a 10,000-character name must not push them out of sight.
 */
export const nameIn = (text: string, max = 100) => (graphemeCount(text) > max ? `${takeGraphemes(text, max - 1)}…` : text);
const quote = (job: string) => `“${nameIn(job, 200)}”`;

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

interface AdSums {
  persona: string;
  channel: string;
  jobs: Set<string>;
  /** The ad speaks to none of the persona's jobs. */
  offJob: boolean;
  bestFit: string | null;
  sums: Sums;
}

interface Candidate {
  z: number;
  /** Every z of the candidate must pass (a conversion gap is two tests). */
  zs: Array<{ z: number; sign: 1 | -1 }>;
  signal: Omit<Signal, 'evidence'> & { evidence: Signal['evidence'] };
}

export function computeInsights(cells: WeeklyAdCell[], options: InsightOptions = {}): InsightsReport {
  const o = { ...INSIGHT_DEFAULTS, ...options };
  const persona = options.persona ?? null;

  // Per (persona, job|null, channel): sums; and per (persona, job, channel, week) for trends;
  // per (persona, channel, ad) for comparisons between ads of different jobs.
  const jobChannel = new Map<string, { persona: string; job: string | null; kind: string | null; channel: string; sums: Sums }>();
  const jobWeeks = new Map<string, Map<string, Sums>>();
  const adSums = new Map<string, AdSums>();
  const totals = empty();
  let unattributedClicks = 0;
  let from: string | null = null;
  let to: string | null = null;

  for (const c of cells) {
    add(totals, c);
    if (from === null || c.week < from) from = c.week;
    if (to === null || c.week > to) to = c.week;
    if (c.persona === null) {
      unattributedClicks += c.clicks;
      continue;
    }
    const jobs = c.attribution.jobs.length > 0 ? c.attribution.jobs : [{ statement: null, kind: null }];
    for (const j of jobs) {
      const key = `${c.persona}\u0000${j.statement ?? ''}\u0000${c.channel}`;
      let entry = jobChannel.get(key);
      if (!entry) jobChannel.set(key, (entry = { persona: c.persona, job: j.statement, kind: j.kind, channel: c.channel, sums: empty() }));
      add(entry.sums, c);
      if (j.statement !== null) {
        let weeks = jobWeeks.get(key);
        if (!weeks) jobWeeks.set(key, (weeks = new Map()));
        let w = weeks.get(c.week);
        if (!w) weeks.set(c.week, (w = empty()));
        add(w, c);
      }
    }
    const adKey = `${c.persona}\u0000${c.channel}\u0000${c.adKey}`;
    let ad = adSums.get(adKey);
    if (!ad)
      adSums.set(
        adKey,
        (ad = {
          persona: c.persona,
          channel: c.channel,
          jobs: new Set(c.attribution.jobs.map((j) => j.statement)),
          offJob: c.attribution.jobs.length === 0,
          bestFit: c.attribution.bestFit,
          sums: empty(),
        }),
      );
    add(ad.sums, c);
  }

  const jobChannels: JobChannel[] = [...jobChannel.values()]
    .map(({ persona: p, job, kind, channel, sums }) => {
      const { low, high } = wilsonInterval(sums.conversions, sums.clicks);
      const spendKnown = sums.rows > 0 && sums.spendRows === sums.rows;
      return {
        persona: p,
        job,
        jobKind: kind,
        channel,
        ads: sums.ads.size,
        impressions: sums.impressions,
        clicks: sums.clicks,
        conversions: sums.conversions,
        conversionRate: sums.clicks > 0 ? round(rate(sums), 6) : null,
        low: round(low, 6),
        high: round(high, 6),
        spend: spendKnown ? round(sums.spend, 2) : null,
        costPerConversion: costPerConversion(sums) === null ? null : round(costPerConversion(sums)!, 2),
        enough: sums.clicks >= o.minClicks,
      };
    })
    .sort((a, b) => a.persona.localeCompare(b.persona) || (a.job ?? '\uffff').localeCompare(b.job ?? '\uffff') || b.clicks - a.clicks);

  const candidates: Candidate[] = [];
  let tests = 0;
  const comparable = (a: Sums, b: Sums) => a.clicks >= o.minClicks && b.clicks >= o.minClicks && a.conversions + b.conversions >= o.minConversions;

  // Performance opportunity: a job's ads convert better on one channel than on the others.
  const byPersonaJob = new Map<string, Array<{ channel: string; sums: Sums }>>();
  for (const e of jobChannel.values()) {
    if (e.job === null) continue;
    const key = `${e.persona}\u0000${e.job}`;
    byPersonaJob.set(key, [...(byPersonaJob.get(key) ?? []), { channel: e.channel, sums: e.sums }]);
  }
  for (const [key, channels] of byPersonaJob) {
    if (channels.length < 2) continue;
    const [p, job] = key.split('\u0000') as [string, string];
    for (const here of channels) {
      const rest = channels.filter((c) => c !== here).reduce((acc, c) => merge(acc, c.sums), empty());
      if (!comparable(here.sums, rest)) continue;
      tests++;
      const z = twoProportionZ(here.sums.conversions, here.sums.clicks, rest.conversions, rest.clicks);
      const ratio = rate(rest) > 0 ? rate(here.sums) / rate(rest) : Number.POSITIVE_INFINITY;
      if (z <= 0 || ratio < o.minRatio) continue;
      const cpaHere = costPerConversion(here.sums);
      const cpaRest = costPerConversion(rest);
      const { low, high } = wilsonInterval(here.sums.conversions, here.sums.clicks);
      const others = channels.filter((c) => c !== here).map((c) => channelName(c.channel));
      candidates.push({
        z,
        zs: [{ z, sign: 1 }],
        signal: {
          kind: 'performance_opportunity',
          persona: p,
          job,
          channel: here.channel,
          message:
            `For ${nameIn(p)}, ads for ${quote(job)} convert ${ratioText(ratio)} better on ${channelName(here.channel)} than on ${others.join(', ')}: ` +
            `${pct(rate(here.sums))} (${pct(low)}–${pct(high)}) of ${count(here.sums.clicks)} clicks vs ${pct(rate(rest))} of ${count(rest.clicks)}` +
            (cpaHere !== null && cpaRest !== null ? `; ${money(cpaHere)} per conversion vs ${money(cpaRest)}` : '') +
            `. Shift budget for this job towards ${channelName(here.channel)}.`,
          evidence: {
            clicks: here.sums.clicks,
            conversions: here.sums.conversions,
            conversionRate: round(rate(here.sums)),
            low: round(low),
            high: round(high),
            otherClicks: rest.clicks,
            otherConversions: rest.conversions,
            otherConversionRate: round(rate(rest)),
            ratio: Number.isFinite(ratio) ? round(ratio, 2) : null,
            costPerConversion: cpaHere === null ? null : round(cpaHere, 2),
            otherCostPerConversion: cpaRest === null ? null : round(cpaRest, 2),
            z: round(z, 2),
          },
        },
      });
    }
  }

  // Conversion gap: on one channel, a job's ads draw more clicks than the persona's other ads
  // there but convert clearly worse: interest without job–message fit.
  const adsByPersonaChannel = new Map<string, AdSums[]>();
  for (const ad of adSums.values()) {
    const key = `${ad.persona}\u0000${ad.channel}`;
    adsByPersonaChannel.set(key, [...(adsByPersonaChannel.get(key) ?? []), ad]);
  }
  for (const e of jobChannel.values()) {
    if (e.job === null) continue;
    const others = (adsByPersonaChannel.get(`${e.persona}\u0000${e.channel}`) ?? []).filter((a) => !a.jobs.has(e.job!));
    const rest = others.reduce((acc, a) => merge(acc, a.sums), empty());
    if (!comparable(e.sums, rest)) continue;
    tests += 2;
    const zCtr = twoProportionZ(e.sums.clicks, e.sums.impressions, rest.clicks, rest.impressions);
    const zCvr = twoProportionZ(e.sums.conversions, e.sums.clicks, rest.conversions, rest.clicks);
    const ctrRatio = ctr(rest) > 0 ? ctr(e.sums) / ctr(rest) : Number.POSITIVE_INFINITY;
    const cvrRatio = rate(rest) > 0 ? rate(e.sums) / rate(rest) : 1;
    if (zCtr <= 0 || zCvr >= 0 || ctrRatio < o.minCtrRatio || cvrRatio > 1 / o.minRatio) continue;
    candidates.push({
      z: Math.min(zCtr, -zCvr),
      zs: [
        { z: zCtr, sign: 1 },
        { z: zCvr, sign: -1 },
      ],
      signal: {
        kind: 'conversion_gap',
        persona: e.persona,
        job: e.job,
        channel: e.channel,
        message:
          `For ${nameIn(e.persona)} on ${channelName(e.channel)}, ads for ${quote(e.job)} draw clicks (CTR ${pct(ctr(e.sums))} vs ${pct(ctr(rest))} for the persona's other ads) ` +
          `but convert ${ratioText(1 / cvrRatio)} worse (${pct(rate(e.sums))} of ${count(e.sums.clicks)} clicks vs ${pct(rate(rest))} of ${count(rest.clicks)}): ` +
          'interest without job–message fit. Check that what follows the click delivers the job the ad promises.',
        evidence: {
          impressions: e.sums.impressions,
          clicks: e.sums.clicks,
          conversions: e.sums.conversions,
          ctr: round(ctr(e.sums)),
          otherCtr: round(ctr(rest)),
          conversionRate: round(rate(e.sums)),
          otherConversionRate: round(rate(rest)),
          otherClicks: rest.clicks,
          zCtr: round(zCtr, 2),
          zConversion: round(zCvr, 2),
        },
      },
    });
  }

  // Trend shift: a job's conversion rate on a channel over the last weeks against before.
  const recentFrom = to === null ? null : addDays(to, -7 * (o.recentWeeks - 1));
  for (const [key, weeks] of jobWeeks) {
    if (recentFrom === null) break;
    const e = jobChannel.get(key)!;
    const recent = empty();
    const before = empty();
    for (const [week, sums] of weeks) merge(week >= recentFrom ? recent : before, sums);
    if (!comparable(recent, before)) continue;
    tests++;
    const z = twoProportionZ(recent.conversions, recent.clicks, before.conversions, before.clicks);
    const ratio = rate(before) > 0 ? rate(recent) / rate(before) : Number.POSITIVE_INFINITY;
    if (!(ratio >= o.minRatio || ratio <= 1 / o.minRatio)) continue;
    const rising = z > 0;
    candidates.push({
      z: Math.abs(z),
      zs: [{ z, sign: rising ? 1 : -1 }],
      signal: {
        kind: 'trend_shift',
        persona: e.persona,
        job: e.job,
        channel: e.channel,
        message:
          `For ${nameIn(e.persona)}, ads for ${quote(e.job!)} on ${channelName(e.channel)} ${rising ? 'rose' : 'fell'} to ${pct(rate(recent))} conversion ` +
          `in the ${o.recentWeeks} weeks from ${recentFrom} (${count(recent.clicks)} clicks), from ${pct(rate(before))} before (${count(before.clicks)} clicks)` +
          (rising
            ? ': an emerging job. Give it more of the budget and the persona card more weight.'
            : ': a fading job. Check whether the persona still holds.'),
        evidence: {
          recentFrom,
          recentClicks: recent.clicks,
          recentConversions: recent.conversions,
          recentConversionRate: round(rate(recent)),
          earlierClicks: before.clicks,
          earlierConversions: before.conversions,
          earlierConversionRate: round(rate(before)),
          ratio: Number.isFinite(ratio) ? round(ratio, 2) : null,
          z: round(z, 2),
        },
      },
    });
  }

  const zCrit = criticalZ(o.familyAlpha, tests);
  const signals: Signal[] = candidates
    .filter((c) => c.zs.every(({ z, sign }) => z * sign >= zCrit))
    .sort((a, b) => b.z - a.z)
    .map((c) => c.signal);

  // Audience mismatch: a persona reached on a channel mostly with ads on none of its jobs.
  // A share, not a comparison: no test, but the same floor of clicks.
  const mismatches: Signal[] = [];
  for (const [key, ads] of adsByPersonaChannel) {
    const [p, channel] = key.split('\u0000') as [string, string];
    const off = ads.filter((a) => a.offJob).reduce((acc, a) => merge(acc, a.sums), empty());
    const all = ads.reduce((acc, a) => merge(acc, a.sums), empty());
    if (off.clicks < o.minClicks || all.clicks === 0 || off.clicks / all.clicks < o.mismatchShare) continue;
    const readsAs = new Map<string, number>();
    for (const a of ads) {
      if (a.offJob && a.bestFit && a.bestFit !== p) readsAs.set(a.bestFit, (readsAs.get(a.bestFit) ?? 0) + a.sums.clicks);
    }
    const readsAsTop = [...readsAs.entries()].sort((x, y) => y[1] - x[1])[0]?.[0] ?? null;
    const onJob = [...adSums.values()].filter((a) => a.persona === p && !a.offJob).reduce((acc, a) => merge(acc, a.sums), empty());
    const share = off.clicks / all.clicks;
    mismatches.push({
      kind: 'audience_mismatch',
      persona: p,
      job: null,
      channel,
      message:
        `${nameIn(p)} is reached on ${channelName(channel)} with ads that speak to none of the persona's jobs: ${pct(share)} of ${count(all.clicks)} clicks` +
        (readsAsTop ? `; those ads read as ${nameIn(readsAsTop)}` : '') +
        `. They convert at ${pct(rate(off))}` +
        (onJob.clicks >= o.minClicks ? ` against ${pct(rate(onJob))} for the persona's ads on its own jobs` : '') +
        '. Reframe them around what this persona is trying to get done, or aim them at the persona they fit.',
      evidence: {
        offJobClicks: off.clicks,
        clicks: all.clicks,
        share: round(share),
        offJobConversionRate: round(rate(off)),
        onJobClicks: onJob.clicks,
        onJobConversionRate: onJob.clicks > 0 ? round(rate(onJob)) : null,
        readsAs: readsAsTop,
      },
    });
  }

  const thin = jobChannels.filter((j) => !j.enough).length;
  const notes: string[] = [];
  if (cells.length === 0) notes.push('No results yet: import some with `results import FILE.csv`.');
  if (thin > 0)
    notes.push(
      `${thin} of ${jobChannels.length} persona × job × channel rows have fewer than ${o.minClicks} clicks: their rates are shown with intervals but support no signal.`,
    );
  if (unattributedClicks > 0) notes.push(`${count(unattributedClicks)} clicks came from ads that fit no persona; they count in the totals only.`);
  if (tests > 0 && signals.length === 0 && mismatches.length === 0)
    notes.push(`${tests} comparisons made; none shows a difference large and certain enough to act on.`);

  return {
    persona,
    totals: {
      ads: totals.ads.size,
      impressions: totals.impressions,
      clicks: totals.clicks,
      conversions: totals.conversions,
      unattributedClicks,
      firstWeek: from,
      lastWeek: to,
    },
    jobChannels,
    signals: [...signals, ...mismatches],
    method: {
      minClicks: o.minClicks,
      minConversions: o.minConversions,
      minRatio: o.minRatio,
      familyAlpha: o.familyAlpha,
      tests,
      criticalZ: round(zCrit, 3),
      recentWeeks: o.recentWeeks,
    },
    notes,
  };
}
