import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // end-to-end tests typeset whole zines; the shared machines are slow at times
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // builds keep their shapings in a folder of the test run's own, not the user's cache
    env: { ZINE_CACHE_DIR: mkdtempSync(join(tmpdir(), 'zine-test-cache-')) },
  },
});
