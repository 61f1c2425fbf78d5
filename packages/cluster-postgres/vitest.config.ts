import { defineConfig } from 'vitest/config';

// Real PostgreSQL, Graphile Worker and child processes: waits for jobs, sweeps and leases take seconds.
export default defineConfig({
  test: {
    globalSetup: ['./test/build-before-tests.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
