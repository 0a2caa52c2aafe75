// `npm start`: opens the store (embedded PGlite unless DATABASE_URL says otherwise),
// applies migrations, seeds the examples on a first embedded start, then serves Slack.
import { systemClock } from './clock.js';
import { ConfigError, DEFAULT_TEAM_ID, parseEnv, storeEnvSchema } from './config/env.js';
import { openDatabase } from './db/client.js';
import { createLogger } from './logger.js';
import { seedExamplesIfEmpty } from './personas/seed.js';

const log = createLogger();

async function main(): Promise<void> {
  const env = parseEnv(storeEnvSchema, process.env);
  const teamId = env.SLACK_TEAM_ID ?? DEFAULT_TEAM_ID;
  const handle = await openDatabase(env.DATABASE_URL);
  await handle.migrate();
  log.info({ driver: handle.driver, store: handle.location }, 'store ready');
  await seedExamplesIfEmpty(handle, teamId, systemClock, log);
  await handle.close();
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  log.fatal({ err }, 'start-up failed');
  process.exit(1);
});
