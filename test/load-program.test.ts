import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/fixtures.js';

/** A program file of its own, as scripts/bundle.mjs writes one: a classic script that sets `module.exports`. */
function programFile(answer: number): string {
  const file = join(mkdtempSync(join(tmpdir(), 'zine-program-')), 'program.cjs');
  writeFileSync(file, programSource(answer));
  return file;
}
const programSource = (answer: number): string => `"use strict";\nmodule.exports = { answer: () => ${answer}, where: () => __filename };\n`;

/**
 * The program loaded in a process of its own, as the command loads it (a
 * process compiles a source once: a second load in this one would find V8's
 * own copy, not the cache), then kept as `keep` says: what the cache gave and
 * what the program answers.
 */
function load(file: string, cacheDir: string | false, keep?: 'light' | 'full'): { cached: string | null; answer: number; where: string } {
  const script = `import { loadProgram } from ${JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'load-program.js')).href)};
const loaded = loadProgram({ file: ${JSON.stringify(file)}, cacheDir: ${JSON.stringify(cacheDir)} });
${keep ? `loaded.keep('${keep}');` : ''}
console.log(JSON.stringify({ cached: loaded.cached ?? null, answer: loaded.program.answer(), where: loaded.program.where() }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { cached: string | null; answer: number; where: string };
}
const keptFiles = (cacheDir: string): string[] => readdirSync(join(cacheDir, 'code'));

describe('the program loaded with its code cache', () => {
  it('runs as a CommonJS module, and what one process compiled the next takes up', () => {
    const [file, cacheDir] = [programFile(42), mkdtempSync(join(tmpdir(), 'zine-cache-'))];
    expect(load(file, cacheDir, 'light')).toEqual({ cached: null, answer: 42, where: file });
    const [kept] = keptFiles(cacheDir);
    // the user's alone
    expect(statSync(join(cacheDir, 'code', kept!)).mode & 0o777).toBe(0o600);
    expect(load(file, cacheDir)).toEqual({ cached: 'light', answer: 42, where: file });
  });

  it('keeps more only: a command that sets type replaces a lighter cache, one that does not leaves a full one', () => {
    const [file, cacheDir] = [programFile(1), mkdtempSync(join(tmpdir(), 'zine-cache-'))];
    load(file, cacheDir, 'light');
    expect(load(file, cacheDir, 'full').cached).toBe('light');
    expect(load(file, cacheDir, 'light').cached).toBe('full');
    expect(load(file, cacheDir).cached).toBe('full');
    expect(keptFiles(cacheDir)).toHaveLength(1);
  });

  it('a program file built again, of the same length, finds no cache of its own: its own code runs', () => {
    const [file, cacheDir] = [programFile(42), mkdtempSync(join(tmpdir(), 'zine-cache-'))];
    load(file, cacheDir, 'full');
    writeFileSync(file, programSource(43));
    expect(load(file, cacheDir)).toMatchObject({ cached: null, answer: 43 });
  });

  it('a cache file others may write is not used, nor one through a link, nor one whose code V8 refuses; the program runs all the same', () => {
    const [file, cacheDir] = [programFile(7), mkdtempSync(join(tmpdir(), 'zine-cache-'))];
    load(file, cacheDir, 'full');
    const kept = join(cacheDir, 'code', keptFiles(cacheDir)[0]!);
    chmodSync(kept, 0o666);
    expect(load(file, cacheDir)).toMatchObject({ cached: null, answer: 7 });
    chmodSync(kept, 0o600);
    // nor one reached through a link
    const linked = mkdtempSync(join(tmpdir(), 'zine-cache-'));
    mkdirSync(join(linked, 'code'));
    symlinkSync(kept, join(linked, 'code', keptFiles(cacheDir)[0]!));
    expect(load(file, linked)).toMatchObject({ cached: null, answer: 7 });
    expect(load(file, cacheDir).cached).toBe('full');
    // the header the program's, the code not V8's
    const { size, mtimeMs, ino } = statSync(file);
    writeFileSync(kept, Buffer.concat([Buffer.from(`${process.version} ${process.arch} ${size} ${mtimeMs} ${ino}\tfull\n`), Buffer.alloc(4096, 7)]));
    chmodSync(kept, 0o600);
    expect(load(file, cacheDir)).toMatchObject({ cached: null, answer: 7 });
  });

  it('a cache folder that cannot be written is let be, and no cache folder keeps nothing', () => {
    const file = programFile(3);
    const blocked = mkdtempSync(join(tmpdir(), 'zine-cache-'));
    // a file where the code folder would be
    writeFileSync(join(blocked, 'code'), '');
    expect(load(file, blocked, 'full')).toMatchObject({ cached: null, answer: 3 });
    mkdirSync(join(blocked, 'other'));
    expect(readdirSync(blocked).sort()).toEqual(['code', 'other']);
    expect(load(file, false, 'full')).toMatchObject({ cached: null, answer: 3 });
  });
});
