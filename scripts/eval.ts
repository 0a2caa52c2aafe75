// Entry point of `npm run eval -- <dir>` (see src/cli/commands/eval.ts).
import { systemClock } from '../src/domain/clock.js';
import { runEval } from '../src/cli/commands/eval.js';

process.exitCode = await runEval(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, clock: systemClock });
