import { describe, expect, it } from 'vitest';
import { appEnvSchema, ConfigError, ENV_HINTS, envWarnings, parseEnv, slackCredentials } from '../../src/config/env.js';

describe('environment', () => {
  it('has defaults for everything but Slack credentials', () => {
    const env = parseEnv(appEnvSchema, {});
    expect(env).toMatchObject({ PORT: 3000, STALE_AFTER_DAYS: 90, ADMIN_USER_IDS: [] });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(slackCredentials(env)).toBeNull();
  });

  it('lists every bad setting in one message, with where to get it', () => {
    let message = '';
    try {
      parseEnv(appEnvSchema, { SLACK_BOT_TOKEN: 'xoxp-user', PORT: 'eighty', DATABASE_URL: 'mysql://x', ADMIN_USER_IDS: 'alice' }, ENV_HINTS);
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      message = (err as Error).message;
    }
    const lines = message.split('\n');
    expect(lines[0]).toBe('Configuration problems:');
    expect(lines).toEqual(
      expect.arrayContaining([
        `  DATABASE_URL DATABASE_URL must start with postgres://, postgresql:// or pglite: (for example pglite:memory). ${ENV_HINTS.DATABASE_URL}`,
        `  SLACK_BOT_TOKEN must be a bot token starting with xoxb-. ${ENV_HINTS.SLACK_BOT_TOKEN}`,
        '  PORT must be a whole number',
        '  ADMIN_USER_IDS must list Slack user ids such as U012ABCDEF, separated by commas',
      ]),
    );
    expect(message).not.toContain('xoxp-user');
  });

  it('accepts a signing secret that is not 32 hexadecimal characters, with a warning that says where to find the real one', () => {
    // The sample secret in Slack's own documentation is not hexadecimal.
    for (const secret of ['8f742231b10e8888abcd99yyyzzz85a5', 'nothex!']) {
      const env = parseEnv(appEnvSchema, { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: secret });
      expect(slackCredentials(env)).toMatchObject({ mode: 'http', signingSecret: secret });
      const [warning] = envWarnings(env);
      expect(warning?.key).toBe('SLACK_SIGNING_SECRET');
      expect(warning?.message).toContain(ENV_HINTS.SLACK_SIGNING_SECRET);
      expect(warning?.message).not.toContain(secret);
    }
    expect(envWarnings(parseEnv(appEnvSchema, { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99aaabbb85a5' }))).toEqual([]);
    expect(envWarnings(parseEnv(appEnvSchema, {}))).toEqual([]);
  });

  it('treats half a Slack configuration as an error, not as local mode', () => {
    const env = parseEnv(appEnvSchema, { SLACK_BOT_TOKEN: 'xoxb-1' });
    expect(() => slackCredentials(env)).toThrow(/SLACK_SIGNING_SECRET is not set/);
  });

  it('picks HTTP or Socket Mode', () => {
    const base = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abcdef0123456789' };
    expect(slackCredentials(parseEnv(appEnvSchema, base))?.mode).toBe('http');
    expect(slackCredentials(parseEnv(appEnvSchema, { ...base, SLACK_APP_TOKEN: 'xapp-1' }))?.mode).toBe('socket');
    expect(parseEnv(appEnvSchema, { ...base, SLACK_API_URL: 'http://127.0.0.1:9/api' }).SLACK_API_URL).toBe('http://127.0.0.1:9/api/');
    expect(parseEnv(appEnvSchema, { ADMIN_USER_IDS: 'U1, U2 W3' }).ADMIN_USER_IDS).toEqual(['U1', 'U2', 'W3']);
  });
});

describe('OAuth settings', () => {
  const key = Buffer.alloc(32, 3).toString('base64');
  const oauth = {
    SLACK_CLIENT_ID: '1111.2222',
    SLACK_CLIENT_SECRET: 'secret',
    SLACK_STATE_SECRET: 'state-secret-0123456789',
    SLACK_SIGNING_SECRET: '0123456789abcdef0123456789abcdef',
    SLACK_TOKEN_KEYS: `k2:${key}, k1:${key}`,
  };

  it('switches to OAuth installs when the client id is set and no bot token, with the token keys in order', () => {
    const c = slackCredentials(parseEnv(appEnvSchema, oauth));
    expect(c).toMatchObject({ mode: 'oauth', clientId: '1111.2222' });
    expect(c?.mode === 'oauth' && c.tokenKeys.map((k) => [k.id, k.key.length])).toEqual([
      ['k2', 32],
      ['k1', 32],
    ]);
  });

  it('names every missing OAuth setting at once', () => {
    expect(() => slackCredentials(parseEnv(appEnvSchema, { SLACK_CLIENT_ID: '1111.2222' }))).toThrow(
      /SLACK_CLIENT_SECRET is not set[\s\S]*SLACK_STATE_SECRET is not set[\s\S]*SLACK_SIGNING_SECRET is not set[\s\S]*SLACK_TOKEN_KEYS is not set/,
    );
  });

  it('refuses token keys that are not 32 bytes, not id:base64, or repeated', () => {
    expect(() => parseEnv(appEnvSchema, { ...oauth, SLACK_TOKEN_KEYS: `k1:${Buffer.alloc(16).toString('base64')}` })).toThrow(/key "k1" must be 32 bytes/);
    expect(() => parseEnv(appEnvSchema, { ...oauth, SLACK_TOKEN_KEYS: 'just-a-password' })).toThrow(/id:base64 pairs/);
    expect(() => parseEnv(appEnvSchema, { ...oauth, SLACK_TOKEN_KEYS: `k1:${key},k1:${key}` })).toThrow(/given twice/);
  });

  it('keeps a bot token install as it is when both are set', () => {
    expect(slackCredentials(parseEnv(appEnvSchema, { ...oauth, SLACK_BOT_TOKEN: 'xoxb-1' }))?.mode).toBe('http');
  });
});
