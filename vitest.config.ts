import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    // PGlite boots a WebAssembly Postgres per test file: allow for a slow first start.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
