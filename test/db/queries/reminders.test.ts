// The record of reminders: a week is planned once (both replicas asking at once start it once),
// what is sent is not listed again, a run finishes when nothing is waiting, and one workspace
// sees nothing of another's.
import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { reminderRuns } from '../../../src/db/schema.js';
import { finishRunIfDone, getDelivery, listDeliveries, markNotSent, markSending, markSent, startWeek } from '../../../src/db/queries/reminders.js';
import { describeEachDriver, newTeamId } from '../../support/databases.js';

const now = new Date('2026-11-23T09:00:00Z');
const WEEK = '2026-W48';
const plan = (...recipients: string[]) => recipients.map((recipient) => ({ recipient, personaIds: [] as string[] }));

describeEachDriver('reminder records', ({ handle }) => {
  it('plans a week once: a second plan, even with more people, only lists what is unsent', async () => {
    const team = newTeamId();
    const db = handle().db;
    expect(await startWeek(db, { teamId: team, week: WEEK, now, plan: plan('U1', 'U2', 'channel:C1') })).toEqual({
      started: true,
      unsent: expect.arrayContaining(['U1', 'U2', 'channel:C1']),
    });
    const u1 = (await getDelivery(db, { teamId: team, week: WEEK, recipient: 'U1' }))!;
    await markSending(db, { delivery: u1, by: 'job 1', now });
    expect(await getDelivery(db, { teamId: team, week: WEEK, recipient: 'U1' })).toMatchObject({ status: 'sending', claimedBy: 'job 1' });
    await markSent(db, { delivery: u1, channel: 'DU1', ts: '1.1', now });
    const again = await startWeek(db, { teamId: team, week: WEEK, now, plan: plan('U1', 'U2', 'U3', 'channel:C1') });
    expect(again.started).toBe(false);
    expect(again.unsent.sort()).toEqual(['U2', 'channel:C1'].sort());
    expect((await listDeliveries(db, { teamId: team, week: WEEK })).map((d) => d.recipient)).not.toContain('U3');
  });

  it('two replicas starting the same week at once: one starts it, both see the same plan', async () => {
    const team = newTeamId();
    const [a, b] = await Promise.all([
      startWeek(handle().db, { teamId: team, week: WEEK, now, plan: plan('U1', 'U2') }),
      startWeek(handle().db, { teamId: team, week: WEEK, now, plan: plan('U1', 'U2', 'U9') }),
    ]);
    expect([a.started, b.started].sort()).toEqual([false, true]);
    expect(a.unsent.sort()).toEqual(b.unsent.sort());
  });

  it('a run finishes once nothing is waiting; a refusal puts a delivery back, or fails it for good', async () => {
    const team = newTeamId();
    const db = handle().db;
    await startWeek(db, { teamId: team, week: WEEK, now, plan: plan('U1', 'U2') });
    const [u1, u2] = await listDeliveries(db, { teamId: team, week: WEEK });
    await markNotSent(db, { delivery: u1!, error: 'Slack: internal_error', final: false });
    expect(await getDelivery(db, { teamId: team, week: WEEK, recipient: 'U1' })).toMatchObject({ status: 'pending', error: 'Slack: internal_error' });
    await markSent(db, { delivery: u2!, channel: 'DU2', ts: '1.2', now });
    const finished = async () =>
      (
        await db
          .select()
          .from(reminderRuns)
          .where(and(eq(reminderRuns.teamId, team), eq(reminderRuns.week, WEEK)))
      )[0]!.finishedAt;
    await finishRunIfDone(db, { teamId: team, week: WEEK, now });
    expect(await finished()).toBeNull();
    await markNotSent(db, { delivery: u1!, error: 'Slack: channel_not_found', final: true });
    await finishRunIfDone(db, { teamId: team, week: WEEK, now });
    expect(await finished()).toEqual(now);
  });

  it('a second workspace sees nothing of the first', async () => {
    const [t1, t2] = [newTeamId(), newTeamId()];
    await startWeek(handle().db, { teamId: t1, week: WEEK, now, plan: plan('U1') });
    expect(await listDeliveries(handle().db, { teamId: t2, week: WEEK })).toEqual([]);
    expect(await getDelivery(handle().db, { teamId: t2, week: WEEK, recipient: 'U1' })).toBeNull();
    expect(await startWeek(handle().db, { teamId: t2, week: WEEK, now, plan: [] })).toEqual({ started: true, unsent: [] });
  });
});
