// The OAuth install flow on our receiver: GET /slack/install (an "Add to Slack" page with
// Slack's authorize URL and a signed state, also set as a cookie) and GET /slack/oauth_redirect
// (state checked, code exchanged with oauth.v2.access at the configured Web API, install stored).
// @slack/oauth's InstallProvider does the protocol; the pages are ours.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { InstallProvider } from '@slack/oauth';
import type { Installation } from '@slack/oauth';
import type { Logger } from '../../logger.js';
import { boltLogger } from '../bolt-logger.js';
import type { RouteHandler } from '../http/receiver.js';
import type { DbInstallationStore } from './installation-store.js';
import { BOT_SCOPES } from './scopes.js';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

export interface InstallRoutesOptions {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  store: DbInstallationStore;
  log: Logger;
  /** Base URL of the Web API (tests point it at a fake Slack). */
  apiUrl?: string;
  /** Slack's authorize page (tests point it elsewhere; default Slack's). */
  authorizationUrl?: string;
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>` +
  '<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1d1c1d}code{background:#f4f4f4;padding:0 .25rem}a.button{display:inline-block;background:#4a154b;color:#fff;padding:.6rem 1.2rem;border-radius:6px;text-decoration:none}</style>' +
  `</head><body>${body}</body></html>`;

export function installRoutes(opts: InstallRoutesOptions): Record<string, RouteHandler> {
  const provider = new InstallProvider({
    clientId: opts.clientId,
    clientSecret: opts.clientSecret,
    stateSecret: opts.stateSecret,
    installationStore: opts.store,
    ...(opts.authorizationUrl ? { authorizationUrl: opts.authorizationUrl } : {}),
    ...(opts.apiUrl ? { clientOptions: { slackApiUrl: opts.apiUrl } } : {}),
    // The "Add to Slack" page, not a bare redirect: people see what they are about to install.
    renderHtmlForInstallPath: (url) =>
      page(
        'Install Persona Bot',
        `<h1>Persona Bot</h1><p>Keeps your customer personas alive in Slack: look them up with <code>/persona</code>, review ad copy against them, and keep them fresh.</p><p><a class="button" href="${escapeHtml(url)}">Add to Slack</a></p>`,
      ),
    logger: boltLogger(opts.log, 'oauth'),
  });

  const success = (installation: Installation, _o: unknown, _req: IncomingMessage, res: ServerResponse) => {
    const where = installation.isEnterpriseInstall ? `your organisation ${installation.enterprise?.name ?? ''}` : (installation.team?.name ?? 'your workspace');
    opts.log.info({ team: installation.team?.id, enterprise: installation.enterprise?.id, org: installation.isEnterpriseInstall === true }, 'installed');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    // Slack's guidance for the page after an install: say it worked, and what to try first.
    res.end(
      page(
        'Persona Bot is installed',
        `<h1>Persona Bot is installed in ${escapeHtml(where)}</h1><p>What to try first, in any channel:</p><ul><li><code>/persona list</code> to see the personas (a new workspace starts with none: import yours with <code>npm run cli -- import</code> on the bot's host)</li><li><code>/persona busy</code> to find one by a few words</li><li>on a draft message, <b>⋯ → Review copy</b></li></ul><p>You can close this tab and return to Slack.</p>`,
      ),
    );
  };
  const failure = (error: { code?: string; message: string }, _o: unknown, _req: IncomingMessage, res: ServerResponse) => {
    // Logged without the request (its query holds the code and state).
    opts.log.warn({ code: error.code }, 'install failed');
    res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      page(
        'Install did not complete',
        `<h1>The install did not complete</h1><p>The link may have expired or been opened in another browser. <a href="${INSTALL_PATH}">Start again</a>.</p>`,
      ),
    );
  };

  const scopes = [...BOT_SCOPES];
  return {
    [INSTALL_PATH]: (req, res) => {
      provider.handleInstallPath(req, res, {}, { scopes }).catch((err: unknown) => {
        opts.log.error({ err }, 'install page failed');
        if (!res.headersSent) res.writeHead(500).end();
      });
    },
    [REDIRECT_PATH]: (req, res) => {
      provider.handleCallback(req, res, { success, failure }, { scopes }).catch((err: unknown) => {
        opts.log.error({ err }, 'install callback failed');
        if (!res.headersSent) res.writeHead(500).end();
      });
    },
  };
}
