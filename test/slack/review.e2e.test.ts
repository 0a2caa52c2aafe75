// Reviews in Slack threads, end to end: the message shortcut, a mention in the thread, the
// "review again" modal, retries and double clicks, bad input, /persona review and history.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getPersonaByName } from '../../src/db/queries/personas.js';
import { reviews } from '../../src/db/schema.js';
import { ACTION_IDS, CALLBACK_IDS, FORM_INPUT_ACTION, REVIEW_FORM } from '../../src/slack/ids.js';
import { postsTo, startTestApp, TEST_TEAM } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { channelMessages } from '../support/slack-messages.js';
import type { SlackMessage } from '../support/slack-messages.js';

const DRAFT = 'Back-to-back meetings all day? Tasklane gives your team two meeting-free afternoons a week. Try it free.';
const CHANNEL = 'C0DRAFTS';
let app: TestApp;
let tsCounter = 100;
const nextTs = () => `1700001000.${String(++tsCounter).padStart(6, '0')}`;

/** Messages "in Slack", for conversations.history/replies. */
let messages: Map<string, SlackMessage>;

beforeAll(async () => {
  app = await startTestApp({ personaFiles: ['examples/personas.yaml'], env: { REVIEW_MODEL: 'on' } });
  messages = channelMessages(app.fake);
});
afterAll(async () => {
  await app?.stop();
});
afterEach(() => {
  expect(app.fake.violations()).toEqual([]);
});

function shortcut(message: { ts: string; text?: string; thread_ts?: string; files?: unknown[] }, user = 'U0WRITER') {
  const responseUrl = app.fake.responseUrl();
  const res = app.interact({
    type: 'message_action',
    callback_id: CALLBACK_IDS.reviewCopy,
    trigger_id: 'trig',
    response_url: responseUrl,
    user: { id: user, team_id: TEST_TEAM },
    channel: { id: CHANNEL, name: 'ad-drafts' },
    message: { type: 'message', user: 'U0WRITER', ...message },
    message_ts: message.ts,
  });
  return { res, responseUrl };
}

const text = (body: Record<string, unknown>) => JSON.stringify(body.blocks ?? body.text);
const threadPosts = (ts: string) => app.fake.callsTo('chat.postMessage').filter((c) => c.body.thread_ts === ts);

describe('Review copy (message shortcut)', () => {
  it('posts the review in the message thread, naming the persona it fits', async () => {
    const ts = nextTs();
    messages.set(ts, { ts, text: DRAFT });
    const { res } = shortcut({ ts, text: DRAFT });
    expect((await res).status).toBe(200);
    const post = await app.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts, 15_000);
    expect(post.body.channel).toBe(CHANNEL);
    const body = text(post.body);
    expect(body).toContain('Speaks to *Overbooked Team Lead*');
    expect(body).toContain('Jobs addressed');
    expect(body).toContain('clear, in “');
    expect(body).toContain('Review for another persona or channel');
    expect(body).toContain('Show persona');
    const [row] = await app.handle.db.select().from(reviews);
    expect(row).toMatchObject({
      requestedBy: 'U0WRITER',
      channelId: CHANNEL,
      messageTs: ts,
      personaName: 'Overbooked Team Lead',
      source: 'shortcut',
      draftText: null,
    });
    expect(row!.textHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('Show persona on a review answers the clicker with the card and leaves the review', async () => {
    const post = app.fake.callsTo('chat.postMessage').find((c) => JSON.stringify(c.body.blocks ?? []).includes('review_show_persona'))!;
    const personaId = JSON.stringify(post.body.blocks).match(/"action_id":"review_show_persona","value":"([0-9a-f-]{36})"/)![1]!;
    const { responseUrl } = await app.click({ actionId: ACTION_IDS.showPersonaPrivately, value: personaId, channel: CHANNEL });
    const card = await app.fake.waitFor((c) => c.path === new URL(responseUrl).pathname, 10_000);
    expect(card.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(text(card.body)).toContain('Overbooked Team Lead');
    expect(text(card.body)).not.toContain('Share in channel');
  });

  it('a double click makes one thread post', async () => {
    const ts = nextTs();
    messages.set(ts, { ts, text: DRAFT });
    const [a, b] = [shortcut({ ts, text: DRAFT }), shortcut({ ts, text: DRAFT })];
    expect((await a.res).status).toBe(200);
    expect((await b.res).status).toBe(200);
    await app.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts, 15_000);
    await app.fake.waitFor((c) => c.method === 'chat.update', 15_000);
    expect(threadPosts(ts)).toHaveLength(1);
  });

  it('says kindly what is wrong with an empty message, a file, or an overlong draft, and posts nothing', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ text: '' }, 'no text to review'],
      [{ text: '', files: [{ id: 'F1', name: 'ad.png' }] }, 'only a file'],
      [{ text: 'x'.repeat(10_001) }, '10,001 characters; I review up to 10,000'],
    ];
    for (const [message, expected] of cases) {
      const ts = nextTs();
      const { responseUrl } = shortcut({ ts, ...message });
      const answer = await app.fake.waitFor((c) => c.path === new URL(responseUrl).pathname, 10_000);
      expect(answer.body).toMatchObject({ response_type: 'ephemeral' });
      expect(String(answer.body.text)).toContain(expected);
      expect(threadPosts(ts)).toHaveLength(0);
    }
  });
});

describe('a channel the bot cannot post in', () => {
  it('says how to invite the bot instead of a generic error', async () => {
    app.fake.on('chat.postMessage', () => ({ ok: false, error: 'not_in_channel' }));
    try {
      const ts = nextTs();
      const { responseUrl } = shortcut({ ts, text: DRAFT });
      const answer = await app.fake.waitFor((c) => c.path === new URL(responseUrl).pathname, 15_000);
      expect(String(answer.body.text)).toContain('/invite @Persona Bot');
    } finally {
      app.fake.on('chat.postMessage', (b) => ({ ok: true, channel: b.channel, ts: nextTs(), message: { text: b.text, thread_ts: b.thread_ts } }));
    }
  });
});

describe('mention in a thread', () => {
  it('reviews the thread parent; a retried delivery posts nothing more', async () => {
    const parent = nextTs();
    messages.set(parent, { ts: parent, text: 'Stuck on a packed train again? Ride to work instead and arrive awake, not squeezed.' });
    const mention = { type: 'app_mention', user: 'U0WRITER', text: '<@UBOT> review on tiktok', ts: nextTs(), thread_ts: parent, channel: CHANNEL };
    const res = await app.event(mention, { eventId: 'EvMENTION1' });
    expect(res.status).toBe(200);
    const post = await app.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === parent, 15_000);
    expect(text(post.body)).toContain('Speaks to *Car-Free Commuter*');
    expect(text(post.body)).toContain('TikTok');

    const retry = await app.event(mention, { eventId: 'EvMENTION1', retryNum: 1 });
    expect(retry.status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    expect(threadPosts(parent)).toHaveLength(1);
  });

  it('answers a deleted parent privately', async () => {
    const gone = nextTs();
    await app.event({ type: 'app_mention', user: 'U0WRITER', text: '<@UBOT> review', ts: nextTs(), thread_ts: gone, channel: CHANNEL });
    const note = await app.fake.waitFor((c) => c.method === 'chat.postEphemeral' && String(c.body.text).includes('deleted'), 10_000);
    expect(note.body.user).toBe('U0WRITER');
    expect(threadPosts(gone)).toHaveLength(0);
  });
});

describe('review for another persona or channel', () => {
  it('opens a modal, and its submission updates the review in place', async () => {
    const ts = nextTs();
    messages.set(ts, { ts, text: DRAFT });
    shortcut({ ts, text: DRAFT });
    const post = await app.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts, 15_000);
    const again = JSON.stringify(post.body.blocks).match(/"action_id":"review_again","value":"([0-9a-f-]{36})"/)![1]!;
    await app.click({ actionId: ACTION_IDS.reviewAgain, value: again, channel: CHANNEL });
    const open = await app.fake.waitFor((c) => c.method === 'views.open' && JSON.stringify(c.body.view ?? {}).includes('review_again_form'), 10_000);
    const view = open.body.view as { private_metadata: string };
    const director = (await getPersonaByName(app.handle.db, { teamId: TEST_TEAM, name: 'Operations Director' }))!;
    const res = await app.interact({
      type: 'view_submission',
      user: { id: 'U0EDITOR', team_id: TEST_TEAM },
      view: {
        id: 'V9',
        type: 'modal',
        callback_id: CALLBACK_IDS.reviewAgainForm,
        private_metadata: view.private_metadata,
        state: {
          values: {
            [REVIEW_FORM.persona]: { [FORM_INPUT_ACTION]: { type: 'static_select', selected_option: { value: director.id } } },
            [REVIEW_FORM.channel]: { [FORM_INPUT_ACTION]: { type: 'static_select', selected_option: { value: 'linkedin' } } },
          },
        },
      },
    });
    expect(res.status).toBe(200);
    const update = await app.fake.waitFor((c) => c.method === 'chat.update' && JSON.stringify(c.body).includes('Reviewed for *Operations Director*'), 15_000);
    expect(update.body.channel).toBe(CHANNEL);
    expect(update.body.ts).toBe(post.response!.ts);
    expect(text(update.body)).toContain('LinkedIn');
    expect(threadPosts(ts)).toHaveLength(1);
  });
});

describe('/persona review and history', () => {
  it('reviews pasted text for the asker alone', async () => {
    const { responseUrl } = await app.command(`review [sms] Burst pipe at one of your flats? Claim online at any hour, no calls. nestwise.example/claim`);
    const answer = await app.fake.waitFor((c) => c.path === new URL(responseUrl).pathname, 15_000);
    expect(answer.body.response_type).toBe('ephemeral');
    expect(text(answer.body)).toContain('Side-Hustle Landlord');
    expect(text(answer.body)).toContain('SMS');
    expect(text(answer.body)).not.toContain('Review for another persona');
  });

  it('lists the latest reviews', async () => {
    const { responseUrl } = await app.command('history');
    const answer = await app.fake.waitFor((c) => c.path === new URL(responseUrl).pathname, 10_000);
    expect(text(answer.body)).toContain('Latest reviews');
    expect(text(answer.body)).toContain('Overbooked Team Lead');
    // The private review above is there too, and each line says which draft it was about.
    expect(text(answer.body)).toMatch(/private review in <#C[A-Z0-9]+>[^•]*Side-Hustle Landlord/);
    expect(text(answer.body)).toMatch(/<https:\/\/slack\.com\/archives\/C[A-Z0-9]+\/p\d+\|message> in <#C/);
    expect(postsTo(app.fake, responseUrl)).toHaveLength(1);
  });
});

describe('a workspace with no personas', () => {
  it('says there is nothing to review against', async () => {
    const ts = nextTs();
    const responseUrl = app.fake.responseUrl();
    await app.interact({
      type: 'message_action',
      callback_id: CALLBACK_IDS.reviewCopy,
      trigger_id: 'trig',
      response_url: responseUrl,
      team: { id: 'TEMPTY', domain: 'empty' },
      user: { id: 'U0WRITER', team_id: 'TEMPTY' },
      channel: { id: CHANNEL, name: 'ad-drafts' },
      message: { type: 'message', ts, text: DRAFT },
    });
    const answer = await app.fake.waitFor((c) => c.path === new URL(responseUrl).pathname, 10_000);
    expect(String(answer.body.text)).toContain('no personas yet');
  });
});
