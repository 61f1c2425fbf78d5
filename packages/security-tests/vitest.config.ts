import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Every test starts a whole agent on a libSQL file and runs real bubblewrap.
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
