// Requests signed exactly as Slack signs them: HMAC-SHA256 over `v0:<timestamp>:<raw body>`
// with the signing secret, in X-Slack-Signature, and the timestamp in X-Slack-Request-Timestamp.
import { createHmac } from 'node:crypto';

export const TEST_SIGNING_SECRET = '5ec2e7f00dfeedc0ffee5ec2e7f00d42';

export interface SendOptions {
  secret?: string;
  /** Seconds since the epoch; defaults to now. A string is sent as it is (and signed over as it is). */
  timestamp?: number | string;
  retryNum?: number;
  signature?: string;
}

export function sign(secret: string, timestamp: number | string, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export async function sendSigned(url: string, body: string, contentType: string, opts: SendOptions = {}): Promise<Response> {
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': opts.signature ?? sign(opts.secret ?? TEST_SIGNING_SECRET, timestamp, body),
  };
  if (opts.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(opts.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  return fetch(url, { method: 'POST', headers, body });
}

export interface CommandFields {
  text: string;
  team_id?: string;
  user_id?: string;
  channel_id?: string;
  response_url: string;
  command?: string;
}

export function slashCommandBody(f: CommandFields): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: f.team_id ?? 'TTEST',
    team_domain: 'test',
    channel_id: f.channel_id ?? 'C0TEST',
    channel_name: 'marketing',
    user_id: f.user_id ?? 'U0ASKER',
    user_name: 'marketer',
    command: f.command ?? '/persona',
    text: f.text,
    api_app_id: 'A0TEST',
    is_enterprise_install: 'false',
    response_url: f.response_url,
    trigger_id: '13345224609.738474920.8088930838d88f008e0',
  }).toString();
}

export function interactionBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export interface ButtonClick {
  actionId: string;
  value: string;
  responseUrl: string;
  team?: string;
  user?: string;
  channel?: string;
  /** The message the button is on; by default a new one for each click. */
  messageTs?: string;
  /** Slack stamps each click with its own action_ts; the same one again is a redelivery. */
  actionTs?: string;
}

let clicks = 0;
const nextTs = () => `1700000001.${String(++clicks).padStart(6, '0')}`;

export function buttonPayload(c: ButtonClick): Record<string, unknown> {
  return {
    type: 'block_actions',
    api_app_id: 'A0TEST',
    token: 'deprecated-verification-token',
    team: { id: c.team ?? 'TTEST', domain: 'test' },
    user: { id: c.user ?? 'U0ASKER', username: 'marketer', team_id: c.team ?? 'TTEST' },
    channel: { id: c.channel ?? 'C0TEST', name: 'marketing' },
    container: { type: 'message', message_ts: c.messageTs ?? nextTs(), channel_id: c.channel ?? 'C0TEST', is_ephemeral: true },
    trigger_id: '13345224609.738474920.8088930838d88f008e0',
    response_url: c.responseUrl,
    actions: [
      { type: 'button', action_id: c.actionId, block_id: 'b1', value: c.value, action_ts: c.actionTs ?? nextTs(), text: { type: 'plain_text', text: 'x' } },
    ],
  };
}
