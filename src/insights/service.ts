// What the Slack layer (and anything else outside) asks of insights: a report for a workspace,
// optionally for one persona, and its chart. Reads the stored weekly sums; no engine needed.
import type { Db } from '../db/client.js';
import { personaJobChannelSums, weeklyAdResults } from '../db/queries/results.js';
import { renderInsightsChart } from './chart.js';
import type { RenderedChart } from './chart.js';
import { computeInsights } from './compute.js';
import type { InsightsReport } from './report.js';
import { reviewEvidence } from './review-evidence.js';
import type { ReviewedDraft, ReviewEvidence } from './review-evidence.js';

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

/** What the workspace's results say about a reviewed draft (see `reviewEvidence`); null when nothing. */
export async function reviewEvidenceFor(db: Db, { teamId, draft }: { teamId: string; draft: ReviewedDraft }): Promise<ReviewEvidence | null> {
  if (draft.jobs.length === 0) return null;
  return reviewEvidence(await personaJobChannelSums(db, { teamId, persona: draft.persona }), draft);
}
