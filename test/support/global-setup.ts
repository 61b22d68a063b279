import { rmSync } from 'node:fs';

/** Removes the run's folder (see vitest.config.ts) when every test has run. */
export default function setup(): () => void {
  const run = process.env.ZINE_TEST_RUN;
  return () => {
    if (run) rmSync(run, { recursive: true, force: true });
  };
}
