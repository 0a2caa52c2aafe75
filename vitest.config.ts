import { defineConfig } from 'vitest/config';

// Tests that start real processes (the bot, the CLI, several owners of one embedded store) or
// that hold requests to Slack's 3-second bound run last, one file at a time: two of them side
// by side on a 2-core machine measure the machine, not the product.
const SERIAL = [
  'test/main.test.ts',
  'test/process-policy.test.ts',
  'test/cli/run.test.ts',
  'test/db/shared-store.e2e.test.ts',
  'test/slack/fuzz.e2e.test.ts',
  'test/slack/database-outage.e2e.test.ts',
  'test/slack/durable-work.e2e.test.ts',
  'test/slack/crash-recovery.e2e.test.ts',
  'test/slack/http/receiver.e2e.test.ts',
  'test/slack/socket-mode.e2e.test.ts',
  'test/mcp/stdio.e2e.test.ts',
];

const common = {
  globalSetup: ['test/support/global-setup.ts'],
  // PGlite boots a WebAssembly Postgres per test file: allow for a slow first start.
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      { test: { ...common, name: 'parallel', include: ['test/**/*.test.ts'], exclude: SERIAL, sequence: { groupOrder: 0 } } },
      { test: { ...common, name: 'serial', include: SERIAL, fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
