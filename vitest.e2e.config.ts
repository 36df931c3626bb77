import { defineConfig } from 'vitest/config';

/** Browser tests: playwright-core driving Debian's Chromium against the real server and the built SPA. */
export default defineConfig({
  test: {
    include: ['apps/web/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
