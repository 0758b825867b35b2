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
  },
});
