// /persona insights end to end: results imported into the store, a signed slash command into
// the real app, the chart uploaded to the fake Slack and shown by file id in the answer.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listPersonas } from '../../src/db/queries/personas.js';
import { importResultsText } from '../../src/insights/import-results.js';
import { createReviewEngine } from '../../src/review-engine/engine.js';
import { CALLBACK_IDS } from '../../src/slack/ids.js';
import { generateResults, toGenericCsv } from '../../testing/results-data.js';
import { startTestApp, TEST_TEAM } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

let app: TestApp;

const PAID = 'Get paid on time without chasing clients: Tasklane sends the invoice reminders for you.';
const SCHED = 'Keep every client project on schedule, with one timeline your clients can follow.';

beforeAll(async () => {
  app = await startTestApp({ personaFiles: ['examples/personas.yaml'] });
  const rows = generateResults({
    start: '2026-09-07',
    days: 42,
    seed: 3,
    ads: [
      { text: PAID, channel: 'meta', ctr: 0.02, cvr: 0.06, impressionsPerDay: 3000, cpc: 0.8 },
      { text: PAID, channel: 'google_search', ctr: 0.02, cvr: 0.015, impressionsPerDay: 3000, cpc: 0.8 },
      { text: SCHED, channel: 'meta', ctr: 0.02, cvr: 0.03, impressionsPerDay: 3000, cpc: 0.8 },
    ],
  });
  await importResultsText(app.handle.db, {
    teamId: TEST_TEAM,
    text: toGenericCsv(rows),
    file: 'results.csv',
    format: 'generic',
    engine: createReviewEngine({ embedder: null }),
    personas: await listPersonas(app.handle.db, { teamId: TEST_TEAM }),
    now: app.clock.now(),
  });
});
afterAll(async () => {
  await app?.stop();
});
afterEach(() => {
  expect(app.fake.violations()).toEqual([]);
});

type Block = { type: string; text?: { text: string }; slack_file?: { id: string }; alt_text?: string };

async function answer(text: string) {
  const { res, responseUrl } = await app.command(text);
  expect(res.status).toBe(200);
  const post = await app.fake.waitFor((c) => c.method === 'response_url' && c.path === new URL(responseUrl).pathname, 20_000);
  return post.body as { response_type: string; text: string; blocks: Block[] };
}

describe('/persona insights', () => {
  it('answers privately with the signal and the chart, uploaded as a PNG and shown by file id', async () => {
    const body = await answer('insights');
    expect(body.response_type).toBe('ephemeral');
    expect(body.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Campaign insights: all personas' } });
    expect(JSON.stringify(body.blocks)).toContain('*Performance opportunity*');
    expect(JSON.stringify(body.blocks)).toContain('better on Meta than on Google Search');

    const [requested] = app.fake.callsTo('files.getUploadURLExternal');
    expect(requested!.body).toMatchObject({ filename: 'persona-insights.png' });
    const upload = app.fake.callsTo('file_upload')[0]!;
    expect(upload.bytes!.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(upload.bytes!.readUInt32BE(16)).toBe(960);
    const fileId = requested!.response!.file_id as string;
    expect(JSON.stringify(app.fake.callsTo('files.completeUploadExternal')[0]!.body.files)).toContain(fileId);
    // No channel: the file is shared with nobody, and the ephemeral answer shows it.
    expect(app.fake.callsTo('files.completeUploadExternal')[0]!.body.channel_id).toBeUndefined();
    const image = body.blocks.find((b) => b.type === 'image');
    expect(image).toMatchObject({ slack_file: { id: fileId } });
    expect(image!.alt_text).toContain('Freelance Designer, Get paid on time without chasing clients, Meta');
  });

  it('falls back to the figures as text when the upload fails', async () => {
    app.fake.on('files.getUploadURLExternal', () => ({ ok: false, error: 'not_allowed_token_type' }));
    try {
      const body = await answer('insights Freelance Designer');
      expect(body.blocks.some((b) => b.type === 'image')).toBe(false);
      expect(JSON.stringify(body.blocks)).toMatch(/Freelance Designer · Get paid on time without chasing clients · Meta: \d+\.\d% \(/);
      expect(body.blocks[0]).toMatchObject({ text: { text: 'Campaign insights: Freelance Designer' } });
    } finally {
      app.fake.on('files.getUploadURLExternal', () => ({ ok: true, upload_url: `${app.fake.url}/upload/F0`, file_id: 'F0' }));
    }
  });

  it('a persona without results, and one that does not exist', async () => {
    const none = await answer('insights Cargo Bike Parent');
    expect(none.text).toContain('No campaign results for Cargo Bike Parent yet');
    const unknown = await answer('insights Nobody Here');
    expect(JSON.stringify(unknown)).toContain('Nobody Here');
  });
});

describe('review posts cite the results', () => {
  it('a draft for a job whose results are clear cites them, and ranks the channel that converts better first', async () => {
    const body = await answer(`review ${PAID}`);
    const text = JSON.stringify(body.blocks);
    expect(text).toContain(':bar_chart: For *Freelance Designer*, ads for “Get paid on time without chasing clients” convert *');
    expect(text).toMatch(/better on Meta\* than on Google Search \(\d\.\d% vs \d\.\d% of [\d,]+ clicks in your results\)/);
    expect(text).toMatch(/Suits best: Meta \((good|ok), \d+, converts best in your results\)/);
  });

  it('the thread post of Review copy cites them too', async () => {
    const ts = '1700002000.000100';
    const message = { type: 'message', user: 'U0WRITER', ts, text: PAID };
    app.fake.on('conversations.replies', () => ({ ok: true, messages: [message] }));
    app.fake.on('conversations.history', () => ({ ok: true, messages: [message] }));
    const res = await app.interact({
      type: 'message_action',
      callback_id: CALLBACK_IDS.reviewCopy,
      trigger_id: 'trig',
      response_url: app.fake.responseUrl(),
      user: { id: 'U0WRITER', team_id: TEST_TEAM },
      channel: { id: 'C0DRAFTS', name: 'ad-drafts' },
      message,
      message_ts: ts,
    });
    expect(res.status).toBe(200);
    const post = await app.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts, 20_000);
    const text = JSON.stringify(post.body.blocks);
    expect(text).toContain(':bar_chart: For *Freelance Designer*, ads for “Get paid on time without chasing clients” convert *');
    expect(text).toMatch(/Suits best: Meta \((good|ok), \d+, converts best in your results\)/);
  });

  it('a draft for a persona without results is reviewed as before', async () => {
    const body = await answer('review Take the kids to school safely by bike, with a cargo bike built for two and a rain cover.');
    const text = JSON.stringify(body.blocks);
    expect(text).toContain('Cargo Bike Parent');
    expect(text).not.toContain(':bar_chart:');
    expect(text).not.toContain('in your results');
  });
});
