// Entry point of `npm run eval -- <dir>` (see eval-command.ts).
import { systemClock } from '../../src/domain/clock.js';
import { runEval } from './eval-command.js';

process.exitCode = await runEval(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  clock: systemClock,
});
