// Buttons with side effects act once per click, however often Slack delivers it: through the
// real receiver, with the payload delivered again as a retry or a replay would.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handledActions, personaChanges } from '../../../../src/db/schema.js';
import { getPersonaByName } from '../../../../src/db/queries/personas.js';
import { firstActionDelivery, HANDLED_ACTION_TTL_MS } from '../../../../src/db/queries/actions.js';
import { ACTION_IDS, CALLBACK_IDS, encodeCardRef } from '../../../../src/slack/ids.js';
import { buttonPayload, interactionBody, sendSigned } from '../../../support/slack-requests.js';
import { startTestApp, TEST_TEAM } from '../../../support/test-app.js';
import type { TestApp } from '../../../support/test-app.js';

let app: TestApp;
let second: TestApp;
beforeAll(async () => {
  app = await startTestApp({ personaFiles: ['examples/personas.yaml'] });
  // A second replica on the same database and the same Slack.
  second = await startTestApp({ handle: app.handle, fake: app.fake, replica: 'second' });
});
afterAll(async () => {
  await second?.stop();
  await app?.stop();
});

const personaId = async (name: string) => (await getPersonaByName(app.handle.db, { teamId: TEST_TEAM, name: name }))!.id;
const deliver = (target: TestApp, payload: Record<string, unknown>) =>
  sendSigned(target.eventsUrl, interactionBody(payload), 'application/x-www-form-urlencoded');
const settle = () => new Promise((r) => setTimeout(r, 500));

describe('Share in channel', () => {
  it('delivered five times, posts the card once', async () => {
    const responseUrl = app.fake.responseUrl();
    const payload = buttonPayload({
      actionId: ACTION_IDS.shareCard,
      value: encodeCardRef({ kind: 'persona', id: await personaId('First-Time Renter') }),
      responseUrl,
      team: TEST_TEAM,
    });
    for (let i = 0; i < 5; i++) expect((await deliver(app, payload)).status).toBe(200);
    await app.fake.waitForCount((c) => c.path === new URL(responseUrl).pathname, 2);
    await settle();
    const posts = app.fake.calls.filter((c) => c.path === new URL(responseUrl).pathname);
    expect(posts.map((p) => p.body.response_type ?? Object.keys(p.body).join())).toEqual(['in_channel', 'delete_original']);
  });

  it('double clicked (two clicks, each with its own action_ts, on the same card), posts it once', async () => {
    const responseUrl = app.fake.responseUrl();
    const click = {
      actionId: ACTION_IDS.shareCard,
      value: encodeCardRef({ kind: 'persona', id: await personaId('Operations Director') }),
      responseUrl,
      team: TEST_TEAM,
      messageTs: '1700000100.000100',
    };
    await Promise.all([deliver(app, buttonPayload(click)), deliver(app, buttonPayload(click))]);
    await app.fake.waitForCount((c) => c.path === new URL(responseUrl).pathname, 2);
    await settle();
    expect(app.fake.calls.filter((c) => c.path === new URL(responseUrl).pathname && c.body.response_type === 'in_channel')).toHaveLength(1);
  });

  it('delivered to two replicas at once, posts it once', async () => {
    const responseUrl = app.fake.responseUrl();
    const payload = buttonPayload({
      actionId: ACTION_IDS.shareCard,
      value: encodeCardRef({ kind: 'persona', id: await personaId('Operations Director') }),
      responseUrl,
      team: TEST_TEAM,
    });
    await Promise.all([deliver(app, payload), deliver(second, payload)]);
    await app.fake.waitForCount((c) => c.path === new URL(responseUrl).pathname, 2);
    await settle();
    expect(app.fake.calls.filter((c) => c.path === new URL(responseUrl).pathname && c.body.response_type === 'in_channel')).toHaveLength(1);
  });

  it('cards on different messages are shared each', async () => {
    const value = encodeCardRef({ kind: 'persona', id: await personaId('First-Time Renter') });
    const urls = [app.fake.responseUrl(), app.fake.responseUrl()];
    for (const responseUrl of urls) await deliver(app, buttonPayload({ actionId: ACTION_IDS.shareCard, value, responseUrl, team: TEST_TEAM }));
    for (const responseUrl of urls) await app.fake.waitFor((c) => c.path === new URL(responseUrl).pathname && c.body.response_type === 'in_channel');
  });
});

describe('Still accurate', () => {
  // The owner's click opens the confirmation modal (what it confirms is the modal's submission).
  const opens = () => app.fake.callsTo('views.open').filter((c) => (c.body.view as { callback_id?: string }).callback_id === CALLBACK_IDS.confirmPersonaForm);

  it('delivered five times, opens the confirmation once and confirms nothing by itself', async () => {
    const id = await personaId('Operations Director');
    const before = opens().length;
    const responseUrl = app.fake.responseUrl();
    const payload = buttonPayload({ actionId: ACTION_IDS.confirmPersona, value: id, responseUrl, team: TEST_TEAM, user: 'U07EXAMPLE1' });
    for (let i = 0; i < 5; i++) expect((await deliver(i % 2 ? second : app, payload)).status).toBe(200);
    await app.fake.waitForCount(
      (c) => c.method === 'views.open' && (c.body.view as { callback_id?: string }).callback_id === CALLBACK_IDS.confirmPersonaForm,
      before + 1,
    );
    await settle();
    expect(opens()).toHaveLength(before + 1);
    const rows = await app.handle.db
      .select()
      .from(personaChanges)
      .where(and(eq(personaChanges.personaId, id), eq(personaChanges.action, 'confirm')));
    expect(rows).toHaveLength(0);
  });

  it('clicked again later (a new click), opens it again', async () => {
    const id = await personaId('Operations Director');
    const before = opens().length;
    await app.click({ actionId: ACTION_IDS.confirmPersona, value: id, user: 'U07EXAMPLE1' });
    await app.fake.waitForCount(
      (c) => c.method === 'views.open' && (c.body.view as { callback_id?: string }).callback_id === CALLBACK_IDS.confirmPersonaForm,
      before + 1,
    );
  });
});

describe('handled actions', () => {
  it('are forgotten after a day, as new ones come in', async () => {
    const now = app.clock.now();
    expect(
      await firstActionDelivery(app.handle.db, { teamId: TEST_TEAM, actionKey: 'old-key', now: new Date(now.getTime() - HANDLED_ACTION_TTL_MS - 1000) }),
    ).toBe(true);
    expect(await firstActionDelivery(app.handle.db, { teamId: TEST_TEAM, actionKey: 'new-key', now })).toBe(true);
    const keys = (await app.handle.db.select().from(handledActions).where(eq(handledActions.teamId, TEST_TEAM))).map((r) => r.actionKey);
    expect(keys).toContain('new-key');
    expect(keys).not.toContain('old-key');
    expect(await firstActionDelivery(app.handle.db, { teamId: TEST_TEAM, actionKey: 'new-key', now })).toBe(false);
  });
});
