// Slack-shaped payloads for the local console: the same bodies Slack sends to /slack/events,
// so the bot cannot tell the console from Slack.
import { randomBytes } from 'node:crypto';

export const LOCAL = {
  team: 'T_LOCAL',
  user: 'U0LOCALUSER',
  userName: 'you',
  channel: 'C0LOCAL',
  channelName: 'local-console',
  botUserId: 'U0LOCALBOT',
  botId: 'B0LOCALBOT',
  appId: 'A0LOCAL',
} as const;

/** The app's global shortcuts (manifest.yml), offered in the console's ⚡ menu as Slack offers them. */
export const GLOBAL_SHORTCUTS = [{ callbackId: 'create_persona', name: 'Create persona' }] as const;

export const triggerId = (): string => `${Date.now()}.${randomBytes(6).toString('hex')}`;

export function slashCommand(text: string, responseUrl: string): string {
  return new URLSearchParams({
    token: 'local',
    team_id: LOCAL.team,
    team_domain: 'local',
    channel_id: LOCAL.channel,
    channel_name: LOCAL.channelName,
    user_id: LOCAL.user,
    user_name: LOCAL.userName,
    command: '/persona',
    text,
    api_app_id: LOCAL.appId,
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: triggerId(),
  }).toString();
}

export function interaction(payload: Record<string, unknown>): string {
  return new URLSearchParams({
    payload: JSON.stringify({
      token: 'local',
      api_app_id: LOCAL.appId,
      team: { id: LOCAL.team, domain: 'local' },
      user: { id: LOCAL.user, username: LOCAL.userName, name: LOCAL.userName, team_id: LOCAL.team },
      trigger_id: triggerId(),
      ...payload,
    }),
  }).toString();
}

export function eventCallback(event: Record<string, unknown>): string {
  return JSON.stringify({
    token: 'local',
    team_id: LOCAL.team,
    api_app_id: LOCAL.appId,
    type: 'event_callback',
    event_id: `Ev${randomBytes(8).toString('hex').toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: LOCAL.team, user_id: LOCAL.botUserId, is_bot: true }],
    event,
  });
}
