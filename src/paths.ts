import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder at or above `dir` holding a package.json. */
function packageFolder(dir: string): string {
  const parent = dirname(dir);
  return existsSync(join(dir, 'package.json')) || parent === dir ? dir : packageFolder(parent);
}

/**
 * The generator's own folder (fonts, data, starter templates), from `src/`,
 * `dist/` or a bundled chunk alike: the module's depth in the package differs
 * between them.
 */
export const TOOL_ROOT = join(packageFolder(dirname(fileURLToPath(import.meta.url))), '/');

/** Where the tool keeps what one run leaves for the next: `$ZINE_CACHE_DIR`, else zine-press in the user's cache folder (XDG). */
export function defaultCacheDir(): string {
  return process.env.ZINE_CACHE_DIR || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'zine-press');
}
