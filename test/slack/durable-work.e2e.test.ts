// Work Slack was told about is never lost, and done once: auto-review events during a database
// outage (503, then Slack's retry), jobs interrupted by the outage (retried), two replicas on
// one database (each draft once, the channel's pace kept), and a review claim whose post ts was
// lost (found again, not posted twice).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { claimReview } from '../../src/db/queries/reviews.js';
import { fixedClock, systemClock } from '../../src/domain/clock.js';
import { startFakeSlack } from '../../testing/fake-slack.js';
import type { FakeSlack } from '../../testing/fake-slack.js';
import { createTestDatabase, DRIVERS, TEST_DATABASE_URL } from '../support/databases.js';
import type { TestDatabase } from '../support/databases.js';
import { createProxiedDatabase } from '../support/outage.js';
import type { ProxiedDatabase } from '../support/outage.js';
import { sendSigned, slashCommandBody } from '../support/slack-requests.js';
import { startTestApp, TEST_TEAM } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { openDatabase } from '../../src/db/client.js';

const CHANNEL = 'C0DRAFTS';
let n = 0;
const ts = () => `1700003000.${String(++n).padStart(6, '0')}`;
const draft = (stamp: string, i: number) => ({
  type: 'message',
  channel: CHANNEL,
  channel_type: 'channel',
  user: 'U0WRITER',
  ts: stamp,
  text: `Draft ${i}: back-to-back meetings all day? Take back two afternoons a week for deep work.`,
});

async function turnOnAutoReview(app: TestApp): Promise<void> {
  const responseUrl = app.fake.responseUrl();
  await sendSigned(
    app.eventsUrl,
    slashCommandBody({ text: 'config autoreview on', response_url: responseUrl, team_id: TEST_TEAM, user_id: 'U0LEAD', channel_id: CHANNEL }),
    'application/x-www-form-urlencoded',
  );
  const answer = await app.fake.waitFor((c) => c.path === new URL(responseUrl).pathname, 10_000);
  expect(JSON.stringify(answer.body)).toContain('Auto-review is on');
}

/** Sends an event as Slack does: again (with X-Slack-Retry-Num) until it gets a 200. */
async function deliver(app: TestApp, event: Record<string, unknown>, eventId: string, tries = 30): Promise<number> {
  let status = 0;
  for (let attempt = 0; attempt < tries && status !== 200; attempt++) {
    status = (await app.event(event, { eventId, ...(attempt > 0 ? { retryNum: attempt } : {}) })).status;
    if (status !== 200) await new Promise((r) => setTimeout(r, 200));
  }
  return status;
}

const postsIn = (fake: FakeSlack, thread: string) => fake.callsTo('chat.postMessage').filter((c) => c.body.thread_ts === thread);

describe.skipIf(!TEST_DATABASE_URL)('auto-review through a database outage [postgres]', () => {
  let db: ProxiedDatabase;
  let app: TestApp;

  beforeAll(async () => {
    db = await createProxiedDatabase();
    // The system clock: a review claim cut off by the outage expires as it would in production.
    app = await startTestApp({
      personaFiles: ['examples/personas.yaml'],
      databaseUrl: db.url,
      clock: systemClock,
      env: { SLACK_CHANNEL_PACE_MS: '20' },
    });
    await turnOnAutoReview(app);
  });
  afterAll(async () => {
    await app?.stop();
    await db?.close();
  });

  it('answers 503 while events cannot be recorded, and reviews every draft once after the outage', async () => {
    // Recorded just before the outage: their jobs meet the outage and are retried.
    const early = Array.from({ length: 5 }, () => ts());
    const earlyRes = await Promise.all(early.map((t, i) => deliver(app, draft(t, i), `EvEARLY${i}`)));
    expect(earlyRes).toEqual([200, 200, 200, 200, 200]);
    db.proxy.cut();

    // During the outage: not recorded, so not acknowledged; fast enough for Slack either way.
    const during = Array.from({ length: 5 }, () => ts());
    for (const [i, t] of during.entries()) {
      const sent = performance.now();
      const res = await app.event(draft(t, 10 + i), { eventId: `EvDURING${i}` });
      expect(res.status).toBe(503);
      expect(performance.now() - sent).toBeLessThan(3000);
    }

    db.proxy.restore();
    // Slack's retries of the refused deliveries.
    for (const [i, t] of during.entries()) expect(await deliver(app, draft(t, 10 + i), `EvDURING${i}`)).toBe(200);
    const all = [...early, ...during];
    const wanted = new Set(all);
    await app.fake.waitForCount((c) => c.method === 'chat.postMessage' && wanted.has(String(c.body.thread_ts)), all.length, 60_000);
    // A further redelivery of a recorded event adds nothing.
    expect((await app.event(draft(during[0]!, 10), { eventId: 'EvDURING0', retryNum: 2 })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    for (const t of all) expect(postsIn(app.fake, t)).toHaveLength(1);
  }, 90_000);
});

describe.each(DRIVERS)('two replicas on one database [%s]', (driver) => {
  const skip = driver === 'postgres' && !TEST_DATABASE_URL;
  let target: TestDatabase;
  let fake: FakeSlack;
  let a: TestApp;
  let b: TestApp;
  const PACE_MS = 100;

  beforeAll(async () => {
    if (skip) return;
    target = await createTestDatabase(driver);
    fake = await startFakeSlack();
    const env = { SLACK_CHANNEL_PACE_MS: String(PACE_MS) };
    a = await startTestApp({ personaFiles: ['examples/personas.yaml'], databaseUrl: target.url, fake, env, replica: 'a' });
    // The second replica: the same embedded store (one process here) or its own pool on the server.
    const handle = driver === 'pglite' ? a.handle : await openDatabase(target.url);
    b = await startTestApp({ databaseUrl: target.url, handle, fake, env, replica: 'b' });
    await turnOnAutoReview(a);
  });
  afterAll(async () => {
    if (skip) return;
    await b?.stop();
    if (driver === 'postgres') await b?.handle.close();
    await a?.stop();
    await fake?.close();
    await target?.drop();
  });
  afterEach(() => {
    if (!skip) expect(fake.violations()).toEqual([]);
  });

  it.skipIf(skip)(
    'review a burst, each draft once, and keep the channel pace between them',
    async () => {
      const stamps = Array.from({ length: 30 }, () => ts());
      // Every event goes to both replicas, as a retry after a slow answer may land on the other one.
      const res = await Promise.all(stamps.flatMap((t, i) => [deliver(a, draft(t, i), `EvTWO${driver}${i}`), deliver(b, draft(t, i), `EvTWO${driver}${i}`)]));
      expect(res.every((status) => status === 200)).toBe(true);
      const wanted = new Set(stamps);
      await fake.waitForCount((c) => c.method === 'chat.postMessage' && wanted.has(String(c.body.thread_ts)), stamps.length, 60_000);
      await new Promise((r) => setTimeout(r, 500));
      for (const t of stamps) expect(postsIn(fake, t)).toHaveLength(1);
      const times = fake.calls.filter((c) => (c.method === 'chat.postMessage' || c.method === 'chat.update') && c.body.channel === CHANNEL).map((c) => c.at);
      const gaps = times.slice(1).map((t, i) => t - times[i]!);
      // The queue holds the channel for PACE_MS after each post, whichever replica made it.
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(PACE_MS - 2);
    },
    90_000,
  );
});

describe('a review claim whose post ts was lost [pglite]', () => {
  let app: TestApp;
  const clock = fixedClock('2026-11-20T12:00:00Z');

  beforeAll(async () => {
    app = await startTestApp({ personaFiles: ['examples/personas.yaml'], clock, env: { SLACK_CHANNEL_PACE_MS: '0' } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  async function staleClaim(messageTs: string): Promise<string> {
    // What a request that died between the post and saving its ts leaves: a claim without a ts, a minute old.
    const { row } = await claimReview(app.handle.db, {
      teamId: TEST_TEAM,
      key: { channelId: CHANNEL, messageTs, personaKey: '', adChannelKey: '' },
      fields: { requestedBy: 'U0GONE', source: 'shortcut', textHash: 'x', match: 'none', adChannel: 'meta', verdict: 'ok', jobsAddressed: 0, findings: [] },
      now: new Date(clock.now().getTime() - 60_000),
    });
    return row.id;
  }

  function reviewCopy(messageTs: string) {
    return app.interact({
      type: 'message_action',
      callback_id: 'review_copy',
      trigger_id: 't1',
      response_url: app.fake.responseUrl(),
      user: { id: 'U0ASKER' },
      channel: { id: CHANNEL },
      message: { type: 'message', ts: messageTs, text: 'Back-to-back meetings all day? Tasklane clears two afternoons a week for deep work.' },
    });
  }

  it('updates the post it finds in the thread instead of posting again', async () => {
    const messageTs = ts();
    const id = await staleClaim(messageTs);
    app.fake.on('conversations.replies', () => ({
      ok: true,
      messages: [
        { ts: messageTs, user: 'U0WRITER', text: 'the draft' },
        { ts: '1700009999.000001', bot_id: 'BBOT', text: 'review', blocks: [{ type: 'actions', elements: [{ type: 'button', value: id }] }] },
      ],
    }));
    expect((await reviewCopy(messageTs)).status).toBe(200);
    const update = await app.fake.waitFor((c) => c.method === 'chat.update' && c.body.ts === '1700009999.000001', 10_000);
    expect(update.body.channel).toBe(CHANNEL);
    expect(postsIn(app.fake, messageTs)).toHaveLength(0);
  });

  it('posts when the thread has no post of it', async () => {
    const messageTs = ts();
    await staleClaim(messageTs);
    app.fake.on('conversations.replies', () => ({ ok: true, messages: [{ ts: messageTs, user: 'U0WRITER', text: 'the draft' }] }));
    expect((await reviewCopy(messageTs)).status).toBe(200);
    await app.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === messageTs, 10_000);
    // Asking again updates that post: the claim has its ts now.
    expect((await reviewCopy(messageTs)).status).toBe(200);
    await app.fake.waitFor(
      (c) => c.method === 'chat.update' && c.body.channel === CHANNEL && c.body.ts === postsIn(app.fake, messageTs)[0]!.response!.ts,
      10_000,
    );
    expect(postsIn(app.fake, messageTs)).toHaveLength(1);
  });
});
