// Long and odd input gets an answer that says what is wrong, never "Something went wrong":
// a command longer than Slack allows, NUL characters (which PostgreSQL cannot store), and a
// view submission whose private_metadata is not what the app wrote there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPersonaByName } from '../../src/db/queries/personas.js';
import { CALLBACK_IDS, FORM_INPUT_ACTION, PERSONA_FORM, REVIEW_FORM } from '../../src/slack/ids.js';
import { startTestApp, TEST_TEAM } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ personaFiles: ['examples/personas.yaml'] });
});
afterAll(async () => {
  await app?.stop();
});

async function answer(text: string): Promise<string> {
  const { res, responseUrl } = await app.command(text);
  expect(res.status).toBe(200);
  const post = await app.fake.waitFor((c) => c.path === new URL(responseUrl).pathname);
  return JSON.stringify(post.body);
}

describe('slash command text', () => {
  it('over 4,000 characters: the answer names the limit', async () => {
    const body = await answer(`review ${'x'.repeat(4000)}`);
    expect(body).toContain('That is 4,007 characters; `/persona` takes up to 4,000.');
    expect(body).not.toContain('Something went wrong');
  });

  it('4,000 characters are fine', async () => {
    const body = await answer(`busy ${'x'.repeat(3995)}`);
    expect(body).not.toContain('takes up to');
    expect(body).not.toContain('Something went wrong');
  });
});

describe('NUL characters', () => {
  it('are removed before any text reaches the database', async () => {
    expect(await answer('history Over\u0000booked Team Lead')).toContain('Latest reviews for Overbooked Team Lead');
    expect(await answer('bu\u0000sy')).toContain('Overbooked Team Lead');
    expect(await answer('config autoreview on persona: First-Time\u0000 Renter')).toContain('Auto-review is on');
    const res = await app.interact({
      type: 'view_submission',
      user: { id: 'U0EDITOR', team_id: TEST_TEAM },
      view: {
        id: 'V1',
        type: 'modal',
        callback_id: CALLBACK_IDS.personaForm,
        private_metadata: '{}',
        state: {
          values: {
            [PERSONA_FORM.name]: { [FORM_INPUT_ACTION]: { type: 'plain_text_input', value: 'Night\u0000 Owl' } },
            [PERSONA_FORM.summary]: { [FORM_INPUT_ACTION]: { type: 'plain_text_input', value: 'Works late\u0000.' } },
          },
        },
      },
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(await res.text())).toMatchObject({ response_action: 'update', view: { title: { text: 'Persona created' } } });
    expect((await getPersonaByName(app.handle.db, { teamId: TEST_TEAM, name: 'Night Owl' }))?.summary).toBe('Works late.');
  });
});

describe('private_metadata that is not what the app wrote', () => {
  const submit = (callbackId: string, privateMetadata: string, values: Record<string, unknown>) =>
    app.interact({
      type: 'view_submission',
      user: { id: 'U0EDITOR', team_id: TEST_TEAM },
      view: { id: 'V2', type: 'modal', callback_id: callbackId, private_metadata: privateMetadata, state: { values } },
    });

  for (const metadata of ['not json', '[]', '{"personaId":"not-a-uuid"}']) {
    it(`the persona form (${metadata}): acknowledged at once with an error next to the name`, async () => {
      const started = performance.now();
      const res = await submit(CALLBACK_IDS.personaForm, metadata, {
        [PERSONA_FORM.name]: { [FORM_INPUT_ACTION]: { type: 'plain_text_input', value: 'Meta Test' } },
        [PERSONA_FORM.summary]: { [FORM_INPUT_ACTION]: { type: 'plain_text_input', value: 'x' } },
      });
      expect(res.status).toBe(200);
      expect(performance.now() - started).toBeLessThan(2000);
      expect(await res.json()).toEqual({
        response_action: 'errors',
        errors: { [PERSONA_FORM.name]: 'This form could not be read. Please close it and open it again.' },
      });
      expect(await getPersonaByName(app.handle.db, { teamId: TEST_TEAM, name: 'Meta Test' })).toBeNull();
    });
  }

  it('the review-again form: acknowledged at once with an error, and nothing is reviewed', async () => {
    const select = (value: string) => ({ [FORM_INPUT_ACTION]: { type: 'static_select', selected_option: { value } } });
    const before = app.fake.calls.length;
    const res = await submit(CALLBACK_IDS.reviewAgainForm, 'not json', { [REVIEW_FORM.persona]: select('__auto__'), [REVIEW_FORM.channel]: select('meta') });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ response_action: 'errors', errors: { [REVIEW_FORM.persona]: expect.stringContaining('could not be read') } });
    await new Promise((r) => setTimeout(r, 300));
    expect(app.fake.calls.slice(before)).toEqual([]);
  });
});

it('none of it was answered with the generic error', () => {
  expect(app.fake.calls.filter((c) => JSON.stringify(c.body).includes('Something went wrong'))).toEqual([]);
});
