// `npm start`: opens the store (embedded PGlite unless DATABASE_URL says otherwise), applies
// migrations, seeds the examples on a first embedded start, then serves Slack.
import { appEnvSchema, ConfigError, ENV_HINTS, parseEnv, slackCredentials } from './config/env.js';
import { createLogger } from './logger.js';
import { startRuntime } from './runtime.js';

const log = createLogger();

async function main(): Promise<void> {
  const env = parseEnv(appEnvSchema, process.env, ENV_HINTS);
  if (!slackCredentials(env)) {
    throw new ConfigError(
      'Configuration problems:\n' +
        `  SLACK_BOT_TOKEN is not set. ${ENV_HINTS.SLACK_BOT_TOKEN}\n` +
        `  SLACK_SIGNING_SECRET is not set. ${ENV_HINTS.SLACK_SIGNING_SECRET}\n` +
        'Create the app from manifest.yml at https://api.slack.com/apps (From an app manifest), install it, then set both.',
    );
  }
  const runtime = await startRuntime({ env, log });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    // Whatever happens, the process is gone within 10 seconds.
    setTimeout(() => {
      log.error('shutdown took longer than 10 s; exiting anyway');
      process.exit(1);
    }, 10_000).unref();
    runtime.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  log.fatal({ err }, 'start-up failed');
  process.exit(1);
});
