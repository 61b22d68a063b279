import {
  closeSync, constants, copyFileSync, fstatSync, linkSync, lstatSync, mkdirSync, openSync, readdirSync, readSync, realpathSync, renameSync, rmdirSync, rmSync,
  writeFileSync, type Stats,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { threadId } from 'node:worker_threads';
import { ZineError } from './errors.js';

/** A file to write, still in memory. */
export interface FileToWrite {
  path: string;
  data: Uint8Array | string;
}

/** One file's part in a commit: its new contents under a temporary name, its old under another. */
interface Step {
  path: string;
  tmp: string;
  /** The earlier file, kept until every file of the set is in place; none if there was none. */
  old: string | undefined;
}

/**
 * A commit's journal says which files it writes and how far it got: while
 * temporary files are written, an interrupted commit is undone; once all are
 * written, it is completed.
 */
type Phase = 'write' | 'rename';
const JOURNAL = /^\.zine-commit-((\d+)-\d+(?:-\d+)?)\.json$/;
const JOURNAL_ASIDE = /^\.zine-commit-(\d+)-\d+(?:-\d+)?\.json\.tmp$/;

/**
 * Files written so that they change together or not at all: a reader never
 * meets a half-written file, and a build that fails on its fifth file (a
 * full disk, a folder in the way, no permission) leaves every earlier file
 * as it was. Each file is staged, written under a temporary name beside its
 * place, as soon as it is given (so a build of many locales holds one
 * locale's files in memory, not all of theirs); `commit` renames them all
 * into place, the earlier files kept aside until the last rename succeeded
 * and put back if one fails; `abandon` removes what was staged, and the
 * folders made for it, as a failed `stage` does. A signal arriving during
 * the renames stops the process once they are done; a process stopped
 * before its commit (Ctrl-C, SIGKILL, power) leaves a journal in
 * `journalDir`, and the next set written into that folder undoes it, or
 * completes it if its renames had begun. Temporary names are the set's
 * own (by process and thread, and a number for a set opened while another
 * is): two builds, or worker threads, may write the same files at once.
 */
export class FileSet {
  private readonly steps: Step[] = [];
  /** Folders made for the staged files: the first made, and the one a file went in (see prepareFolder). */
  private readonly made: { top: string; folder: string }[] = [];
  /** Its number among the sets open in this thread at once: none (0) for the first. */
  private readonly number: number;
  private readonly tag: string;
  private readonly journal: string | undefined;
  private state: 'open' | 'committed' | 'abandoned' = 'open';

  constructor(journalDir?: string) {
    let n = 0;
    while ([...open].some((set) => set.number === n)) n++;
    this.number = n;
    this.tag = n === 0 ? `${process.pid}-${threadId}` : `${process.pid}-${threadId}-${n}`;
    if (journalDir) recoverInterrupted(journalDir);
    this.journal = journalDir ? join(journalDir, `.zine-commit-${this.tag}.json`) : undefined;
    open.add(this);
  }

  /** Writes the files under their temporary names; on a failure, removes every file staged so far and throws. */
  stage(files: readonly FileToWrite[]): void {
    this.mustBeOpen();
    try {
      const steps: Step[] = files.map(({ path }) => ({ path, tmp: `${path}.${this.tag}.tmp`, old: undefined }));
      for (const step of steps) {
        const top = prepareFolder(step.path);
        if (top !== undefined) this.made.push({ top, folder: dirname(step.path) });
      }
      this.steps.push(...steps);
      this.record('write');
      files.forEach((f, i) => attempt(steps[i]!.tmp, () => writeNew(steps[i]!.tmp, f.data)));
    } catch (e) {
      this.abandon();
      throw e;
    }
  }

  /** Renames every staged file into place, or, if one cannot be, puts back what was there and throws. */
  commit(): void {
    this.mustBeOpen();
    holdSignals();
    try {
      this.record('rename');
    } catch (e) {
      this.abandon();
      throw e;
    }
    let done = 0;
    try {
      for (const step of this.steps) {
        step.old = keepAside(step.path, `${step.path}.${this.tag}.old`);
        attempt(step.path, () => renameSync(step.tmp, step.path));
        done++;
      }
    } catch (e) {
      // put back what was there: the set changes together or not at all; the step that failed too, where it kept
      // something aside (a link moved away), and not otherwise: what stands at its place is the earlier file
      for (const step of this.steps.slice(0, done + 1)) {
        if (step === this.steps[done] && !step.old) continue;
        try {
          if (step.old) renameSync(step.old, step.path);
          else rmSync(step.path, { force: true });
        } catch {
          // the disk that refused the new file may refuse the old: the first error is the one to tell
        }
      }
      this.abandon();
      throw e;
    }
    this.state = 'committed';
    this.clear();
  }

  /** Removes what was staged, the folders made for it and the journal: nothing of the set remains. Does nothing once committed. */
  abandon(): void {
    if (this.state !== 'open') return;
    this.state = 'abandoned';
    this.clear();
    // the folders made for the set, from the deepest, while they are empty
    for (const { top, folder } of this.made.reverse()) {
      for (let f = folder; isInside(f, top); f = dirname(f)) {
        try {
          rmdirSync(f);
        } catch {
          break;
        }
      }
    }
  }

  /** Removes the temporary files, the files kept aside and the journal, as far as it can: the error that failed the set is the one to tell. */
  private clear(): void {
    open.delete(this);
    for (const step of this.steps) {
      removeFile(step.tmp);
      if (step.old) removeFile(step.old);
    }
    if (this.journal) removeFile(this.journal);
  }

  private mustBeOpen(): void {
    if (this.state !== 'open') throw new Error(`a set of files already ${this.state} was given more`);
  }

  private record(phase: Phase): void {
    const { journal } = this;
    if (!journal) return;
    // written aside and renamed over: the journal is always whole, and what stands at its name is replaced, not written through
    const written = `${journal}.tmp`;
    attempt(journal, () => {
      writeNew(written, JSON.stringify({ phase, files: this.steps.map((s) => s.path) }));
      renameSync(written, journal);
    });
  }
}

/** The sets of files being written in this thread, which a new one takes its number among. */
const open = new Set<FileSet>();

/** Writes a set of files together or not at all (see FileSet), a signal held from the first file on. */
export function writeTogether(files: readonly FileToWrite[], journalDir?: string): void {
  if (files.length === 0) return;
  holdSignals();
  const set = new FileSet(journalDir);
  set.stage(files);
  set.commit();
}

/** Whether `path` is `root` or lies below it. */
export function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** A path with its links resolved, as far as it exists. */
export function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(realPath(parent), basename(path));
  }
}

/** Where this process and thread write `path` before renaming it into place. */
export function temporaryName(path: string): string {
  return `${path}.${process.pid}-${threadId}.tmp`;
}
/** A name `temporaryName` gives: the path it stands for first. */
export const TEMPORARY_NAME = /^(.*)\.\d+-\d+\.tmp$/;

/**
 * Writes one file (a cache's) through a temporary name beside it, renamed
 * into place: a reader meets the old file or the new, never part of one.
 * It holds no signal, so that a build that keeps a cache file as it goes
 * can still be stopped at once (then the temporary file is left).
 */
export function writeAtomically(path: string, data: Uint8Array | string): void {
  const tmp = temporaryName(path);
  prepareFolder(path);
  try {
    attempt(tmp, () => writeNew(tmp, data));
    attempt(path, () => renameSync(tmp, path));
  } catch (e) {
    removeFile(tmp);
    throw e;
  }
}

/**
 * A new folder at `path`, made whole or not at all: `fill` writes it under a
 * name of its own beside `path` (made under the umask, as any folder), and it
 * is then renamed into place, over nothing or an empty folder. On a failure
 * the half-made folder is removed and the error thrown on.
 */
export function makeFolderWhole(path: string, fill: (folder: string) => void): void {
  const aside = join(dirname(path), `.${basename(path)}-${randomBytes(6).toString('hex')}`);
  try {
    mkdirSync(aside, { recursive: true });
    fill(aside);
    renameSync(aside, path);
  } catch (e) {
    try {
      rmSync(aside, { recursive: true, force: true });
    } catch {
      // never made: a file stands where a folder should be
    }
    throw e;
  }
}

/**
 * Writes a file of ours that must be new (a temporary one): created, never
 * opened through what stands at its name, which a project could have put
 * there as a link to write through (names of temporary files are
 * foreseeable). What stands there, a file a stopped process left or a
 * link, is removed first; a folder is in the way.
 */
function writeNew(path: string, data: Uint8Array | string): void {
  try {
    writeFileSync(path, data, { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    if (lstatSync(path).isDirectory()) throw Object.assign(new Error(`${path} is a folder`), { code: 'EISDIR' });
    rmSync(path);
    writeFileSync(path, data, { flag: 'wx' });
  }
}

/**
 * Refuses to write `paths` where a folder on the way leads out of `root`
 * through a link (a project's `fonts/` linked elsewhere).
 */
export function refuseLinksOut(paths: readonly string[], root: string): void {
  const realRoot = realPath(root);
  for (const path of paths) {
    const folder = realPath(dirname(path));
    if (!isInside(folder, realRoot)) throw new ZineError(`the folder leads out of the project (to ${folder}) through a link: nothing is written there`, { file: dirname(path) });
  }
}

/**
 * The contents of `file` if it is a plain file of at most `maxBytes` that
 * `accept` takes.
 */
export function readPlainFile(file: string, maxBytes: number, accept: (stat: Stats) => boolean = () => true): Buffer | undefined {
  return onPlainFile(file, (fd, stat) => {
    if (stat.size > maxBytes || !accept(stat)) return undefined;
    const data = Buffer.alloc(stat.size);
    return data.subarray(0, readSync(fd, data, 0, stat.size, 0));
  });
}

/**
 * What `read` makes of `file` if it is a plain file (not a link, a FIFO or
 * a device, which could never end: /dev/zero); none otherwise, or where it
 * cannot be read. It is opened first and then looked at, so that nothing
 * can be put in its place between the two.
 */
export function onPlainFile<T>(file: string, read: (fd: number, stat: Stats) => T | undefined): T | undefined {
  let fd: number | undefined;
  try {
    // O_NONBLOCK: opening a FIFO waits for a writer otherwise
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
    const stat = fstatSync(fd);
    return stat.isFile() ? read(fd, stat) : undefined;
  } catch {
    // not there, or not readable
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The names in a folder; none where it cannot be read (not made yet, or not a folder). */
export function namesIn(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Removes a file of ours if it is there; a folder in its place is left, so that the error that failed the write is the one told. */
export function removeFile(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // a folder in its place
  }
}

/** The folder for `path` made, and nothing but a file (or nothing) in its place; the first folder it made, if it made any. */
function prepareFolder(path: string): string | undefined {
  let made: string | undefined;
  attempt(dirname(path), () => void (made = mkdirSync(dirname(path), { recursive: true })));
  let isFolder = false;
  try {
    isFolder = lstatSync(path).isDirectory();
  } catch {
    // nothing there yet
  }
  if (isFolder) throw new ZineError('cannot write the file: a folder of that name is in the way', { file: path });
  return made;
}

/**
 * A hard link to what stands at `path` (a file, or a link, not followed)
 * under `old`: a copy of a file where hard links are not supported, a link
 * itself moved there where they cannot be made to it; undefined if there
 * is neither.
 */
function keepAside(path: string, old: string): string | undefined {
  let file: boolean;
  try {
    const stat = lstatSync(path);
    if (!stat.isFile() && !stat.isSymbolicLink()) return undefined;
    file = stat.isFile();
  } catch {
    return undefined;
  }
  // (a folder of that name is in the way, told as such)
  attempt(old, () => rmSync(old, { force: true }));
  try {
    linkSync(path, old);
  } catch {
    // a link at the output where link() follows links (BSD, older macOS): moved aside itself, to be put back
    if (!file) {
      attempt(old, () => renameSync(path, old));
      return old;
    }
    try {
      // never through a link standing at the name
      attempt(old, () => copyFileSync(path, old, constants.COPYFILE_EXCL));
    } catch (e) {
      // a copy the disk cut short is no file to put back, and no one else's to remove
      removeFile(old);
      throw e;
    }
  }
  return old;
}

/** Runs a file operation; its failure becomes one line naming the path. */
function attempt(path: string, operation: () => void): void {
  try {
    operation();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code && Object.hasOwn(REASONS, code) ? REASONS[code] : (code ?? (e instanceof Error ? e.message : String(e)));
    throw new ZineError(`cannot write: ${reason}`, { file: path });
  }
}

const REASONS: Record<string, string> = {
  ENOSPC: 'no space left on the disk',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  EISDIR: 'a folder of that name is in the way',
  ERR_FS_EISDIR: 'a folder of that name is in the way',
  ENOTDIR: 'a file stands where a folder should be',
  EEXIST: 'a file stands where a folder should be',
  ENAMETOOLONG: 'the name is too long',
};

/**
 * Signals that would stop the process are held from its first commit (or
 * writeTogether) on: the writes and renames are synchronous, so the handler
 * runs once they are done, and stops the process as the signal would have.
 * A build's staging holds nothing: stopped midway, its staged files are the
 * next set's to undo.
 */
let holding = false;
function holdSignals(): void {
  if (holding) return;
  holding = true;
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const stop = (signal: NodeJS.Signals): void => {
    for (const s of signals) process.removeListener(s, stop);
    process.kill(process.pid, signal);
  };
  for (const s of signals) process.on(s, stop);
}

/** More than a journal of any build's files takes. */
const MAX_JOURNAL_BYTES = 16 * 1024 * 1024;

/** Undoes or completes (see Phase) the commits of processes killed while writing into `dir`. */
function recoverInterrupted(dir: string): void {
  for (const name of namesIn(dir)) {
    // a journal being written aside when its process stopped: the journal it was to replace tells what to undo
    const aside = JOURNAL_ASIDE.exec(name);
    if (aside && Number(aside[1]) !== process.pid && !isRunning(Number(aside[1]))) removeFile(join(dir, name));
    const m = JOURNAL.exec(name);
    if (!m || Number(m[2]) === process.pid || isRunning(Number(m[2]))) continue;
    const journal = join(dir, name);
    let record: { phase?: unknown; files?: unknown } = {};
    try {
      // a plain file of a journal's size: a link to /dev/zero or a FIFO put in its place would never end
      record = JSON.parse(readPlainFile(journal, MAX_JOURNAL_BYTES)?.toString('utf8') ?? '{}') as typeof record;
    } catch {
      // unreadable: its temporary files stay, and are never taken for outputs
    }
    // the journal's name is its set's tag: its process, thread and number (sets written before they had numbers have none)
    const tag = m[1]!;
    const files = Array.isArray(record.files) ? record.files : [];
    // only files whose folder lies inside this one, links resolved: the journal is no more trusted than the folder it lies in
    const realDir = realpathSync(dir);
    const inside = (p: unknown): p is string => {
      if (typeof p !== 'string' || !isInside(p, dir)) return false;
      try {
        return isInside(realpathSync(dirname(p)), realDir);
      } catch {
        return false;
      }
    };
    for (const path of files.filter(inside)) {
      if (record.phase === 'rename') {
        try {
          renameSync(`${path}.${tag}.tmp`, path);
        } catch {
          // renamed before the process was killed
        }
      }
      // (a folder of such a name is none of ours, and is left)
      removeFile(`${path}.${tag}.tmp`);
      removeFile(`${path}.${tag}.old`);
    }
    removeFile(journal);
  }
}

/** Whether a process of this number runs (0 and below name groups of processes, not one: none that wrote a journal). */
function isRunning(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
