import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { AppDeps } from '../../deps.js';
import { homeReply } from '../../replies/home.js';
import { appMention } from './app-mention.js';
import { channelMessage } from './message.js';

/** App Home opened: publish the catalog for this viewer. */
export function appHomeOpened(deps: AppDeps) {
  return async ({ event, body, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    try {
      const teamId = (body as { team_id?: string }).team_id ?? '';
      await client.views.publish({ user_id: event.user, view: await homeReply(deps, teamId, event.user) });
    } catch (err) {
      deps.log.error({ err }, 'publishing App Home failed');
    }
  };
}

export function register(app: App, deps: AppDeps): void {
  app.event('app_home_opened', appHomeOpened(deps));
  app.event('app_mention', appMention(deps));
  app.event('message', channelMessage(deps));
}
