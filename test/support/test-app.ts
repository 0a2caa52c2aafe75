// Starts the real product (runtime + Bolt app over HTTP) against a fake Slack, on free ports.
import { readFileSync } from 'node:fs';
import type { Clock } from '../../src/domain/clock.js';
import { fixedClock } from '../../src/domain/clock.js';
import { appEnvSchema, parseEnv } from '../../src/config/env.js';
import { openDatabase } from '../../src/db/client.js';
import type { DatabaseHandle } from '../../src/db/client.js';
import { silentLogger } from '../../src/logger.js';
import type { Logger } from '../../src/logger.js';
import { importPersonaText } from '../../src/personas/import-export.js';
import { startRuntime } from '../../src/runtime.js';
import type { Runtime } from '../../src/runtime.js';
import { startFakeSlack } from '../../testing/fake-slack.js';
import type { FakeSlack } from '../../testing/fake-slack.js';
import { buttonPayload, interactionBody, sendSigned, slashCommandBody } from './slack-requests.js';
import type { ButtonClick, SendOptions } from './slack-requests.js';
import { TEST_SIGNING_SECRET } from './slack-requests.js';

export const TEST_TEAM = 'TTEST';

export interface TestApp {
  url: string;
  eventsUrl: string;
  fake: FakeSlack;
  runtime: Runtime;
  handle: DatabaseHandle;
  clock: Clock;
  /** Sends `/persona <text>`; resolves with Slack's HTTP answer and the response_url it used. */
  command(text: string, opts?: SendOptions & { team?: string; user?: string; responseUrl?: string }): Promise<{ res: Response; responseUrl: string }>;
  click(click: Omit<ButtonClick, 'responseUrl'> & { responseUrl?: string }, opts?: SendOptions): Promise<{ res: Response; responseUrl: string }>;
  /** Any interactivity payload (shortcut, view_submission …), signed and form-encoded as Slack sends it. */
  interact(payload: Record<string, unknown>, opts?: SendOptions): Promise<Response>;
  /** An Events API callback around `event`. */
  event(event: Record<string, unknown>, opts?: SendOptions & { eventId?: string; team?: string }): Promise<Response>;
  stop(): Promise<void>;
}

export interface TestAppOptions {
  /** Persona files to import into TEST_TEAM before starting. */
  personaFiles?: string[];
  databaseUrl?: string;
  /** Share a database (a second replica) or a fake Slack with another test app. */
  handle?: DatabaseHandle;
  fake?: FakeSlack;
  replica?: string;
  clock?: Clock;
  env?: Record<string, string>;
  /** Where the app logs (default: nowhere). */
  log?: Logger;
  /** OAuth: Slack's authorize page. */
  authorizationUrl?: string;
}

export async function startTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const fake = opts.fake ?? (await startFakeSlack());
  const clock = opts.clock ?? fixedClock('2026-11-20T12:00:00Z');
  const handle = opts.handle ?? (await openDatabase(opts.databaseUrl ?? 'pglite:memory'));
  await handle.migrate();
  for (const file of opts.personaFiles ?? []) await importPersonaText(handle.db, TEST_TEAM, readFileSync(file, 'utf8'), file, clock);
  const env = parseEnv(appEnvSchema, {
    DATABASE_URL: opts.databaseUrl ?? 'pglite:memory',
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    SLACK_TEAM_ID: TEST_TEAM,
    PORT: '0',
    HOST: '127.0.0.1',
    // Tests run reminders explicitly; a schedule firing mid-suite would only add noise.
    REMINDERS: 'off',
    // Lookup and editing tests need no sentence model; review tests turn it on.
    REVIEW_MODEL: 'off',
    // The whole suite runs at once on a small machine, where a busy store is slow, not gone: the
    // deadline for database calls is the outage tests' subject, at the production default.
    DB_DEADLINE_MS: '10000',
    ...opts.env,
  });
  const runtime = await startRuntime({
    env,
    log: opts.log ?? silentLogger(),
    clock,
    ...(opts.authorizationUrl ? { authorizationUrl: opts.authorizationUrl } : {}),
    handle,
    identity: { botUserId: 'UBOT', botId: 'BBOT' },
    retries: 0,
    replica: opts.replica,
  });
  const url = `http://127.0.0.1:${runtime.slack!.port}`;
  const eventsUrl = `${url}/slack/events`;
  return {
    url,
    eventsUrl,
    fake,
    runtime,
    handle,
    clock,
    async command(text, o = {}) {
      const responseUrl = o.responseUrl ?? fake.responseUrl();
      const body = slashCommandBody({ text, response_url: responseUrl, team_id: o.team ?? TEST_TEAM, user_id: o.user });
      const res = await sendSigned(eventsUrl, body, 'application/x-www-form-urlencoded', o);
      return { res, responseUrl };
    },
    async click(c, o = {}) {
      const responseUrl = c.responseUrl ?? fake.responseUrl();
      const res = await sendSigned(eventsUrl, interactionBody(buttonPayload({ team: TEST_TEAM, ...c, responseUrl })), 'application/x-www-form-urlencoded', o);
      return { res, responseUrl };
    },
    interact(payload, o = {}) {
      return sendSigned(
        eventsUrl,
        interactionBody({ team: { id: TEST_TEAM, domain: 'test' }, api_app_id: 'A0TEST', ...payload }),
        'application/x-www-form-urlencoded',
        o,
      );
    },
    event(event, o = {}) {
      const body = JSON.stringify({
        token: 'deprecated',
        team_id: o.team ?? TEST_TEAM,
        api_app_id: 'A0TEST',
        type: 'event_callback',
        event_id: o.eventId ?? `Ev${Math.random().toString(36).slice(2, 12).toUpperCase()}`,
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [{ team_id: o.team ?? TEST_TEAM, user_id: 'UBOT', is_bot: true }],
        event,
      });
      return sendSigned(eventsUrl, body, 'application/json', o);
    },
    async stop() {
      await runtime.stop();
      if (!opts.handle) await handle.close();
      if (!opts.fake) await fake.close();
    },
  };
}

/** The response_url posts for one request, by the path the fake Slack gave it. */
export function postsTo(fake: FakeSlack, responseUrl: string) {
  const path = new URL(responseUrl).pathname;
  return fake.calls.filter((c) => c.method === 'response_url' && c.path === path);
}
