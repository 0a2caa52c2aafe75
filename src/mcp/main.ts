#!/usr/bin/env node
// Entry point of `npm run mcp` (see stdio.ts). A signal ends the session as a closed stdin does.
import { systemClock } from '../domain/clock.js';
import { serveStdio } from './stdio.js';

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.stdin.destroy());
process.exitCode = await serveStdio(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  clock: systemClock,
});
