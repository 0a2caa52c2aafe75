// Markup in what people type never becomes markup in what the bot posts. A persona written
// with `<!channel> <!here> <@U1> <https://x|y> & * _ ~` in every field goes through every
// command, action, shortcut, view and event; every mrkdwn text the bot sends to Slack (message
// text, fallbacks, ephemeral answers, sections, contexts, fields, views) must show it escaped
// once: no live mention or link, no `&` that is not an entity, nothing escaped twice.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personas } from '../../src/db/schema.js';
import { getPersonaByName } from '../../src/db/queries/personas.js';
import { ACTION_IDS, CALLBACK_IDS, encodeCardRef, FORM_INPUT_ACTION, PERSONA_FORM, REVIEW_FORM } from '../../src/slack/ids.js';
import type { RecordedCall } from '../../testing/fake-slack.js';
import { startTestApp, TEST_TEAM } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { channelMessages } from '../support/slack-messages.js';
import type { SlackMessage } from '../support/slack-messages.js';

const HOSTILE = '<!channel> <!here> <@U1> <https://x|y> & * _ ~';
const LIVE = ['<!channel>', '<!here>', '<@U1>', '<https://x|y>'];
/** For the one-per-line fields, where `|` separates the parts. */
const HOSTILE_LINE = HOSTILE.replace('|y', '');
const ESCAPED = '&lt;!channel&gt; &lt;!here&gt; &lt;@U1&gt; &lt;https://x|y&gt; &amp; * _ ~';
const CHANNEL = 'C0HOSTILE';
const DRAFT = `Back-to-back meetings all day ${HOSTILE}? Tasklane gives your team two meeting-free afternoons a week. Try it free.`;

let app: TestApp;
let ts = 500;
const nextTs = () => `1700002000.${String(++ts).padStart(6, '0')}`;
let messages: Map<string, SlackMessage>;

beforeAll(async () => {
  app = await startTestApp({ personaFiles: ['examples/personas.yaml'] });
  messages = channelMessages(app.fake);
});
afterAll(async () => {
  await app?.stop();
});

type Json = Record<string, unknown>;

/** Every string of `value` that Slack reads as mrkdwn: a message's `text`, and every `{ type: 'mrkdwn', text }`. */
function mrkdwnTexts(body: Json): string[] {
  const out: string[] = [];
  if (typeof body.text === 'string') out.push(body.text);
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v && typeof v === 'object') {
      const o = v as Json;
      if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(body.blocks);
  walk(body.view);
  walk(body.attachments);
  return out;
}

function problems(calls: RecordedCall[]): string[] {
  const out: string[] = [];
  for (const call of calls) {
    for (const text of mrkdwnTexts(call.body)) {
      for (const live of LIVE) if (text.includes(live)) out.push(`${call.method}: live ${live} in ${JSON.stringify(text.slice(0, 160))}`);
      if (/&amp;(amp|lt|gt);/.test(text)) out.push(`${call.method}: escaped twice in ${JSON.stringify(text.slice(0, 160))}`);
      if (/&(?!amp;|lt;|gt;)/.test(text)) out.push(`${call.method}: a bare & in ${JSON.stringify(text.slice(0, 160))}`);
    }
  }
  return out;
}

/** Runs `step`, waits for what it makes the bot send, and checks all of it; returns it. */
async function check(name: string, step: () => Promise<unknown>, done: (calls: RecordedCall[]) => boolean): Promise<RecordedCall[]> {
  const start = app.fake.calls.length;
  await step();
  const deadline = Date.now() + 10_000;
  while (!done(app.fake.calls.slice(start))) {
    if (Date.now() > deadline)
      throw new Error(
        `${name}: the bot sent nothing expected; it sent ${
          app.fake.calls
            .slice(start)
            .map((c) => c.method)
            .join(', ') || 'nothing'
        }`,
      );
    await new Promise((r) => setTimeout(r, 20));
  }
  // Whatever else the step sends (a publish after a confirmation …) arrives soon after.
  await new Promise((r) => setTimeout(r, 150));
  const calls = app.fake.calls.slice(start);
  expect(problems(calls), name).toEqual([]);
  return calls;
}

const toUrl = (url: string) => (calls: RecordedCall[]) => calls.some((c) => c.path === new URL(url).pathname);
const method = (m: string) => (calls: RecordedCall[]) => calls.some((c) => c.method === m);
const shows = (calls: RecordedCall[]) => calls.some((c) => mrkdwnTexts(c.body).some((t) => t.includes('&lt;!channel&gt;')));

async function command(text: string): Promise<RecordedCall[]> {
  let url = '';
  return check(
    `/persona ${text}`,
    async () => (url = (await app.command(text)).responseUrl),
    (calls) => toUrl(url)(calls),
  );
}

async function click(name: string, actionId: string, value: string, opts: { user?: string; channel?: string } = {}): Promise<RecordedCall[]> {
  const responseUrl = app.fake.responseUrl();
  return check(
    name,
    () => app.click({ actionId, value, responseUrl, ...opts }),
    (calls) => calls.length > 0,
  );
}

function state(values: Record<string, string>): Json {
  return Object.fromEntries(Object.entries(values).map(([block, value]) => [block, { [FORM_INPUT_ACTION]: { type: 'plain_text_input', value } }]));
}

describe('user text in mrkdwn, through every command, action, shortcut, view and event', () => {
  let personaId = '';

  it('a persona with markup in every field is created through the form', async () => {
    const res = await app.interact({
      type: 'view_submission',
      user: { id: 'U0EDITOR', team_id: TEST_TEAM },
      view: {
        id: 'V1',
        type: 'modal',
        callback_id: CALLBACK_IDS.personaForm,
        private_metadata: '{}',
        state: {
          values: state({
            [PERSONA_FORM.name]: HOSTILE,
            [PERSONA_FORM.summary]: `Summary ${HOSTILE}`,
            [PERSONA_FORM.product]: `Product ${HOSTILE}`,
            [PERSONA_FORM.quote]: `Quote ${HOSTILE}`,
            [PERSONA_FORM.successMetric]: `Metric ${HOSTILE}`,
            [PERSONA_FORM.constraints]: `Constraint ${HOSTILE}`,
            [PERSONA_FORM.demographics]: `role: ${HOSTILE}`,
            [PERSONA_FORM.jobs]: `functional | Hold meetings ${HOSTILE_LINE} | 5 | When ${HOSTILE_LINE} | so ${HOSTILE_LINE}`,
            [PERSONA_FORM.pains]: `obstacle | Back-to-back meetings ${HOSTILE_LINE} | 4`,
            [PERSONA_FORM.gains]: `desired | Leave on time ${HOSTILE_LINE} | 4`,
            [PERSONA_FORM.evidence]: `interview | Interviews ${HOSTILE_LINE} | 2026-09-15`,
          }),
        },
      },
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(await res.text())).toMatchObject({ response_action: 'update', view: { title: { text: 'Persona created' } } });
    personaId = (await getPersonaByName(app.handle.db, { teamId: TEST_TEAM, name: HOSTILE }))!.id;
  });

  it('the form sends problems back for a line with markup', async () => {
    const res = await app.interact({
      type: 'view_submission',
      user: { id: 'U0EDITOR', team_id: TEST_TEAM },
      view: {
        id: 'V2',
        type: 'modal',
        callback_id: CALLBACK_IDS.personaForm,
        private_metadata: '{}',
        state: { values: state({ [PERSONA_FORM.name]: 'Other', [PERSONA_FORM.summary]: 'x', [PERSONA_FORM.jobs]: `odd | ${HOSTILE}` }) },
      },
    });
    expect(await res.json()).toMatchObject({ response_action: 'errors' });
  });

  it('commands', async () => {
    // The card of the persona is found by its name, which is all markup.
    expect(shows(await command(HOSTILE))).toBe(true);
    expect(shows(await command(`zzqx ${HOSTILE}`))).toBe(true);
    expect(shows(await command('list'))).toBe(true);
    await command('help');
    expect(shows(await command(`history ${HOSTILE}`))).toBe(true);
    await command('history');
    await command(`review ${DRAFT}`);
    await command('config');
    expect(shows(await command(`config channel ${HOSTILE}`))).toBe(false);
    expect(shows(await command(`config autoreview on persona: ${HOSTILE}`))).toBe(true);
    expect(shows(await command(`config autoreview on persona: zz ${HOSTILE}`))).toBe(true);
    await command(`config autoreview on channel: ${HOSTILE}`);
    expect(shows(await command('config'))).toBe(true);
  });

  it('buttons on cards, lists and the App Home', async () => {
    const card = encodeCardRef({ kind: 'persona', id: personaId });
    expect(shows(await click('Share in channel', ACTION_IDS.shareCard, card))).toBe(true);
    expect(shows(await click('another persona', ACTION_IDS.showPersona, personaId))).toBe(true);
    expect(shows(await click('list page', ACTION_IDS.listPage, '1'))).toBe(true);
    await click('Edit', ACTION_IDS.editPersona, personaId);
    expect(shows(await click('Still accurate', ACTION_IDS.confirmPersona, personaId, { user: 'U0EDITOR' }))).toBe(true);
    expect(shows(await click('App Home search', ACTION_IDS.homeSearch, HOSTILE))).toBe(true);
    expect(shows(await click('App Home page', ACTION_IDS.homePage, `1:${HOSTILE}`))).toBe(true);
    expect(shows(await click('App Home show', ACTION_IDS.homeShow, personaId))).toBe(true);
  });

  it('the Create persona shortcut, Review copy, review again and its modal', async () => {
    await check(
      'Create persona',
      () => app.interact({ type: 'shortcut', callback_id: CALLBACK_IDS.createPersona, trigger_id: 't', user: { id: 'U0EDITOR', team_id: TEST_TEAM } }),
      method('views.open'),
    );
    const draftTs = nextTs();
    messages.set(draftTs, { ts: draftTs, text: DRAFT, user: 'U0WRITER' });
    const posted = await check(
      'Review copy',
      () =>
        app.interact({
          type: 'message_action',
          callback_id: CALLBACK_IDS.reviewCopy,
          trigger_id: 't',
          response_url: app.fake.responseUrl(),
          user: { id: 'U0WRITER', team_id: TEST_TEAM },
          channel: { id: CHANNEL },
          message: { type: 'message', user: 'U0WRITER', ts: draftTs, text: DRAFT },
        }),
      (calls) => calls.some((c) => c.method === 'chat.postMessage' && c.body.thread_ts === draftTs),
    );
    const reviewId = /"action_id":"review_again","value":"([0-9a-f-]{36})"/.exec(JSON.stringify(posted))![1]!;
    await check('Review again', () => app.click({ actionId: ACTION_IDS.reviewAgain, value: reviewId, channel: CHANNEL }), method('views.open'));
    await check(
      'Show persona on a review',
      () => app.click({ actionId: ACTION_IDS.showPersonaPrivately, value: personaId, channel: CHANNEL }),
      (calls) => calls.length > 0,
    );
    const again = await check(
      'the review-again modal, for the persona of markup',
      () =>
        app.interact({
          type: 'view_submission',
          user: { id: 'U0WRITER', team_id: TEST_TEAM },
          view: {
            id: 'V3',
            type: 'modal',
            callback_id: CALLBACK_IDS.reviewAgainForm,
            private_metadata: JSON.stringify({ reviewId }),
            state: {
              values: {
                [REVIEW_FORM.persona]: { [FORM_INPUT_ACTION]: { type: 'static_select', selected_option: { value: personaId } } },
                [REVIEW_FORM.channel]: { [FORM_INPUT_ACTION]: { type: 'static_select', selected_option: { value: 'linkedin' } } },
              },
            },
          },
        }),
      (calls) => calls.some((c) => c.method === 'chat.update' || c.method === 'chat.postMessage' || c.method === 'chat.postEphemeral'),
    );
    expect(shows(again)).toBe(true);
  });

  it('events: the App Home, mentions and auto-review', async () => {
    expect(
      shows(
        await check('App Home opened', () => app.event({ type: 'app_home_opened', user: 'U0EDITOR', channel: 'D1', tab: 'home' }), method('views.publish')),
      ),
    ).toBe(true);
    const parent = nextTs();
    messages.set(parent, { ts: parent, text: DRAFT, user: 'U0WRITER' });
    const mention = (text: string) => () =>
      app.event({ type: 'app_mention', user: 'U0WRITER', text: `<@UBOT> ${text}`, ts: nextTs(), thread_ts: parent, channel: CHANNEL });
    expect(shows(await check('mention: an unknown persona', mention(`review for zz ${HOSTILE}`), method('chat.postEphemeral')))).toBe(true);
    await check('mention: an unknown channel', mention('review on zzchannel'), method('chat.postEphemeral'));
    // The mention of <@U1> inside the name is read as a mention, so the name is not found: said escaped.
    expect(shows(await check('mention: the persona of markup', mention(`review for ${HOSTILE}`), (calls) => calls.some((c) => /^chat\./.test(c.method))))).toBe(
      true,
    );
    await check('mention: help', mention('hello'), method('chat.postEphemeral'));
    await command('config autoreview on');
    const draft = nextTs();
    expect(
      shows(
        await check(
          'auto-review of a new draft',
          () => app.event({ type: 'message', user: 'U0WRITER', text: DRAFT, ts: draft, channel: 'C0TEST' }),
          (calls) => calls.some((c) => c.method === 'chat.postMessage' && c.body.thread_ts === draft),
        ),
      ),
    ).toBe(true);
  });

  it('the reminder that lists the persona of markup', async () => {
    await app.handle.db.update(personas).set({ reviewedAt: '2020-01-01', owner: 'U0EDITOR' }).where(eq(personas.id, personaId));
    app.runtime.indexes.invalidate(TEST_TEAM);
    const calls = await check('weekly reminders', () => app.runtime.runReminders(), method('chat.postMessage'));
    expect(shows(calls)).toBe(true);
  });

  it('everything the bot sent shows the markup escaped once, and stays within Block Kit limits', () => {
    expect(problems(app.fake.calls)).toEqual([]);
    expect(app.fake.calls.some((c) => mrkdwnTexts(c.body).some((t) => t.includes(ESCAPED)))).toBe(true);
    expect(app.fake.violations()).toEqual([]);
  });
});
