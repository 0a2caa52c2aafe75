// Event ids already handled: Slack delivers events at least once, so a redelivery is recognised
// by its id and skipped. Rows older than a day are swept away (Slack retries within minutes).
import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../client.js';
import { processedEvents } from '../schema.js';

/** Records an event id; false when it was handled before (a redelivery). */
export async function firstDelivery(db: Db, { teamId, eventId, now }: { teamId: string; eventId: string; now: Date }): Promise<boolean> {
  const inserted = await db.insert(processedEvents).values({ teamId, eventId, at: now }).onConflictDoNothing().returning({ eventId: processedEvents.eventId });
  return inserted.length > 0;
}
