// Socket Mode end to end: the real app (runtime + its Socket Mode receiver on @slack/socket-mode)
// against a local fake Socket Mode server and the fake Slack. The bot acks every envelope,
// answers /persona and Review copy, reconnects after a dropped connection, acks a draft's event
// only once its review is recorded (not during a database outage: Slack delivers it again), and
// a SIGTERM'd bot process closes its connection and exits 0.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { systemClock } from '../../src/domain/clock.js';
import { CALLBACK_IDS } from '../../src/slack/ids.js';
import { startFakeSlack } from '../../testing/fake-slack.js';
import type { FakeSlack } from '../../testing/fake-slack.js';
import { startFakeSocketMode } from '../../testing/fake-socket-mode.js';
import type { FakeSocketMode } from '../../testing/fake-socket-mode.js';
import { TEST_DATABASE_URL } from '../support/databases.js';
import { createProxiedDatabase } from '../support/outage.js';
import type { ProxiedDatabase } from '../support/outage.js';
import { spawnTsx } from '../support/processes.js';
import { TEST_SIGNING_SECRET } from '../support/slack-requests.js';
import { startTestApp, TEST_TEAM } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

const APP_TOKEN = 'xapp-1-A0TEST-1-fake';
const CHANNEL = 'C0SOCKET';
const DRAFT = 'Back-to-back meetings all week? Block two focus hours a day, automatically, and finish the work that matters.';

function slashCommand(fake: FakeSlack, text: string) {
  const responseUrl = fake.responseUrl();
  return {
    responseUrl,
    payload: {
      token: 'deprecated',
      team_id: TEST_TEAM,
      team_domain: 'test',
      channel_id: CHANNEL,
      channel_name: 'ad-drafts',
      user_id: 'U0SOCKET',
      user_name: 'marketer',
      command: '/persona',
      text,
      api_app_id: 'A0TEST',
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: 'trig.socket',
    },
  };
}
/** An Events API payload of a draft posted in CHANNEL, as Slack sends it in an events_api envelope. */
function draftEvent(eventId: string, ts: string, text = DRAFT) {
  return {
    token: 'deprecated',
    team_id: TEST_TEAM,
    api_app_id: 'A0TEST',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: TEST_TEAM, user_id: 'UBOT', is_bot: true }],
    event: { type: 'message', channel: CHANNEL, channel_type: 'channel', user: 'U0WRITER', ts, text },
  };
}

async function turnOnAutoReview(fake: FakeSlack, socket: FakeSocketMode): Promise<void> {
  const { payload, responseUrl } = slashCommand(fake, 'config autoreview on');
  await socket.send('slash_commands', payload);
  const answer = await fake.waitFor((c) => c.method === 'response_url' && c.path === new URL(responseUrl).pathname, 15_000);
  expect(JSON.stringify(answer.body)).toContain('Auto-review is on');
}

/** Waits until the job queue holds no job: one cut off under way would be retried, its completion could outlive the app. */
async function jobsSettled(app: TestApp, timeoutMs = 30_000): Promise<void> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const [row] = [...((await app.handle.db.execute(sql`select count(*)::int as n from graphile_worker.jobs`)) as Iterable<{ n: number }>)];
    if (row?.n === 0) return;
    if (performance.now() > until) throw new Error(`${row?.n} jobs still in the queue after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const reviewsIn = (fake: FakeSlack, ts: string) => fake.callsTo('chat.postMessage').filter((c) => c.body.thread_ts === ts);

const posted = (fake: FakeSlack, responseUrl: string) => fake.calls.filter((c) => c.method === 'response_url' && c.path === new URL(responseUrl).pathname);

describe('Socket Mode, in process', () => {
  let fake: FakeSlack;
  let socket: FakeSocketMode;
  let app: TestApp;
  beforeAll(async () => {
    fake = await startFakeSlack();
    socket = await startFakeSocketMode(fake);
    app = await startTestApp({ fake, personaFiles: ['examples/personas.yaml'], env: { SLACK_APP_TOKEN: APP_TOKEN } });
    await socket.connected(1);
  });
  afterAll(async () => {
    await app?.stop();
    await socket?.close();
    await fake?.close();
  });

  it('connects with the app-level token through apps.connections.open', () => {
    const open = fake.callsTo('apps.connections.open');
    expect(open.length).toBeGreaterThanOrEqual(1);
    expect(socket.opens()).toBeGreaterThanOrEqual(1);
  });

  it('acks a /persona envelope and answers on its response_url with the card', async () => {
    const { payload, responseUrl } = slashCommand(fake, 'busy');
    const ack = await socket.send('slash_commands', payload);
    expect(ack.envelope_id).toBeTruthy();
    await fake.waitFor((c) => c.method === 'response_url' && c.path === new URL(responseUrl).pathname, 15_000);
    expect(JSON.stringify(posted(fake, responseUrl)[0]!.body)).toContain('Overbooked Team Lead');
  });

  it('acks a Review copy message shortcut and posts the review in the thread', async () => {
    const ts = '1700000100.000100';
    fake.on('conversations.history', () => ({ ok: true, messages: [{ type: 'message', ts, user: 'U0WRITER', text: DRAFT }] }));
    const ack = await socket.send('interactive', {
      type: 'message_action',
      callback_id: CALLBACK_IDS.reviewCopy,
      trigger_id: 'trig.review',
      response_url: fake.responseUrl(),
      team: { id: TEST_TEAM, domain: 'test' },
      api_app_id: 'A0TEST',
      user: { id: 'U0WRITER', team_id: TEST_TEAM },
      channel: { id: CHANNEL, name: 'ad-drafts' },
      message: { type: 'message', user: 'U0WRITER', ts, text: DRAFT },
      message_ts: ts,
    });
    expect(ack.envelope_id).toBeTruthy();
    const post = await fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts, 20_000);
    expect(post.body.channel).toBe(CHANNEL);
    expect(JSON.stringify(post.body.blocks)).toContain('Overbooked Team Lead');
  });

  it('acks an Events API envelope and handles the event (a mention outside a thread gets the help)', async () => {
    const ack = await socket.send('events_api', {
      token: 'deprecated',
      team_id: TEST_TEAM,
      api_app_id: 'A0TEST',
      type: 'event_callback',
      event_id: 'Ev0SOCKET1',
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: TEST_TEAM, user_id: 'UBOT', is_bot: true }],
      event: { type: 'app_mention', user: 'U0SOCKET', text: '<@UBOT> help', ts: '1700000200.000100', channel: CHANNEL, event_ts: '1700000200.000100' },
    });
    expect(ack.envelope_id).toBeTruthy();
    const help = await fake.waitFor((c) => c.method === 'chat.postEphemeral' && c.body.channel === CHANNEL, 15_000);
    expect(String(help.body.text ?? JSON.stringify(help.body.blocks))).toMatch(/Review copy/);
  });

  it('reconnects after the connection drops, and goes on answering', async () => {
    const before = socket.opens();
    socket.dropConnection();
    await socket.connected(2, 60_000);
    expect(socket.opens()).toBeGreaterThan(before);
    const { payload, responseUrl } = slashCommand(fake, 'cargo bike');
    await socket.send('slash_commands', payload);
    await fake.waitFor((c) => c.method === 'response_url' && c.path === new URL(responseUrl).pathname, 15_000);
    expect(JSON.stringify(posted(fake, responseUrl)[0]!.body)).toContain('Cargo Bike Parent');
  });

  it('acks a draft posted in a channel once its review is recorded, reviews it, and a redelivery adds nothing', async () => {
    await turnOnAutoReview(fake, socket);
    const ts = '1700000300.000100';
    const ack = await socket.send('events_api', draftEvent('Ev0SOCKETDRAFT', ts));
    expect(ack.envelope_id).toBeTruthy();
    await fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts, 20_000);
    // Slack's redelivery of an event it did get an ack for (a lost ack): acked, not reviewed again.
    expect((await socket.send('events_api', draftEvent('Ev0SOCKETDRAFT', ts))).envelope_id).toBeTruthy();
    await jobsSettled(app);
    expect(reviewsIn(fake, ts)).toHaveLength(1);
  });

  it('keeps the health check on its own port', async () => {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(200);
  });
});

describe.skipIf(!TEST_DATABASE_URL)('Socket Mode through a database outage [postgres]', () => {
  let db: ProxiedDatabase;
  let fake: FakeSlack;
  let socket: FakeSocketMode;
  let app: TestApp;
  beforeAll(async () => {
    db = await createProxiedDatabase();
    fake = await startFakeSlack();
    socket = await startFakeSocketMode(fake);
    app = await startTestApp({
      fake,
      personaFiles: ['examples/personas.yaml'],
      databaseUrl: db.url,
      clock: systemClock,
      // The record of an event gives up within Slack's 3 s whatever the deadline (RECORD_BUDGET_MS).
      env: { SLACK_APP_TOKEN: APP_TOKEN, SLACK_CHANNEL_PACE_MS: '20' },
    });
    await socket.connected(1);
    await turnOnAutoReview(fake, socket);
    // A draft reviewed before the outage: the job runner is up and has found its work once.
    await socket.send('events_api', draftEvent('Ev0BEFORE1', '1700000400.000001'));
    await fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === '1700000400.000001', 30_000);
    await jobsSettled(app);
  }, 90_000);
  afterAll(async () => {
    await app?.stop();
    await socket?.close();
    await fake?.close();
    await db?.close();
  });

  it('leaves a draft event unacknowledged while it cannot be recorded, and reviews it once when the database is back', async () => {
    const ts = '1700000400.000100';
    db.proxy.cut();
    // As Slack does: the envelope again every 3 s while it is not acknowledged.
    const delivery = socket.deliver('events_api', draftEvent('Ev0OUTAGE1', ts), { retryAfterMs: 3000, attempts: 20 });
    // Three deliveries go out during the outage (at 0, 3 and 6 s); none may be acknowledged.
    let settled = false;
    void delivery.then(
      () => (settled = true),
      () => (settled = true),
    );
    await new Promise((r) => setTimeout(r, 7000));
    expect(settled).toBe(false);
    expect(reviewsIn(fake, ts)).toHaveLength(0);

    db.proxy.restore();
    const { deliveries } = await delivery;
    expect(deliveries).toBeGreaterThanOrEqual(3);
    await fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts, 30_000);
    // Another redelivery (Slack may send one more after a late ack) is acknowledged and adds nothing.
    expect((await socket.send('events_api', draftEvent('Ev0OUTAGE1', ts))).envelope_id).toBeTruthy();
    await jobsSettled(app);
    expect(reviewsIn(fake, ts)).toHaveLength(1);
  }, 120_000);
});

describe('Socket Mode, a real bot process', () => {
  it('answers over the socket, then closes it and exits 0 on SIGTERM', async () => {
    const fake = await startFakeSlack();
    const socket = await startFakeSocketMode(fake);
    const bot = spawnTsx('src/main.ts', [], {
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_APP_TOKEN: APP_TOKEN,
      SLACK_API_URL: fake.apiUrl,
      SLACK_TEAM_ID: TEST_TEAM,
      DATABASE_URL: 'pglite:memory',
      PORT: '0',
      HOST: '127.0.0.1',
      REMINDERS: 'off',
      REVIEW_MODEL: 'off',
    });
    try {
      await bot.waitFor(/Socket Mode/);
      await socket.connected(1, 60_000);
      const { payload, responseUrl } = slashCommand(fake, 'busy');
      await socket.send('slash_commands', payload);
      await fake.waitFor((c) => c.method === 'response_url' && c.path === new URL(responseUrl).pathname, 15_000);
      bot.child.kill('SIGTERM');
      await socket.closedByClient(15_000);
      expect(await bot.exited).toBe(0);
    } finally {
      if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
      await socket.close();
      await fake.close();
    }
  });
});
