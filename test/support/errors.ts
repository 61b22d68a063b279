import { ZineError } from '../../src/errors.js';

/** The ZineError that `run` throws, as the CLI would print it, paths shown relative to `dir`. */
export function refusal(run: () => unknown, dir: string): string {
  try {
    run();
  } catch (e) {
    if (e instanceof ZineError) return e.describe((p) => p.replace(`${dir}/`, ''));
    throw e;
  }
  throw new Error('no error');
}
