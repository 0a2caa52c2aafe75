// OAuth installs through the real app: the install page and the redirect (state checked, a
// forged one refused), two workspaces each served with its own token, tokens encrypted at rest
// and never logged, an uninstalled or never-installed workspace ignored, its data kept.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPersonas } from '../../src/db/queries/personas.js';
import { slackInstallations } from '../../src/db/schema.js';
import { createLogger } from '../../src/logger.js';
import { importPersonaText } from '../../src/personas/import-export.js';
import { BOT_SCOPES } from '../../src/slack/oauth/scopes.js';
import { startFakeSlack } from '../../testing/fake-slack.js';
import type { FakeSlack } from '../../testing/fake-slack.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

const KEY = Buffer.alloc(32, 7).toString('base64');
const CLIENT_SECRET = 'client-secret-never-logged-123';
const TOKENS: Record<string, { team: string; token: string; botUser: string }> = {
  codeA: { team: 'TAAA', token: 'xoxb-team-a-secret-token', botUser: 'UBOTA' },
  codeB: { team: 'TBBB', token: 'xoxb-team-b-secret-token', botUser: 'UBOTB' },
};

let fake: FakeSlack;
let app: TestApp;
let logs = '';

function cookieFrom(res: Response): string {
  const raw = res.headers.getSetCookie().find((c) => c.startsWith('slack-app-oauth-state='));
  return raw ? raw.split(';')[0]! : '';
}

/** The install page, then Slack's redirect back with `code` and the state (and its cookie) the page set. */
async function install(code: string, tamper?: (state: string) => string): Promise<Response> {
  const page = await fetch(`${app.url}/slack/install`);
  const html = await page.text();
  const href = /href="([^"]+)"/.exec(html)![1]!.replace(/&#38;/g, '&');
  const state = new URL(href).searchParams.get('state')!;
  const sent = tamper ? tamper(state) : state;
  return fetch(`${app.url}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(sent)}`, { headers: { cookie: cookieFrom(page) }, redirect: 'manual' });
}

function homeOpened(team: string, user = 'U0USER') {
  return app.event({ type: 'app_home_opened', user, channel: 'D0HOME', tab: 'home', event_ts: '1700000000.000001' }, { team });
}

beforeAll(async () => {
  fake = await startFakeSlack();
  fake.on('oauth.v2.access', (b) => {
    const t = TOKENS[String(b.code)];
    if (!t) return { ok: false, error: 'invalid_code' };
    return {
      ok: true,
      app_id: 'A0TEST',
      authed_user: { id: 'U0ADMIN' },
      scope: BOT_SCOPES.join(','),
      token_type: 'bot',
      access_token: t.token,
      bot_user_id: t.botUser,
      team: { id: t.team, name: `Team ${t.team}` },
      enterprise: null,
      is_enterprise_install: false,
    };
  });
  fake.on('auth.test', (_b, call) => {
    const t = Object.values(TOKENS).find((x) => x.token === call.token);
    return { ok: true, user_id: t?.botUser ?? 'UBOT', bot_id: `B${t?.team ?? 'X'}`, team_id: t?.team ?? 'T0', url: 'https://x.slack.com/' };
  });
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs += chunk.toString();
      done();
    },
  });
  app = await startTestApp({
    fake,
    log: createLogger({ level: 'debug', destination: sink }),
    authorizationUrl: `${fake.url}/oauth/v2/authorize`,
    env: {
      SLACK_BOT_TOKEN: '',
      SLACK_CLIENT_ID: '1111.2222',
      SLACK_CLIENT_SECRET: CLIENT_SECRET,
      SLACK_STATE_SECRET: 'state-secret-0123456789abcdef',
      SLACK_TOKEN_KEYS: `k1:${KEY}`,
      SLACK_TEAM_ID: '',
    },
  });
});
afterAll(async () => {
  await app?.stop();
  await fake?.close();
});

describe('OAuth install', () => {
  it("serves an Add to Slack page linking to Slack's authorize URL with the manifest's scopes and a state", async () => {
    const res = await fetch(`${app.url}/slack/install`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Add to Slack');
    const href = new URL(/href="([^"]+)"/.exec(html)![1]!.replace(/&#38;/g, '&'));
    expect(href.origin + href.pathname).toBe(`${fake.url}/oauth/v2/authorize`);
    expect(href.searchParams.get('client_id')).toBe('1111.2222');
    expect(href.searchParams.get('scope')!.split(',')).toEqual([...BOT_SCOPES]);
    expect(href.searchParams.get('state')).toBeTruthy();
    expect(cookieFrom(res)).toMatch(/^slack-app-oauth-state=/);
  });

  it('refuses a forged state and stores nothing', async () => {
    const res = await install('codeA', (s) => `${s.slice(0, -4)}AAAA`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('did not complete');
    expect(fake.callsTo('oauth.v2.access')).toHaveLength(0);
    expect(await app.handle.db.select().from(slackInstallations)).toHaveLength(0);
  });

  it('installs two workspaces, each with its own token, encrypted at rest, and says what to try first', async () => {
    const a = await install('codeA');
    expect(a.status).toBe(200);
    const page = await a.text();
    expect(page).toContain('Persona Bot is installed in Team TAAA');
    expect(page).toContain('/persona');
    expect((await install('codeB')).status).toBe(200);
    const rows = await app.handle.db.select().from(slackInstallations);
    expect(rows.map((r) => r.teamId).sort()).toEqual(['TAAA', 'TBBB']);
    for (const r of rows) {
      expect(r.botTokenEnc).not.toContain('xoxb');
      expect(r.keyId).toBe('k1');
    }
    const exchange = fake.callsTo('oauth.v2.access');
    expect(exchange.map((c) => c.body.code)).toEqual(['codeA', 'codeB']);
  });

  it('makes each Web API call with the token of the workspace it acts for', async () => {
    await homeOpened('TAAA', 'U0AAA');
    await homeOpened('TBBB', 'U0BBB');
    const published = await fake.waitForCount((c) => c.method === 'views.publish', 2, 15_000);
    const byUser = Object.fromEntries(published.map((c) => [c.body.user_id, c.token]));
    expect(byUser).toEqual({ U0AAA: TOKENS.codeA!.token, U0BBB: TOKENS.codeB!.token });
  });

  it('ignores a workspace that never installed, without an answer that says more, and logs it once', async () => {
    const before = fake.calls.length;
    const first = await homeOpened('TNEVER');
    await homeOpened('TNEVER');
    expect(first.status).toBeLessThan(500);
    expect(await first.text()).not.toMatch(/install|token|TNEVER/i);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.calls.slice(before).filter((c) => c.method === 'views.publish')).toHaveLength(0);
    expect(logs.match(/has not installed the app/g)).toHaveLength(1);
  });

  it('forgets the token on app_uninstalled and keeps the workspace data until purged', async () => {
    await importPersonaText(app.handle.db, 'TAAA', 'version: 1\npersonas:\n  - name: Kept Persona\n    summary: Stays after uninstall.\n', 'p.yaml', app.clock);
    const res = await app.event({ type: 'app_uninstalled', event_ts: '1700000001.000001' }, { team: 'TAAA' });
    expect(res.status).toBe(200);
    await expect.poll(async () => (await app.handle.db.select().from(slackInstallations)).map((r) => r.teamId), { timeout: 10_000 }).toEqual(['TBBB']);
    expect((await listPersonas(app.handle.db, { teamId: 'TAAA' })).map((p) => p.name)).toEqual(['Kept Persona']);
    const before = fake.calls.length;
    await homeOpened('TAAA', 'U0AAA');
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.calls.slice(before).filter((c) => c.method === 'views.publish')).toHaveLength(0);
  });

  it('forgets the token when the bot token is revoked', async () => {
    await app.event({ type: 'tokens_revoked', tokens: { bot: ['UBOTB'] }, event_ts: '1700000002.000001' }, { team: 'TBBB' });
    await expect.poll(async () => (await app.handle.db.select().from(slackInstallations)).length, { timeout: 10_000 }).toBe(0);
  });

  it('never writes a token or the client secret to the log', () => {
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toMatch(/xoxb-/);
    expect(logs).not.toContain(CLIENT_SECRET);
    expect(logs).toContain('installed');
  });
});
