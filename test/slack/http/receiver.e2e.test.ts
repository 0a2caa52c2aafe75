// Requests an attacker would send, through the real receiver of the real app: bodies of every
// wrong shape, timestamps outside the window or not plain seconds, bodies larger than anything
// Slack sends, Content-Types with a charset. None may end or hold up the process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../../src/slack/http/receiver.js';
import { largestPersonaFormSubmission } from '../../support/largest-payload.js';
import { interactionBody, sendSigned, sign, slashCommandBody, TEST_SIGNING_SECRET } from '../../support/slack-requests.js';
import { startTestApp, TEST_TEAM } from '../../support/test-app.js';
import type { TestApp } from '../../support/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ personaFiles: ['examples/personas.yaml'] });
});
afterAll(async () => {
  await app?.stop();
});

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

/** The bot still answers a command: nothing before it ended or wedged the process. */
async function stillServes(): Promise<void> {
  const { res, responseUrl } = await app.command('busy');
  expect(res.status).toBe(200);
  const answer = await app.fake.waitFor((c) => c.path === new URL(responseUrl).pathname);
  expect(JSON.stringify(answer.body)).toContain('Overbooked Team Lead');
}

async function timed(send: () => Promise<Response>): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const res = await send();
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - started };
}

describe('bodies of the wrong shape', () => {
  const signedShapes: Array<[string, string, string]> = [
    ['JSON null', 'null', JSON_TYPE],
    ['JSON []', '[]', JSON_TYPE],
    ['JSON string', '"a string"', JSON_TYPE],
    ['JSON number', '42', JSON_TYPE],
    ['JSON true', 'true', JSON_TYPE],
    ['empty JSON body', '', JSON_TYPE],
    ['JSON {}', '{}', JSON_TYPE],
    ['event_callback with event null', '{"type":"event_callback","event":null}', JSON_TYPE],
    ['event_callback with event []', '{"type":"event_callback","event":[],"event_id":"Ev1","team_id":"TTEST"}', JSON_TYPE],
    ['event without a type', '{"type":"event_callback","event":{},"event_id":"Ev1","team_id":"TTEST"}', JSON_TYPE],
    ['event with channel null', '{"type":"event_callback","event_id":"Ev1","team_id":"TTEST","event":{"type":"app_mention","channel":null}}', JSON_TYPE],
    ['authorizations [null]', '{"type":"event_callback","event_id":"Ev1","team_id":"TTEST","event":{"type":"app_mention"},"authorizations":[null]}', JSON_TYPE],
    ['url_verification without a challenge', '{"type":"url_verification"}', JSON_TYPE],
    ['JSON nested 10,000 deep', `${'['.repeat(10_000)}${']'.repeat(10_000)}`, JSON_TYPE],
    ['form payload=null', 'payload=null', FORM],
    ['form payload=[]', 'payload=%5B%5D', FORM],
    ['form payload that is not JSON', 'payload=%7Bnot', FORM],
    ['block_actions with actions [null]', interactionBody({ type: 'block_actions', team: { id: TEST_TEAM }, user: { id: 'U1' }, actions: [null] }), FORM],
    ['block_actions with actions []', interactionBody({ type: 'block_actions', team: { id: TEST_TEAM }, user: { id: 'U1' }, actions: [] }), FORM],
    [
      'block_actions without a user',
      interactionBody({ type: 'block_actions', team: { id: TEST_TEAM }, actions: [{ type: 'button', action_id: 'card_share' }] }),
      FORM,
    ],
    [
      'shortcut with view null',
      interactionBody({ type: 'shortcut', callback_id: 'create_persona', trigger_id: 't', team: { id: TEST_TEAM }, user: { id: 'U1' }, view: null }),
      FORM,
    ],
    ['view_submission with view null', interactionBody({ type: 'view_submission', team: { id: TEST_TEAM }, user: { id: 'U1' }, view: null }), FORM],
    [
      'view_submission with response_urls null',
      interactionBody({
        type: 'view_submission',
        team: { id: TEST_TEAM },
        user: { id: 'U1' },
        view: { id: 'V1', callback_id: 'persona_form' },
        response_urls: null,
      }),
      FORM,
    ],
    ['unknown interactivity type', interactionBody({ type: 'interactive_message', team: { id: TEST_TEAM }, user: { id: 'U1' } }), FORM],
    ['command without a response_url', 'command=%2Fpersona&text=busy&team_id=TTEST&user_id=U1', FORM],
    ['command field twice', `${slashCommandBody({ text: 'busy', response_url: 'http://127.0.0.1:9/r' })}&command=%2Fother`, FORM],
  ];

  for (const [name, body, type] of signedShapes) {
    it(`signed ${name}: 400 at once, and the process serves on`, async () => {
      const answer = await timed(() => sendSigned(app.eventsUrl, body, type));
      expect(answer.status).toBe(400);
      expect(answer.ms).toBeLessThan(1000);
    });
  }

  it('a well-formed request no listener takes (a button this version does not know, a closed view): 200 at once, not 404 after 3 s', async () => {
    const unknownButton = interactionBody({
      type: 'block_actions',
      team: { id: TEST_TEAM },
      user: { id: 'U1' },
      trigger_id: 't',
      actions: [{ type: 'button', action_id: 'from_an_older_version', value: 'x' }],
    });
    const closed = interactionBody({ type: 'view_closed', team: { id: TEST_TEAM }, user: { id: 'U1' }, view: { id: 'V1', callback_id: 'persona_form' } });
    for (const body of [unknownButton, closed]) {
      const answer = await timed(() => sendSigned(app.eventsUrl, body, FORM));
      expect(answer.status).toBe(200);
      expect(answer.ms).toBeLessThan(1000);
    }
  });

  it('unsigned null: 401', async () => {
    const res = await fetch(app.eventsUrl, { method: 'POST', headers: { 'content-type': JSON_TYPE }, body: 'null' });
    expect(res.status).toBe(401);
  });

  it('after all of them, the bot answers a command as before', async () => {
    await stillServes();
  });
});

describe('request timestamps', () => {
  const now = () => Math.floor(Date.now() / 1000);
  // Signed over the number the header reads as, as Bolt 5.1 computed it: so that only the
  // timestamp rule, not the signature, can refuse them.
  const refused: Array<[string, () => string]> = [
    ['six minutes ahead', () => String(now() + 360)],
    ['a year ahead', () => String(now() + 365 * 86_400)],
    ['six minutes old', () => String(now() - 360)],
    ['Infinity', () => 'Infinity'],
    ['hexadecimal', () => `0x${now().toString(16)}`],
    ['exponent notation', () => `${(now() / 1e9).toFixed(9)}e9`],
    ['with a plus sign', () => `+${now()}`],
    ['fractional', () => `${now()}.5`],
    ['negative', () => `-${now()}`],
    ['empty', () => ''],
  ];
  for (const [name, stamp] of refused) {
    it(`refuses a timestamp ${name} with 401, and nothing is answered`, async () => {
      const ts = stamp();
      const responseUrl = app.fake.responseUrl();
      const body = slashCommandBody({ text: 'help', response_url: responseUrl, team_id: TEST_TEAM });
      const res = await sendSigned(app.eventsUrl, body, FORM, { timestamp: ts, signature: sign(TEST_SIGNING_SECRET, String(Number(ts)), body) });
      expect(res.status).toBe(401);
    });
  }

  it('accepts timestamps within five minutes either way', async () => {
    for (const offset of [-290, 290]) {
      const { res } = await app.command('help', { timestamp: now() + offset });
      expect(res.status).toBe(200);
    }
  });

  it('refuses a signature that is not v0 and 64 hexadecimal digits', async () => {
    const body = slashCommandBody({ text: 'help', response_url: app.fake.responseUrl(), team_id: TEST_TEAM });
    const good = sign(TEST_SIGNING_SECRET, now(), body);
    for (const signature of [good.replace('v0=', 'v1='), `${good}0`, good.slice(0, -1), 'v0=', good.toUpperCase().replace('V0=', 'v0=x')]) {
      expect((await sendSigned(app.eventsUrl, body, FORM, { timestamp: now(), signature })).status).toBe(401);
    }
  });
});

describe('Content-Type', () => {
  it('accepts form bodies with ; charset=utf-8, as proxies send them', async () => {
    for (const type of [`${FORM}; charset=utf-8`, `${FORM};charset=UTF-8`, `${FORM}; charset="utf-8"`]) {
      const responseUrl = app.fake.responseUrl();
      const res = await sendSigned(app.eventsUrl, slashCommandBody({ text: 'busy', response_url: responseUrl, team_id: TEST_TEAM }), type);
      expect(res.status).toBe(200);
      const answer = await app.fake.waitFor((c) => c.path === new URL(responseUrl).pathname);
      expect(JSON.stringify(answer.body)).toContain('Overbooked Team Lead');
    }
  });

  it('accepts JSON events with a charset', async () => {
    const body = JSON.stringify({
      type: 'event_callback',
      team_id: TEST_TEAM,
      api_app_id: 'A0TEST',
      event_id: 'EvCHARSET',
      event: { type: 'app_home_opened', user: 'U0ASKER', tab: 'home' },
    });
    const res = await sendSigned(app.eventsUrl, body, `${JSON_TYPE}; charset=utf-8`);
    expect(res.status).toBe(200);
    await app.fake.waitFor((c) => c.method === 'views.publish' && c.body.user_id === 'U0ASKER');
  });

  it('refuses other types and charsets with 400', async () => {
    const body = slashCommandBody({ text: 'busy', response_url: app.fake.responseUrl(), team_id: TEST_TEAM });
    for (const type of ['text/plain', `${FORM}; charset=iso-8859-1`, `${FORM}; boundary=x`, 'multipart/form-data', '']) {
      expect((await sendSigned(app.eventsUrl, body, type)).status).toBe(400);
    }
  });
});

describe('body size', () => {
  it('refuses an unsigned 3.9 MB body with 413 before reading it', async () => {
    const res = await fetch(app.eventsUrl, { method: 'POST', headers: { 'content-type': JSON_TYPE }, body: 'a'.repeat(3.9 * 1024 * 1024) });
    expect(res.status).toBe(413);
  });

  it('refuses a signed body streamed without Content-Length once it passes the limit', async () => {
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > MAX_BODY_BYTES + chunk.length) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const ts = Math.floor(Date.now() / 1000);
    const res = await fetch(app.eventsUrl, {
      method: 'POST',
      headers: { 'content-type': JSON_TYPE, 'x-slack-request-timestamp': String(ts), 'x-slack-signature': `v0=${'0'.repeat(64)}` },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('takes the largest submission Slack can send this app: the persona form at every limit, every input full', async () => {
    const body = interactionBody(largestPersonaFormSubmission());
    expect(Buffer.byteLength(body)).toBeGreaterThan(2_000_000);
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(MAX_BODY_BYTES);
    const res = await sendSigned(app.eventsUrl, body, FORM);
    expect(res.status).toBe(200);
    // Every input is full of one character: the form answers with its problems, next to the fields.
    expect(await res.json()).toMatchObject({ response_action: 'errors' });
  });

  it('after all of them, the bot answers a command as before', async () => {
    await stillServes();
  });
});
