// Corrections on a review post, end to end through the real receiver: a signed block_actions
// request ("Wrong persona →" Freelance Designer) is kept as an example, the post changes in
// place with a thank-you, the next review of a similar draft follows the team, and
// /persona history shows who corrected what.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { reviewExamples } from '../../src/db/schema.js';
import { getPersonaByName } from '../../src/db/queries/personas.js';
import { ACTION_IDS, CALLBACK_IDS } from '../../src/slack/ids.js';
import { startTestApp, TEST_TEAM } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { channelMessages } from '../support/slack-messages.js';
import type { SlackMessage } from '../support/slack-messages.js';

const DRAFT = 'Back-to-back meetings all day? Tasklane gives your team two meeting-free afternoons a week. Try it free.';
const SIMILAR = 'Back-to-back meetings all day? Tasklane gives your team two meeting-free afternoons every week. Start free.';
const CHANNEL = 'C0DRAFTS';
let app: TestApp;
let tsCounter = 500;
const nextTs = () => `1700002000.${String(++tsCounter).padStart(6, '0')}`;
let messages: Map<string, SlackMessage>;

beforeAll(async () => {
  app = await startTestApp({ personaFiles: ['examples/personas.yaml'], env: { ADMIN_USER_IDS: 'U0ADMIN' } });
  messages = channelMessages(app.fake);
});
afterAll(async () => {
  await app?.stop();
});
afterEach(() => {
  expect(app.fake.violations()).toEqual([]);
});

async function review(text: string) {
  const ts = nextTs();
  messages.set(ts, { ts, text });
  await app.interact({
    type: 'message_action',
    callback_id: CALLBACK_IDS.reviewCopy,
    trigger_id: 'trig',
    response_url: app.fake.responseUrl(),
    user: { id: 'U0WRITER', team_id: TEST_TEAM },
    channel: { id: CHANNEL, name: 'ad-drafts' },
    message: { type: 'message', user: 'U0WRITER', ts, text },
    message_ts: ts,
  });
  const post = await app.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts, 15_000);
  return { ts, post, blocks: JSON.stringify(post.body.blocks) };
}

function select(actionId: string, value: string, user = 'U0EDITOR') {
  return app.interact({
    type: 'block_actions',
    user: { id: user, username: 'editor', team_id: TEST_TEAM },
    channel: { id: CHANNEL, name: 'ad-drafts' },
    container: { type: 'message', message_ts: '1700002000.000001', channel_id: CHANNEL },
    trigger_id: 'trig',
    response_url: app.fake.responseUrl(),
    actions: [
      { type: 'static_select', action_id: actionId, block_id: 'corr', selected_option: { text: { type: 'plain_text', text: 'x' }, value }, action_ts: '1' },
    ],
  });
}

describe('correcting a review in Slack', () => {
  it('offers Right persona, Wrong persona → and job corrections on every review post', async () => {
    const { blocks } = await review(DRAFT);
    expect(blocks).toContain('Speaks to *Overbooked Team Lead*');
    expect(blocks).toContain('"action_id":"review_right"');
    expect(blocks).toContain('"action_id":"review_wrong"');
    expect(blocks).toContain('Generic: for no persona');
    expect(blocks).toContain('"action_id":"review_job"');
  });

  it('keeps "Wrong persona → Freelance Designer" as an example, updates the post in place, and the next similar draft follows it', async () => {
    const { post, blocks } = await review(DRAFT);
    const reviewId = blocks.match(/"action_id":"review_right","value":"([0-9a-f-]{36})"/)![1]!;
    const designer = (await getPersonaByName(app.handle.db, { teamId: TEST_TEAM, name: 'Freelance Designer' }))!;
    const before = (await review(SIMILAR)).blocks;
    expect(before).toContain('Speaks to *Overbooked Team Lead*');

    const res = await select(ACTION_IDS.reviewWrong, `${reviewId}:${designer.id}`);
    expect(res.status).toBe(200);
    const update = await app.fake.waitFor((c) => c.method === 'chat.update' && JSON.stringify(c.body.blocks ?? []).includes(reviewId), 15_000);
    expect(update.body.channel).toBe(post.body.channel);
    const updated = JSON.stringify(update.body.blocks);
    expect(updated).toContain('Thanks — noted: this is for Freelance Designer.');
    expect(updated).toContain('Speaks to *Freelance Designer*');

    const rows = await app.handle.db.select().from(reviewExamples);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ teamId: TEST_TEAM, personaId: designer.id, source: 'slack', createdBy: 'U0EDITOR', draftText: null, jobsKnown: false });

    const after = (await review(SIMILAR)).blocks;
    expect(after).toContain('Speaks to *Freelance Designer*');
    expect(after).toContain('close to 1 ad your team marked for Freelance Designer');
  });

  it('shows the correction in /persona history', async () => {
    const { responseUrl } = await app.command('history');
    const answer = await app.fake.waitFor((c) => c.path === new URL(responseUrl).pathname, 10_000);
    expect(JSON.stringify(answer.body)).toContain('corrected by <@U0EDITOR>: this is for Freelance Designer');
  });

  it('/persona examples lists them; Remove is for the owner and admins, and removing undoes the lesson', async () => {
    const asWriter = await app.command('examples Freelance Designer', { user: 'U0WRITER' });
    const seen = JSON.stringify((await app.fake.waitFor((c) => c.path === new URL(asWriter.responseUrl).pathname, 10_000)).body);
    expect(seen).toContain('Ads marked for Freelance Designer');
    expect(seen).toContain('corrected in Slack by <@U0EDITOR>');
    expect(seen).toContain('REVIEW_STORE_TEXT is off');
    expect(seen).not.toContain('example_remove');
    const [row] = await app.handle.db.select().from(reviewExamples);
    const denied = await app.click({ actionId: ACTION_IDS.removeExample, value: row!.id, user: 'U0WRITER', channel: CHANNEL });
    const no = await app.fake.waitFor((c) => c.path === new URL(denied.responseUrl).pathname, 10_000);
    expect(String(no.body.text)).toContain('or an admin can remove');
    expect(await app.handle.db.select().from(reviewExamples)).toHaveLength(1);

    const asAdmin = await app.command('examples Freelance Designer', { user: 'U0ADMIN' });
    expect(JSON.stringify((await app.fake.waitFor((c) => c.path === new URL(asAdmin.responseUrl).pathname, 10_000)).body)).toContain('example_remove');
    const removed = await app.click({ actionId: ACTION_IDS.removeExample, value: row!.id, user: 'U0ADMIN', channel: CHANNEL });
    const yes = await app.fake.waitFor((c) => c.path === new URL(removed.responseUrl).pathname, 10_000);
    expect(String(yes.body.text)).toContain('Removed');
    expect(await app.handle.db.select().from(reviewExamples)).toHaveLength(0);
    expect((await review(SIMILAR)).blocks).toContain('Speaks to *Overbooked Team Lead*');
  });

  it('keeps a job correction with the jobs the review found, less the one marked "not addressed"', async () => {
    const draft = 'Two meeting-free afternoons a week for your whole team: Tasklane plans them for you.';
    const { blocks } = await review(draft);
    const reviewId = blocks.match(/"action_id":"review_right","value":"([0-9a-f-]{36})"/)![1]!;
    const notAddressed = blocks.match(new RegExp(`"text":"Not addressed: ([^"]+)","emoji":true},"value":"${reviewId}:-:(\\d+)"`))!;
    await select(ACTION_IDS.reviewJob, `${reviewId}:-:${notAddressed[2]}`);
    const update = await app.fake.waitFor(
      (c) => c.method === 'chat.update' && JSON.stringify(c.body.blocks ?? []).includes(`this does not address “${notAddressed[1]}”`),
      15_000,
    );
    expect(update.body.channel).toBe(CHANNEL);
    const rows = (await app.handle.db.select().from(reviewExamples)).filter((r) => r.jobsKnown);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.jobs).not.toContain(notAddressed[1]);
    await app.handle.db.delete(reviewExamples);
  });

  it('answers an unreadable choice kindly', async () => {
    const res = await select(ACTION_IDS.reviewWrong, 'not-a-review:generic');
    expect(res.status).toBe(200);
    const answer = await app.fake.waitFor((c) => c.method === 'response_url' && JSON.stringify(c.body).includes('could not be read'), 10_000);
    expect(answer.body).toMatchObject({ response_type: 'ephemeral' });
  });

  // A close call's post offers its other persona as one button (review_wrong:1): the same
  // correction as "Wrong persona →" that persona, through the same listener.
  it('keeps the one-click answer to a close call ("It\'s for …") as a persona correction', async () => {
    const { blocks } = await review(DRAFT);
    const reviewId = blocks.match(/"action_id":"review_right","value":"([0-9a-f-]{36})"/)![1]!;
    const designer = (await getPersonaByName(app.handle.db, { teamId: TEST_TEAM, name: 'Freelance Designer' }))!;
    const { res } = await app.click({ actionId: `${ACTION_IDS.reviewWrong}:1`, value: `${reviewId}:${designer.id}`, user: 'U0EDITOR', channel: CHANNEL });
    expect(res.status).toBe(200);
    const update = await app.fake.waitFor(
      (c) =>
        c.method === 'chat.update' &&
        JSON.stringify(c.body.blocks ?? []).includes(reviewId) &&
        JSON.stringify(c.body.blocks).includes('noted: this is for Freelance Designer'),
      15_000,
    );
    expect(update.body.channel).toBe(CHANNEL);
    const rows = await app.handle.db.select().from(reviewExamples);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ personaId: designer.id, source: 'slack', createdBy: 'U0EDITOR' });
    await app.handle.db.delete(reviewExamples);
  });
});
