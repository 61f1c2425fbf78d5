import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['./test/build-before-tests.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
