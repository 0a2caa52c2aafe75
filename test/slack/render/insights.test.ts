// The insights card: signals first, the chart by file id or the figures as text, within limits.
import { describe, expect, it } from 'vitest';
import { renderInsightsChart } from '../../../src/insights/chart.js';
import { computeInsights } from '../../../src/insights/compute.js';
import type { WeeklyAdCell } from '../../../src/insights/compute.js';
import { MAX_SIGNALS, renderInsights } from '../../../src/slack/render/insights.js';
import { validateMessage } from '../../../src/slack/render/limits.js';
import { jobChannel, plantedReport } from '../../insights/planted-report.js';

const json = (x: unknown) => JSON.stringify(x);

describe('insights card', () => {
  it('shows the signals, then the chart by its file id', () => {
    const m = renderInsights(plantedReport(), { chartFileId: 'F123', command: '/persona' });
    expect(validateMessage(m)).toEqual([]);
    expect(m.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Campaign insights: all personas' } });
    expect(json(m.blocks)).toContain('*Performance opportunity*');
    expect(json(m.blocks)).toContain('*Trend shift*');
    const image = m.blocks.find((b) => b.type === 'image');
    expect(image).toMatchObject({ slack_file: { id: 'F123' } });
    expect((image as { alt_text: string }).alt_text).toContain('Freelance Designer, Get paid on time without chasing clients, Meta: 6.0%');
    expect(m.text).toBe('Campaign insights for every persona: performance opportunity, trend shift.');
  });

  it('without a chart, gives the figures as text, marking thin rows', () => {
    const m = renderInsights(plantedReport(), { chartFileId: null, command: '/persona' });
    expect(validateMessage(m)).toEqual([]);
    expect(m.blocks.some((b) => b.type === 'image')).toBe(false);
    const text = json(m.blocks);
    expect(text).toContain('Freelance Designer · Get paid on time without chasing clients · Meta: 6.0% (5.2%–6.9%), 3,000 clicks');
    expect(text).toContain('First-Time Renter · (none of its jobs) · Instagram: 0% (0%–8.8%), 40 clicks _(too few clicks to say)_');
  });

  it('says when there is nothing yet, and how to import', () => {
    const m = renderInsights(plantedReport({ jobChannels: [], signals: [], totals: { ...plantedReport().totals, clicks: 0 } }), {
      chartFileId: null,
      command: '/persona',
    });
    expect(m.blocks).toHaveLength(1);
    expect(m.text).toContain('results import FILE.csv');
  });

  it('stays within Block Kit limits with many signals, long names and many rows', () => {
    const long = 'A persona with a very long name <!channel> '.repeat(10);
    const signal = { kind: 'conversion_gap' as const, persona: long, job: long, channel: 'meta', message: `${long} `.repeat(20), evidence: {} };
    const report = plantedReport({
      persona: long,
      signals: Array.from({ length: 30 }, () => signal),
      jobChannels: Array.from({ length: 200 }, (_, i) => jobChannel({ persona: long, job: `${long} ${i}`, clicks: 1000 + i })),
    });
    for (const chartFileId of [null, 'F1']) {
      const m = renderInsights(report, { chartFileId, command: '/persona' });
      expect(validateMessage(m)).toEqual([]);
      expect(m.blocks.filter((b) => b.type === 'section').length).toBeLessThanOrEqual(MAX_SIGNALS + 2);
      // Plain text (the header, the image's alt text) shows it as typed; every mrkdwn text has it escaped.
      expect(json({ text: m.text, blocks: m.blocks.filter((b) => b.type !== 'header' && b.type !== 'image') })).not.toContain('<!channel>');
    }
  });

  it('hostile names from real results: 10,000-character persona and jobs, emoji, <&>, mentions; figures still shown, chart still drawn', async () => {
    const hostile = (tag: string) => `${tag} <!channel> <@U123> Zoë 👩🏽‍💻 & <&> *bold* _it_ 🐶💜 `.repeat(400).slice(0, 10_000);
    const persona = hostile('P');
    const jobs = [hostile('J1'), hostile('J2')];
    // Job 1 converts 4× better on Meta than on Google Search; job 2 rises over the weeks; ads on no job reach her on Instagram.
    const cells: WeeklyAdCell[] = [];
    const weeks = ['2026-09-07', '2026-09-14', '2026-09-21', '2026-09-28', '2026-10-05', '2026-10-12', '2026-10-19', '2026-10-26'];
    const cellFor = (adKey: string, channel: string, week: string, job: string | null, clicks: number, conversions: number): WeeklyAdCell => ({
      persona,
      adKey,
      channel,
      week,
      attribution: { source: 'engine', bestFit: persona, jobs: job ? [{ statement: job, kind: 'emotional' }] : [] },
      rows: 7,
      impressions: clicks * 50,
      clicks,
      conversions,
      spend: 0,
      spendRows: 0,
    });
    weeks.forEach((week, w) => {
      cells.push(cellFor('a1', 'meta', week, jobs[0]!, 500, 30));
      cells.push(cellFor('a2', 'google_search', week, jobs[0]!, 500, 8));
      cells.push(cellFor('a3', 'linkedin', week, jobs[1]!, 500, w < 4 ? 5 : 25));
      cells.push(cellFor('a4', 'instagram', week, null, 300, 3));
    });
    const report = computeInsights(cells, { persona });
    expect(report.signals.map((x) => x.kind).sort()).toEqual(['audience_mismatch', 'performance_opportunity', 'trend_shift']);
    // The report keeps the full names; its messages shorten them so that the figures come into view.
    expect(report.signals[0]!.persona).toBe(persona);
    for (const signal of report.signals) expect(signal.message.length).toBeLessThan(900);

    const chart = (await renderInsightsChart(report))!;
    expect(chart.png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(chart.rows).toBe(4);
    for (const chartFileId of [null, 'F1']) {
      const m = renderInsights(report, { chartFileId, command: '/persona' });
      expect(validateMessage(m)).toEqual([]);
      const mrkdwn = json({ text: m.text, blocks: m.blocks.filter((b) => b.type !== 'header' && b.type !== 'image') });
      expect(mrkdwn).not.toContain('<!channel>');
      expect(mrkdwn).not.toContain('<@U123>');
      expect(mrkdwn).not.toContain('<&>');
      expect(mrkdwn).toContain('&lt;&amp;&gt;');
      // Every signal shows its figures, not only the names.
      const sections = m.blocks.filter((b) => b.type === 'section').map((b) => json(b));
      expect(sections.filter((t) => /\d+(\.\d)?% .*clicks/.test(t))).toHaveLength(chartFileId ? 3 : 4);
      // No emoji is cut in half anywhere in the card.
      expect(JSON.stringify(m)).not.toMatch(/\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])/i);
      const header = m.blocks[0] as { text: { text: string } };
      expect(header.text.text.length).toBeLessThanOrEqual(150);
    }
  });
});
