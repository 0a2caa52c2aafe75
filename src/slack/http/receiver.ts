// The HTTP side of the Slack app: a Bolt Receiver that checks everything about a request before
// Bolt sees it, so that no request, signed or not, can end the process, hold it up, or make it
// buffer more than Slack ever sends. In order, each step refusing before the next:
//
//   route (404) → Content-Type (400) → Content-Length (413) → signature headers, with a strict
//   timestamp (401) → the body, streamed with a byte limit and a budget for unauthenticated
//   bytes (413, 503), hashed as it arrives → signature (401) → parse (400) → shape (400) → Bolt.
//
// Bolt's own HTTPReceiver reads a body of up to 4 MB before it checks the signature, compares
// the Content-Type exactly (a `; charset=utf-8` suffix gets 400), accepts any timestamp in the
// future, and throws outside any catch on a signed `null` body. The acknowledgement is Bolt's
// (HTTPResponseAck): the answer goes out when a listener acks, or 404 after 3 seconds.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTPResponseAck } from '@slack/bolt';
import type { App, Logger as SlackLogger, Receiver, ReceiverEvent } from '@slack/bolt';
import type { Clock } from '../../domain/clock.js';
import { systemClock } from '../../domain/clock.js';
import type { Logger } from '../../logger.js';
import { classify } from './envelope.js';
import { mediaTypeOf, parseBody } from './parse.js';
import { ByteBudget, readBody } from './read-body.js';
import { checkSignatureHeaders, signatureMatches, startSignature } from './verify.js';

/**
 * The largest body Slack sends this app, with room to spare. The largest is a view_submission
 * of the persona form opened on a persona at every limit of the file format and submitted with
 * every input full: 2.40 MB when all of its text is 3-byte UTF-8 (9 bytes per character once
 * form-encoded), 0.30 MB in ASCII. test/slack/http/body-limit.test.ts builds it and fails when
 * it no longer fits. Bolt's default is 4 MB.
 */
export const MAX_BODY_BYTES = 2_750_000;

/**
 * Bytes that all requests not yet authenticated may hold together. Concurrent bodies beyond it
 * get 503 until some finish: an attacker without the signing secret cannot make the bot hold
 * more than this, whatever the number of connections.
 */
export const UNAUTHENTICATED_BUDGET_BYTES = 48 * 1024 * 1024;

/** Slack's `ssl_check=1` probe may come unsigned; it is a few dozen bytes. */
const SSL_CHECK_MAX_BYTES = 512;

/** A body must arrive within this; Slack sends in milliseconds, a trickling client is cut off. */
const REQUEST_TIMEOUT_MS = 30_000;

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface SlackReceiverOptions {
  signingSecret: string;
  /** Where Slack posts commands, interactivity and events. */
  endpoint: string;
  /** Other GET routes (the health check). */
  routes?: Record<string, RouteHandler>;
  /** Routes that take any method and read their own bodies (the MCP endpoint); they authenticate their own requests. */
  mounts?: Record<string, RouteHandler>;
  log: Logger;
  /** Bolt's logger, for the acknowledgement it owns. */
  boltLogger: SlackLogger;
  /** Judges the request timestamp; tests set it. */
  clock?: Clock;
  maxBodyBytes?: number;
  unauthenticatedBudgetBytes?: number;
  /**
   * Takes an Events API callback before Bolt does, for events whose work must not be lost:
   * true when it recorded the work durably (Slack gets its 200 only then), false to leave the
   * event to Bolt. When it throws, Slack gets a 503 and delivers the event again later.
   */
  intake?: (body: Record<string, unknown>) => Promise<boolean>;
}

export class SlackReceiver implements Receiver {
  private app: App | undefined;
  private server: Server | undefined;
  private stopping: Server | undefined;
  private readonly clock: Clock;
  private readonly maxBodyBytes: number;
  private readonly budget: ByteBudget;

  constructor(private readonly opts: SlackReceiverOptions) {
    if (!opts.signingSecret) throw new Error('a signing secret is required');
    this.clock = opts.clock ?? systemClock;
    this.maxBodyBytes = opts.maxBodyBytes ?? MAX_BODY_BYTES;
    this.budget = new ByteBudget(opts.unauthenticatedBudgetBytes ?? UNAUTHENTICATED_BUDGET_BYTES);
  }

  init(app: App): void {
    this.app = app;
  }

  async start(port: number, host?: string): Promise<Server> {
    if (this.server) throw new Error('the receiver is already started');
    const server = createServer({ requestTimeout: REQUEST_TIMEOUT_MS, headersTimeout: 10_000 }, (req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        // handle() answers every failure itself; this is the net under the net.
        this.opts.log.error({ err }, 'slack receiver: unexpected failure');
        if (!res.headersSent) res.writeHead(500, { connection: 'close' }).end();
      });
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (err) => this.opts.log.error({ err }, 'slack receiver: server error'));
    return server;
  }

  get port(): number {
    return (this.server?.address() as AddressInfo | null)?.port ?? 0;
  }

  /** Stops accepting connections; requests already read go on. Resolves when every connection is closed. */
  stop(): Promise<void> {
    const server = this.server;
    if (!server) return Promise.resolve();
    this.server = undefined;
    this.stopping = server;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    return closed;
  }

  /** After the drain that follows stop(): ends the connections still open (a client still trickling a body). */
  closeAllConnections(): void {
    this.stopping?.closeAllConnections();
  }

  /** Answers one request; never throws for anything the request contains. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { log } = this.opts;
    let path: string;
    try {
      path = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      return refuse(res, 400, true);
    }
    if (path !== this.opts.endpoint) {
      const route = this.opts.routes?.[path];
      if (route && req.method === 'GET') return route(req, res);
      const mount = this.opts.mounts?.[path];
      if (mount) return mount(req, res);
      return refuse(res, 404, true);
    }
    if (req.method !== 'POST') return refuse(res, 404, true);

    const media = mediaTypeOf(req.headers['content-type']);
    if (!media) return refuse(res, 400, true);
    const declared = req.headers['content-length'];
    if (declared !== undefined && Number(declared) > this.maxBodyBytes) return refuse(res, 413, true);

    const headers = checkSignatureHeaders(req.headers['x-slack-request-timestamp'], req.headers['x-slack-signature'], this.clock.now());
    if (!headers.ok) {
      if (headers.reason === 'missing' && media === 'form' && (await this.isSslCheck(req))) return void res.writeHead(200).end();
      log.debug({ reason: headers.reason }, 'slack receiver: unsigned request refused');
      return refuse(res, 401, true);
    }

    const hmac = startSignature(this.opts.signingSecret, headers.timestamp);
    const read = await readBody(req, { maxBytes: this.maxBodyBytes, budget: this.budget, onChunk: (c) => hmac.update(c) });
    if (!read.ok) {
      if (read.reason === 'aborted') return void res.destroy();
      if (read.reason === 'busy') log.warn({ budget: this.budget.limit }, 'slack receiver: too many unauthenticated bytes at once; refusing with 503');
      return refuse(res, read.reason === 'too large' ? 413 : 503, true);
    }
    let body: Record<string, unknown>;
    try {
      if (!signatureMatches(hmac, headers.digest)) {
        log.debug('slack receiver: signature mismatch');
        return refuse(res, 401);
      }
      const parsed = parseBody(read.body, media);
      if (!parsed.ok) {
        log.warn({ reason: parsed.reason }, 'slack receiver: signed request with a malformed body');
        return refuse(res, 400);
      }
      body = parsed.body;
    } finally {
      read.release();
    }

    const kind = classify(body);
    if (!kind.ok) {
      log.warn({ reason: kind.reason }, 'slack receiver: signed request of an unknown shape');
      return refuse(res, 400);
    }
    switch (kind.kind) {
      case 'ssl_check':
      case 'rate_limited':
        if (kind.kind === 'rate_limited') log.warn({ team: body.team_id }, 'Slack dropped events: the app was rate limited');
        return void res.writeHead(200).end();
      case 'url_verification':
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ challenge: body.challenge }));
      default:
        if (body.type === 'event_callback' && this.opts.intake) {
          let taken: boolean;
          try {
            taken = await this.opts.intake(body);
          } catch (err) {
            log.warn({ err }, 'slack receiver: could not record an event; answering 503 so that Slack delivers it again');
            return refuse(res, 503);
          }
          if (taken) return void res.writeHead(200, { 'content-length': '0' }).end();
        }
        return this.dispatch(req, res, body);
    }
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse, body: Record<string, unknown>): Promise<void> {
    if (!this.app) throw new Error('the receiver was not given to an App');
    const ack = new HTTPResponseAck({ logger: this.opts.boltLogger, processBeforeResponse: false, httpRequest: req, httpRequestBody: body, httpResponse: res });
    const send = ack.bind();
    let acked = false;
    const event: ReceiverEvent = {
      body,
      ack: (response?: unknown) => {
        acked = true;
        return send(response);
      },
      retryNum: retryNum(req.headers['x-slack-retry-num']),
      retryReason: headerText(req.headers['x-slack-retry-reason']),
    };
    try {
      await this.app.processEvent(event);
      // Listeners acknowledge before they finish, so Bolt is done and nobody acknowledged: no
      // listener took it (a button or view this version does not know). Slack still wants its
      // 200 within 3 seconds, and waiting for Bolt's 404 at 3 s helps nobody.
      if (!acked && !res.headersSent) {
        this.opts.log.info({ type: typeof body.type === 'string' ? body.type : undefined }, 'slack receiver: no listener took the request; acknowledged');
        await send();
      }
    } catch (err) {
      // Listeners acknowledge first, so this is Bolt or a listener failing before its ack.
      this.opts.log.error({ err }, 'slack receiver: processing failed');
      if (!res.headersSent) {
        ack.ack();
        res.writeHead(500).end();
      }
    }
  }

  /** An unsigned form body is only answered when it is Slack's tiny `ssl_check=1` probe. */
  private async isSslCheck(req: IncomingMessage): Promise<boolean> {
    const declared = req.headers['content-length'];
    if (declared !== undefined && Number(declared) > SSL_CHECK_MAX_BYTES) return false;
    const read = await readBody(req, { maxBytes: SSL_CHECK_MAX_BYTES, budget: this.budget, onChunk: () => {} });
    if (!read.ok) return false;
    read.release();
    return new URLSearchParams(read.body.toString('utf8')).get('ssl_check') === '1';
  }
}

/** An answer without a body. `close`: the body was not read, so the connection cannot be reused. */
function refuse(res: ServerResponse, status: number, close = false): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-length': '0', ...(close ? { connection: 'close' } : {}), ...(status === 503 ? { 'retry-after': '1' } : {}) });
  res.end();
}

function headerText(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value.slice(0, 100) : undefined;
}

function retryNum(value: string | string[] | undefined): number | undefined {
  return typeof value === 'string' && /^[0-9]{1,3}$/.test(value) ? Number(value) : undefined;
}
