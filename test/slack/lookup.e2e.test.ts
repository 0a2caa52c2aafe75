// /persona end to end: signed HTTP requests into the real Bolt app, answers read from a fake Slack.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/slack/ids.js';
import { sendSigned, sign, slashCommandBody, TEST_SIGNING_SECRET } from '../support/slack-requests.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

let app: TestApp;

type Block = {
  type: string;
  text?: { text: string };
  elements?: Array<{ action_id?: string; value?: string; text?: { text: string } }>;
  fields?: Array<{ text: string }>;
};
const blocksOf = (body: Record<string, unknown>) => (body.blocks ?? []) as Block[];
const allText = (body: Record<string, unknown>) =>
  blocksOf(body)
    .flatMap((b) => [b.text?.text ?? '', ...(b.fields ?? []).map((f) => f.text), ...(b.elements ?? []).map((e) => e.text?.text ?? '')])
    .join('\n');
const buttons = (body: Record<string, unknown>) => blocksOf(body).flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []));

beforeAll(async () => {
  app = await startTestApp({ personaFiles: ['examples/personas.yaml'] });
});
afterAll(async () => {
  await app?.stop();
});
afterEach(() => {
  // Whatever a test made the bot send must fit Slack's limits.
  expect(app.fake.violations()).toEqual([]);
});

async function answer(text: string) {
  const { res, responseUrl } = await app.command(text);
  expect(res.status).toBe(200);
  const post = await app.fake.waitFor((c) => c.method === 'response_url' && c.path === new URL(responseUrl).pathname);
  return { post, responseUrl };
}

describe('/persona', () => {
  it('finds a persona despite a typo and answers privately with its profile card', async () => {
    const { post } = await answer('overboked lead');
    expect(post.body.response_type).toBe('ephemeral');
    expect(blocksOf(post.body)[0]).toMatchObject({ type: 'header', text: { text: 'Overbooked Team Lead' } });
    const text = allText(post.body);
    expect(text).toContain('*Functional jobs*\n• Get more done with less effort · importance 5/5');
    expect(text).toContain('*Emotional jobs*');
    expect(text).toContain('*Top pains*\n• Back-to-back meetings leave no time for deep work (severity 5)');
    expect(JSON.stringify(post.body)).toContain('*Evidence* (2 sources)');
    expect(text).toContain('*Demographics* · circumstances');
    expect(text).toContain('*Psychographics* · archetype, worldview, motivations');
    expect(text).toContain('*Sociographics* · networks and orbits');
    expect(JSON.stringify(post.body)).toContain('*Matched on:* name');
    expect(JSON.stringify(post.body)).toContain('Confirmed 2026-10-02 (49 days ago)');
    expect(JSON.stringify(post.body)).not.toContain('Stale');
    expect(buttons(post.body)[0]).toMatchObject({ action_id: ACTION_IDS.shareCard, text: { text: 'Share in channel' } });
    expect(post.body.text).toMatch(/^Overbooked Team Lead: /);
  });

  it('marks a persona stale when it is older than STALE_AFTER_DAYS', async () => {
    const { post } = await answer('cargo bike parent');
    expect(JSON.stringify(post.body)).toContain('Confirmed 2025-12-15 (340 days ago) · :warning: *Stale*: older than 90 days');
  });

  it('answers a query that is about a job with a job card naming who hires it', async () => {
    const { post } = await answer('feel in control');
    expect(blocksOf(post.body)[0]).toMatchObject({ type: 'header', text: { text: 'Feel in control of my week' } });
    const text = allText(post.body);
    expect(text).toContain('*Hired by 2 personas*\n• *Overbooked Team Lead* · importance 4/5\n• *Operations Director* · importance 3/5');
    expect(buttons(post.body).map((b) => b.text?.text)).toEqual(['Share in channel', 'Show Overbooked Team Lead', 'Show Operations Director']);
  });

  it('shows usage for /persona and /persona help', async () => {
    for (const q of ['', 'help']) {
      const { post } = await answer(q);
      expect(allText(post.body)).toContain('`/persona list`');
      expect(post.body.response_type).toBe('ephemeral');
    }
  });

  it('lists every persona compactly', async () => {
    const { post } = await answer('list');
    expect(blocksOf(post.body)[0]).toMatchObject({ type: 'header', text: { text: 'Personas (7)' } });
    const text = allText(post.body);
    expect(text.match(/^• \*/gm)).toHaveLength(7);
    expect(text).toContain('• *Cargo Bike Parent* · Greenhop · 3 jobs · :warning: stale');
  });

  it('says when nothing matches, without unrelated names, and points to /persona list', async () => {
    for (const q of ['zzqxv', 'quantum blockchain yacht']) {
      const { post } = await answer(q);
      const text = allText(post.body);
      expect(text).toContain(`Nothing matched “${q}”`);
      expect(text).not.toContain('Did you mean');
      expect(text).toContain('`/persona list`');
      expect(text).toContain('npm run cli -- import');
    }
  });

  it('offers every persona a search matches, each saying why: bike finds the commuter through its jobs and pains', async () => {
    const { post } = await answer('bike');
    expect(blocksOf(post.body)[0]).toMatchObject({ text: { text: 'Cargo Bike Parent' } });
    const json = JSON.stringify(post.body);
    expect(json).toContain('*Matched on:* name · summary');
    expect(json).toContain(
      '*Other matches for “bike”:* *Car-Free Commuter* (job “Get a bike repaired without losing a day” · pain “Bike theft outside the office”',
    );
    expect(buttons(post.body).map((b) => b.text?.text)).toContain('Show Car-Free Commuter');
  });

  it('insurance offers the landlord, whom the same insurance product covers', async () => {
    const { post } = await answer('insurance');
    expect(blocksOf(post.body)[0]).toMatchObject({ text: { text: 'First-Time Renter' } });
    expect(JSON.stringify(post.body)).toContain('*Side-Hustle Landlord* (same product (Nestwise))');
    expect(buttons(post.body).map((b) => b.text?.text)).toContain('Show Side-Hustle Landlord');
  });

  it('keeps the other matches on offer after one of them is clicked', async () => {
    const { post } = await answer('bike');
    const commuter = buttons(post.body).find((b) => b.text?.text === 'Show Car-Free Commuter')!;
    const { responseUrl } = await app.click({ actionId: commuter.action_id!, value: commuter.value! });
    const shown = await app.fake.waitFor((c) => c.path === new URL(responseUrl).pathname);
    expect(shown.body.replace_original).toBe(true);
    expect(blocksOf(shown.body)[0]).toMatchObject({ text: { text: 'Car-Free Commuter' } });
    expect(JSON.stringify(shown.body)).toContain('*Matched on:* job “Get a bike repaired without losing a day”');
    expect(buttons(shown.body).map((b) => b.text?.text)).toContain('Show Cargo Bike Parent');
  });

  it('the App Home search runs the same search: bike finds the same two personas, each with why', async () => {
    const publishes = app.fake.callsTo('views.publish').length;
    await app.interact({
      type: 'block_actions',
      user: { id: 'U0HOME', team_id: 'TTEST' },
      container: { type: 'view', view_id: 'VHOME' },
      trigger_id: '1.2.3',
      view: { id: 'VHOME', type: 'home', state: { values: {} } },
      actions: [{ type: 'plain_text_input', action_id: ACTION_IDS.homeSearch, block_id: ACTION_IDS.homeSearch, value: 'bike', action_ts: '1.1' }],
    });
    const published = (await app.fake.waitForCount((c) => c.method === 'views.publish', publishes + 1)).at(-1)!;
    const home = JSON.stringify(published.body.view);
    expect(home).toContain('2 matches for “bike”');
    expect(home).toContain('*Cargo Bike Parent*');
    expect(home).toContain('*Car-Free Commuter*');
    expect(home).toContain('_Matched on: job “Get a bike repaired without losing a day”');
  });

  it('shares the card in the channel and removes the private copy', async () => {
    const { post } = await answer('first-time renter');
    const share = buttons(post.body).find((b) => b.action_id === ACTION_IDS.shareCard)!;
    const responseUrl = app.fake.responseUrl();
    const { res } = await app.click({ actionId: share.action_id!, value: share.value!, responseUrl, user: 'U0SHARER' });
    expect(res.status).toBe(200);
    const [shared, removed] = await app.fake.waitForCount((c) => c.path === new URL(responseUrl).pathname, 2);
    expect(shared!.body).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(blocksOf(shared!.body)[0]).toMatchObject({ text: { text: 'First-Time Renter' } });
    expect(JSON.stringify(shared!.body)).toContain('Shared by <@U0SHARER>');
    expect(buttons(shared!.body).some((b) => b.action_id === ACTION_IDS.shareCard)).toBe(false);
    expect(removed!.body).toEqual({ delete_original: true });
  });

  it('shows another persona when its button is clicked', async () => {
    const { post } = await answer('feel in control');
    const director = buttons(post.body).find((b) => b.text?.text === 'Show Operations Director')!;
    const { responseUrl } = await app.click({ actionId: director.action_id!, value: director.value! });
    const shown = await app.fake.waitFor((c) => c.path === new URL(responseUrl).pathname);
    expect(shown.body.replace_original).toBe(true);
    expect(blocksOf(shown.body)[0]).toMatchObject({ text: { text: 'Operations Director' } });
  });
});

describe('request verification', () => {
  it('refuses a bad signature with 401 and answers nothing', async () => {
    const before = app.fake.calls.length;
    const body = slashCommandBody({ text: 'busy', response_url: app.fake.responseUrl() });
    const res = await sendSigned(app.eventsUrl, body, 'application/x-www-form-urlencoded', { secret: 'not-the-secret' });
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(app.fake.calls.length).toBe(before);
  });

  it('refuses a correctly signed request older than five minutes with 401', async () => {
    const old = Math.floor(Date.now() / 1000) - 6 * 60;
    const body = slashCommandBody({ text: 'busy', response_url: app.fake.responseUrl() });
    const res = await sendSigned(app.eventsUrl, body, 'application/x-www-form-urlencoded', { timestamp: old, signature: sign(TEST_SIGNING_SECRET, old, body) });
    expect(res.status).toBe(401);
  });

  it('answers url_verification with its challenge', async () => {
    const body = JSON.stringify({ token: 't', challenge: 'c-3po', type: 'url_verification' });
    const res = await sendSigned(app.eventsUrl, body, 'application/json');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('c-3po');
  });

  it('reports health at /healthz', async () => {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
});
