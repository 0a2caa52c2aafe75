// Real bot processes on one embedded store: reviews recorded before a crash (kill -9) or a
// shutdown (SIGTERM) are all posted once by the next process; a SIGTERM with requests in
// flight acknowledges every one and exits 0 within 10 s.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack } from '../../testing/fake-slack.js';
import type { FakeSlack } from '../../testing/fake-slack.js';
import { startBot } from '../support/processes.js';
import type { Bot } from '../support/processes.js';
import { interactionBody, sendSigned, slashCommandBody } from '../support/slack-requests.js';

const CHANNEL = 'C0CRASH';
let dir: string;
let fake: FakeSlack;
const bots: Bot[] = [];
let n = 0;
const ts = () => `1700004000.${String(++n).padStart(6, '0')}`;
const TEXT = 'Back-to-back meetings all day? Take back two afternoons a week for deep work.';

async function bot(): Promise<Bot> {
  // A dead replica's jobs are taken over after 2 s (production: 2 minutes).
  const b = await startBot(`pglite:${dir}`, fake, { SLACK_CHANNEL_PACE_MS: '0', JOB_LOCK_TIMEOUT_MS: '2000' });
  bots.push(b);
  return b;
}

const url = (b: Bot) => `http://127.0.0.1:${b.port}/slack/events`;

function event(b: Bot, stamp: string, eventId: string) {
  const body = JSON.stringify({
    team_id: 'TTEST',
    api_app_id: 'A0TEST',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    event: { type: 'message', channel: CHANNEL, channel_type: 'channel', user: 'U0WRITER', ts: stamp, text: TEXT },
  });
  return sendSigned(url(b), body, 'application/json');
}

function reviewCopy(b: Bot, stamp: string) {
  const payload = {
    type: 'message_action',
    callback_id: 'review_copy',
    trigger_id: 't1',
    team: { id: 'TTEST', domain: 'test' },
    api_app_id: 'A0TEST',
    response_url: fake.responseUrl(`ask-${stamp}`),
    user: { id: 'U0ASKER' },
    channel: { id: CHANNEL },
    message: { type: 'message', ts: stamp, text: TEXT },
  };
  return sendSigned(url(b), interactionBody(payload), 'application/x-www-form-urlencoded');
}

const postsIn = (thread: string) => fake.callsTo('chat.postMessage').filter((c) => c.body.thread_ts === thread);
/**
 * True when the shortcut on `stamp` was answered "try again": its 200 came with that message on
 * its response_url, because the review could not be recorded in time (a loaded machine, or a
 * store already closing). The person was told; nothing was taken on, so nothing is owed.
 */
const toldToTryAgain = (stamp: string) =>
  fake.callsTo('response_url').some((c) => c.path.endsWith(`/response/ask-${stamp}`) && /try again/i.test(String(c.body.text)));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'persona-crash-'));
  fake = await startFakeSlack();
});
afterEach(async () => {
  for (const b of bots.splice(0)) {
    if (b.child.exitCode === null && b.child.signalCode === null) {
      b.child.kill('SIGKILL');
      await b.exited;
    }
  }
});
afterAll(async () => {
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('durable reviews across processes [pglite]', () => {
  it('posts every review recorded before a kill -9, once, after the restart', async () => {
    const first = await bot();
    const responseUrl = fake.responseUrl();
    await sendSigned(
      url(first),
      slashCommandBody({ text: 'config autoreview on', response_url: responseUrl, channel_id: CHANNEL, user_id: 'U0LEAD' }),
      'application/x-www-form-urlencoded',
    );
    await fake.waitFor((c) => c.path === new URL(responseUrl).pathname, 20_000);

    // Slack hangs: the first job is stuck in reactions.add, the others wait in the channel's queue.
    fake.on('reactions.add', () => new Promise(() => {}));
    const stamps = Array.from({ length: 10 }, () => ts());
    const statuses = await Promise.all(stamps.map((t, i) => event(first, t, `EvKILL${i}`).then((r) => r.status)));
    expect(statuses.every((s) => s === 200)).toBe(true);
    await fake.waitFor((c) => c.method === 'reactions.add', 20_000);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(fake.callsTo('chat.postMessage')).toHaveLength(0);

    fake.on('reactions.add', () => ({ ok: true }));
    await bot();
    const wanted = new Set(stamps);
    await fake.waitForCount((c) => c.method === 'chat.postMessage' && wanted.has(String(c.body.thread_ts)), stamps.length, 60_000);
    await new Promise((r) => setTimeout(r, 1000));
    for (const t of stamps) expect(postsIn(t)).toHaveLength(1);
  }, 150_000);

  it('on SIGTERM with requests in flight: acknowledges every one, exits 0 within 10 s, and the next process posts what was left', async () => {
    const first = await bot();
    // Posting is slow, so most reviews are still queued when the signal comes.
    fake.setDelay(300);
    const stamps = Array.from({ length: 20 }, () => ts());
    // 0: the connection was refused or reset before an answer (the process had stopped listening).
    const answers = stamps.map((t) =>
      reviewCopy(first, t).then(
        (r) => r.status,
        () => 0,
      ),
    );
    await new Promise((r) => setTimeout(r, 50));
    const signalled = performance.now();
    first.child.kill('SIGTERM');
    const code = await first.exited;
    const tookMs = performance.now() - signalled;
    const statuses = await Promise.all(answers);
    fake.setDelay(0);
    expect(code).toBe(0);
    expect(tookMs).toBeLessThan(10_000);
    // Every request the process read got its 200. One still in the listening socket's backlog
    // when it closed is reset (0 here): it was never acknowledged, so Slack retries an event and
    // shows the user an error for a shortcut; nothing acknowledged is lost.
    const accepted = statuses.filter((s) => s !== 0);
    expect(accepted.every((s) => s === 200)).toBe(true);

    await bot();
    // Taken on: acknowledged and not answered "try again". Each of those is posted once; one
    // answered "try again" is posted at most once (its record may have committed after all).
    const accepted_stamps = stamps.filter((t, i) => statuses[i] === 200 && !toldToTryAgain(t));
    const wanted = new Set(accepted_stamps);
    await fake.waitForCount((c) => c.method === 'chat.postMessage' && wanted.has(String(c.body.thread_ts)), accepted_stamps.length, 60_000);
    await new Promise((r) => setTimeout(r, 1000));
    for (const t of accepted_stamps) expect(postsIn(t)).toHaveLength(1);
    for (const t of stamps) expect(postsIn(t).length).toBeLessThanOrEqual(1);
  }, 150_000);
});
