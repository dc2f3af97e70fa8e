import { defineConfig } from 'vitest/config';

// Two cores per machine: keep parallelism modest so database-heavy suites don't starve each other.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'knowledge/**/*.test.ts', 'core/**/*.test.ts', 'bots/**/*.test.ts'],
    setupFiles: ['test/setup/node20-shims.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
