// Data access for reviews posted in Slack.
// The database first, then one parameter object with the workspace (`teamId`); every
// statement is scoped to the workspace.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { reviews } from '../schema.js';

export type ReviewRow = typeof reviews.$inferSelect;

export interface ReviewKey {
  channelId: string;
  messageTs: string;
  personaKey: string;
  adChannelKey: string;
}

export type ReviewFields = Omit<
  typeof reviews.$inferInsert,
  'id' | 'teamId' | 'channelId' | 'messageTs' | 'personaKey' | 'adChannelKey' | 'createdAt' | 'updatedAt' | 'replyTs'
>;

/**
 * Claims the review slot of a message for a persona and ad channel. The first caller creates
 * it (`created: true`) and posts; later callers (a retry, a double click) get the same row
 * and update its post instead of adding one.
 */
export async function claimReview(
  db: Db,
  { teamId, key, fields, now }: { teamId: string; key: ReviewKey; fields: ReviewFields; now: Date },
): Promise<{ row: ReviewRow; created: boolean }> {
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

export async function updateReview(
  db: Db,
  { teamId, id, fields, now }: { teamId: string; id: string; fields: Partial<ReviewFields & ReviewKey & { replyTs: string | null }>; now: Date },
): Promise<void> {
  await db
    .update(reviews)
    .set({ ...fields, updatedAt: now })
    .where(and(eq(reviews.teamId, teamId), eq(reviews.id, id)));
}

/**
 * Takes over a claim that never got its post's ts, if it is still as it was read (`claimedAt`):
 * of two requests that find the same stale claim, one gets true.
 */
export async function takeOverClaim(db: Db, { teamId, id, claimedAt, now }: { teamId: string; id: string; claimedAt: Date; now: Date }): Promise<boolean> {
  const taken = await db
    .update(reviews)
    .set({ updatedAt: now })
    .where(and(eq(reviews.teamId, teamId), eq(reviews.id, id), isNull(reviews.replyTs), eq(reviews.updatedAt, claimedAt)))
    .returning({ id: reviews.id });
  return taken.length > 0;
}

export async function getReview(db: Db, { teamId, id }: { teamId: string; id: string }): Promise<ReviewRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db
    .select()
    .from(reviews)
    .where(and(eq(reviews.teamId, teamId), eq(reviews.id, id)));
  return row ?? null;
}

export async function findReview(db: Db, { teamId, key }: { teamId: string; key: ReviewKey }): Promise<ReviewRow | null> {
  const [row] = await db.select().from(reviews).where(keyMatches(teamId, key));
  return row ?? null;
}

export async function deleteReview(db: Db, { teamId, id }: { teamId: string; id: string }): Promise<void> {
  await db.delete(reviews).where(and(eq(reviews.teamId, teamId), eq(reviews.id, id)));
}

/** The latest reviews, newest first, optionally about one persona (any case). */
export async function latestReviews(
  db: Db,
  { teamId, persona, limit }: { teamId: string; persona?: string | undefined; limit?: number },
): Promise<ReviewRow[]> {
  const where = persona ? and(eq(reviews.teamId, teamId), sql`lower(${reviews.personaName}) = lower(${persona})`) : eq(reviews.teamId, teamId);
  return db
    .select()
    .from(reviews)
    .where(where)
    .orderBy(desc(reviews.updatedAt))
    .limit(limit ?? 10);
}
