import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
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

  it('a cache written keeps the folder to the eight caches written last: nothing else is removed, and a run that reads one lists nothing', () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'zine-cache-'));
    const code = join(cacheDir, 'code');
    mkdirSync(code);
    const name = (n: number): string => `${n.toString(16).padStart(32, '0')}.v8`;
    const hoursAgo = (file: string, hours: number): void => {
      const time = new Date(Date.now() - hours * 3600_000);
      utimesSync(file, time, time);
    };
    // other installs' caches, the first written longest ago
    for (let n = 1; n <= 10; n++) {
      writeFileSync(join(code, name(n)), `v20.0.0 x64 1 2 3\tfull\n${'x'.repeat(100)}`);
      hoursAgo(join(code, name(n)), 100 - n);
    }
    // named as a cache but none: another program's file, a link, a folder; a temporary file a stopped run left, and one being written
    writeFileSync(join(code, name(11)), 'not a cache');
    hoursAgo(join(code, name(11)), 200);
    symlinkSync(join(code, name(1)), join(code, name(12)));
    mkdirSync(join(code, name(13)));
    for (const [file, hours] of [[`${name(1)}.123.tmp`, 2], [`${name(2)}.456.tmp`, 0]] as const) {
      writeFileSync(join(code, file), 'v20.0.0 x64 1 2 3\tfull\n');
      hoursAgo(join(code, file), hours);
    }
    const file = programFile(5);
    expect(load(file, cacheDir, 'full')).toMatchObject({ cached: null, answer: 5 });
    const ours = keptFiles(cacheDir).filter((f) => !/^0{20}/.test(f));
    expect(ours).toHaveLength(1);
    expect(keptFiles(cacheDir).sort()).toEqual([...[4, 5, 6, 7, 8, 9, 10, 11, 12, 13].map(name), `${name(2)}.456.tmp`, ...ours].sort());
    // read, a cache lists no folder and removes nothing
    writeFileSync(join(code, name(14)), 'v20.0.0 x64 1 2 3\tfull\n');
    expect(load(file, cacheDir)).toMatchObject({ cached: 'full', answer: 5 });
    expect(keptFiles(cacheDir)).toContain(name(14));
    expect(keptFiles(cacheDir)).toContain(name(4));
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
