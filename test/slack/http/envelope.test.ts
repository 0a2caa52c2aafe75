// The receiver refuses what Bolt cannot route safely, and nothing Slack really sends: payloads
// in the shapes of Slack's documentation, including the less common ones, pass.
import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/slack/http/envelope.js';

const user = { id: 'U012AB3CD', username: 'ana', name: 'ana', team_id: 'T012AB3C4' };
const team = { id: 'T012AB3C4', domain: 'acme' };
const event = (e: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  token: 'x',
  team_id: 'T012AB3C4',
  api_app_id: 'A012AB3CD',
  type: 'event_callback',
  event_id: 'Ev012AB3CD',
  event_time: 1700000000,
  authorizations: [{ enterprise_id: null, team_id: 'T012AB3C4', user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
  event: e,
  ...extra,
});

describe('what Slack sends passes', () => {
  const accepted: Array<[string, Record<string, unknown>, string]> = [
    ['ssl_check', { ssl_check: '1', token: 'x' }, 'ssl_check'],
    ['url_verification', { token: 'x', challenge: 'abc', type: 'url_verification' }, 'url_verification'],
    [
      'app_rate_limited',
      { token: 'x', type: 'app_rate_limited', team_id: 'T012AB3C4', minute_rate_limited: 1518467820, api_app_id: 'A012AB3CD' },
      'rate_limited',
    ],
    [
      'a slash command',
      {
        token: 'x',
        team_id: 'T012AB3C4',
        team_domain: 'acme',
        enterprise_id: 'E012AB3CD',
        channel_id: 'C012AB3CD',
        user_id: 'U012AB3CD',
        command: '/persona',
        text: 'busy',
        response_url: 'https://hooks.slack.com/commands/1/2/3',
        trigger_id: '1.2.3',
        api_app_id: 'A012AB3CD',
        is_enterprise_install: 'false',
      },
      'command',
    ],
    [
      'a button in a message',
      {
        type: 'block_actions',
        team,
        user,
        api_app_id: 'A0',
        container: { type: 'message', message_ts: '1.2', channel_id: 'C012AB3CD', is_ephemeral: true },
        trigger_id: '1.2.3',
        channel: { id: 'C012AB3CD', name: 'x' },
        response_url: 'https://hooks.slack.com/actions/1/2/3',
        actions: [{ type: 'button', action_id: 'card_share', block_id: 'b', value: 'v', action_ts: '1.2' }],
      },
      'action',
    ],
    [
      'a button in the App Home of an org-wide install (team null)',
      {
        type: 'block_actions',
        team: null,
        enterprise: { id: 'E012AB3CD', name: 'corp' },
        is_enterprise_install: true,
        user,
        container: { type: 'view', view_id: 'V1' },
        trigger_id: '1.2.3',
        view: {
          id: 'V1',
          type: 'home',
          callback_id: '',
          private_metadata: '',
          state: { values: { b: { a: { type: 'plain_text_input', value: null } } } },
          app_installed_team_id: 'T012AB3C4',
        },
        actions: [{ type: 'plain_text_input', action_id: 'home_search', block_id: 'home_search', value: 'x', action_ts: '1.2' }],
      },
      'action',
    ],
    ['a global shortcut', { type: 'shortcut', token: 'x', action_ts: '1.2', team, user, callback_id: 'create_persona', trigger_id: '1.2.3' }, 'shortcut'],
    [
      'a message shortcut',
      {
        type: 'message_action',
        token: 'x',
        action_ts: '1.2',
        team,
        user,
        channel: { id: 'C012AB3CD', name: 'x' },
        callback_id: 'review_copy',
        trigger_id: '1.2.3',
        message_ts: '1.2',
        message: { type: 'message', user: 'U1', ts: '1.2', text: 'x' },
        response_url: 'https://hooks.slack.com/app/1/2/3',
      },
      'shortcut',
    ],
    [
      'a view submission',
      {
        type: 'view_submission',
        team,
        user,
        trigger_id: '1.2.3',
        view: {
          id: 'V1',
          type: 'modal',
          callback_id: 'persona_form',
          private_metadata: '{}',
          state: { values: { name: { value: { type: 'plain_text_input', value: 'x' } }, owner: { value: { type: 'users_select', selected_user: null } } } },
          hash: 'h',
          app_installed_team_id: 'T012AB3C4',
        },
        response_urls: [],
      },
      'view',
    ],
    ['a closed view', { type: 'view_closed', team, user, view: { id: 'V1', type: 'modal', callback_id: 'persona_form' }, is_cleared: false }, 'view'],
    ['a mention', event({ type: 'app_mention', user: 'U1', text: '<@U0BOT> review', ts: '1.2', channel: 'C1', event_ts: '1.2' }), 'event'],
    [
      'an edited message',
      event({
        type: 'message',
        subtype: 'message_changed',
        channel: 'C1',
        hidden: true,
        message: { type: 'message', user: 'U1', text: 'x', ts: '1.2' },
        previous_message: { type: 'message', user: 'U1', text: 'y', ts: '1.2' },
        event_ts: '1.3',
        ts: '1.3',
      }),
      'event',
    ],
    [
      'a deleted message',
      event({
        type: 'message',
        subtype: 'message_deleted',
        channel: 'C1',
        hidden: true,
        deleted_ts: '1.2',
        previous_message: { type: 'message', text: 'y', ts: '1.2' },
        event_ts: '1.3',
        ts: '1.3',
      }),
      'event',
    ],
    ['user_change (user is an object)', event({ type: 'user_change', user: { id: 'U1', name: 'x' }, event_ts: '1.2' }), 'event'],
    ['channel_created (channel is an object)', event({ type: 'channel_created', channel: { id: 'C1', name: 'x', created: 1, creator: 'U1' } }), 'event'],
    [
      'reaction_added',
      event({ type: 'reaction_added', user: 'U1', reaction: 'mag', item: { type: 'message', channel: 'C1', ts: '1.2' }, event_ts: '1.3' }),
      'event',
    ],
    [
      'an org-wide event (authorizations team_id null)',
      event(
        { type: 'app_home_opened', user: 'U1', channel: 'D1', tab: 'home' },
        {
          team_id: 'T012AB3C4',
          enterprise_id: 'E012AB3CD',
          authorizations: [{ enterprise_id: 'E012AB3CD', team_id: null, user_id: 'U0BOT', is_bot: true, is_enterprise_install: true }],
        },
      ),
      'event',
    ],
  ];
  for (const [name, body, kind] of accepted) {
    it(name, () => {
      expect(classify(body)).toEqual({ ok: true, kind });
    });
  }
});

describe('what Bolt would trip over is refused, with the reason', () => {
  const refused: Array<[string, Record<string, unknown>]> = [
    ['an event of null', { type: 'event_callback', event: null }],
    ['an event_callback without an event', { type: 'event_callback' }],
    ['an event whose item is not an object', event({ type: 'reaction_added', item: 'x' })],
    ['an event whose user is null', event({ type: 'app_mention', user: null })],
    ['workflow function events', event({ type: 'function_executed', function_execution_id: 'Fx1', bot_access_token: 'xwfp-1' })],
    [
      'interactivity with function_data',
      { type: 'block_actions', team, user, function_data: { execution_id: 'Fx1' }, bot_access_token: 'xwfp-1', actions: [{ type: 'button', action_id: 'x' }] },
    ],
    ['a button with a numeric action id', { type: 'block_actions', team, user, actions: [{ type: 'button', action_id: 5 }] }],
    ['a button click without a user', { type: 'block_actions', team, actions: [{ type: 'button', action_id: 'x' }] }],
    ['a channel of null', { type: 'block_actions', team, user, channel: null, actions: [{ type: 'button', action_id: 'x' }] }],
    ['a workspace id that is not one', { type: 'shortcut', team: { id: 'x'.repeat(10_000) }, user, callback_id: 'c', trigger_id: 't' }],
    ['a command with text of the wrong type and no response_url', { command: '/persona', text: 5, team_id: 'T1', user_id: 'U1' }],
    ['an unknown type', { type: 'interactive_message', team, user }],
    ['no type at all', { hello: 'world' }],
  ];
  for (const [name, body] of refused) {
    it(name, () => {
      const result = classify(body);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason.length).toBeGreaterThan(0);
    });
  }
});
