// Loaded into a real bot process with `node --import tsx --import ./test/support/process-triggers.ts
// src/main.ts`: makes the process misbehave on request, one command per line on its stdin,
// the way a bug or a dependency would. Each command is acknowledged on stderr.
//
//   reject        a promise rejection nobody handles
//   throw         an exception thrown from a timer, which nothing can catch
//   rethrowing    registers an unhandledRejection handler that rethrows, as the model's runtime does
import { createInterface } from 'node:readline';

const commands: Record<string, () => void> = {
  reject: () => void Promise.reject(new Error('deliberate rejection from the test')),
  throw: () =>
    void setTimeout(() => {
      throw new Error('deliberate exception from the test');
    }),
  rethrowing: () =>
    void process.on('unhandledRejection', (reason) => {
      throw reason;
    }),
};

createInterface({ input: process.stdin }).on('line', (line) => {
  const command = commands[line.trim()];
  if (!command) return;
  command();
  process.stderr.write(`trigger done: ${line.trim()}\n`);
});
