#!/usr/bin/env node
import { systemClock } from '../domain/clock.js';
import { isConnectionLoss } from './errors.js';
import { runCli } from './run.js';

// postgres.js (3.4.9) can leave the rejection of a write to a socket the store's owner has just
// closed unhandled (EPIPE), or throw it from a timer, although it also closes the connection and
// the command's own query fails and is retried (run.ts). That one is noise; anything else still
// ends the process.
process.on('unhandledRejection', (err: unknown) => {
  if (isConnectionLoss(err)) return;
  throw err;
});
process.on('uncaughtException', (err) => {
  if (isConnectionLoss(err)) return;
  process.stderr.write(`persona-bot: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  clock: systemClock,
});
process.exitCode = code;
