// Builds the Bolt app: HTTP mode (POST /slack/events, GET /healthz) or Socket Mode.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { Clock } from '../domain/clock.js';
import type { SlackCredentials } from '../config/env.js';
import { boltLogger } from './bolt-logger.js';
import type { AppDeps } from './deps.js';
import { SlackReceiver } from './http/receiver.js';
import type { RouteHandler } from './http/receiver.js';
import { SocketReceiver } from './socket/receiver.js';
import { postingFetch } from './response-url-fetch.js';
import { registerListeners } from './listeners/index.js';
import { registerUninstall } from './listeners/events/uninstall.js';
import { authorizeFromStore } from './oauth/installation-store.js';
import type { DbInstallationStore } from './oauth/installation-store.js';
import { installRoutes } from './oauth/install-routes.js';
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
  /** OAuth mode: where installs are kept, and (tests) where Slack's authorize page is. */
  oauth?: { store: DbInstallationStore; authorizationUrl?: string };
  /** Other endpoints served on the same port, any method (the MCP endpoint at /mcp). */
  mounts?: Record<string, RouteHandler>;
}

export interface SlackApp {
  app: App;
  /** The port the HTTP server listens on (the health port in Socket Mode). */
  port: number;
  /** Listener work still running after its request was acknowledged. */
  inFlight: InFlight;
  /** A Web API client with the workspace's bot token (OAuth: its install's; null when it has none). */
  clientFor(teamId: string): Promise<WebClient | null>;
  /** OAuth: the workspaces installed; null with a single bot token. */
  installedTeams(): Promise<string[] | null>;
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
  const credentials = opts.credentials;
  const common = {
    logger,
    clientOptions,
    convoStore: false as const,
    ...(opts.botUserId ? { botUserId: opts.botUserId } : {}),
    ...(opts.botId ? { botId: opts.botId } : {}),
  };

  if (credentials.mode === 'socket') {
    // Message events are acknowledged only once their auto-review job is recorded, as over HTTP.
    const receiver = new SocketReceiver({
      appToken: credentials.appToken,
      log: opts.deps.log,
      boltLogger: logger,
      clientOptions,
      intake: autoReviewIntake(opts.deps, opts.botUserId),
    });
    const app = new App({ ...common, token: credentials.botToken, receiver });
    const inFlight = new InFlight();
    app.use(requestLog(opts.deps.log, inFlight));
    useMiddleware(app, opts.deps);
    registerListeners(app, opts.deps);
    await app.start();
    // Socket Mode has no inbound HTTP; keep /healthz for orchestrators on its own server.
    const server = createServer((req, res) => {
      if (req.method === 'GET' && req.url === HEALTH_PATH) return healthHandler(opts.healthy)(req, res);
      const mount = opts.mounts?.[(req.url ?? '/').split('?')[0]!];
      if (mount) return mount(req, res);
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(opts.port, opts.host, resolve));
    return {
      app,
      port: (server.address() as AddressInfo).port,
      inFlight,
      clientFor: async () => app.client,
      installedTeams: async () => null,
      async stop(drainMs = DEFAULT_DRAIN_MS) {
        await app.stop();
        await inFlight.drain(drainMs);
        await new Promise<void>((resolve) => server.close(() => resolve()));
      },
    };
  }

  // Answers Slack as soon as a listener acks; work after the ack goes on in the background.
  // OAuth installs: the install pages beside the events endpoint, and each request's token from the store.
  const oauth = credentials.mode === 'oauth' ? opts.oauth : undefined;
  if (credentials.mode === 'oauth' && !oauth) throw new Error('OAuth credentials need an installation store');
  const receiver = new SlackReceiver({
    signingSecret: credentials.signingSecret,
    endpoint: EVENTS_PATH,
    routes: {
      [HEALTH_PATH]: healthHandler(opts.healthy),
      ...(credentials.mode === 'oauth' && oauth
        ? installRoutes({
            clientId: credentials.clientId,
            clientSecret: credentials.clientSecret,
            stateSecret: credentials.stateSecret,
            store: oauth.store,
            log: opts.deps.log,
            ...(opts.apiUrl ? { apiUrl: opts.apiUrl } : {}),
            ...(oauth.authorizationUrl ? { authorizationUrl: oauth.authorizationUrl } : {}),
          })
        : {}),
    },
    ...(opts.mounts ? { mounts: opts.mounts } : {}),
    log: opts.deps.log,
    boltLogger: logger,
    intake: autoReviewIntake(opts.deps, opts.botUserId),
    ...(opts.requestClock ? { clock: opts.requestClock } : {}),
  });
  const app = oauth
    ? new App({ logger, clientOptions, convoStore: false, receiver, authorize: authorizeFromStore(oauth.store, opts.deps.log) })
    : new App({ ...common, token: (credentials as { botToken: string }).botToken, receiver });
  if (oauth) registerUninstall(app, oauth.store, opts.deps.log);
  const inFlight = new InFlight();
  app.use(requestLog(opts.deps.log, inFlight));
  useMiddleware(app, opts.deps);
  registerListeners(app, opts.deps);
  app.error(async (err) => {
    // A workspace that never installed is logged once, by authorize: not again per request.
    if ((err.original as Error | undefined)?.name === 'NotInstalledError') return;
    opts.deps.log.error({ err: err.original ?? err, code: err.code }, 'unhandled error in a listener');
  });
  await receiver.start(opts.port, opts.host);
  return {
    app,
    port: receiver.port,
    inFlight,
    async clientFor(teamId) {
      if (!oauth) return app.client;
      const token = await oauth.store.tokenFor(teamId);
      return token ? new WebClient(token, { logger, ...clientOptions }) : null;
    },
    installedTeams: async () => (oauth ? oauth.store.installedTeams() : null),
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
