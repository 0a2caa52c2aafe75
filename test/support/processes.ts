// Real processes for multi-process tests: the bot (`src/main.ts`) and the CLI
// (`src/cli/main.ts`), started as `npm start` and `npm run cli` start them.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import type { FakeSlack } from '../../testing/fake-slack.js';
import { sendSigned, slashCommandBody, TEST_SIGNING_SECRET } from './slack-requests.js';

const baseEnv = () => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' });

export interface Proc {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  /** Resolves when `pattern` shows up in the output (rejects if the process exits first). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
}

export function spawnTsx(script: string, args: string[], env: Record<string, string>, stdin?: string): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    env: { ...baseEnv(), ...env },
    stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (stdin !== undefined) child.stdin!.end(stdin);
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => out,
    exited,
    waitFor(pattern, timeoutMs = 120_000) {
      return new Promise((resolve, reject) => {
        const started = Date.now();
        const timer = setInterval(() => {
          const m = pattern.exec(out);
          if (m) {
            clearInterval(timer);
            resolve(m);
          } else if (child.exitCode !== null || Date.now() - started > timeoutMs) {
            clearInterval(timer);
            reject(new Error(`${script}: no ${pattern} in its output (exit ${child.exitCode}):\n${out}`));
          }
        }, 20);
      });
    },
  };
}

export interface CliRun {
  code: number | null;
  out: string;
}

/** Runs one CLI command to its end; `out` is standard output and standard error together. */
export async function runCliProcess(args: string[], env: Record<string, string>, stdin?: string): Promise<CliRun> {
  const p = spawnTsx('src/cli/main.ts', args, env, stdin);
  const code = await p.exited;
  return { code, out: p.output() };
}

export interface Bot extends Proc {
  port: number;
  /** Sends `/persona <text>` and returns what the bot answered on the response URL. */
  ask(text: string): Promise<string>;
  stop(): Promise<number | null>;
}

/** Starts the bot on `databaseUrl` in HTTP mode against the fake Slack; resolves once it listens. */
export async function startBot(databaseUrl: string, fake: FakeSlack, extra: Record<string, string> = {}): Promise<Bot> {
  const p = spawnTsx('src/main.ts', [], {
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    SLACK_TEAM_ID: 'TTEST',
    DATABASE_URL: databaseUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    REMINDERS: 'off',
    REVIEW_MODEL: 'off',
    ...extra,
  });
  const port = Number((await p.waitFor(/"port":(\d+)/))[1]);
  let asked = 0;
  return {
    ...p,
    port,
    async ask(text) {
      const responseUrl = fake.responseUrl(`bot${port}-${++asked}`);
      const res = await sendSigned(
        `http://127.0.0.1:${port}/slack/events`,
        slashCommandBody({ text, response_url: responseUrl }),
        'application/x-www-form-urlencoded',
      );
      if (res.status !== 200) throw new Error(`/persona ${text}: HTTP ${res.status}`);
      const call = await fake.waitFor((c) => c.path === new URL(responseUrl).pathname, 10_000);
      return JSON.stringify(call.body);
    },
    async stop() {
      if (p.child.exitCode !== null) return p.child.exitCode;
      p.child.kill('SIGTERM');
      return p.exited;
    },
  };
}
