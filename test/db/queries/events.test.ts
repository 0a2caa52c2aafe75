// Handled event ids: a redelivery is recognised, and ids are forgotten after a day so that
// processed_events holds about a day of events instead of growing for ever.
import { expect, it } from 'vitest';
import { fixedClock } from '../../../src/domain/clock.js';
import { dbEventLog, EVENT_MEMORY_MS, firstDelivery } from '../../../src/db/queries/events.js';
import { describeEachDriver, newTeamId } from '../../support/databases.js';

describeEachDriver('event log', ({ handle }) => {
  it('records an event id once per workspace', async () => {
    const [t1, t2] = [newTeamId(), newTeamId()];
    const now = new Date('2026-11-02T10:00:00Z');
    expect(await firstDelivery(handle().db, { teamId: t1, eventId: 'Ev1', now })).toBe(true);
    expect(await firstDelivery(handle().db, { teamId: t1, eventId: 'Ev1', now })).toBe(false);
    expect(await firstDelivery(handle().db, { teamId: t2, eventId: 'Ev1', now })).toBe(true);
  });

  it('forgets ids older than a day, at the first delivery after an hour', async () => {
    const team = newTeamId();
    const clock = fixedClock('2026-11-02T10:00:00Z');
    const events = dbEventLog(handle().db, clock);
    expect(await events.firstDelivery(team, 'EvOLD')).toBe(true);
    clock.set(new Date(Date.parse('2026-11-02T10:00:00Z') + EVENT_MEMORY_MS - 60_000));
    expect(await events.firstDelivery(team, 'EvOLD')).toBe(false); // a retry within the day
    clock.set(new Date(Date.parse('2026-11-02T10:00:00Z') + EVENT_MEMORY_MS + 2 * 3_600_000));
    expect(await events.firstDelivery(team, 'EvNEW')).toBe(true); // sweeps
    expect(await events.firstDelivery(team, 'EvOLD')).toBe(true); // forgotten
    expect(await events.firstDelivery(team, 'EvNEW')).toBe(false); // kept
  });
});
