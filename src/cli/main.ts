#!/usr/bin/env node
import { systemClock } from '../domain/clock.js';
import { isConnectionLoss } from './errors.js';
import { runCli } from './run.js';

// postgres.js can throw EPIPE from a timer when the process that holds an embedded store closes
// the socket under a write. The query it belonged to fails too (the connection is closed), and
// the command says so; the stray exception itself must not end the command before it can.
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
