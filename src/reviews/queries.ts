// Data access for reviews posted in Slack, handled event ids and actions, and per-channel settings.
// Database first, workspace second, every statement scoped to the workspace.
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { channelSettings, handledActions, processedEvents, reviews } from '../db/schema.js';

export type ReviewRow = typeof reviews.$inferSelect;
export type ChannelSettingsRow = typeof channelSettings.$inferSelect;

export interface ReviewKey {
  channelId: string;
  messageTs: string;
  personaKey: string;
  adChannelKey: string;
}

export type ReviewFields = Omit<typeof reviews.$inferInsert, 'id' | 'teamId' | 'channelId' | 'messageTs' | 'personaKey' | 'adChannelKey' | 'createdAt' | 'updatedAt' | 'replyTs'>;

/**
 * Claims the review slot of a message for a persona and ad channel. The first caller creates
 * it (`created: true`) and posts; later callers (a retry, a double click) get the same row
 * and update its post instead of adding one.
 */
export async function claimReview(db: Db, teamId: string, key: ReviewKey, fields: ReviewFields, now: Date): Promise<{ row: ReviewRow; created: boolean }> {
  const [inserted] = await db
    .insert(reviews)
    .values({ teamId, ...key, ...fields, createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning();
  if (inserted) return { row: inserted, created: true };
  const [existing] = await db.select().from(reviews).where(keyMatches(teamId, key));
  if (!existing) throw new Error('review slot vanished');
  return { row: existing, created: false };
}

function keyMatches(teamId: string, key: ReviewKey) {
  return and(
    eq(reviews.teamId, teamId),
    eq(reviews.channelId, key.channelId),
    eq(reviews.messageTs, key.messageTs),
    eq(reviews.personaKey, key.personaKey),
    eq(reviews.adChannelKey, key.adChannelKey),
  );
}

export async function updateReview(db: Db, teamId: string, id: string, fields: Partial<ReviewFields & ReviewKey & { replyTs: string | null }>, now: Date): Promise<void> {
  await db
    .update(reviews)
    .set({ ...fields, updatedAt: now })
    .where(and(eq(reviews.teamId, teamId), eq(reviews.id, id)));
}

export async function getReview(db: Db, teamId: string, id: string): Promise<ReviewRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db.select().from(reviews).where(and(eq(reviews.teamId, teamId), eq(reviews.id, id)));
  return row ?? null;
}

export async function findReview(db: Db, teamId: string, key: ReviewKey): Promise<ReviewRow | null> {
  const [row] = await db.select().from(reviews).where(keyMatches(teamId, key));
  return row ?? null;
}

export async function deleteReview(db: Db, teamId: string, id: string): Promise<void> {
  await db.delete(reviews).where(and(eq(reviews.teamId, teamId), eq(reviews.id, id)));
}

/** The latest reviews, newest first, optionally about one persona (any case). */
export async function latestReviews(db: Db, teamId: string, opts: { persona?: string; limit?: number } = {}): Promise<ReviewRow[]> {
  const where = opts.persona
    ? and(eq(reviews.teamId, teamId), sql`lower(${reviews.personaName}) = lower(${opts.persona})`)
    : eq(reviews.teamId, teamId);
  return db
    .select()
    .from(reviews)
    .where(where)
    .orderBy(desc(reviews.updatedAt))
    .limit(opts.limit ?? 10);
}

/** Records an event id; false when it was handled before (a redelivery). */
export async function firstDelivery(db: Db, teamId: string, eventId: string, now: Date): Promise<boolean> {
  const inserted = await db.insert(processedEvents).values({ teamId, eventId, at: now }).onConflictDoNothing().returning({ eventId: processedEvents.eventId });
  return inserted.length > 0;
}

/** How long a handled action is remembered: far longer than Slack's five-minute replay window. */
export const HANDLED_ACTION_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Records an action by its key; false when it was handled before (a redelivery). Keys older
 * than HANDLED_ACTION_TTL_MS are deleted on the way.
 */
export async function firstActionDelivery(db: Db, teamId: string, actionKey: string, now: Date): Promise<boolean> {
  const inserted = await db
    .insert(handledActions)
    .values({ teamId, actionKey, at: now })
    .onConflictDoNothing()
    .returning({ actionKey: handledActions.actionKey });
  await db.delete(handledActions).where(and(eq(handledActions.teamId, teamId), lt(handledActions.at, new Date(now.getTime() - HANDLED_ACTION_TTL_MS))));
  return inserted.length > 0;
}

export async function getChannelSettings(db: Db, teamId: string, channelId: string): Promise<ChannelSettingsRow | null> {
  const [row] = await db
    .select()
    .from(channelSettings)
    .where(and(eq(channelSettings.teamId, teamId), eq(channelSettings.channelId, channelId)));
  return row ?? null;
}

export async function saveChannelSettings(
  db: Db,
  teamId: string,
  channelId: string,
  fields: Partial<Pick<ChannelSettingsRow, 'adChannel' | 'autoreview' | 'autoreviewBy' | 'defaultPersona'>>,
  by: string,
  now: Date,
): Promise<void> {
  await db
    .insert(channelSettings)
    .values({ teamId, channelId, ...fields, updatedBy: by, updatedAt: now })
    .onConflictDoUpdate({ target: [channelSettings.teamId, channelSettings.channelId], set: { ...fields, updatedBy: by, updatedAt: now } });
}
