// The insights card: signals first, the chart by file id or the figures as text, within limits.
import { describe, expect, it } from 'vitest';
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
});
