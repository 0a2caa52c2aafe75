// Bolt, the Web API client and the OAuth installer log through @slack/logger's interface; route
// them into pino. At debug they log request bodies and results, which can hold tokens and the
// client secret (oauth.v2.access): those are scrubbed here, whatever the level.
import { LogLevel } from '@slack/bolt';
import type { Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../logger.js';

const TOKEN = /xox[a-z]-[A-Za-z0-9-]+/g;
const SECRET_FIELD = /("(?:client_secret|access_token|refresh_token|token|code)"\s*:\s*)"(?:[^"\\]|\\.)*"/g;
const SECRET_PARAM = /\b((?:client_secret|token|code)=)[^&\s"]+/g;

/** A log line without Slack tokens, secrets or OAuth codes. */
export function scrubSecrets(text: string): string {
  return text.replace(TOKEN, 'xox?-[redacted]').replace(SECRET_FIELD, '$1"[redacted]"').replace(SECRET_PARAM, '$1[redacted]');
}

export function boltLogger(log: Logger, component = 'bolt'): SlackLogger {
  const child = log.child({ component });
  const join = (msg: unknown[]) => scrubSecrets(msg.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(' '));
  return {
    debug: (...msg) => child.debug(join(msg)),
    info: (...msg) => child.info(join(msg)),
    warn: (...msg) => child.warn(join(msg)),
    error: (...msg) => child.error(join(msg)),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}
