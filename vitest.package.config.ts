import { defineConfig } from 'vitest/config';

// The CLI as packaged: `npm ci --omit=dev` into a fresh folder builds better-sqlite3 from source
// (about a minute), so these tests run on their own after the others (scripts/test.sh).
export default defineConfig({
  test: {
    include: ['test/package/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 600_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
