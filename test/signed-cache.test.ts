import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SignedFolder, type CacheFiles } from '../src/signed-cache.js';

/** A kind of cache file named `kept-<n>`, of which the folder holds 3300 bytes at most (three of a thousand bytes and their signature). */
const KEPT: CacheFiles = { names: /^kept-\d+$/, mostBytes: 3300 };

/** Sets a file's time `minutes` ago. */
const aged = (dir: string, name: string, minutes: number): void => {
  const then = new Date(Date.now() - minutes * 60_000);
  utimesSync(join(dir, name), then, then);
};

describe('a signed cache folder', () => {
  it('removes its least recently used files of a kind, past their bytes, when a build first writes one: no other file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zine-signed-'));
    const earlier = new SignedFolder(dir, KEPT);
    // five files of about a thousand bytes, the first the oldest
    for (let n = 0; n < 5; n++) expect(earlier.write(`kept-${n}`, 'x'.repeat(1000))).toBe(true);
    for (let n = 0; n < 5; n++) aged(dir, `kept-${n}`, 60 - n);
    // another kind of file, a file the folder never made, and one named as the kind's but not signed (another
    // program's in a folder given as the cache), however old and large
    writeFileSync(join(dir, 'other-1'), 'y'.repeat(5000));
    writeFileSync(join(dir, 'notes.txt'), 'z'.repeat(5000));
    writeFileSync(join(dir, 'kept-99'), `{"theirs": "${'z'.repeat(5000)}"}`);
    for (const name of ['other-1', 'notes.txt', 'kept-99']) aged(dir, name, 120);
    // a later build reads kept-0, the oldest: it is used again, and kept
    const later = new SignedFolder(dir, KEPT);
    expect(later.read('kept-0', 2000)?.toString()).toBe('x'.repeat(1000));
    expect(later.write('kept-5', 'x'.repeat(1000))).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['kept-0', 'kept-4', 'kept-5', 'kept-99', 'notes.txt', 'other-1', 'signing-key']);
  });

  it('prunes once a build, at its first write: the folder holds at most one build\'s files past its bytes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zine-signed-'));
    const folder = new SignedFolder(dir, KEPT);
    for (let n = 0; n < 6; n++) expect(folder.write(`kept-${n}`, 'x'.repeat(1000))).toBe(true);
    expect(readdirSync(dir).filter((f) => KEPT.names.test(f))).toHaveLength(6);
    const next = new SignedFolder(dir, KEPT);
    expect(next.write('kept-6', 'x'.repeat(1000))).toBe(true);
    expect(readdirSync(dir).filter((f) => KEPT.names.test(f))).toHaveLength(3);
  });

  it('removes what a build stopped while writing left under a temporary name, once it is an hour old', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zine-signed-'));
    const folder = new SignedFolder(dir, KEPT);
    expect(folder.write('kept-0', 'x')).toBe(true);
    // signed as the folder's files are, under the names writeAtomically gives them, one left two hours ago
    const signed = readFileSync(join(dir, 'kept-0'));
    for (const name of ['kept-1.4242-0.tmp', 'kept-2.4243-1.tmp', 'notes.txt.4244-0.tmp']) writeFileSync(join(dir, name), signed);
    aged(dir, 'kept-1.4242-0.tmp', 120);
    aged(dir, 'notes.txt.4244-0.tmp', 120);
    expect(new SignedFolder(dir, KEPT).write('kept-3', 'x')).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['kept-0', 'kept-2.4243-1.tmp', 'kept-3', 'notes.txt.4244-0.tmp', 'signing-key']);
  });

  it('never follows a link named as its files are, nor removes a folder so named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zine-signed-'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'zine-signed-elsewhere-'));
    const folder = new SignedFolder(dir, KEPT);
    expect(folder.write('kept-0', 'x'.repeat(1000))).toBe(true);
    // a signed file of the kind, large and old, outside the folder, and a link to it inside; a folder of the kind's name
    writeFileSync(join(elsewhere, 'target'), readFileSync(join(dir, 'kept-0')).toString() + 'y'.repeat(5000));
    aged(elsewhere, 'target', 120);
    symlinkSync(join(elsewhere, 'target'), join(dir, 'kept-1'));
    mkdirSync(join(dir, 'kept-2'));
    expect(new SignedFolder(dir, KEPT).write('kept-3', 'x'.repeat(1000))).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['kept-0', 'kept-1', 'kept-2', 'kept-3', 'signing-key']);
    expect(readdirSync(elsewhere)).toEqual(['target']);
  });
});
