import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // One flow, phase after phase; each phase has its own budget.
    testTimeout: 240_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
