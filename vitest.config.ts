import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/server/src/**/*.test.ts', 'apps/web/src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // two files at once on CI's two cores (vitest's default is cores - 1): most files wait on sockets,
    // PostgreSQL and child processes, so the second worker cuts the run by about a third
    maxWorkers: 2,
  },
});
