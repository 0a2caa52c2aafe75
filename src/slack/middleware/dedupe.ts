// Slack delivers events at least once (a retry carries X-Slack-Retry-Num): each event id is
// handled once, whichever listener it goes to. The record of handled ids lives behind an
// interface (the runtime gives one backed by the database, which also forgets old ids).
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';

export interface EventLog {
  /** Records an event id; false when it was recorded before (a redelivery). */
  firstDelivery(teamId: string, eventId: string): Promise<boolean>;
}

export function dedupeEvents(events: EventLog): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const { type, event_id: eventId } = body as { type?: unknown; event_id?: unknown };
    if (type === 'event_callback' && typeof eventId === 'string' && context.teamId) {
      if (!(await events.firstDelivery(context.teamId, eventId))) return;
    }
    await next();
  };
}
