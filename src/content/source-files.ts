import { readFileSync, realpathSync, statSync } from 'node:fs';
import { ZineError } from '../errors.js';
import { isInside } from '../files.js';

/**
 * Reading the project's own files. Everything in a project may come from a
 * stranger, so each file is checked before it is read: it lies inside the
 * folder it belongs to once links are resolved (a symlink to /etc/passwd is
 * refused like `../../etc/passwd`), it is a file, and it is no larger than
 * its kind allows, so that nothing exhausts memory before it is refused.
 */

/** Sections, templates and JSON files: a long book is a few hundred kilobytes. */
export const MAX_TEXT_BYTES = 8 * 1024 * 1024;

/**
 * What one locale's text may come to: its sections together, and what its
 * templates write together. Setting text takes up to a gigabyte of memory
 * for each million characters (a word of a million hyphenated parts, at
 * worst); two million are a book of some 1,300 pages at a zine's size.
 */
export const MAX_LOCALE_CHARACTERS = 2_000_000;

/**
 * The bytes of `file`, which must lie inside `root` with every link
 * resolved. `what` names the file's kind in messages ("image images/x.png"),
 * `rootName` the folder (the project's, or an installed font's).
 */
export function readSourceBytes(file: string, root: string, maxBytes: number, what = 'the file', rootName = 'the project folder'): Buffer {
  let real: string;
  try {
    real = realpathSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new ZineError(`${what} not found`, { file });
    throw new ZineError(`${what} cannot be read (${code ?? String(e)})`, { file });
  }
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    throw new ZineError('folder not found', { file: root });
  }
  if (!isInside(real, realRoot)) throw new ZineError(`${what} leads outside ${rootName} (${real}): refused`, { file });
  return readRegularFile(real, maxBytes, what, file);
}

/**
 * The bytes of a regular file no larger than `maxBytes`, wherever it lies
 * (an installed font), its size checked before it is read: a folder, FIFO
 * or device is refused, as it would hang the reading or never end.
 * `shown` is the name messages give it.
 */
export function readRegularFile(file: string, maxBytes: number, what = 'the file', shown = file): Buffer {
  let stat;
  try {
    stat = statSync(file);
  } catch (e) {
    throw new ZineError(`${what} cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`, { file: shown });
  }
  if (!stat.isFile()) throw new ZineError(`${what} is ${stat.isDirectory() ? 'a folder' : 'not a regular file'}`, { file: shown });
  if (stat.size > maxBytes) throw new ZineError(`${what} is larger than ${formatBytes(maxBytes)}: refused`, { file: shown });
  try {
    return readFileSync(file);
  } catch (e) {
    throw new ZineError(`${what} cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`, { file: shown });
  }
}

/** A text file of the project (`readSourceBytes`), decoded by `decodeText`. */
export function readSourceText(file: string, root: string, what = 'the file', maxBytes = MAX_TEXT_BYTES): string {
  return decodeText(readSourceBytes(file, root, maxBytes, what), file);
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Text as the project's files hold it: UTF-8, with or without a byte order
 * mark, or UTF-16 with one (what Windows editors save as "Unicode"). Line
 * endings become `\n` (CRLF and lone CR alike), so that line numbers and
 * front matter are found the same way whatever editor saved the file.
 * Anything that is not valid text is refused, naming the first bad line: a
 * U+FFFD put in its place would print as a box, unnoticed.
 */
export function decodeText(bytes: Uint8Array, file: string): string {
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = decodeStrictly(bytes.subarray(2), 'utf-16le', file);
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = decodeStrictly(bytes.subarray(2), 'utf-16be', file);
  else {
    const bom = UTF8_BOM.every((b, i) => bytes[i] === b);
    text = decodeStrictly(bom ? bytes.subarray(3) : bytes, 'utf-8', file);
  }
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

function decodeStrictly(bytes: Uint8Array, encoding: 'utf-8' | 'utf-16le' | 'utf-16be', file: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    // the first line that does not decode: cut at line feeds, which no UTF-8 sequence contains
    const lenient = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
    let line = 1;
    if (encoding === 'utf-8') {
      let start = 0;
      for (let i = 0; i <= bytes.length; i++) {
        if (i < bytes.length && bytes[i] !== 0x0a) continue;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start, i));
        } catch {
          break;
        }
        line++;
        start = i + 1;
      }
    } else {
      line = lenient.slice(0, lenient.indexOf('\ufffd')).split('\n').length;
    }
    const name = encoding === 'utf-8' ? 'UTF-8' : 'UTF-16';
    throw new ZineError(`not valid ${name} text: save the file as UTF-8`, { file, line });
  }
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${n / 1024 / 1024} MB` : `${n / 1024} KB`;
}
