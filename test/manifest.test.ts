import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CALLBACK_IDS, SLASH_COMMAND } from '../src/slack/ids.js';
import { BOT_SCOPES } from '../src/slack/oauth/scopes.js';
import { REDIRECT_PATH } from '../src/slack/oauth/install-routes.js';

const manifest = parse(readFileSync('manifest.yml', 'utf8'));
const schema = JSON.parse(readFileSync('test/fixtures/slack/manifest.schema.1.0.0.json', 'utf8'));

describe('manifest.yml', () => {
  it("validates against Slack's published manifest schema", () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    // Slack's schema spells one pattern as a custom "regex" keyword; check it too.
    ajv.addKeyword({ keyword: 'regex', type: 'string', schemaType: 'string', validate: (pattern: string, data: string) => new RegExp(pattern).test(data) });
    const validate = ajv.compile(schema);
    const ok = validate(manifest);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('catches a typo, as Slack would', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addKeyword({ keyword: 'regex', type: 'string', schemaType: 'string', validate: () => true });
    const validate = ajv.compile(schema);
    const broken = structuredClone(manifest);
    broken.features.bot_user.dispaly_name = 'x';
    expect(validate(broken)).toBe(false);
  });

  it('declares what the code answers to', () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual([SLASH_COMMAND]);
    const shortcuts = manifest.features.shortcuts.map((s: { callback_id: string; type: string }) => [s.callback_id, s.type]);
    expect(shortcuts).toEqual([
      [CALLBACK_IDS.reviewCopy, 'message'],
      [CALLBACK_IDS.createPersona, 'global'],
    ]);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining(['app_mention', 'app_home_opened', 'message.channels', 'message.groups']),
    );
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['reactions:write', 'channels:history', 'groups:history']));
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    // OAuth installs ask for exactly the manifest's bot scopes, come back to the route the bot serves,
    // and hear about uninstalls.
    expect([...BOT_SCOPES]).toEqual(manifest.oauth_config.scopes.bot);
    expect(manifest.oauth_config.redirect_urls.map((u: string) => new URL(u).pathname)).toEqual([REDIRECT_PATH]);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(['app_uninstalled', 'tokens_revoked']));
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('says why it subscribes to each event', () => {
    const lines = readFileSync('manifest.yml', 'utf8').split('\n');
    const start = lines.indexOf('    bot_events:');
    for (let i = start + 1; i < lines.length && lines[i]!.startsWith('      '); i++) {
      if (/^ {6}- /.test(lines[i]!)) expect(lines[i - 1], `no comment above ${lines[i]!.trim()}`).toMatch(/^ {6}# /);
    }
  });

  it('says why it needs each bot scope', () => {
    const lines = readFileSync('manifest.yml', 'utf8').split('\n');
    const start = lines.indexOf('    bot:');
    let end = start + 1;
    while (end < lines.length && lines[end]!.startsWith('      ')) end++;
    const scopeLines = lines
      .map((l, i) => [l, i] as const)
      .slice(start + 1, end)
      .filter(([l]) => /^ {6}- /.test(l));
    expect(scopeLines.length).toBe(manifest.oauth_config.scopes.bot.length);
    for (const [line, i] of scopeLines) {
      // Each scope sits under a comment, or continues a group whose first line has one.
      let j = i - 1;
      while (j >= 0 && /^ {6}- /.test(lines[j]!)) j--;
      expect(lines[j], `no comment above ${line.trim()}`).toMatch(/^ {6}# /);
    }
  });
});
