// `insights [--persona NAME] [--json]`: what the stored campaign results say per persona, job
// and channel. The figures and signals come from src/insights/compute.ts; this prints them.
import { weeklyAdResults } from '../../db/queries/results.js';
import { channelName } from '../../domain/persona.js';
import { computeInsights, count, pct } from '../../insights/compute.js';
import type { InsightsReport, SignalKind } from '../../insights/report.js';
import { write } from '../io.js';
import type { CommandContext } from './personas.js';

const KIND_LABELS: Record<SignalKind, string> = {
  performance_opportunity: 'Performance opportunity',
  conversion_gap: 'Conversion gap',
  audience_mismatch: 'Audience mismatch',
  trend_shift: 'Trend shift',
};

export async function insightsCommand(ctx: CommandContext, options: { persona?: string }): Promise<number> {
  const cells = await weeklyAdResults(ctx.db, { teamId: ctx.teamId, ...(options.persona ? { persona: options.persona } : {}) });
  const report = computeInsights(cells, { persona: options.persona ?? null });
  if (ctx.json) write(ctx.io.stdout, JSON.stringify(report));
  else write(ctx.io.stdout, formatInsightsText(report, `${ctx.teamId} (store ${ctx.store})`));
  return 0;
}

export function formatInsightsText(report: InsightsReport, where: string): string {
  const t = report.totals;
  const lines: string[] = [];
  lines.push(
    `Insights for ${report.persona ?? 'every persona'} in ${where}: ${count(t.ads)} ads, ${count(t.clicks)} clicks, ${count(t.conversions)} conversions` +
      (t.firstWeek ? `, weeks of ${t.firstWeek} to ${t.lastWeek}.` : '.'),
  );
  lines.push('');
  if (report.signals.length === 0) lines.push('Signals: none.');
  else {
    lines.push('Signals:');
    for (const s of report.signals) lines.push(`  • ${KIND_LABELS[s.kind]}: ${s.message}`);
  }
  if (report.jobChannels.length > 0) {
    lines.push('');
    lines.push(`Conversion rate (conversions per click, 95% interval) by persona, job and channel:`);
    let persona = '';
    let job: string | null | undefined;
    for (const r of report.jobChannels) {
      if (r.persona !== persona) {
        persona = r.persona;
        job = undefined;
        lines.push(`  ${persona}`);
      }
      if (r.job !== job) {
        job = r.job;
        lines.push(`    ${job === null ? '(ads on none of its jobs)' : job}`);
      }
      const rate = r.conversionRate === null ? '—' : pct(r.conversionRate);
      const cpa = r.costPerConversion === null ? '' : `, ${r.costPerConversion.toFixed(2)} per conversion`;
      lines.push(
        `      ${channelName(r.channel).padEnd(14)} ${rate.padStart(6)} (${pct(r.low)}–${pct(r.high)})  ${count(r.clicks)} clicks, ${count(r.conversions)} conversions, ${r.ads} ad${r.ads === 1 ? '' : 's'}${cpa}` +
          (r.enough ? '' : '  [too few clicks to say]'),
      );
    }
  }
  if (report.notes.length > 0) {
    lines.push('');
    for (const n of report.notes) lines.push(n);
  }
  return lines.join('\n');
}
