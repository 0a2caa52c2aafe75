// What the Slack layer (and anything else outside) asks of insights: a report for a workspace,
// optionally for one persona, and its chart; and, for the review service, what the results say
// about a reviewed draft. Reads stored sums; no engine needed.
import type { Db } from '../db/client.js';
import type { PersonaJobChannelSums } from '../db/queries/results.js';
import type { Clock } from '../domain/clock.js';
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

/**
 * Results change only when a file is imported, while a busy workspace reviews many drafts: a
 * persona's sums are read at most this often per process (reading them scans every row of the
 * persona, a few hundred milliseconds at 40,000 rows). A new import shows within this time.
 */
export const EVIDENCE_TTL_MS = 10 * 60_000;
/** Personas whose sums are kept, over all workspaces; the oldest goes first. */
const MAX_CACHED = 1_000;

/** What the workspace's results say about reviewed drafts (see `reviewEvidence`), with the sums kept for a while. */
export class ReviewEvidenceReader {
  private readonly cache = new Map<string, { at: number; sums: Promise<PersonaJobChannelSums[]> }>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly ttlMs = EVIDENCE_TTL_MS,
  ) {}

  /** The citation and re-ranked channels for a draft, or null when the results say nothing about it. */
  async evidence(teamId: string, draft: ReviewedDraft): Promise<ReviewEvidence | null> {
    if (draft.jobs.length === 0) return null;
    return reviewEvidence(await this.sums(teamId, draft.persona), draft);
  }

  private sums(teamId: string, persona: string): Promise<PersonaJobChannelSums[]> {
    const key = `${teamId}\u0000${persona}`;
    const now = this.clock.now().getTime();
    const hit = this.cache.get(key);
    if (hit && now - hit.at >= 0 && now - hit.at < this.ttlMs) return hit.sums;
    // The promise is kept, so reviews arriving together share one read; a failed read is not kept.
    const entry = { at: now, sums: personaJobChannelSums(this.db, { teamId, persona }) };
    this.cache.delete(key);
    this.cache.set(key, entry);
    entry.sums.catch(() => {
      if (this.cache.get(key) === entry) this.cache.delete(key);
    });
    if (this.cache.size > MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
    return entry.sums;
  }
}
