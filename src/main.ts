// `npm start`: opens the store (embedded PGlite unless DATABASE_URL says otherwise), applies
// migrations, seeds the examples on a first embedded start, then serves Slack.
import { appEnvSchema, ConfigError, ENV_HINTS, parseEnv, slackCredentials } from './config/env.js';
import { createLogger } from './logger.js';
import { startLocalMode } from './local/start-local.js';
import { startRuntime } from './runtime.js';

const log = createLogger();

async function main(): Promise<void> {
  const env = parseEnv(appEnvSchema, process.env, ENV_HINTS);
  let runtime: { stop(): Promise<void> };
  if (slackCredentials(env)) {
    runtime = await startRuntime({ env, log });
  } else {
    const local = await startLocalMode({ env, log });
    runtime = local;
    log.info(
      { url: local.url },
      `No Slack credentials set (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET): local mode. Open ${local.url}/ to try Persona Bot in your browser; see the README to connect it to Slack.`,
    );
  }
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
