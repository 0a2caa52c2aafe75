// /persona rules [channel] and house rules in a review, end to end: signed requests into the real app.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { importHouseRules } from '../../src/copy-review/house-rules.js';
import { startTestApp, TEST_TEAM } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ personaFiles: ['examples/personas.yaml'], env: { REVIEW_MODEL: 'off' } });
});
afterAll(async () => {
  await app?.stop();
});
afterEach(() => {
  expect(app.fake.violations()).toEqual([]);
});

async function answer(text: string, team = TEST_TEAM) {
  const { res, responseUrl } = await app.command(text, { team });
  expect(res.status).toBe(200);
  return app.fake.waitFor((c) => c.method === 'response_url' && c.path === new URL(responseUrl).pathname);
}

describe('/persona rules', () => {
  it('lists a channel’s rules with their sources, privately', async () => {
    const post = await answer('rules instagram');
    expect(post.body.response_type).toBe('ephemeral');
    const text = JSON.stringify(post.body.blocks);
    expect(text).toContain('Rules for Instagram');
    expect(text).toContain('At most 5 hashtags');
    expect(text).toContain('read 2026-12-01');
  });

  it('asks which channel when the one given is unknown', async () => {
    const post = await answer('rules fax');
    expect(JSON.stringify(post.body)).toContain('Which channel?');
  });

  it('shows a workspace its own house rules, and reviews with them', async () => {
    const imported = await importHouseRules(app.handle.db, {
      teamId: TEST_TEAM,
      fileName: 'house-rules.yaml',
      body: 'rules:\n  - name: no-cheap\n    kind: hard\n    summary: We never call ourselves cheap.\n    banned: [cheap]\n',
      by: 'U1',
      now: new Date('2026-11-20T12:00:00Z'),
    });
    expect(imported.ok).toBe(true);
    expect(JSON.stringify((await answer('rules')).body.blocks)).toContain("This workspace's house rules");
    expect(JSON.stringify((await answer('rules', 'TOTHER')).body.blocks)).not.toContain('no-cheap');
    const review = await answer('review [meta] Cheap cover for busy team leads who never get a break from meetings.');
    expect(JSON.stringify(review.body)).toContain('no-cheap');
  });
});
