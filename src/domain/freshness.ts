const DAY_MS = 86_400_000;

export interface Freshness {
  /** Whole days since research last confirmed the persona (0 on the day itself). */
  ageDays: number;
  /** True once the persona is older than the allowed number of days. */
  stale: boolean;
}

/** Whole UTC days from a date (YYYY-MM-DD) to `now`; null when the date does not parse. */
export function ageInDays(isoDay: string, now: Date): number | null {
  const t = Date.parse(`${isoDay}T00:00:00Z`);
  if (Number.isNaN(t)) return null;
  return Math.floor((now.getTime() - t) / DAY_MS);
}

/** Age of a confirmation date (YYYY-MM-DD) in whole UTC days; stale when older than `staleAfterDays`. */
export function freshness(reviewedAt: string, now: Date, staleAfterDays: number): Freshness {
  // A date in the future counts as confirmed today.
  const ageDays = Math.max(0, ageInDays(reviewedAt, now) ?? Number.NaN);
  return { ageDays, stale: ageDays > staleAfterDays };
}
