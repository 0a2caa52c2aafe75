// `npm start`: opens the store (embedded PGlite unless DATABASE_URL says otherwise), applies
// migrations, seeds the examples on a first embedded start, then serves Slack.
import { appEnvSchema, ConfigError, ENV_HINTS, envWarnings, parseEnv, slackCredentials } from './config/env.js';
import { createLogger } from './logger.js';
import { printLocalBanner } from './local/banner.js';
import { startLocalMode } from './local/start-local.js';
import { installProcessPolicy } from './process-policy.js';
import { startRuntime } from './runtime.js';

const log = createLogger();

let runtime: { stop(): Promise<void> } | null = null;
let stopping = false;
let exitCode = 0;

/** Stops taking requests, finishes the ones in flight, closes the store, exits with `code` (1 if anything asked for 1). */
function shutdown(reason: string, code: number): void {
  exitCode = Math.max(exitCode, code);
  if (stopping) return;
  stopping = true;
  (code === 0 ? log.info.bind(log) : log.error.bind(log))({ reason }, 'shutting down');
  // Whatever happens, the process is gone within 10 seconds.
  setTimeout(() => {
    log.error('shutdown took longer than 10 s; exiting anyway');
    process.exit(1);
  }, 10_000).unref();
  (runtime?.stop() ?? Promise.resolve()).then(
    () => process.exit(exitCode),
    (err: unknown) => {
      log.error({ err }, 'shutdown failed');
      process.exit(1);
    },
  );
}

// Before the app starts: the one policy for errors nobody caught (src/process-policy.ts). The
// modules imported above have run; a handler any of them registered is removed here.
installProcessPolicy({ log, fatal: () => shutdown('uncaught exception', 1) });
process.on('SIGTERM', () => shutdown('SIGTERM', 0));
process.on('SIGINT', () => shutdown('SIGINT', 0));

async function main(): Promise<void> {
  const env = parseEnv(appEnvSchema, process.env, ENV_HINTS);
  for (const warning of envWarnings(env)) log.warn({ setting: warning.key }, warning.message);
  if (slackCredentials(env)) {
    runtime = await startRuntime({ env, log });
  } else {
    const local = await startLocalMode({ env, log });
    runtime = local;
    log.info(
      { url: local.url },
      `No Slack credentials set (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET): local mode. Open ${local.url}/ to try Persona Bot in your browser; see the README to connect it to Slack.`,
    );
    printLocalBanner(process.stdout, local.url);
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  log.fatal({ err }, 'start-up failed');
  process.exit(1);
});
