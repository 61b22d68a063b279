/**
 * Loads the program (src/program.ts, bundled into the classic script
 * dist/program.cjs) with V8's code cache. Node compiles each function of a
 * module on its first call, in every process; a build calls thousands. The
 * cache keeps the compiled code of a run for the next: the tool's own code,
 * kept per program file and Node version in the user's cache folder, and
 * used only from a file of the user's that nobody else may write.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
    pruneKept(dirname(cacheFile), cacheFile);
  } catch {
    // the next run compiles afresh, as this one did; no part written is left behind
    try {
      rmSync(temporary, { force: true });
    } catch {
      // nothing was written
    }
  }
}

/**
 * Caches kept at most: one for each place the tool is installed in (each
 * version `npx` fetches has its own), a few megabytes each.
 */
const MOST_KEPT = 8;
/** The names caches are kept under, and those a run stopped while writing one left. */
const KEPT_NAME = /^[0-9a-f]{32}\.v8$/;
const LEFT_NAME = /^[0-9a-f]{32}\.v8\.\d+\.tmp$/;
/** A temporary file this old is no write's under way. */
const ABANDONED_MS = 60 * 60 * 1000;

/**
 * Keeps the folder to the MOST_KEPT caches written last, `kept` among them,
 * when a cache is written (a new install, or a new Node: a run that reads
 * one lists no folder), and removes the temporary files of runs stopped
 * while writing one, an hour on. Only regular files are removed: caches
 * named as they are named and beginning with a Node version (`v20.…`), as
 * each cache's key does, and temporary files named as they are named.
 */
function pruneKept(dir: string, kept: string): void {
  const caches: { file: string; written: number }[] = [];
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    const stat = lstatSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile()) continue;
    if (LEFT_NAME.test(name) && Date.now() - stat.mtimeMs > ABANDONED_MS) rmSync(file, { force: true });
    else if (KEPT_NAME.test(name) && file !== kept && startsAsKept(file)) caches.push({ file, written: stat.mtimeMs });
  }
  for (const { file } of caches.sort((a, b) => b.written - a.written).slice(MOST_KEPT - 1)) rmSync(file, { force: true });
}

/** Whether a file begins as a kept cache does: with the version of a Node (read without following a link). */
function startsAsKept(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch {
    return false;
  }
  try {
    const start = Buffer.alloc(4);
    return readSync(fd, start, 0, start.length, 0) === start.length && /^v\d+\./.test(start.toString('latin1'));
  } finally {
    closeSync(fd);
  }
}

