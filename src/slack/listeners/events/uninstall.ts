// Uninstall and revocation: the workspace's bot token is forgotten at once. Its personas and
// reviews stay until an admin purges them (`npm run cli -- workspace purge --team T…`).
import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { Logger } from '../../../logger.js';
import type { DbInstallationStore } from '../../oauth/installation-store.js';

type Ids = { teamId?: string; enterpriseId?: string };

export function registerUninstall(app: App, store: DbInstallationStore, log: Logger): void {
  const forget = async ({ teamId, enterpriseId }: Ids, why: string) => {
    const removed = await store.forget(teamId, enterpriseId);
    log.info({ team: teamId, enterprise: enterpriseId, removed }, `${why}: bot token forgotten; the workspace's data stays until purged`);
  };
  app.event('app_uninstalled', async ({ context }: SlackEventMiddlewareArgs<'app_uninstalled'> & AllMiddlewareArgs) => {
    await forget(context, 'app uninstalled');
  });
  app.event('tokens_revoked', async ({ event, context }: SlackEventMiddlewareArgs<'tokens_revoked'> & AllMiddlewareArgs) => {
    // Only the bot's token matters here: the app keeps no user tokens.
    if ((event.tokens.bot ?? []).length > 0) await forget(context, 'bot token revoked');
  });
}
