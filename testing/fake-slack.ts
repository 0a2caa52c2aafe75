// A local stand-in for Slack's Web API and response_url endpoints. It answers like Slack
// does for the methods the bot uses and records every call, with the time it arrived.
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseWebApiBody, readRequestBody } from '../src/local/web-api-body.js';
import { validateMessage, validateView } from '../src/slack/render/limits.js';
import type { Violation } from '../src/slack/render/limits.js';

export interface RecordedCall {
  /** Web API method (`chat.postMessage`) or `response_url`. */
  method: string;
  path: string;
  body: Record<string, unknown>;
  /** performance.now() when the request arrived. */
  at: number;
  /** What the fake answered (Web API calls). */
  response?: Record<string, unknown>;
  /** The bytes of a file upload (method `file_upload`, to an upload_url the fake handed out). */
  bytes?: Buffer;
  /** The token the call was made with (Authorization: Bearer …, or a `token` field). */
  token?: string;
}

type Handler = (body: Record<string, unknown>, call: RecordedCall) => Record<string, unknown> | Promise<Record<string, unknown>>;

export interface FakeSlack {
  url: string;
  apiUrl: string;
  calls: RecordedCall[];
  responseUrl(id?: string): string;
  /** Overrides the answer for one Web API method. */
  on(method: string, handler: Handler): void;
  /** Makes every Slack answer wait, as a slow network would. */
  setDelay(ms: number): void;
  /** Closes the connection of the next `times` requests to `path` without an answer, as a stale keep-alive does. */
  dropConnection(path: string, times?: number): void;
  callsTo(method: string): RecordedCall[];
  waitFor(predicate: (c: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  waitForCount(predicate: (c: RecordedCall) => boolean, count: number, timeoutMs?: number): Promise<RecordedCall[]>;
  /** Every message and view received, checked against Block Kit limits. */
  violations(): Array<Violation & { method: string }>;
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: RecordedCall[] = [];
  const handlers = new Map<string, Handler>();
  let tsCounter = 0;
  const nextTs = () => `1700000000.${String(++tsCounter).padStart(6, '0')}`;
  const waiters = new Set<() => void>();

  const defaults: Record<string, Handler> = {
    'auth.test': () => ({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'TTEST', team: 'Test', url: 'https://test.slack.com/' }),
    'chat.postMessage': (b) => ({ ok: true, channel: b.channel, ts: nextTs(), message: { text: b.text, thread_ts: b.thread_ts } }),
    'chat.update': (b) => ({ ok: true, channel: b.channel, ts: b.ts }),
    'chat.postEphemeral': () => ({ ok: true, message_ts: nextTs() }),
    'conversations.open': (b) => ({ ok: true, channel: { id: `D${String(b.users ?? 'X').replace(/\W/g, '')}` } }),
    'views.open': (b) => ({ ok: true, view: { id: `V${++tsCounter}`, ...(b.view as object) } }),
    'views.update': (b) => ({ ok: true, view: { id: b.view_id ?? 'V0', ...(b.view as object) } }),
    'views.publish': (b) => ({ ok: true, view: { id: `V${++tsCounter}`, ...(b.view as object) } }),
    'reactions.add': () => ({ ok: true }),
    // File uploads, as files.uploadV2 makes them: an upload URL, the bytes posted there, then completion.
    'files.getUploadURLExternal': () => {
      const id = `F${String(++tsCounter).padStart(8, '0')}`;
      return { ok: true, upload_url: `${url}/upload/${id}`, file_id: id };
    },
    'files.completeUploadExternal': (b) => {
      const files = (typeof b.files === 'string' ? JSON.parse(b.files) : (b.files ?? [])) as Array<{ id: string; title?: string }>;
      return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? '' })) };
    },
  };

  let delayMs = 0;
  const drops = new Map<string, number>();
  const server: Server = createServer(async (req, res) => {
    if (req.url?.startsWith('/upload/')) {
      // An upload URL: the body is the file itself, kept as bytes.
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const bytes = uploadedFile(Buffer.concat(chunks), req.headers['content-type']);
      calls.push({
        method: 'file_upload',
        path: req.url,
        body: { fileId: req.url.slice('/upload/'.length), size: bytes.length },
        at: performance.now(),
        bytes,
      });
      for (const wake of waiters) wake();
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${bytes.length}`);
      return;
    }
    const raw = await readRequestBody(req);
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    const path = req.url ?? '/';
    const dropsLeft = drops.get(path) ?? 0;
    if (dropsLeft > 0) {
      drops.set(path, dropsLeft - 1);
      req.socket.destroy();
      return;
    }
    const isResponseUrl = path.startsWith('/response/');
    const method = isResponseUrl ? 'response_url' : path.replace(/^\/api\//, '').split('?')[0]!;
    let body: Record<string, unknown>;
    try {
      body = parseWebApiBody(raw, req.headers['content-type']);
    } catch {
      res.writeHead(400).end('bad body');
      return;
    }
    const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
    const token = bearer ?? (typeof body.token === 'string' ? body.token : undefined);
    const call: RecordedCall = { method, path, body, at: performance.now(), ...(token ? { token } : {}) };
    calls.push(call);
    for (const wake of waiters) wake();
    if (isResponseUrl) {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const handler = handlers.get(method) ?? defaults[method] ?? (() => ({ ok: true }));
    try {
      const answer = await handler(body, call);
      call.response = answer;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    } catch (err) {
      // A handler that throws { status: 429 } answers as Slack does when rate limited.
      if ((err as { status?: number }).status === 429) {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '2' }).end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      } else res.writeHead(500).end(String(err));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let responseCounter = 0;

  const fake: FakeSlack = {
    url,
    apiUrl: `${url}/api/`,
    calls,
    responseUrl: (id) => `${url}/response/${id ?? `r${++responseCounter}`}`,
    on: (method, handler) => void handlers.set(method, handler),
    setDelay: (ms) => void (delayMs = ms),
    dropConnection: (path, times = 1) => void drops.set(path, times),
    callsTo: (method) => calls.filter((c) => c.method === method),
    async waitFor(predicate, timeoutMs = 5000) {
      const [first] = await fake.waitForCount(predicate, 1, timeoutMs);
      return first!;
    },
    waitForCount(predicate, count, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = calls.filter(predicate);
          if (found.length >= count) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
            return true;
          }
          return false;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `fake Slack: waited ${timeoutMs} ms for ${count} matching calls; got ${calls.filter(predicate).length} of ${calls.length}: ${calls.map((c) => c.method).join(', ')}`,
            ),
          );
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    violations() {
      const out: Array<Violation & { method: string }> = [];
      for (const c of calls) {
        const b = c.body;
        if (Array.isArray(b.blocks) || typeof b.text === 'string') {
          for (const v of validateMessage(b as { text?: string; blocks?: [] })) out.push({ ...v, method: c.method });
        }
        if (b.view && typeof b.view === 'object') for (const v of validateView(b.view as Record<string, unknown>)) out.push({ ...v, method: c.method });
      }
      return out;
    },
    reset: () => void calls.splice(0),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return fake;
}

/** The file in an upload: the body itself, or the file part of a multipart/form-data body (as the Web API client sends it). */
function uploadedFile(body: Buffer, contentType: string | undefined): Buffer {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  if (!boundary) return body;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const next = body.indexOf(delimiter, at + delimiter.length);
    if (next < 0) break;
    const part = body.subarray(at + delimiter.length, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd >= 0 && /filename=/i.test(part.subarray(0, headerEnd).toString('utf8'))) return part.subarray(headerEnd + 4, part.length - 2);
    at = next;
  }
  return body;
}
