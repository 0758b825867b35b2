import { defineConfig } from 'vitest/config';

// Browser tests: real Chromium (Debian's) driven by playwright-core against test/harness.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
    // A browser step waits for the app, not a fixed second: under CI load an import or a report can
    // take several seconds to show (a poll that gives up after vitest's default 1 s failed once).
    expect: { poll: { timeout: 15_000 } },
  },
});
