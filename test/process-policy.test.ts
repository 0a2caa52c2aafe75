// The process policy (src/process-policy.ts) in a real bot process, with the sentence model
// loaded (in its worker thread; its runtime registers handlers that rethrow): an unhandled rejection is logged
// and the bot serves on; an uncaught exception makes it drain and exit with 1. Each test starts
// a process and loads the model (a few seconds each, more while other suites run).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { useFakeSlack } from './support/fake-slack-suite.js';
import { sendSigned, slashCommandBody, TEST_SIGNING_SECRET } from './support/slack-requests.js';

const slack = useFakeSlack();

interface Bot {
  child: ChildProcess;
  url: string;
  output(): string;
  exited: Promise<number | null>;
  send(command: string): Promise<void>;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
}

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

async function startBot(): Promise<Bot> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', './test/support/process-triggers.ts', 'src/main.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: slack.fake.apiUrl,
      SLACK_TEAM_ID: 'TTEST',
      DATABASE_URL: 'pglite:memory',
      PORT: '0',
      HOST: '127.0.0.1',
      REMINDERS: 'off',
      REVIEW_MODEL: 'on',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running.push(child);
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = async (pattern: RegExp, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(out)) {
      if (child.exitCode !== null) throw new Error(`the bot exited (${child.exitCode}) waiting for ${pattern}:\n${out.slice(-3000)}`);
      if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${pattern}:\n${out.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  await waitFor(/"port":\d+/);
  const port = Number(/"port":(\d+)/.exec(out)![1]);
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    output: () => out,
    exited,
    waitFor,
    async send(command) {
      const count = out.split(`trigger done: ${command}`).length;
      child.stdin!.write(`${command}\n`);
      while (out.split(`trigger done: ${command}`).length === count) await new Promise((r) => setTimeout(r, 20));
      // Rejections are processed once the tick queue is empty: give them a moment.
      await new Promise((r) => setTimeout(r, 300));
    },
  };
}

async function serves(bot: Bot): Promise<void> {
  expect(bot.child.exitCode).toBeNull();
  expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
  const responseUrl = slack.fake.responseUrl();
  const res = await sendSigned(
    `${bot.url}/slack/events`,
    slashCommandBody({ text: 'busy', response_url: responseUrl, team_id: 'TTEST' }),
    'application/x-www-form-urlencoded',
  );
  expect(res.status).toBe(200);
  const answer = await slack.fake.waitFor((c) => c.path === new URL(responseUrl).pathname, 10_000);
  expect(JSON.stringify(answer.body)).toContain('Overbooked Team Lead');
}

describe('process policy, in a real process with the sentence model loaded', () => {
  it('removes rethrowing handlers added after it, logs an unhandled rejection and serves on', async () => {
    const bot = await startBot();
    await bot.waitFor(/sentence model loaded/);
    // The model's runtime now loads in its worker thread (review-engine/worker-embedder.ts), and the
    // handlers it registers belong to that thread; one added on the main thread is taken out below.
    await bot.send('reject');
    await serves(bot);
    const logged = bot
      .output()
      .split('\n')
      .find((l) => l.includes('unhandled promise rejection; serving on'));
    expect(logged).toContain('deliberate rejection from the test');

    // A handler that rethrows, added later by anyone, is taken out, and says so.
    await bot.send('rethrowing');
    await bot.waitFor(
      /removed a process handler a dependency added.*"event":"unhandledRejection"|"event":"unhandledRejection".*removed a process handler a dependency added/,
    );
    await bot.send('reject');
    await serves(bot);

    // The signed null body of issue 14, which used to end the process this way.
    const res = await sendSigned(`${bot.url}/slack/events`, 'null', 'application/json');
    expect(res.status).toBe(400);
    await serves(bot);

    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  }, 120_000);

  it('on an uncaught exception, logs it as fatal, drains and exits with 1 for the supervisor to restart', async () => {
    const bot = await startBot();
    await bot.waitFor(/sentence model loaded/);
    await serves(bot);
    const thrown = performance.now();
    bot.child.stdin!.write('throw\n');
    expect(await bot.exited).toBe(1);
    expect(performance.now() - thrown).toBeLessThan(10_000);
    const logged = bot
      .output()
      .split('\n')
      .find((l) => l.includes('uncaught exception; draining and exiting with 1'));
    expect(logged).toContain('deliberate exception from the test');
    expect(bot.output()).toContain('shutting down');
  }, 120_000);
});
