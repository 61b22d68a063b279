import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * The test files that get a module graph and a process of their own: one mocks a module (node:fs), one
 * measures the memory its builds leave behind, which what other files leave running would blur.
 */
const ALONE = ['test/files-rollback.test.ts', 'test/e2e/memory.test.ts'];

export default defineConfig({
  test: {
    // end-to-end tests typeset whole zines; the shared machines are slow at times
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // builds keep their shapings in a folder of the test run's own, not the user's cache
    env: { ZINE_CACHE_DIR: mkdtempSync(join(tmpdir(), 'zine-test-cache-')) },
    // vitest leaves a core free by default, which on two cores runs every file one after another; a build
    // waits on files and child processes often enough that a worker per core finishes sooner
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['test/**/*.test.ts'],
          exclude: ALONE,
          // the files of a worker share their modules: the typesetting stack and its fonts are loaded
          // once per worker, not once per file (half the suite's time); no test mocks a module or keeps global state
          isolate: false,
        },
      },
      { extends: true, test: { name: 'isolated', include: ALONE } },
    ],
  },
});
