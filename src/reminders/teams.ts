import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { personas, reminderRuns } from '../db/schema.js';

/** Workspaces with at least one active persona: whom a reminder run covers without SLACK_TEAM_ID. */
export async function workspacesWithPersonas(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ teamId: personas.teamId }).from(personas).where(eq(personas.archived, false));
  return rows.map((r) => r.teamId).sort();
}

/** Whether this week's run of a workspace started and did not finish (a replica crashed). */
export async function hasUnfinishedRun(db: Db, teamId: string, week: string): Promise<boolean> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(reminderRuns)
    .where(and(eq(reminderRuns.teamId, teamId), eq(reminderRuns.week, week), isNull(reminderRuns.finishedAt)));
  return (rows[0]?.n ?? 0) > 0;
}
