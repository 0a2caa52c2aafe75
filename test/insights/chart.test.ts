// The chart renders to a PNG of the expected size, with the channels' colours where the marks are.
import { describe, expect, it } from 'vitest';
import { CHANNEL_COLOURS, CHART_WIDTH, insightsChartSpec, renderInsightsChart } from '../../src/insights/chart.js';
import { plantedReport } from './planted-report.js';

const hex = (colour: string) => [1, 3, 5].map((i) => Number.parseInt(colour.slice(i, i + 2), 16));

function countColour(pixels: Buffer, colour: string, tolerance = 8): number {
  const [r, g, b] = hex(colour) as [number, number, number];
  let n = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    if (Math.abs(pixels[i]! - r) <= tolerance && Math.abs(pixels[i + 1]! - g) <= tolerance && Math.abs(pixels[i + 2]! - b) <= tolerance) n++;
  }
  return n;
}

describe('insights chart', () => {
  it('renders a PNG: signature, size, a white background and each channel in its colour', async () => {
    const chart = (await renderInsightsChart(plantedReport()))!;
    expect(chart.png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    // The IHDR chunk holds width and height, big-endian, right after the signature and chunk header.
    expect(chart.png.readUInt32BE(16)).toBe(CHART_WIDTH);
    expect(chart.png.readUInt32BE(20)).toBe(chart.height);
    expect(chart.width).toBe(CHART_WIDTH);
    expect(chart.height).toBeGreaterThan(200);
    expect(chart.height).toBeLessThan(1200);
    expect(chart.rows).toBe(4); // the row with 40 clicks is left out
    const corner = [...chart.pixels.subarray(0, 4)];
    expect(corner).toEqual([255, 255, 255, 255]);
    expect(countColour(chart.pixels, CHANNEL_COLOURS.meta!)).toBeGreaterThan(100);
    expect(countColour(chart.pixels, CHANNEL_COLOURS.google_search!)).toBeGreaterThan(100);
    expect(countColour(chart.pixels, CHANNEL_COLOURS.linkedin!)).toBeGreaterThan(100);
    expect(countColour(chart.pixels, CHANNEL_COLOURS.instagram!)).toBe(0);
  });

  it('draws nothing when no row has enough clicks', async () => {
    const thin = plantedReport();
    thin.jobChannels = thin.jobChannels.map((r) => ({ ...r, enough: false }));
    expect(insightsChartSpec(thin)).toBeNull();
    expect(await renderInsightsChart(thin)).toBeNull();
  });
});
