#!/usr/bin/env node
import { systemClock } from '../clock.js';
import { runCli } from './run.js';

// postgres.js (3.4.9) can leave the rejection of a write to a socket the store's owner has just
// closed unhandled (EPIPE), although it also closes the connection and the command's own query
// fails and is retried (run.ts). That one is noise; anything else still ends the process.
process.on('unhandledRejection', (err: unknown) => {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'EPIPE' || code === 'ECONNRESET') return;
  throw err;
});

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  clock: systemClock,
});
process.exitCode = code;
