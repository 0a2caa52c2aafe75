// Builds the Bolt app: HTTP mode (POST /slack/events, GET /healthz) or Socket Mode.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import type { Clock } from '../domain/clock.js';
import type { SlackCredentials } from '../config/env.js';
import { boltLogger } from './bolt-logger.js';
import type { AppDeps } from './deps.js';
import { SlackReceiver } from './http/receiver.js';
import { postingFetch } from './response-url-fetch.js';
import { registerListeners } from './listeners/index.js';
import { autoReviewIntake } from './listeners/events/message.js';
import { InFlight } from './middleware/in-flight.js';
import { dedupeEvents } from './middleware/dedupe.js';
import { requestLog } from './middleware/request-log.js';
import { requireTeam } from './middleware/team.js';

export interface SlackAppOptions {
  credentials: SlackCredentials;
  deps: AppDeps;
  /** Base URL of the Web API; tests point it at a fake Slack. */
  apiUrl?: string;
  port: number;
  host?: string;
  /** Answers /healthz: true when the database answers. */
  healthy: () => Promise<boolean>;
  /** Known bot identity spares an auth.test call at the first event (tests set it). */
  botUserId?: string;
  botId?: string;
  /** Web API retries; tests use 0 so a failure shows at once. */
  retries?: number;
  /** Judges request timestamps (default: the system clock; the app's clock may be a fixed date in tests). */
  requestClock?: Clock;
}

export interface SlackApp {
  app: App;
  /** The port the HTTP server listens on (the health port in Socket Mode). */
  port: number;
  /** Listener work still running after its request was acknowledged. */
  inFlight: InFlight;
  /** Stops taking requests, then waits up to `drainMs` for the ones in flight. */
  stop(drainMs?: number): Promise<void>;
}

const DEFAULT_DRAIN_MS = 8000;

export const EVENTS_PATH = '/slack/events';
const SLACK_WEB_API_URL = 'https://slack.com/api/';
export const HEALTH_PATH = '/healthz';

/** Every request passes these before a listener: a checked workspace, then event dedup. */
function useMiddleware(app: App, deps: AppDeps): void {
  app.use(requireTeam(deps.log));
  app.use(dedupeEvents(deps.events));
}

function healthHandler(healthy: () => Promise<boolean>) {
  return (_req: IncomingMessage, res: ServerResponse): void => {
    void healthy()
      .catch(() => false)
      .then((ok) => {
        res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok }));
      });
  };
}

export async function startSlackApp(opts: SlackAppOptions): Promise<SlackApp> {
  const logger = boltLogger(opts.deps.log);
  const clientOptions = {
    ...(opts.apiUrl ? { slackApiUrl: opts.apiUrl } : {}),
    ...(opts.retries !== undefined ? { retryConfig: { retries: opts.retries } } : {}),
    // Bolt's respond() uses this fetch too: a response_url post on a connection closed under it is sent again.
    fetch: postingFetch({ webApiUrl: opts.apiUrl ?? SLACK_WEB_API_URL }),
  };
  // What both kinds of app are built with. No listener reads context.conversation: Bolt's
  // default store would look one up per request.
  const common = {
    token: opts.credentials.botToken,
    logger,
    clientOptions,
    convoStore: false as const,
    ...(opts.botUserId ? { botUserId: opts.botUserId } : {}),
    ...(opts.botId ? { botId: opts.botId } : {}),
  };

  if (opts.credentials.mode === 'socket') {
    const app = new App({ ...common, signingSecret: opts.credentials.signingSecret, appToken: opts.credentials.appToken, socketMode: true });
    const inFlight = new InFlight();
    app.use(requestLog(opts.deps.log, inFlight));
    useMiddleware(app, opts.deps);
    registerListeners(app, opts.deps);
    await app.start();
    // Socket Mode has no inbound HTTP; keep /healthz for orchestrators on its own server.
    const server = createServer((req, res) => {
      if (req.method === 'GET' && req.url === HEALTH_PATH) return healthHandler(opts.healthy)(req, res);
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(opts.port, opts.host, resolve));
    return {
      app,
      port: (server.address() as AddressInfo).port,
      inFlight,
      async stop(drainMs = DEFAULT_DRAIN_MS) {
        await app.stop();
        await inFlight.drain(drainMs);
        await new Promise<void>((resolve) => server.close(() => resolve()));
      },
    };
  }

  // Answers Slack as soon as a listener acks; work after the ack goes on in the background.
  const receiver = new SlackReceiver({
    signingSecret: opts.credentials.signingSecret,
    endpoint: EVENTS_PATH,
    routes: { [HEALTH_PATH]: healthHandler(opts.healthy) },
    log: opts.deps.log,
    boltLogger: logger,
    intake: autoReviewIntake(opts.deps, opts.botUserId),
    ...(opts.requestClock ? { clock: opts.requestClock } : {}),
  });
  const app = new App({ ...common, receiver });
  const inFlight = new InFlight();
  app.use(requestLog(opts.deps.log, inFlight));
  useMiddleware(app, opts.deps);
  registerListeners(app, opts.deps);
  app.error(async (err) => {
    opts.deps.log.error({ err: err.original ?? err, code: err.code }, 'unhandled error in a listener');
  });
  await receiver.start(opts.port, opts.host);
  return {
    app,
    port: receiver.port,
    inFlight,
    async stop(drainMs = DEFAULT_DRAIN_MS) {
      // Closing the server stops new connections at once; requests already read keep running.
      const closed = receiver.stop();
      const drained = await inFlight.drain(drainMs);
      if (!drained) opts.deps.log.warn({ inFlight: inFlight.size }, 'shutdown: gave up waiting for requests in flight');
      receiver.closeAllConnections();
      await closed;
    },
  };
}
