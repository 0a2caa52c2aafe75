// `npm start` as a real process: it starts, answers /healthz, and on SIGTERM stops taking
// requests, finishes the ones in flight and exits within 10 seconds.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { useFakeSlack } from './support/fake-slack-suite.js';
import { sendSigned, slashCommandBody, TEST_SIGNING_SECRET } from './support/slack-requests.js';

const slack = useFakeSlack();

function start(env: Record<string, string>): { child: ChildProcess; port: Promise<number>; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const port = new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const m = /"port":(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.stderr!.on('data', (chunk) => (out += chunk));
    child.on('exit', () => reject(new Error(`exited before listening:\n${out}`)));
  });
  // A process expected to fail never listens: nobody waits for the port then.
  port.catch(() => {});
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, port, output: () => out, exited };
}

/** A bot with Slack credentials (the slack.fake Slack's API), on an in-memory store, reminders off. */
const slackBotEnv = () => ({
  SLACK_BOT_TOKEN: 'xoxb-test',
  SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
  SLACK_API_URL: slack.fake.apiUrl,
  DATABASE_URL: 'pglite:memory',
  SLACK_TEAM_ID: 'TTEST',
  PORT: '0',
  HOST: '127.0.0.1',
  REMINDERS: 'off',
});

describe('npm start', () => {
  it('refuses to start with a clear message when a setting is malformed', async () => {
    const { exited, output } = start({ SLACK_BOT_TOKEN: 'xoxp-wrong', SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, DATABASE_URL: 'pglite:memory' });
    expect(await exited).toBe(2);
    expect(output()).toContain('SLACK_BOT_TOKEN must be a bot token starting with xoxb-');
    expect(output()).not.toMatch(/\n\s+at /);
  });

  it('with no Slack credentials, starts in local mode and serves the console', async () => {
    const proc = start({ DATABASE_URL: 'pglite:memory', PORT: '0', REMINDERS: 'off', REVIEW_MODEL: 'off' });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const m = /Open (http:\/\/127\.0\.0\.1:\d+)\//.exec(proc.output());
        if (m) {
          clearInterval(timer);
          resolve(m[1]!);
        }
      }, 100);
      proc.exited.then(() => reject(new Error(proc.output())));
    });
    expect(proc.output()).toContain('No Slack credentials set');
    const page = await fetch(`${url}/`);
    expect(await page.text()).toContain('local console');
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
  });

  it('on a SIGTERM right after start, logs the work it stops as a stop: no warning, no query text', async () => {
    const proc = start(slackBotEnv());
    // Listening: the sentence model is still loading, and the personas' preparation waits for it;
    // the stop closes the store while that preparation may be reading it.
    await proc.port;
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    expect(proc.output()).toContain('shutting down');
    expect(proc.output()).not.toMatch(/preparing personas for review failed|circuit has been shutdown|Failed query/);
  }, 60_000);

  it('shuts down gracefully on SIGTERM: the request in flight finishes, then it exits 0', async () => {
    const proc = start(slackBotEnv());
    const port = await proc.port;
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

    // Slack is slow to take the answer: the work goes on after the ack, and SIGTERM arrives meanwhile.
    slack.fake.setDelay(1500);
    const responseUrl = slack.fake.responseUrl();
    const res = await sendSigned(
      `http://127.0.0.1:${port}/slack/events`,
      slashCommandBody({ text: 'busy', response_url: responseUrl }),
      'application/x-www-form-urlencoded',
    );
    expect(res.status).toBe(200);
    const signalled = performance.now();
    proc.child.kill('SIGTERM');
    const code = await proc.exited;
    const tookMs = performance.now() - signalled;
    slack.fake.setDelay(0);

    expect(code).toBe(0);
    expect(tookMs).toBeLessThan(10_000);
    const answer = slack.fake.calls.find((c) => c.path === new URL(responseUrl).pathname);
    expect(JSON.stringify(answer?.body)).toContain('Overbooked Team Lead');
    expect(proc.output()).toContain('shutting down');
    // Structured request logs: kind, workspace, latency, outcome; never the query text.
    const line = proc
      .output()
      .split('\n')
      .find((l) => l.includes('"msg":"slack request"'));
    expect(JSON.parse(line!)).toMatchObject({ kind: 'command', name: '/persona', team: 'TTEST', outcome: 'ok', ms: expect.any(Number) });
    expect(proc.output()).not.toContain('"busy"');
    expect(proc.output()).not.toContain('xoxb-test');
  });
});
