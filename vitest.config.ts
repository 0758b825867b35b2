import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'test/package/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The built CLI runs natively, as Node and Electron load it (test/cli-mode.test.ts).
    server: { deps: { inline: ['electron-store'], external: [/\/node_modules\//, /\/dist\/cli\//] } },
  },
});
