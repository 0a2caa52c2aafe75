// Data access for reminder runs: a week per workspace, and one delivery row per recipient: the
// record of what was sent. The job queue decides who sends (one job per row, by its key); the
// row makes a second run of a job, or a second plan of the week, send nothing more.
import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { personas, reminderDeliveries, reminderRuns } from '../schema.js';

export type Delivery = typeof reminderDeliveries.$inferSelect;

/**
 * Starts the week's run with its plan, unless it was started before: one transaction, so a
 * week is planned once (a crash leaves both or neither) and people who go stale later in the
 * week wait for the next one. Returns whether this call started it, and every recipient of the
 * week not sent yet: the ones a delivery job is needed for.
 */
export async function startWeek(
  db: Db,
  { teamId, week, now, plan }: { teamId: string; week: string; now: Date; plan: Array<{ recipient: string; personaIds: string[] }> },
): Promise<{ started: boolean; unsent: string[] }> {
  return db.transaction(async (tx) => {
    // A second replica's insert waits here for the first's transaction, then does nothing.
    const inserted = await tx.insert(reminderRuns).values({ teamId, week, startedAt: now }).onConflictDoNothing().returning({ week: reminderRuns.week });
    const started = inserted.length > 0;
    if (started && plan.length > 0)
      await tx.insert(reminderDeliveries).values(plan.map((p) => ({ teamId, week, recipient: p.recipient, personaIds: p.personaIds })));
    const rows = await tx
      .select({ recipient: reminderDeliveries.recipient })
      .from(reminderDeliveries)
      .where(and(eq(reminderDeliveries.teamId, teamId), eq(reminderDeliveries.week, week), ne(reminderDeliveries.status, 'sent')))
      .orderBy(asc(reminderDeliveries.recipient));
    return { started, unsent: rows.map((r) => r.recipient) };
  });
}

export async function getDelivery(db: Db, { teamId, week, recipient }: { teamId: string; week: string; recipient: string }): Promise<Delivery | null> {
  const [row] = await db
    .select()
    .from(reminderDeliveries)
    .where(and(eq(reminderDeliveries.teamId, teamId), eq(reminderDeliveries.week, week), eq(reminderDeliveries.recipient, recipient)));
  return row ?? null;
}

export async function listDeliveries(db: Db, { teamId, week }: { teamId: string; week: string }): Promise<Delivery[]> {
  return db
    .select()
    .from(reminderDeliveries)
    .where(and(eq(reminderDeliveries.teamId, teamId), eq(reminderDeliveries.week, week)))
    .orderBy(asc(reminderDeliveries.recipient));
}

const byKey = (d: Pick<Delivery, 'teamId' | 'week' | 'recipient'>) =>
  and(eq(reminderDeliveries.teamId, d.teamId), eq(reminderDeliveries.week, d.week), eq(reminderDeliveries.recipient, d.recipient));

/**
 * Written before the post: from here until `markSent` (or `markNotSent`) Slack may have the
 * message without the database knowing, so a later attempt looks for it before posting.
 */
export async function markSending(db: Db, { delivery: d, by, now }: { delivery: Delivery; by: string; now: Date }): Promise<void> {
  await db.update(reminderDeliveries).set({ status: 'sending', claimedBy: by, claimedAt: now }).where(byKey(d));
}

export async function markSent(db: Db, { delivery: d, channel, ts, now }: { delivery: Delivery; channel: string; ts: string; now: Date }): Promise<void> {
  await db.update(reminderDeliveries).set({ status: 'sent', channel, messageTs: ts, sentAt: now, error: null }).where(byKey(d));
}

/** Slack answered that it did not post: `pending` again (the queue retries), or `failed` when it gave up. */
export async function markNotSent(db: Db, { delivery: d, error, final }: { delivery: Delivery; error: string; final: boolean }): Promise<void> {
  await db
    .update(reminderDeliveries)
    .set({ status: final ? 'failed' : 'pending', error: error.slice(0, 500) })
    .where(byKey(d));
}

/** The outcome of an attempt is unknown (the network failed mid-call): kept `sending`, with what went wrong. */
export async function noteError(db: Db, { delivery: d, error, final }: { delivery: Delivery; error: string; final: boolean }): Promise<void> {
  await db
    .update(reminderDeliveries)
    .set({ error: error.slice(0, 500), ...(final ? { status: 'failed' as const } : {}) })
    .where(byKey(d));
}

export async function countByStatus(db: Db, { teamId, week }: { teamId: string; week: string }): Promise<Record<string, number>> {
  const rows = await db
    .select({ status: reminderDeliveries.status, n: sql<number>`count(*)::int` })
    .from(reminderDeliveries)
    .where(and(eq(reminderDeliveries.teamId, teamId), eq(reminderDeliveries.week, week)))
    .groupBy(reminderDeliveries.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Marks the week's run finished once none of its deliveries is waiting or under way. */
export async function finishRunIfDone(db: Db, { teamId, week, now }: { teamId: string; week: string; now: Date }): Promise<void> {
  const open = db
    .select({ one: sql`1` })
    .from(reminderDeliveries)
    .where(and(eq(reminderDeliveries.teamId, teamId), eq(reminderDeliveries.week, week), inArray(reminderDeliveries.status, ['pending', 'sending'])));
  await db
    .update(reminderRuns)
    .set({ finishedAt: now })
    .where(and(eq(reminderRuns.teamId, teamId), eq(reminderRuns.week, week), isNull(reminderRuns.finishedAt), sql`not exists (${open})`));
}

/** Workspaces with at least one active persona: whom a reminder run covers without SLACK_TEAM_ID. */
export async function workspacesWithPersonas(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ teamId: personas.teamId }).from(personas).where(eq(personas.archived, false));
  return rows.map((r) => r.teamId).sort();
}
