// Block actions already acted on: a button with side effects acts once, however often Slack
// delivers the click. The key is stored, so it holds across replicas and restarts.
import { and, eq, lt } from 'drizzle-orm';
import type { Clock } from '../../domain/clock.js';
import type { Db } from '../client.js';
import { handledActions } from '../schema.js';

/** How long a handled action is remembered: far longer than Slack's five-minute replay window. */
export const HANDLED_ACTION_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Records an action by its key; false when it was handled before (a redelivery). Keys older
 * than HANDLED_ACTION_TTL_MS are deleted on the way.
 */
export async function firstActionDelivery(db: Db, { teamId, actionKey, now }: { teamId: string; actionKey: string; now: Date }): Promise<boolean> {
  const inserted = await db
    .insert(handledActions)
    .values({ teamId, actionKey, at: now })
    .onConflictDoNothing()
    .returning({ actionKey: handledActions.actionKey });
  await db.delete(handledActions).where(and(eq(handledActions.teamId, teamId), lt(handledActions.at, new Date(now.getTime() - HANDLED_ACTION_TTL_MS))));
  return inserted.length > 0;
}

/** The Slack layer's action log, backed by `handled_actions`. */
export function dbActionLog(db: Db, clock: Clock) {
  return {
    firstDelivery(teamId: string, actionKey: string): Promise<boolean> {
      return firstActionDelivery(db, { teamId, actionKey, now: clock.now() });
    },
  };
}
