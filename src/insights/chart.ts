// The insights chart: conversion rate by job × channel with its 95% interval, as a PNG that
// Slack can show. Vega-Lite lays it out (scales, axes, legend), Vega renders it to SVG without
// a browser or canvas, and resvg turns the SVG into a PNG; all three run in-process.
import { Resvg } from '@resvg/resvg-js';
import { parse as parseVega, View } from 'vega';
import { compile } from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { channelName } from '../domain/persona.js';
import { nameIn } from './compute.js';
import type { InsightsReport } from './report.js';

/** Rows drawn: the ones with the most clicks (a chart of 60 bars is read by nobody). */
export const CHART_MAX_ROWS = 16;
export const CHART_WIDTH = 960;

/** One colour per ad channel, so the same channel looks the same in every chart. */
export const CHANNEL_COLOURS: Record<string, string> = {
  google_search: '#4285f4',
  meta: '#7b1fa2',
  instagram: '#e4405f',
  tiktok: '#111111',
  linkedin: '#0a66c2',
  x: '#6b7280',
  email: '#2e7d32',
  sms: '#f57c00',
};

export interface RenderedChart {
  png: Buffer;
  width: number;
  height: number;
  /** RGBA, row by row: for tests that look at pixels. */
  pixels: Buffer;
  rows: number;
}

/** The chart's Vega-Lite spec, or null when no row has enough clicks to be worth drawing. */
export function insightsChartSpec(report: InsightsReport): TopLevelSpec | null {
  const rows = report.jobChannels
    .filter((r) => r.enough && r.conversionRate !== null)
    .sort((a, b) => b.clicks - a.clicks)
    .slice(0, CHART_MAX_ROWS)
    .map((r) => ({
      row: `${nameIn(r.persona, 24)} · ${nameIn(r.job ?? '(none of its jobs)', 44)}`,
      channel: channelName(r.channel),
      channelId: r.channel,
      rate: r.conversionRate! * 100,
      low: r.low * 100,
      high: r.high * 100,
      clicks: r.clicks,
    }));
  if (rows.length === 0) return null;
  const channels = [...new Set(rows.map((r) => r.channelId))];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Conversion rate by job and channel (95% interval)', anchor: 'start', fontSize: 16 },
    width: 520,
    background: 'white',
    padding: 16,
    data: { values: rows },
    encoding: {
      y: { field: 'row', type: 'nominal', title: null, sort: null, axis: { labelLimit: 380, labelFontSize: 12 } },
      yOffset: { field: 'channel', type: 'nominal' },
      color: {
        field: 'channel',
        type: 'nominal',
        title: 'Channel',
        scale: { domain: channels.map(channelName), range: channels.map((c) => CHANNEL_COLOURS[c] ?? '#888888') },
      },
    },
    layer: [
      {
        mark: { type: 'rule', strokeWidth: 3 },
        encoding: { x: { field: 'low', type: 'quantitative', title: 'Conversions per click (%)' }, x2: { field: 'high' } },
      },
      { mark: { type: 'point', filled: true, size: 120, opacity: 1 }, encoding: { x: { field: 'rate', type: 'quantitative' } } },
    ],
    config: { font: 'DejaVu Sans, Arial, sans-serif', view: { stroke: null }, axis: { labelFont: 'DejaVu Sans, Arial, sans-serif' } },
  } as TopLevelSpec;
}

/** The PNG of the chart, or null when there is nothing to draw. */
export async function renderInsightsChart(report: InsightsReport): Promise<RenderedChart | null> {
  const spec = insightsChartSpec(report);
  if (!spec) return null;
  const view = new View(parseVega(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  const image = new Resvg(svg, { fitTo: { mode: 'width', value: CHART_WIDTH }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render();
  return {
    png: image.asPng(),
    width: image.width,
    height: image.height,
    pixels: image.pixels,
    rows: (spec as { data: { values: unknown[] } }).data.values.length,
  };
}
