// The local console's stand-in for Slack. It plays Slack's part on both sides of the real bot:
// it turns what you do in the page into the signed payloads Slack would send to the bot's
// /slack/events, and it answers the bot's Web API calls and response_url posts, keeping a
// little channel, its threads, a modal and an App Home that the page shows.
import { createHmac, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import { parseWebApiBody, readRequestBody } from './web-api-body.js';
import { CONSOLE_HTML } from './page.js';
import { eventCallback, GLOBAL_SHORTCUTS, interaction, LOCAL, slashCommand } from './payloads.js';

export interface TimelineItem {
  ts: string;
  threadTs?: string;
  author: 'user' | 'bot';
  text: string;
  blocks?: unknown[];
  /** Shown to you only: command answers, private notes. */
  ephemeral?: boolean;
  /** Where it was posted: the console's channel, or a direct message from the bot. */
  channel: string;
  reactions?: string[];
  /** A slash command you typed (shown as such, not as a message). */
  command?: boolean;
}

interface Modal {
  id: string;
  view: Record<string, unknown>;
}

interface ConsoleState {
  version: number;
  items: TimelineItem[];
  modal: Modal | null;
  home: Record<string, unknown> | null;
}

export interface StandIn {
  url: string;
  port: number;
  apiUrl: string;
  /** The signing secret of this run: only the stand-in and the bot know it. */
  signingSecret: string;
  /** Where to forward Slack requests: the bot's /slack/events. */
  setBotUrl(url: string): void;
  state(): ConsoleState;
  close(): Promise<void>;
}

const sendSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('message'), text: z.string().max(40_000), threadTs: z.string().optional() }),
  z.object({ kind: z.literal('shortcut'), ts: z.string() }),
  /** A global shortcut from the ⚡ menu, as Slack's composer offers them. */
  z.object({ kind: z.literal('global_shortcut'), callbackId: z.enum(GLOBAL_SHORTCUTS.map((s) => s.callbackId) as [string, ...string[]]) }),
  z.object({
    kind: z.literal('action'),
    source: z.enum(['message', 'modal', 'home']),
    ts: z.string().optional(),
    actionId: z.string(),
    blockId: z.string().optional(),
    value: z.string().optional(),
    values: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  }),
  z.object({ kind: z.literal('submit'), values: z.record(z.string(), z.record(z.string(), z.unknown())) }),
  z.object({ kind: z.literal('close') }),
  z.object({ kind: z.literal('home') }),
]);

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

export async function startStandIn(opts: { port: number; host: string; log: Logger }): Promise<StandIn> {
  const signingSecret = randomBytes(32).toString('hex');
  const state: ConsoleState = { version: 0, items: [], modal: null, home: null };
  /** response_url id → the message an action came from (for replace_original / delete_original). */
  const responseSources = new Map<string, string | undefined>();
  let botUrl = '';
  let seq = 0;
  const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String(++seq).padStart(6, '0')}`;
  const changed = () => void state.version++;
  const find = (ts: string | undefined) => state.items.find((i) => i.ts === ts);

  let baseUrl = '';
  const responseUrl = (sourceTs?: string) => {
    const id = randomBytes(8).toString('hex');
    responseSources.set(id, sourceTs);
    return `${baseUrl}/response/${id}`;
  };

  async function forward(body: string, contentType: string): Promise<{ status: number; text: string }> {
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    const res = await fetch(botUrl, {
      method: 'POST',
      headers: { 'content-type': contentType, 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature },
      body,
    });
    return { status: res.status, text: await res.text() };
  }
  const form = 'application/x-www-form-urlencoded';

  function viewPayload(view: Record<string, unknown>, id: string, values: Record<string, unknown>) {
    return {
      id,
      type: view.type,
      callback_id: view.callback_id,
      private_metadata: view.private_metadata ?? '',
      state: { values },
      hash: String(state.version),
    };
  }

  /** Web API methods the bot calls, answered as Slack would. */
  function api(method: string, b: Record<string, unknown>): Record<string, unknown> {
    const channel = String(b.channel ?? LOCAL.channel);
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: LOCAL.botUserId, bot_id: LOCAL.botId, team_id: LOCAL.team, team: 'Local console', url: baseUrl };
      case 'chat.postMessage': {
        const ts = nextTs();
        state.items.push({
          ts,
          threadTs: b.thread_ts as string | undefined,
          author: 'bot',
          text: String(b.text ?? ''),
          blocks: b.blocks as unknown[] | undefined,
          channel,
        });
        changed();
        return { ok: true, channel, ts, message: { ts, text: b.text } };
      }
      case 'chat.update': {
        const item = find(String(b.ts));
        if (!item) return { ok: false, error: 'message_not_found' };
        item.text = String(b.text ?? item.text);
        item.blocks = (b.blocks as unknown[] | undefined) ?? item.blocks;
        changed();
        return { ok: true, channel, ts: item.ts };
      }
      case 'chat.postEphemeral': {
        const ts = nextTs();
        state.items.push({
          ts,
          threadTs: b.thread_ts as string | undefined,
          author: 'bot',
          text: String(b.text ?? ''),
          blocks: b.blocks as unknown[] | undefined,
          channel,
          ephemeral: true,
        });
        changed();
        return { ok: true, message_ts: ts };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(b.users ?? LOCAL.user).replace(/\W/g, '')}` } };
      case 'conversations.history': {
        const item = find(String(b.latest)) ?? undefined;
        return { ok: true, messages: item && !item.threadTs ? [{ type: 'message', ts: item.ts, text: item.text, user: LOCAL.user }] : [] };
      }
      case 'conversations.replies': {
        const parent = find(String(b.ts));
        if (!parent) return { ok: false, error: 'thread_not_found' };
        const replies = state.items.filter((i) => i.threadTs === parent.ts && !i.ephemeral);
        return {
          ok: true,
          messages: [parent, ...replies].map((i) => ({
            type: 'message',
            ts: i.ts,
            thread_ts: i.threadTs,
            text: i.text,
            user: i.author === 'bot' ? LOCAL.botUserId : LOCAL.user,
          })),
        };
      }
      case 'views.open': {
        const id = `V${randomBytes(4).toString('hex').toUpperCase()}`;
        state.modal = { id, view: b.view as Record<string, unknown> };
        changed();
        return { ok: true, view: { id, ...(b.view as object) } };
      }
      case 'views.update': {
        if (state.modal && (!b.view_id || b.view_id === state.modal.id)) state.modal.view = b.view as Record<string, unknown>;
        changed();
        return { ok: true, view: { id: b.view_id, ...(b.view as object) } };
      }
      case 'views.publish':
        state.home = b.view as Record<string, unknown>;
        changed();
        return { ok: true, view: { id: 'VHOME', ...(b.view as object) } };
      case 'reactions.add': {
        const item = find(String(b.timestamp));
        if (item) item.reactions = [...(item.reactions ?? []), String(b.name)];
        changed();
        return { ok: true };
      }
      default:
        return { ok: true };
    }
  }

  /** A response_url post: a new answer, or a change to the message the click came from. */
  function respond(id: string, b: Record<string, unknown>): void {
    const sourceTs = responseSources.get(id);
    const source = find(sourceTs);
    if (b.delete_original && source) state.items = state.items.filter((i) => i !== source);
    else if (b.replace_original && source) {
      source.text = String(b.text ?? '');
      source.blocks = b.blocks as unknown[] | undefined;
    } else if (b.text !== undefined || b.blocks !== undefined) {
      state.items.push({
        ts: nextTs(),
        threadTs: source?.threadTs,
        author: 'bot',
        text: String(b.text ?? ''),
        blocks: b.blocks as unknown[] | undefined,
        channel: LOCAL.channel,
        ephemeral: b.response_type !== 'in_channel',
      });
    }
    changed();
  }

  /** What you did in the page, sent to the bot as Slack would send it. */
  async function send(input: z.output<typeof sendSchema>): Promise<unknown> {
    switch (input.kind) {
      case 'message': {
        const text = input.text.trim();
        if (text.startsWith('/persona')) {
          state.items.push({ ts: nextTs(), author: 'user', text, channel: LOCAL.channel, command: true, ephemeral: true });
          changed();
          const r = await forward(slashCommand(text.replace(/^\/persona\s*/, ''), responseUrl()), form);
          return { status: r.status };
        }
        const ts = nextTs();
        const slackText = text.replace(/@Persona Bot\b/gi, `<@${LOCAL.botUserId}>`);
        state.items.push({ ts, threadTs: input.threadTs, author: 'user', text: slackText, channel: LOCAL.channel });
        changed();
        const message = {
          type: 'message',
          channel: LOCAL.channel,
          channel_type: 'channel',
          user: LOCAL.user,
          text: slackText,
          ts,
          ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
        };
        await forward(eventCallback(message), 'application/json');
        if (slackText.includes(`<@${LOCAL.botUserId}>`)) await forward(eventCallback({ ...message, type: 'app_mention' }), 'application/json');
        return { ts };
      }
      case 'shortcut': {
        const item = find(input.ts);
        if (!item) return { error: 'no such message' };
        const r = await forward(
          interaction({
            type: 'message_action',
            callback_id: 'review_copy',
            response_url: responseUrl(),
            channel: { id: LOCAL.channel, name: LOCAL.channelName },
            message: { type: 'message', user: LOCAL.user, ts: item.ts, text: item.text, ...(item.threadTs ? { thread_ts: item.threadTs } : {}) },
            message_ts: item.ts,
          }),
          form,
        );
        return { status: r.status };
      }
      case 'global_shortcut': {
        const r = await forward(interaction({ type: 'shortcut', callback_id: input.callbackId }), form);
        return { status: r.status };
      }
      case 'action': {
        const action = {
          type: 'button',
          action_id: input.actionId,
          block_id: input.blockId ?? 'b',
          value: input.value ?? '',
          action_ts: String(Date.now() / 1000),
        };
        const base: Record<string, unknown> = { type: 'block_actions', actions: [action] };
        if (input.source === 'message') {
          const item = find(input.ts);
          Object.assign(base, {
            channel: { id: LOCAL.channel, name: LOCAL.channelName },
            container: { type: 'message', message_ts: input.ts, channel_id: LOCAL.channel, is_ephemeral: Boolean(item?.ephemeral) },
            message: item ? { ts: item.ts, text: item.text, blocks: item.blocks } : undefined,
            response_url: responseUrl(input.ts),
          });
        } else if (input.source === 'modal' && state.modal) {
          Object.assign(base, {
            container: { type: 'view', view_id: state.modal.id },
            view: viewPayload(state.modal.view, state.modal.id, input.values ?? {}),
          });
        } else {
          Object.assign(base, {
            container: { type: 'view', view_id: 'VHOME' },
            view: viewPayload(state.home ?? { type: 'home' }, 'VHOME', input.values ?? {}),
          });
        }
        const r = await forward(interaction(base), form);
        return { status: r.status };
      }
      case 'submit': {
        if (!state.modal) return { error: 'no modal open' };
        const r = await forward(interaction({ type: 'view_submission', view: viewPayload(state.modal.view, state.modal.id, input.values) }), form);
        let answer: Record<string, unknown> = {};
        try {
          answer = r.text ? (JSON.parse(r.text) as Record<string, unknown>) : {};
        } catch {
          answer = {};
        }
        if (answer.response_action === 'errors') return { errors: answer.errors };
        if (answer.response_action === 'update' && answer.view) state.modal.view = answer.view as Record<string, unknown>;
        else if (r.status === 200) state.modal = null;
        changed();
        return { ok: r.status === 200 };
      }
      case 'close':
        state.modal = null;
        changed();
        return { ok: true };
      case 'home':
        await forward(eventCallback({ type: 'app_home_opened', user: LOCAL.user, channel: `D${LOCAL.user}`, tab: 'home' }), 'application/json');
        return { ok: true };
    }
  }

  const server: Server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://local');
      if (req.method === 'GET' && url.pathname === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(CONSOLE_HTML);
        return;
      }
      if (req.method === 'GET' && url.pathname === '/console/state') return json(res, 200, state);
      if (req.method === 'POST' && url.pathname === '/console/send') {
        if (!botUrl) return json(res, 503, { error: 'Persona Bot is still starting; try again in a moment.' });
        const input = sendSchema.safeParse(JSON.parse((await readRequestBody(req, 2_000_000)) || '{}'));
        if (!input.success) return json(res, 400, { error: 'not something the console can send' });
        return json(res, 200, await send(input.data));
      }
      if (req.method === 'POST' && url.pathname.startsWith('/api/')) {
        const body = parseWebApiBody(await readRequestBody(req, 2_000_000), req.headers['content-type']);
        return json(res, 200, api(url.pathname.slice('/api/'.length), body));
      }
      if (req.method === 'POST' && url.pathname.startsWith('/response/')) {
        respond(url.pathname.slice('/response/'.length), parseWebApiBody(await readRequestBody(req, 2_000_000), req.headers['content-type']));
        res.writeHead(200).end('ok');
        return;
      }
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    } catch (err) {
      opts.log.warn({ err }, 'local console request failed');
      if (!res.headersSent) json(res, 500, { error: 'the console could not do that' });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = opts.host === '0.0.0.0' || opts.host === '::' ? 'localhost' : opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  baseUrl = `http://${shownHost}:${port}`;
  return {
    url: baseUrl,
    port,
    apiUrl: `${baseUrl}/api/`,
    signingSecret,
    setBotUrl: (u) => void (botUrl = u),
    state: () => state,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
