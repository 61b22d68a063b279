/**
 * Files a build keeps for the next in the user's cache folder (shapings,
 * photographs' grey JPEGs), each signed with a key only the user can read,
 * so that a file anyone else wrote, or changed, is not read: what the cache
 * says is printed, and a stranger's file could say anything. A cache only:
 * a file that is missing, unreadable, unwritable or doubtful means the work
 * is done again.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { lutimesSync, mkdirSync, readSync, renameSync, rmSync, writeFileSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { namesIn, onPlainFile, readPlainFile, removeFile, TEMPORARY_NAME, temporaryName, writeAtomically } from './files.js';

/** The user's key to sign the files with, in the cache folder: 32 random bytes, as long as the HMAC-SHA256 it keys. */
const KEY_FILE = 'signing-key';
const KEY_BYTES = 32;
/** A file's signature, in hex, is its first line. */
const SIGNATURE_CHARS = 64;

/**
 * The files one kind of cache keeps in the folder: their names (no other
 * file there is ever removed), and how many bytes of them the folder holds
 * at most, past which the least recently used are removed.
 */
export interface CacheFiles {
  names: RegExp;
  mostBytes: number;
}

/**
 * A cache folder whose files are signed with the user's key kept in it:
 * nothing is read or kept where the user has no key and can make none.
 * A file read is marked as used (its time set to now); the first file a
 * build writes has the folder's files of its kind pruned to their bytes
 * at most, the least recently used first, so that the folder does not
 * grow without end.
 */
export class SignedFolder {
  /** The key, once looked for; null when there is none to be had. */
  private key: Buffer | null | undefined;
  private pruned = false;

  constructor(
    readonly dir: string,
    private readonly files: CacheFiles,
  ) {}

  /** Whether files can be kept here: the user's key is there, or could be made. */
  usable(): boolean {
    return this.signing() !== undefined;
  }

  /** The body of the folder's file `name` if it is signed with the user's key and at most `maxBytes` long; none otherwise. */
  read(name: string, maxBytes: number): Buffer | undefined {
    const key = this.signing();
    const file = join(this.dir, name);
    const body = key && readSigned(file, key, maxBytes);
    if (body) markUsed(file);
    return body;
  }

  /** Writes `body`, signed, as the folder's file `name`; false where it cannot be written (the next build does the work again). */
  write(name: string, body: string | Uint8Array): boolean {
    const key = this.signing();
    const written = key !== undefined && writeSigned(join(this.dir, name), key, body);
    if (written && !this.pruned) {
      this.pruned = true;
      prune(this.dir, this.files);
    }
    return written;
  }

  private signing(): Buffer | undefined {
    this.key ??= signingKey(this.dir) ?? null;
    return this.key ?? undefined;
  }
}

/** The body of `file` if it is signed with `key` (see writeSigned) and at most `maxBytes` long; none otherwise. */
function readSigned(file: string, key: Buffer, maxBytes: number): Buffer | undefined {
  const data = readPlainFile(file, maxBytes + SIGNATURE_CHARS + 1);
  if (!data || data[SIGNATURE_CHARS] !== 0x0a) return undefined;
  const body = data.subarray(SIGNATURE_CHARS + 1);
  const signed = Buffer.from(data.toString('latin1', 0, SIGNATURE_CHARS), 'hex');
  const expected = Buffer.from(signature(key, body), 'hex');
  return signed.length === expected.length && timingSafeEqual(signed, expected) ? body : undefined;
}

/** Writes `body` to `file` (through a temporary name) after its signature with `key`, a line of its own; false where it cannot be written. */
function writeSigned(file: string, key: Buffer, body: string | Uint8Array): boolean {
  const line = `${signature(key, body)}\n`;
  try {
    writeAtomically(file, typeof body === 'string' ? line + body : Buffer.concat([Buffer.from(line, 'latin1'), body]));
    return true;
  } catch {
    // not writable: the next build does the work again
    return false;
  }
}

/** Sets a file's time to now: the time the folder's pruning goes by. */
function markUsed(file: string): void {
  const now = new Date();
  try {
    lutimesSync(file, now, now);
  } catch {
    // a folder that refuses it prunes by the time the file was written
  }
}

/**
 * Removes the least recently used of the folder's files of a kind until
 * they hold `mostBytes` at most. A file of the kind is a regular file named
 * as the kind's are and beginning with a signature line, as every file
 * written here does: another program's `<md5>.json` in a folder given as
 * the cache is none of them.
 */
function prune(dir: string, { names, mostBytes }: CacheFiles): void {
  const all = namesIn(dir);
  // what a build stopped while writing left under a temporary name (see writeAtomically), once no write can be under way
  for (const name of all) {
    const kept = TEMPORARY_NAME.exec(name)?.[1];
    if (kept === undefined || !names.test(kept)) continue;
    const stat = signedFileStat(join(dir, name));
    if (stat && Date.now() - stat.mtimeMs > ABANDONED_MS) removeFile(join(dir, name));
  }
  const found = all.filter((name) => names.test(name));
  const files = found.flatMap((name) => {
    const file = join(dir, name);
    const stat = signedFileStat(file);
    return stat ? [{ file, bytes: stat.size, used: stat.mtimeMs }] : [];
  });
  let total = files.reduce((n, f) => n + f.bytes, 0);
  for (const { file, bytes } of files.sort((a, b) => a.used - b.used)) {
    if (total <= mostBytes) return;
    removeFile(file);
    total -= bytes;
  }
}

/** A temporary file this old is no write's under way: a write takes moments. */
const ABANDONED_MS = 60 * 60 * 1000;

/** What `file` is (its size and time) if it is a regular file that begins with a signature line; none otherwise, or if it cannot be read. */
function signedFileStat(file: string): Stats | undefined {
  return onPlainFile(file, (fd, stat) => {
    const line = Buffer.alloc(SIGNATURE_CHARS + 1);
    const read = readSync(fd, line, 0, line.length, 0);
    return read === line.length && SIGNATURE_LINE.test(line.toString('latin1')) ? stat : undefined;
  });
}
const SIGNATURE_LINE = new RegExp(`^[0-9a-f]{${SIGNATURE_CHARS}}\\n$`);

/** HMAC-SHA256 of a file's body with the user's key, in hex. */
function signature(key: Buffer, body: string | Uint8Array): string {
  return createHmac('sha256', key).update(body).digest('hex');
}

/**
 * The user's key in the cache folder `dir`, made there at first: a file of
 * the user's that no one else may read. One that is not that (another
 * user's, readable by others, a link, of another length) is replaced, since
 * others may know it. None when the folder is not the user's to write.
 */
function signingKey(dir: string): Buffer | undefined {
  const file = join(dir, KEY_FILE);
  const isOwn = (stat: Stats): boolean => stat.size === KEY_BYTES
    // where there are no owners (Windows) the folder in the user's profile is the user's own
    && (process.getuid === undefined || (stat.uid === process.getuid() && (stat.mode & 0o077) === 0));
  const own = readPlainFile(file, KEY_BYTES, isOwn);
  if (own?.length === KEY_BYTES) return own;
  const made = temporaryName(file);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    rmSync(made, { force: true });
    // wx: a new file, not one someone left under the name (a link to a file of theirs)
    writeFileSync(made, randomBytes(KEY_BYTES), { mode: 0o600, flag: 'wx' });
  } catch {
    return undefined;
  }
  try {
    renameSync(made, file);
  } catch {
    rmSync(made, { force: true });
    return undefined;
  }
  // read back: another build may have put its key there at the same moment, and the files are signed with the one in place
  const key = readPlainFile(file, KEY_BYTES, isOwn);
  return key?.length === KEY_BYTES ? key : undefined;
}
