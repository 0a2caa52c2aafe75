// Data access for reminder runs: a week claimed per workspace, and one delivery row per
// recipient that replicas claim one at a time (FOR UPDATE SKIP LOCKED), so each goes out once.
import { and, asc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { personas, reminderDeliveries, reminderRuns } from '../schema.js';

export type Delivery = typeof reminderDeliveries.$inferSelect;

/** Starts the week's run unless one exists; true when this call started it. */
export async function startRun(db: Db, { teamId, week, now }: { teamId: string; week: string; now: Date }): Promise<boolean> {
  const inserted = await db.insert(reminderRuns).values({ teamId, week, startedAt: now }).onConflictDoNothing().returning({ week: reminderRuns.week });
  return inserted.length > 0;
}

export async function getRun(db: Db, { teamId, week }: { teamId: string; week: string }) {
  const [run] = await db
    .select()
    .from(reminderRuns)
    .where(and(eq(reminderRuns.teamId, teamId), eq(reminderRuns.week, week)));
  return run ?? null;
}

/** Records who is to be reminded this week; a recipient already planned keeps its row. */
export async function planDeliveries(
  db: Db,
  { teamId, week, plan }: { teamId: string; week: string; plan: Array<{ recipient: string; personaIds: string[] }> },
): Promise<void> {
  if (plan.length === 0) return;
  await db
    .insert(reminderDeliveries)
    .values(plan.map((p) => ({ teamId, week, recipient: p.recipient, personaIds: p.personaIds })))
    .onConflictDoNothing();
}

/**
 * Claims the next delivery nobody is sending: pending, claimed by a replica that has not
 * finished it within `leaseMs` (it crashed), or failed at least `leaseMs` ago (a network error
 * or a crash inside the send: try again). Concurrent claimers skip each other's rows.
 */
export async function claimNext(
  db: Db,
  { teamId, week, replica, now, leaseMs }: { teamId: string; week: string; replica: string; now: Date; leaseMs: number },
): Promise<Delivery | null> {
  const expired = new Date(now.getTime() - leaseMs);
  const claimable = and(
    eq(reminderDeliveries.teamId, teamId),
    eq(reminderDeliveries.week, week),
    or(eq(reminderDeliveries.status, 'pending'), and(inArray(reminderDeliveries.status, ['sending', 'failed']), lt(reminderDeliveries.claimedAt, expired))),
  );
  const next = db
    .select({ recipient: reminderDeliveries.recipient })
    .from(reminderDeliveries)
    .where(claimable)
    .orderBy(asc(reminderDeliveries.recipient))
    .limit(1)
    .for('update', { skipLocked: true });
  const [claimed] = await db
    .update(reminderDeliveries)
    .set({ status: 'sending', claimedBy: replica, claimedAt: now })
    // `= (subquery)`, not IN: with IN the planner may run the LIMIT 1 subquery per row.
    .where(and(claimable, eq(reminderDeliveries.recipient, sql`(${next})`)))
    .returning();
  return claimed ?? null;
}

export async function markSent(db: Db, { delivery: d, channel, ts, now }: { delivery: Delivery; channel: string; ts: string; now: Date }): Promise<void> {
  await db
    .update(reminderDeliveries)
    .set({ status: 'sent', channel, messageTs: ts, sentAt: now, error: null })
    .where(and(eq(reminderDeliveries.teamId, d.teamId), eq(reminderDeliveries.week, d.week), eq(reminderDeliveries.recipient, d.recipient)));
}

export async function markFailed(db: Db, { delivery: d, error }: { delivery: Delivery; error: string }): Promise<void> {
  await db
    .update(reminderDeliveries)
    .set({ status: 'failed', error: error.slice(0, 500) })
    .where(and(eq(reminderDeliveries.teamId, d.teamId), eq(reminderDeliveries.week, d.week), eq(reminderDeliveries.recipient, d.recipient)));
}

export async function countByStatus(db: Db, { teamId, week }: { teamId: string; week: string }): Promise<Record<string, number>> {
  const rows = await db
    .select({ status: reminderDeliveries.status, n: sql<number>`count(*)::int` })
    .from(reminderDeliveries)
    .where(and(eq(reminderDeliveries.teamId, teamId), eq(reminderDeliveries.week, week)))
    .groupBy(reminderDeliveries.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

export async function finishRun(db: Db, { teamId, week, now }: { teamId: string; week: string; now: Date }): Promise<void> {
  await db
    .update(reminderRuns)
    .set({ finishedAt: now })
    .where(and(eq(reminderRuns.teamId, teamId), eq(reminderRuns.week, week), isNull(reminderRuns.finishedAt)));
}

/** Workspaces with at least one active persona: whom a reminder run covers without SLACK_TEAM_ID. */
export async function workspacesWithPersonas(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ teamId: personas.teamId }).from(personas).where(eq(personas.archived, false));
  return rows.map((r) => r.teamId).sort();
}

/** Whether this week's run of a workspace started and did not finish (a replica crashed). */
export async function hasUnfinishedRun(db: Db, { teamId, week }: { teamId: string; week: string }): Promise<boolean> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(reminderRuns)
    .where(and(eq(reminderRuns.teamId, teamId), eq(reminderRuns.week, week), isNull(reminderRuns.finishedAt)));
  return (rows[0]?.n ?? 0) > 0;
}
