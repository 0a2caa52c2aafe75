// Event ids already handled: Slack delivers events at least once, so a redelivery is recognised
// by its id and skipped. Slack retries within minutes, so ids older than a day are forgotten.
import { lt } from 'drizzle-orm';
import type { Clock } from '../../domain/clock.js';
import type { Db } from '../client.js';
import { processedEvents } from '../schema.js';

/** How long a handled event id is remembered. */
export const EVENT_MEMORY_MS = 24 * 60 * 60_000;
/** How often the forgetting runs (at most), in one process. */
const SWEEP_EVERY_MS = 60 * 60_000;

/** Records an event id; false when it was handled before (a redelivery). */
export async function firstDelivery(db: Db, { teamId, eventId, now }: { teamId: string; eventId: string; now: Date }): Promise<boolean> {
  const inserted = await db.insert(processedEvents).values({ teamId, eventId, at: now }).onConflictDoNothing().returning({ eventId: processedEvents.eventId });
  return inserted.length > 0;
}

/** Forgets event ids recorded before `before` (all workspaces: it is housekeeping, not a read). */
export async function forgetEventsBefore(db: Db, { before }: { before: Date }): Promise<number> {
  const removed = await db.delete(processedEvents).where(lt(processedEvents.at, before)).returning({ eventId: processedEvents.eventId });
  return removed.length;
}

/**
 * The Slack layer's event log, backed by `processed_events`: records each id and, at most once
 * an hour, forgets ids older than a day, so the table holds about a day of events.
 */
export function dbEventLog(db: Db, clock: Clock) {
  let lastSweep = Number.NEGATIVE_INFINITY;
  return {
    async firstDelivery(teamId: string, eventId: string): Promise<boolean> {
      const now = clock.now();
      if (now.getTime() - lastSweep >= SWEEP_EVERY_MS) {
        lastSweep = now.getTime();
        await forgetEventsBefore(db, { before: new Date(now.getTime() - EVENT_MEMORY_MS) });
      }
      return firstDelivery(db, { teamId, eventId, now });
    },
  };
}
