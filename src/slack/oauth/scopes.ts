// The bot scopes an OAuth install asks for: manifest.yml's `oauth_config.scopes.bot`, kept in
// code so the production image needs no manifest (test/manifest.test.ts holds the two equal).
export const BOT_SCOPES = [
  'commands',
  'chat:write',
  'chat:write.public',
  'app_mentions:read',
  'channels:history',
  'groups:history',
  'im:write',
  'reactions:write',
] as const;
