/**
 * Loads the program (src/program.ts, bundled into the classic script
 * dist/program.cjs) with V8's code cache. Node compiles each function of a
 * module on its first call, in every process; a build calls thousands. The
 * cache keeps the compiled code of a run for the next: the tool's own code,
 * kept per program file and Node version in the user's cache folder, and
 * used only from a file of the user's that nobody else may write.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { defaultCacheDir, TOOL_ROOT } from './paths.js';

export type Program = typeof import('./program.js');

/**
 * Loads HarfBuzz where the program finds it (see the bundle's
 * `preloadedHarfBuzz`), before a command that sets type runs: harfbuzzjs
 * readies its WebAssembly when imported, which a classic script cannot wait
 * for.
 */
export async function preloadHarfBuzz(): Promise<void> {
  (globalThis as Record<symbol, unknown>)[Symbol.for('zine-press.harfbuzz')] = await import('harfbuzzjs');
}

/** How much of the program a kept cache holds: what a command that sets no type compiled, or what one that does. */
export type CacheKind = 'light' | 'full';

export interface LoadedProgram {
  program: Program;
  /** What the cache gave: compiled code of this kind, or nothing (none kept, or kept for another program file or Node). */
  cached: CacheKind | undefined;
  /** Keeps what V8 has compiled so far, where the cache holds less (`full`: the command sets type). */
  keep(kind: CacheKind): void;
  /** The same at the process's exit: every function the command called. */
  keepAtExit(kind: CacheKind): void;
}

export interface ProgramOptions {
  file?: string;
  /** Where the cache is kept (see defaultCacheDir); false: compiled afresh, nothing kept. */
  cacheDir?: string | false;
  /**
   * Loaded by Node's own loader, which tells a stack trace in the lines of
   * src/ by the program's source map (`--debug`), compiled afresh: V8 is
   * given no source map with a script compiled apart from a loader.
   */
  sourceMaps?: boolean;
}

/** The bundled program, compiled with the code an earlier run kept where there is one. */
export function loadProgram({ file = join(TOOL_ROOT, 'dist', 'program.cjs'), cacheDir = defaultCacheDir(), sourceMaps = false }: ProgramOptions = {}): LoadedProgram {
  if (sourceMaps) return { program: createRequire(import.meta.url)(file) as Program, cached: undefined, keep: () => undefined, keepAtExit: () => undefined };
  const { source, key } = readProgram(file);
  const cacheFile = cacheDir === false ? undefined : join(cacheDir, 'code', `${createHash('sha256').update(file).digest('hex').slice(0, 32)}.v8`);
  const kept = cacheFile === undefined ? undefined : readKept(cacheFile, key);
  // the wrapper Node gives a CommonJS module
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file, ...(kept ? { cachedData: kept.data } : {}),
  });
  const cached = kept && !script.cachedDataRejected ? kept.kind : undefined;
  const module = { exports: {} as Program };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  const keep = (kind: CacheKind): void => {
    if (cacheFile !== undefined && cached !== 'full' && cached !== kind) write(cacheFile, `${key}\t${kind}`, () => script.createCachedData());
  };
  return { program: module.exports, cached, keep, keepAtExit: (kind) => process.once('exit', () => keep(kind)) };
}

/**
 * The program's source, and the key its cache is kept under: the file as it
 * is now (its size, time and inode, read through the one descriptor its text
 * is) and the Node that runs it. Another build of the program, or another
 * Node, finds no cache of its own.
 */
function readProgram(file: string): { source: string; key: string } {
  const fd = openSync(file, 'r');
  try {
    const { size, mtimeMs, ino } = fstatSync(fd);
    return { source: readFileSync(fd, 'utf8'), key: `${process.version} ${process.arch} ${size} ${mtimeMs} ${ino}` };
  } finally {
    closeSync(fd);
  }
}

/** The program's compiled code takes a few megabytes: a larger file is no cache of its. */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;

/** A kept cache for the program as `key` names it; none if the file is missing, another's, writable by others, or for another program. */
function readKept(cacheFile: string, key: string): { data: Buffer; kind: CacheKind } | undefined {
  let fd: number;
  try {
    // not through a link
    fd = openSync(cacheFile, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    // compiled code runs as the user: only from a file the user alone can have written (Windows keeps a user's cache folder theirs alone)
    const others = process.platform !== 'win32' && ((process.getuid && stat.uid !== process.getuid()) || (stat.mode & 0o022) !== 0);
    if (!stat.isFile() || others || stat.size > MAX_CACHE_BYTES) return undefined;
    const bytes = readFileSync(fd);
    const end = bytes.indexOf(0x0a);
    const [keyOf, kind] = bytes.subarray(0, Math.max(end, 0)).toString('utf8').split('\t');
    if (end < 0 || keyOf !== key || (kind !== 'light' && kind !== 'full')) return undefined;
    return { data: bytes.subarray(end + 1), kind };
  } finally {
    closeSync(fd);
  }
}

/** Writes the cache whole or not at all (a temporary file renamed); a cache that cannot be made or written is let be. */
function write(cacheFile: string, header: string, data: () => Buffer): void {
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(cacheFile), { recursive: true, mode: 0o700 });
    writeFileSync(temporary, Buffer.concat([Buffer.from(`${header}\n`), data()]), { mode: 0o600 });
    renameSync(temporary, cacheFile);
  } catch {
    // the next run compiles afresh, as this one did; no part written is left behind
    try {
      rmSync(temporary, { force: true });
    } catch {
      // nothing was written
    }
  }
}
