import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // end-to-end tests typeset whole zines; the shared machines are slow at times
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
