// Hostile requests against the bot as `npm start` runs it (node --import tsx src/main.ts, Slack
// settings, the sentence model on, the embedded store in a fresh directory), with a fake Slack
// that records what the bot posts. Each attack of issue 14 is sent as an attacker would send
// it; the table says what came back, whether the process survived, and what reached Slack.
// Among them: 250 concurrent unsigned 3.9 MB bodies, with the resident memory of the bot idle,
// at its peak while they arrive, and 20 s later.
//
//   npx tsx bench/hostile-requests.ts            writes bench/results/hostile-requests.json
//
// The attacks only use HTTP, so the same script measures any version of the bot.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/db/client.js';
import { startFakeSlack } from '../testing/fake-slack.js';
import type { FakeSlack } from '../testing/fake-slack.js';
import { buttonPayload, interactionBody, sign, slashCommandBody, TEST_SIGNING_SECRET } from '../test/support/slack-requests.js';
import { procMemory } from './support/child.js';
import { machine } from './support/machine.js';
import { writeReport } from './support/report.js';

const log = (msg: string) => console.log(`[hostile] ${msg}`);
const HOSTILE = '<!channel> <!here> <@U1> <https://x|y> & * _ ~';
const TEAM = 'TTEST';

interface Bot {
  child: ChildProcess;
  port: number;
  url: string;
  output(): string;
  alive(): Promise<boolean>;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

async function startBot(fake: FakeSlack, dataDir: string, extraEnv: Record<string, string> = {}): Promise<Bot> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      SLACK_BOT_TOKEN: 'xoxb-hostile',
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      SLACK_TEAM_ID: TEAM,
      DATABASE_URL: `pglite:${dataDir}`,
      PORT: '0',
      HOST: '127.0.0.1',
      REMINDERS: 'off',
      ...extraEnv,
    },
  });
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : null))));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /"port":(\d+)/.exec(out);
      if (m) {
        clearInterval(timer);
        resolve(Number(m[1]));
      }
    }, 50);
    void exited.then(() => {
      clearInterval(timer);
      reject(new Error(`the bot exited before listening:\n${out.slice(-2000)}`));
    });
  });
  // The policy under test only matters once the dependencies are loaded: wait for the model.
  const deadline = Date.now() + 120_000;
  while (!/sentence model loaded|reviewing by word overlap/.test(out) && Date.now() < deadline) await sleep(100);
  const url = `http://127.0.0.1:${port}`;
  return {
    child,
    port,
    url,
    output: () => out,
    exited,
    async alive() {
      if (child.exitCode !== null || child.signalCode !== null) return false;
      try {
        return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5000) })).status === 200;
      } catch {
        return false;
      }
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Sent {
  status: number | string;
  ms: number;
  text?: string;
}

/** One POST to /slack/events with raw control over headers; a dropped connection is reported as its error code. */
function post(url: string, body: string | Buffer, headers: Record<string, string>, timeoutMs = 10_000): Promise<Sent> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(
      `${url}/slack/events`,
      { method: 'POST', headers: { 'content-length': String(Buffer.byteLength(body)), ...headers }, agent: false },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: Math.round(performance.now() - started), text }));
        res.on('error', () => resolve({ status: res.statusCode ?? 0, ms: Math.round(performance.now() - started), text }));
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ status: err.code ?? err.message, ms: Math.round(performance.now() - started) }));
    req.end(body);
  });
}

function signedHeaders(body: string, contentType: string, timestamp: string | number = Math.floor(Date.now() / 1000)): Record<string, string> {
  return {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': sign(TEST_SIGNING_SECRET, timestamp as number, body),
  };
}

const FORM = 'application/x-www-form-urlencoded';

async function command(
  bot: Bot,
  fake: FakeSlack,
  text: string,
  opts: { contentType?: string; timestamp?: string | number } = {},
): Promise<Sent & { answer?: Record<string, unknown> }> {
  const responseUrl = fake.responseUrl();
  const body = slashCommandBody({ text, response_url: responseUrl, team_id: TEAM });
  const sent = await post(bot.url, body, signedHeaders(body, opts.contentType ?? FORM, opts.timestamp));
  const path = new URL(responseUrl).pathname;
  const answer = sent.status === 200 ? await fake.waitFor((c) => c.path === path, 8000).catch(() => undefined) : undefined;
  return { ...sent, answer: answer?.body };
}

async function interact(bot: Bot, payload: Record<string, unknown>): Promise<Sent> {
  const body = interactionBody(payload);
  return post(bot.url, body, signedHeaders(body, FORM));
}

interface Row {
  attack: string;
  status: string;
  survived: boolean | null;
  detail: string;
}

async function main(): Promise<void> {
  const fake = await startFakeSlack();
  const work = mkdtempSync(join(tmpdir(), 'hostile-'));
  const rows: Row[] = [];
  const row = (r: Row) => {
    rows.push(r);
    log(`${r.attack}: ${r.status}; survived ${r.survived}; ${r.detail}`);
  };
  let bot = await startBot(fake, join(work, 'store'));
  const ensureBot = async () => {
    if (!(await bot.alive())) {
      await bot.stop();
      bot = await startBot(fake, join(work, 'store'));
    }
  };

  // 1. Bodies of the wrong shape, signed and unsigned.
  const shapes: Array<[string, string, string]> = [
    ['signed JSON null', 'null', 'application/json'],
    ['signed JSON []', '[]', 'application/json'],
    ['signed {"type":"event_callback","event":null}', '{"type":"event_callback","event":null}', 'application/json'],
    ['signed JSON string', '"a string"', 'application/json'],
    ['signed form payload=null', 'payload=null', FORM],
    ['signed form payload=[]', 'payload=%5B%5D', FORM],
  ];
  for (const [name, body, type] of shapes) {
    await ensureBot();
    const sent = await post(bot.url, body, signedHeaders(body, type));
    await sleep(1000);
    const survived = await bot.alive();
    row({ attack: `1. ${name}`, status: String(sent.status), survived, detail: survived ? '' : `exit ${bot.child.exitCode ?? bot.child.signalCode}` });
  }
  await ensureBot();
  {
    const sent = await post(bot.url, 'null', { 'content-type': 'application/json' });
    row({ attack: '1. unsigned JSON null', status: String(sent.status), survived: await bot.alive(), detail: '' });
  }

  // 2. Timestamps: a signed `/persona help` with each.
  const now = Math.floor(Date.now() / 1000);
  const stamps: Array<[string, string]> = [
    ['+6 min', String(now + 360)],
    ['+1 year', String(now + 365 * 86400)],
    ['Infinity', 'Infinity'],
    ['hexadecimal 0x…', `0x${now.toString(16)}`],
    ['-6 min (stale)', String(now - 360)],
    ['now', String(now)],
  ];
  for (const [name, ts] of stamps) {
    await ensureBot();
    const responseUrl = fake.responseUrl();
    const body = slashCommandBody({ text: 'help', response_url: responseUrl, team_id: TEAM });
    // Signed over the timestamp exactly as sent, as whoever holds the secret would.
    const headers = { 'content-type': FORM, 'x-slack-request-timestamp': ts, 'x-slack-signature': signRaw(ts, body) };
    const sent = await post(bot.url, body, headers);
    row({ attack: `2. timestamp ${name}`, status: String(sent.status), survived: await bot.alive(), detail: sent.status === 200 ? 'accepted' : 'refused' });
  }

  // The persona ids the buttons carry.
  await ensureBot();
  const card = await command(bot, fake, 'busy');
  const shareValue = /"value":"(persona:[0-9a-f-]{36})"/.exec(JSON.stringify(card.answer))?.[1] ?? '';
  const personaId = shareValue.slice('persona:'.length);

  // 3. The same block_actions delivered five times.
  {
    const responseUrl = fake.responseUrl();
    const payload = buttonPayload({ actionId: 'card_share', value: shareValue, responseUrl, team: TEAM });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await interact(bot, payload)).status);
    await sleep(1500);
    const path = new URL(responseUrl).pathname;
    const posted = fake.calls.filter((c) => c.path === path && c.body.response_type === 'in_channel').length;
    row({
      attack: '3. Share in channel delivered 5 times',
      status: statuses.join(','),
      survived: await bot.alive(),
      detail: `${posted} card(s) posted in the channel`,
    });
  }
  {
    const responseUrl = fake.responseUrl();
    const payload = buttonPayload({ actionId: 'persona_confirm', value: personaId, responseUrl, team: TEAM });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await interact(bot, payload)).status);
    await sleep(1500);
    const path = new URL(responseUrl).pathname;
    const confirmations = fake.calls.filter((c) => c.path === path).length;
    row({
      attack: '3. Still accurate delivered 5 times',
      status: statuses.join(','),
      survived: await bot.alive(),
      detail: `${confirmations} confirmation(s); history rows counted below`,
    });
  }

  // 4. User text in mrkdwn.
  {
    const hist = await command(bot, fake, `history <!channel> <@U123> <https://evil.example|click>`);
    const text = String(hist.answer?.text ?? '');
    row({
      attack: '4. /persona history <!channel> … (fallback text)',
      status: String(hist.status),
      survived: await bot.alive(),
      detail: /<!channel>/.test(text) ? `unescaped: ${text.slice(0, 80)}` : `escaped: ${text.slice(0, 80)}`,
    });
  }
  {
    fake.on('conversations.replies', () => ({
      ok: true,
      messages: [{ ts: '1700000000.000100', user: 'U0AUTHOR', text: 'Meet the team lead who never has time. Book a demo today.' }],
    }));
    const before = fake.callsTo('chat.postEphemeral').length;
    const event = {
      type: 'app_mention',
      user: 'U0ASKER',
      text: '<@UBOT> review for <!channel> <https://evil.example|click>',
      ts: '1700000000.000200',
      thread_ts: '1700000000.000100',
      channel: 'C0TEST',
    };
    const body = JSON.stringify({
      token: 't',
      team_id: TEAM,
      api_app_id: 'A0TEST',
      type: 'event_callback',
      event_id: 'EvHOSTILE1',
      event_time: now,
      authorizations: [{ team_id: TEAM, user_id: 'UBOT', is_bot: true }],
      event,
    });
    const sent = await post(bot.url, body, signedHeaders(body, 'application/json'));
    const said = await fake.waitForCount((c) => c.method === 'chat.postEphemeral', before + 1, 8000).catch(() => []);
    const text = String(said.at(-1)?.body.text ?? '');
    row({
      attack: '4. @Persona Bot review for <!channel> … (ephemeral)',
      status: String(sent.status),
      survived: await bot.alive(),
      detail: /<!channel>/.test(text) ? `unescaped: ${text.slice(0, 80)}` : `escaped: ${text.slice(0, 80)}`,
    });
  }
  {
    // A persona whose name is hostile, created through the form; then Still accurate on it.
    const view = {
      id: 'VHOSTILE',
      callback_id: 'persona_form',
      private_metadata: '{}',
      state: {
        values: {
          name: { value: { type: 'plain_text_input', value: HOSTILE } },
          summary: { value: { type: 'plain_text_input', value: 'Created by the hostile-requests benchmark.' } },
        },
      },
    };
    await interact(bot, { type: 'view_submission', team: { id: TEAM, domain: 'test' }, user: { id: 'U0ASKER', team_id: TEAM }, api_app_id: 'A0TEST', view });
    await sleep(500);
    const found = await command(bot, fake, '<!channel> <!here>');
    const id = /"value":"persona:([0-9a-f-]{36})"/.exec(JSON.stringify(found.answer))?.[1];
    const responseUrl = fake.responseUrl();
    await interact(bot, buttonPayload({ actionId: 'persona_confirm', value: id ?? personaId, responseUrl, team: TEAM, user: 'U0OTHER' }));
    const said = await fake.waitFor((c) => c.path === new URL(responseUrl).pathname, 8000).catch(() => undefined);
    const text = String(said?.body.text ?? '');
    row({
      attack: '4. Still accurate on a persona named <!channel> …',
      status: '200',
      survived: await bot.alive(),
      detail: /<!channel>/.test(text) ? `unescaped: ${text.slice(0, 80)}` : `escaped: ${text.slice(0, 80)}`,
    });
  }
  {
    const cfg = await command(bot, fake, 'config autoreview on persona: <b>&');
    const text = String(cfg.answer?.text ?? '');
    row({
      attack: '4. /persona config autoreview on persona: <b>&',
      status: String(cfg.status),
      survived: await bot.alive(),
      detail: /&amp;(lt|amp);/.test(text) ? `escaped twice: ${text.slice(0, 80)}` : `once: ${text.slice(0, 80)}`,
    });
  }

  // 6. Long and odd input.
  {
    const long = await command(bot, fake, `x${'y'.repeat(4000)}`);
    row({
      attack: '6. /persona with 4,001 characters',
      status: String(long.status),
      survived: await bot.alive(),
      detail: String(long.answer?.text ?? '(no answer)').slice(0, 90),
    });
    const nul = await command(bot, fake, 'history a\u0000b');
    row({
      attack: '6. /persona history a<NUL>b',
      status: String(nul.status),
      survived: await bot.alive(),
      detail: String(nul.answer?.text ?? '(no answer)').slice(0, 90),
    });
    const view = {
      id: 'VMETA',
      callback_id: 'persona_form',
      private_metadata: 'not json',
      state: { values: { name: { value: { type: 'plain_text_input', value: 'Meta test' } }, summary: { value: { type: 'plain_text_input', value: 'x' } } } },
    };
    const sent = await interact(bot, {
      type: 'view_submission',
      team: { id: TEAM, domain: 'test' },
      user: { id: 'U0ASKER', team_id: TEAM },
      api_app_id: 'A0TEST',
      view,
    });
    row({
      attack: '6. view_submission, private_metadata not JSON',
      status: String(sent.status),
      survived: await bot.alive(),
      detail: `answered in ${sent.ms} ms ${sent.text ? `with ${sent.text.slice(0, 60)}` : ''}`,
    });
  }

  // 7. Content-Type with a charset.
  {
    const sent = await command(bot, fake, 'help', { contentType: `${FORM}; charset=utf-8` });
    row({ attack: '7. form with ; charset=utf-8', status: String(sent.status), survived: await bot.alive(), detail: sent.answer ? 'answered' : 'no answer' });
  }

  // 8. A response_url whose keep-alive connection is closed under the first post.
  {
    const flaky = await startFlakyResponseUrl();
    const body = slashCommandBody({ text: 'busy', response_url: `${flaky.url}/response/flaky`, team_id: TEAM });
    const sent = await post(bot.url, body, signedHeaders(body, FORM));
    await sleep(3000);
    const got = flaky.received.map((b) => (b.includes('Overbooked') ? 'card' : b.includes('Something went wrong') ? '"Something went wrong"' : 'other'));
    row({
      attack: '8. response_url drops the first connection',
      status: String(sent.status),
      survived: await bot.alive(),
      detail: `the asker got: ${got.join(', ') || 'nothing'}`,
    });
    await flaky.close();
  }

  // 5. 250 concurrent unsigned 3.9 MB bodies; then 250 bodies just under the body limit with
  //    signature headers that look right (a timestamp of now, 64 hex digits) but do not match.
  const memory: Record<string, MemoryRun> = {};
  memory.unsigned = await flood(bot, 'unsigned 3.9 MB', Buffer.alloc(3.9 * 1024 * 1024, 'a'), () => ({ 'content-type': 'application/json' }));
  row({
    attack: '5. 250 concurrent unsigned 3.9 MB bodies',
    status: memory.unsigned.statuses,
    survived: await bot.alive(),
    detail: memoryDetail(memory.unsigned),
  });
  memory.forged = await flood(bot, 'forged 2.7 MB', Buffer.alloc(2_700_000, 'a'), () => ({
    'content-type': 'application/json',
    'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)),
    'x-slack-signature': `v0=${'0'.repeat(64)}`,
  }));
  row({
    attack: '5. 250 concurrent 2.7 MB bodies, signature headers well formed but wrong',
    status: memory.forged.statuses,
    survived: await bot.alive(),
    detail: memoryDetail(memory.forged),
  });

  await bot.stop();
  // History rows of the persona confirmed five times (the store is closed now).
  {
    const handle = await openDatabase(`pglite:${join(work, 'store')}`);
    const result = await handle.db.execute(sql`select count(*)::int as n from persona_changes where persona_id = ${personaId} and action = 'confirm'`);
    const n = (result as unknown as { rows?: Array<{ n: number }> }).rows?.[0]?.n ?? (result as unknown as Array<{ n: number }>)[0]?.n;
    await handle.close();
    const r = rows.find((x) => x.attack.startsWith('3. Still accurate'));
    if (r) r.detail = `${r.detail.replace('; history rows counted below', '')}; ${n} history row(s)`;
    log(`Still accurate history rows: ${n}`);
  }

  // 9. The signing secret of Slack's documentation.
  {
    const docs = await startBotOrExit(fake, join(work, 'docs-secret'), { SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99yyyzzz85a5', REVIEW_MODEL: 'off' });
    row({ attack: '9. SLACK_SIGNING_SECRET=8f742231b10e8888abcd99yyyzzz85a5', status: docs, survived: null, detail: '' });
  }

  await fake.close();
  rmSync(work, { recursive: true, force: true });
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    'bench/results/hostile-requests.json',
    `${JSON.stringify({ at: new Date().toISOString(), command: 'npx tsx bench/hostile-requests.ts', machine: machine(), rows, memory }, null, 2)}\n`,
  );
  console.log('\n| attack | answer | process survived | detail |\n| --- | --- | --- | --- |');
  for (const r of rows)
    console.log(
      `| ${r.attack.replace(/\|/g, '\\|')} | ${r.status} | ${r.survived === null ? '–' : r.survived ? 'yes' : '**no**'} | ${r.detail.replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`,
    );
  writeReport();
}

/** Signed over the number the header reads as (Bolt 5.1 signs `Number(header)`: "0x…" becomes its decimal). */
function signRaw(ts: string, body: string): string {
  return sign(TEST_SIGNING_SECRET, Number(ts), body);
}

interface MemoryRun {
  statuses: string;
  idleMiB: number | null;
  peakMiB: number;
  after20sMiB: number | null;
  tookMs: number;
}

const memoryDetail = (m: MemoryRun) =>
  `RSS idle ${m.idleMiB} MiB, peak ${m.peakMiB} MiB (+${m.peakMiB - (m.idleMiB ?? 0)}), 20 s later ${m.after20sMiB} MiB; ${m.tookMs} ms`;

/** 250 bodies at once; the bot's resident memory before, at its peak (sampled every 50 ms) and 20 s after. */
async function flood(bot: Bot, name: string, body: Buffer, headers: () => Record<string, string>): Promise<MemoryRun> {
  await sleep(3000);
  const idleMiB = procMemory(bot.child.pid!)?.rssMiB ?? null;
  let peakMiB = idleMiB ?? 0;
  const sampler = setInterval(() => {
    const m = procMemory(bot.child.pid!);
    if (m && m.rssMiB > peakMiB) peakMiB = m.rssMiB;
  }, 50);
  const started = performance.now();
  const results = await Promise.all(Array.from({ length: 250 }, () => post(bot.url, body, headers(), 60_000)));
  const tookMs = Math.round(performance.now() - started);
  clearInterval(sampler);
  const statuses = tally(results.map((r) => String(r.status)));
  log(`${name}: ${statuses}; waiting 20 s`);
  await sleep(20_000);
  return { statuses, idleMiB, peakMiB, after20sMiB: procMemory(bot.child.pid!)?.rssMiB ?? null, tookMs };
}

function tally(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([v, n]) => `${n}× ${v}`).join(', ');
}

async function startBotOrExit(fake: FakeSlack, dir: string, env: Record<string, string>): Promise<string> {
  try {
    const b = await startBot(fake, dir, env);
    const ok = await b.alive();
    const warned = /SLACK_SIGNING_SECRET/.test(b.output());
    await b.stop();
    return ok ? `starts${warned ? ', with a warning' : ''}` : 'starts, unhealthy';
  } catch (err) {
    return `refuses to start: ${
      String((err as Error).message)
        .split('\n')
        .find((l) => l.includes('SLACK_SIGNING_SECRET'))
        ?.trim() ?? 'exit'
    }`;
  }
}

/** A response_url server that closes the connection of the first post before answering, as a stale keep-alive does. */
async function startFlakyResponseUrl(): Promise<{ url: string; received: string[]; close(): Promise<void> }> {
  const received: string[] = [];
  let first = true;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      if (first) {
        first = false;
        req.socket.destroy();
        return;
      }
      received.push(raw);
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

await main();
