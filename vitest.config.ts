import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * The test files that get a module graph and a process of their own: one mocks a module (node:fs), one
 * measures the memory its builds leave behind, which what other files leave running would blur.
 */
const ALONE = ['test/files-rollback.test.ts', 'test/e2e/memory.test.ts'];

/**
 * A folder of the run's own for every file the tests write (TMPDIR for the
 * workers and the processes they start), removed when the run ends
 * (test/support/global-setup.ts): a run makes thousands of projects and
 * installs the package more than once, which left in the system's
 * temporary folder soon fill a disk.
 */
// the config is read more than once in a run: one folder for all of it
const run = (process.env.ZINE_TEST_RUN ??= mkdtempSync(join(tmpdir(), 'zine-tests-')));

export default defineConfig({
  test: {
    // end-to-end tests typeset whole zines; the shared machines are slow at times
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // builds keep their shapings in a folder of the test run's own, not the user's cache
    env: { TMPDIR: run, ZINE_CACHE_DIR: join(run, 'cache') },
    globalSetup: ['test/support/global-setup.ts'],
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
