// Trend shifts per persona, for the weekly reminder: a persona whose jobs' results moved is
// worth a look whatever its age says.
import type { Db } from '../db/client.js';
import { weeklyAdResults } from '../db/queries/results.js';
import { computeInsights } from './compute.js';

/** Persona name → the messages of its trend-shift signals (none when the workspace has no results). */
export async function trendShiftsByPersona(db: Db, { teamId }: { teamId: string }): Promise<Record<string, string[]>> {
  const report = computeInsights(await weeklyAdResults(db, { teamId }));
  const out: Record<string, string[]> = {};
  for (const s of report.signals) if (s.kind === 'trend_shift') (out[s.persona] ??= []).push(s.message);
  return out;
}
