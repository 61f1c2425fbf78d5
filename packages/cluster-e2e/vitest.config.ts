import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Worker processes start, get killed and restart: each test has a generous budget, and files run one at a time.
    testTimeout: 300_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
