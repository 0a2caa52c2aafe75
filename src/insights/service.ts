// What the Slack layer (and anything else outside) asks of insights: a report for a workspace,
// optionally for one persona, and its chart. Reads the stored weekly sums; no engine needed.
import type { Db } from '../db/client.js';
import { weeklyAdResults } from '../db/queries/results.js';
import { renderInsightsChart } from './chart.js';
import type { RenderedChart } from './chart.js';
import { computeInsights } from './compute.js';
import type { InsightsReport } from './report.js';

export interface InsightsService {
  report(teamId: string, persona?: string): Promise<InsightsReport>;
  chart(report: InsightsReport): Promise<RenderedChart | null>;
}

export function dbInsightsService(db: Db): InsightsService {
  return {
    async report(teamId, persona) {
      const cells = await weeklyAdResults(db, { teamId, ...(persona ? { persona } : {}) });
      return computeInsights(cells, { persona: persona ?? null });
    },
    chart: renderInsightsChart,
  };
}
