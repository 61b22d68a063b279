import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../../src/build.js';
import { ROOT } from './fixtures.js';

let built: Promise<string> | undefined;

/**
 * The folder the example zine is built into, every locale and paper, once
 * for all the test files of a worker that ask for it (they share their
 * modules): they only read what is in it.
 */
export function exampleBuild(): Promise<string> {
  built ??= (async () => {
    const out = mkdtempSync(join(tmpdir(), 'zine-example-'));
    await build({ projectDir: ROOT, outDir: out, warn: () => {} });
    return out;
  })();
  return built;
}
