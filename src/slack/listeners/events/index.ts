import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { AppDeps } from '../../deps.js';
import { handled } from '../../middleware/handled.js';
import { teamOf } from '../../middleware/team.js';
import { homeReply } from '../replies/home.js';
import { appMention } from './app-mention.js';

/** App Home opened: publish the catalog for this viewer. */
export function appHomeOpened(deps: AppDeps) {
  return handled<SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs>(
    { name: 'publishing App Home', log: deps.log },
    async ({ event, client, context }) => {
      if (event.tab !== 'home') return;
      await client.views.publish({ user_id: event.user, view: await homeReply(deps, teamOf(context), event.user) });
    },
  );
}

export function register(app: App, deps: AppDeps): void {
  app.event('app_home_opened', appHomeOpened(deps));
  app.event('app_mention', appMention(deps));
}
