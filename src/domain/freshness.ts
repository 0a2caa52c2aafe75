const DAY_MS = 86_400_000;

export interface Freshness {
  /** Whole days since research last confirmed the persona (0 on the day itself). */
  ageDays: number;
  /** True once the persona is older than the allowed number of days. */
  stale: boolean;
}

/** Age of a confirmation date (YYYY-MM-DD) in whole UTC days; stale when older than `staleAfterDays`. */
export function freshness(reviewedAt: string, now: Date, staleAfterDays: number): Freshness {
  const confirmed = Date.parse(`${reviewedAt}T00:00:00Z`);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const ageDays = Math.max(0, Math.round((today - confirmed) / DAY_MS));
  return { ageDays, stale: ageDays > staleAfterDays };
}
