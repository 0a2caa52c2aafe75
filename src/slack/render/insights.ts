// `/persona insights [persona]`: the signals first (what to do), then the chart of conversion
// rate by job × channel with its intervals, or, when there is no chart, the same figures as text.
import type { KnownBlock } from '@slack/types';
import { channelName } from '../../domain/persona.js';
import type { InsightsReport, SignalKind } from '../../insights/report.js';
import { bulletList, context, esc, fallback, header, section } from './common.js';
import type { SlackMessage } from './common.js';
import { LIMITS, plainSafe } from './limits.js';

const KIND: Record<SignalKind, { emoji: string; label: string }> = {
  performance_opportunity: { emoji: ':chart_with_upwards_trend:', label: 'Performance opportunity' },
  conversion_gap: { emoji: ':warning:', label: 'Conversion gap' },
  audience_mismatch: { emoji: ':dart:', label: 'Audience mismatch' },
  trend_shift: { emoji: ':ocean:', label: 'Trend shift' },
};

/** Signals shown one section each; the rest are counted. */
export const MAX_SIGNALS = 8;
/** Rows of the text table when there is no chart. */
export const MAX_TABLE_ROWS = 20;
const ALT_TEXT_MAX = 2000;
/** Characters of signal messages in one card: leaves room for the table within LIMITS.messageTotalText. */
const SIGNALS_BUDGET = 6000;

const pct = (x: number) => `${(x * 100).toFixed(x > 0 && x < 0.1 ? 1 : 0)}%`;
const count = (n: number) => Math.round(n).toLocaleString('en-US');

export interface InsightsRenderOptions {
  /** The chart, uploaded to Slack: its file id. Null when there is none or the upload failed. */
  chartFileId: string | null;
  command: string;
}

export function renderInsights(report: InsightsReport, { chartFileId, command }: InsightsRenderOptions): SlackMessage {
  const who = report.persona ? esc(report.persona, 100) : 'every persona';
  const t = report.totals;
  if (t.clicks === 0 && report.jobChannels.length === 0) {
    const text = `No campaign results for ${who} yet. Import an export of your ad results with \`npm run cli -- results import FILE.csv\` (Google Ads, Meta and LinkedIn exports are read as they are), then ask again with \`${command} insights\`.`;
    return { text: fallback(text), blocks: [section(text)] };
  }
  const blocks: KnownBlock[] = [header(`Campaign insights: ${report.persona ?? 'all personas'}`)];
  blocks.push(
    section(
      `${count(t.ads)} ads, ${count(t.clicks)} clicks, ${count(t.conversions)} conversions` +
        (t.firstWeek ? `, weeks of ${t.firstWeek} to ${t.lastWeek}` : '') +
        (t.unattributedClicks > 0 ? ` (${count(t.unattributedClicks)} clicks from ads that fit no persona)` : '') +
        '.',
    ),
  );

  const signals = report.signals.slice(0, MAX_SIGNALS);
  if (signals.length === 0) blocks.push(section(':mag: *No signals.* Nothing in these results differs enough, with enough clicks behind it, to act on.'));
  // The signals share a budget, so the table (3,000) and the rest stay under the message total.
  const each = Math.min(1500, Math.floor(SIGNALS_BUDGET / Math.max(1, signals.length)));
  for (const s of signals) blocks.push(section(`${KIND[s.kind].emoji} *${KIND[s.kind].label}*\n${esc(s.message, each)}`));
  if (report.signals.length > signals.length)
    blocks.push(context([`… and ${report.signals.length - signals.length} more signals: \`npm run cli -- insights\` lists them all.`]));

  const rows = report.jobChannels
    .filter((r) => r.conversionRate !== null)
    .sort((a, b) => b.clicks - a.clicks)
    .slice(0, MAX_TABLE_ROWS);
  const line = (r: (typeof rows)[number]) =>
    `${esc(r.persona, 60)} · ${esc(r.job ?? '(none of its jobs)', 80)} · ${channelName(r.channel)}: ${pct(r.conversionRate!)} (${pct(r.low)}–${pct(r.high)}), ${count(r.clicks)} clicks` +
    (r.enough ? '' : ' _(too few clicks to say)_');
  if (chartFileId) {
    const alt = `Conversion rate by job and channel with 95% intervals. ${rows
      .slice(0, 10)
      .map((r) => `${r.persona}, ${r.job ?? 'none of its jobs'}, ${channelName(r.channel)}: ${pct(r.conversionRate!)}`)
      .join('; ')}`;
    blocks.push({
      type: 'image',
      slack_file: { id: chartFileId },
      alt_text: plainSafe(alt, ALT_TEXT_MAX),
      title: { type: 'plain_text', text: 'Conversion rate by job × channel (95% interval)' },
    });
  } else if (rows.length > 0) {
    blocks.push(section(bulletList('*Conversion rate by job × channel* (conversions per click, 95% interval)', rows.map(line), LIMITS.sectionText)));
  }

  blocks.push(
    context([
      `Rows under ${report.method.minClicks} clicks support no signal; each signal passed a test corrected for the ${report.method.tests} comparisons made (family-wise ${pct(report.method.familyAlpha)}).`,
    ]),
  );
  const summary =
    signals.length > 0
      ? `Campaign insights for ${who}: ${signals.map((s) => KIND[s.kind].label.toLowerCase()).join(', ')}.`
      : `Campaign insights for ${who}: no signals in ${count(t.clicks)} clicks.`;
  return { text: fallback(summary), blocks };
}

/** When the results could not be read. */
export function insightsUnavailable(): SlackMessage {
  const text = 'Campaign insights are not available in this installation.';
  return { text, blocks: [section(text)] };
}
