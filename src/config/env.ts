// Settings come from the environment and are checked with zod once, at start-up:
// a bad setting stops the process with one message naming every problem.
import { z } from 'zod';
import { parseDatabaseUrl } from './database-url.js';
import { isValidCron, isValidTimeZone } from './validators.js';

export const DEFAULT_TEAM_ID = 'T_LOCAL';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

export const storeEnvSchema = z.object({
  DATABASE_URL: optionalString.superRefine((v, ctx) => {
    try {
      parseDatabaseUrl(v);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
    }
  }),
  SLACK_TEAM_ID: optionalString.pipe(
    z
      .string()
      .regex(/^T[A-Z0-9_]+$/, 'must be a Slack workspace id such as T012ABCDEF')
      .optional(),
  ),
});

export type StoreEnv = z.output<typeof storeEnvSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses `env` with `schema`; the error lists every bad setting, one per line, with `hint` lines for where to get them. */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv, hints: Record<string, string> = {}): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '(environment)');
    const message = issue.code === 'invalid_type' && issue.input === undefined ? 'is not set' : issue.message;
    const hint = hints[key];
    return `  ${key} ${message}${hint ? `. ${hint}` : ''}`;
  });
  throw new ConfigError(`Configuration problems:\n${lines.join('\n')}`);
}

const positiveInt = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? String(fallback) : v.trim()))
    .pipe(z.string().regex(/^\d+$/, 'must be a whole number').transform(Number));

const slackIdList = z
  .string()
  .optional()
  .transform((v) => (v ?? '').split(/[\s,]+/).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[UW][A-Z0-9]+$/, 'must list Slack user ids such as U012ABCDEF, separated by commas')));

/** Everything `npm start` reads. Slack credentials are checked as a group in `slackCredentials`. */
export const appEnvSchema = storeEnvSchema.extend({
  SLACK_BOT_TOKEN: optionalString.pipe(z.string().startsWith('xoxb-', 'must be a bot token starting with xoxb-').optional()),
  // Its format is only warned about (envWarnings): Slack's own documentation shows a secret that is not hexadecimal.
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString.pipe(z.string().startsWith('xapp-', 'must be an app-level token starting with xapp-').optional()),
  SLACK_API_URL: optionalString.pipe(
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://slack.com/api/' })
      .transform((u) => (u.endsWith('/') ? u : `${u}/`))
      .optional(),
  ),
  PORT: positiveInt(3000).pipe(z.number().int().min(0).max(65535, 'must be a port number')),
  HOST: optionalString,
  STALE_AFTER_DAYS: positiveInt(90).pipe(z.number().int().min(1, 'must be at least 1 day')),
  ADMIN_USER_IDS: slackIdList,
  REMINDER_CRON: optionalString
    .transform((v) => v ?? '0 9 * * 1')
    .pipe(z.string().refine(isValidCron, 'must be a cron expression such as "0 9 * * 1" (Mondays 09:00)')),
  REMINDER_TZ: optionalString.transform((v) => v ?? 'UTC').pipe(z.string().refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Berlin')),
  REMINDER_CHANNEL: optionalString.pipe(
    z
      .string()
      .regex(/^[CG][A-Z0-9]+$/, 'must be a channel id such as C012ABCDEF')
      .optional(),
  ),
  /** Least time between two of the bot's messages in one channel (Slack allows about one a second). */
  SLACK_CHANNEL_PACE_MS: positiveInt(1000),
  /**
   * How long a database call made for a person (a command, a shortcut, an event's record) may
   * take before they are told to try again; below Slack's 3 s. While the database is not
   * answering at all, such calls fail at once (and /healthz says 503) until it answers again.
   */
  DB_DEADLINE_MS: positiveInt(2000),
  /** A queued job locked this long belongs to a replica that died (kill -9): another replica runs it. */
  JOB_LOCK_TIMEOUT_MS: positiveInt(120_000),
  /** `off` reviews by word overlap only (no sentence model: faster start, less memory). */
  REVIEW_MODEL: optionalString.transform((v) => v !== 'off'),
  /** Keep the text of reviewed drafts (default: only a hash). */
  REVIEW_STORE_TEXT: optionalString.transform((v) => v === 'on' || v === 'true' || v === '1'),
  /** `off`: this process does not queue the weekly reminder job (one-off processes, tests); it still runs reminder jobs. */
  REMINDERS: optionalString.transform((v) => v !== 'off'),
  // OAuth installs (several workspaces): the app's client id and secret, a secret that signs
  // the install state, and the keys bot tokens are encrypted with at rest.
  SLACK_CLIENT_ID: optionalString.pipe(
    z
      .string()
      .regex(/^\d+\.\d+$/, 'must be a client id such as 1234567890.1234567890')
      .optional(),
  ),
  SLACK_CLIENT_SECRET: optionalString,
  SLACK_STATE_SECRET: optionalString.pipe(z.string().min(16, 'must be at least 16 characters (for example: openssl rand -hex 32)').optional()),
  /**
   * `id:base64key[,id:base64key…]`: 32-byte AES-256-GCM keys; the first encrypts, every one
   * decrypts (rotation: put the new key first, run `npm run cli -- workspace rekey`, then drop the old).
   */
  SLACK_TOKEN_KEYS: optionalString.pipe(
    z
      .string()
      .refine((v) => tokenKeysProblem(v) === null, { error: (i) => tokenKeysProblem(String(i.input)) ?? '' })
      .optional(),
  ),
  /**
   * Turns on the MCP endpoint (POST /mcp on PORT) for remote assistants, which send it as a
   * bearer token. Long and random: it reads and reviews the workspace's personas.
   */
  MCP_TOKEN: optionalString.pipe(
    z
      .string()
      .min(32, 'must be at least 32 characters (for example: openssl rand -hex 32)')
      .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces (it travels in an Authorization header)')
      .optional(),
  ),
});

export type AppEnv = z.output<typeof appEnvSchema>;

/** What `npm run mcp` (the stdio MCP server) reads: the store, the workspace and the review settings. */
export const mcpEnvSchema = storeEnvSchema.extend({
  STALE_AFTER_DAYS: appEnvSchema.shape.STALE_AFTER_DAYS,
  REVIEW_MODEL: appEnvSchema.shape.REVIEW_MODEL,
  REVIEW_STORE_TEXT: appEnvSchema.shape.REVIEW_STORE_TEXT,
});

export const ENV_HINTS: Record<string, string> = {
  SLACK_BOT_TOKEN: 'Find it under OAuth & Permissions → Bot User OAuth Token after installing the app from manifest.yml',
  SLACK_SIGNING_SECRET: 'Find it under Basic Information → App Credentials → Signing Secret',
  SLACK_APP_TOKEN: 'Only for Socket Mode: Basic Information → App-Level Tokens, with the connections:write scope',
  SLACK_CLIENT_ID: 'For OAuth installs: Basic Information → App Credentials (Client ID and Client Secret)',
  SLACK_API_URL: 'Leave it unset in production; tests point it at a local fake Slack',
  DATABASE_URL: 'Leave it unset for the embedded database in ./data/pglite',
};

export interface EnvWarning {
  key: string;
  message: string;
}

/**
 * Settings that are allowed but look wrong. Slack's signing secrets are 32 hexadecimal
 * characters; one that is not is most likely copied from the wrong field (or from the sample
 * in Slack's documentation, `8f742231b10e8888abcd99yyyzzz85a5`), and every request would then
 * be refused with 401. It is still accepted: the format is Slack's to change.
 */
export function envWarnings(env: AppEnv): EnvWarning[] {
  const out: EnvWarning[] = [];
  const secret = env.SLACK_SIGNING_SECRET;
  if (secret !== undefined && !/^[0-9a-f]{32}$/i.test(secret)) {
    out.push({
      key: 'SLACK_SIGNING_SECRET',
      message: `SLACK_SIGNING_SECRET is not 32 hexadecimal characters, as Slack's signing secrets are; if Slack's requests are refused with 401, this is why. ${ENV_HINTS.SLACK_SIGNING_SECRET}`,
    });
  }
  return out;
}

export type SlackCredentials =
  | { mode: 'http'; botToken: string; signingSecret: string }
  | { mode: 'socket'; botToken: string; signingSecret: string; appToken: string }
  | { mode: 'oauth'; signingSecret: string; clientId: string; clientSecret: string; stateSecret: string; tokenKeys: TokenKey[] };

export interface TokenKey {
  id: string;
  key: Buffer;
}

/** Reads SLACK_TOKEN_KEYS: `id:base64` pairs, comma-separated, each key 32 bytes. */
export function parseTokenKeys(raw: string): TokenKey[] {
  return raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const at = part.indexOf(':');
      return { id: part.slice(0, at), key: Buffer.from(part.slice(at + 1), 'base64') };
    });
}

function tokenKeysProblem(raw: string): string | null {
  const parts = raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return 'must list at least one key as id:base64';
  const ids = new Set<string>();
  for (const part of parts) {
    const m = /^([A-Za-z0-9_-]{1,32}):([A-Za-z0-9+/]+={0,2})$/.exec(part);
    if (!m) return 'must be id:base64 pairs separated by commas, such as k1:<32 bytes in base64> (openssl rand -base64 32)';
    if (Buffer.from(m[2]!, 'base64').length !== 32) return `key "${m[1]}" must be 32 bytes (openssl rand -base64 32)`;
    if (ids.has(m[1]!)) return `key id "${m[1]}" is given twice`;
    ids.add(m[1]!);
  }
  return null;
}

/** The Slack part of the settings, or null when none is set. Half a configuration is an error, not local mode. */
export function slackCredentials(env: AppEnv): SlackCredentials | null {
  const { SLACK_BOT_TOKEN: botToken, SLACK_SIGNING_SECRET: signingSecret, SLACK_APP_TOKEN: appToken } = env;
  const { SLACK_CLIENT_ID: clientId, SLACK_CLIENT_SECRET: clientSecret, SLACK_STATE_SECRET: stateSecret, SLACK_TOKEN_KEYS: keys } = env;
  if (!botToken && (clientId || clientSecret || stateSecret)) {
    // OAuth: every workspace that installs the app gets its own bot token, kept encrypted.
    const missing = [
      !clientId && `  SLACK_CLIENT_ID is not set. ${ENV_HINTS.SLACK_CLIENT_ID}`,
      !clientSecret && `  SLACK_CLIENT_SECRET is not set. ${ENV_HINTS.SLACK_CLIENT_ID}`,
      !stateSecret && '  SLACK_STATE_SECRET is not set. Any long random string: openssl rand -hex 32',
      !signingSecret && `  SLACK_SIGNING_SECRET is not set. ${ENV_HINTS.SLACK_SIGNING_SECRET}`,
      !keys && '  SLACK_TOKEN_KEYS is not set. Bot tokens are stored encrypted: k1:$(openssl rand -base64 32)',
      appToken && '  SLACK_APP_TOKEN is set: Socket Mode runs with one bot token (SLACK_BOT_TOKEN), not with OAuth installs',
    ].filter(Boolean);
    if (missing.length > 0 || !clientId || !clientSecret || !stateSecret || !signingSecret || !keys)
      throw new ConfigError(`Configuration problems:\n${missing.join('\n')}`);
    return { mode: 'oauth', signingSecret, clientId, clientSecret, stateSecret, tokenKeys: parseTokenKeys(keys) };
  }
  if (!botToken && !signingSecret && !appToken) return null;
  const missing = [
    !botToken && `  SLACK_BOT_TOKEN is not set. ${ENV_HINTS.SLACK_BOT_TOKEN}`,
    !signingSecret && `  SLACK_SIGNING_SECRET is not set. ${ENV_HINTS.SLACK_SIGNING_SECRET}`,
  ].filter(Boolean);
  if (missing.length > 0 || !botToken || !signingSecret) throw new ConfigError(`Configuration problems:\n${missing.join('\n')}`);
  return appToken ? { mode: 'socket', botToken, signingSecret, appToken } : { mode: 'http', botToken, signingSecret };
}
