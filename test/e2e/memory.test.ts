import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { initProject } from '../../src/cli/init.js';
import { Stopwatch, type Stage } from '../../src/stopwatch.js';
import { unfinished } from '../support/outputs.js';

// a full collection on demand, so that what the heap holds is what is still reachable
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** The bytes of every WebAssembly memory in this thread (HarfBuzz's and the image codecs'), found by their prototype. */
async function webAssemblyMemory(): Promise<number> {
  const session = new Session();
  session.connect();
  try {
    const { result } = await session.post('Runtime.evaluate', { expression: 'WebAssembly.Memory.prototype' });
    const { objects } = await session.post('Runtime.queryObjects', { prototypeObjectId: result.objectId! });
    const sizes = await session.post('Runtime.callFunctionOn', {
      objectId: objects.objectId!, functionDeclaration: 'function () { return this.reduce((n, m) => n + m.buffer.byteLength, 0); }', returnByValue: true,
    });
    return sizes.result.value as number;
  } finally {
    session.disconnect();
  }
}

/** What is unreachable collected, and what is freed when its object is collected (HarfBuzz's fonts, by a FinalizationRegistry) freed. */
async function collected(): Promise<void> {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 10));
  gc();
}

describe('builds one after another in one process', () => {
  it('hold none of the earlier builds\' documents, pages and fonts', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'zine-memory-')), 'z');
    initProject(dir);
    const once = (): Promise<unknown> => build({ projectDir: dir, outDir: join(dir, 'out'), papers: ['letter'], warn: () => {} });
    // nothing but the builds between them (no timer, no file read that waits): whatever waits for a turn of the
    // event loop's queues to be let go of is held until the loop ends
    await once();
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 5; i++) await once();
    gc();
    // held on to, the five builds' documents come to some 9 MB here; let go of, the heap grows by about 1
    expect((process.memoryUsage().heapUsed - before) / 1e6).toBeLessThan(5);
  });

  it('let go of the fonts they gave HarfBuzz, whose memory never shrinks', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'zine-memory-')), 'z');
    initProject(dir);
    const once = async (): Promise<void> => {
      await build({ projectDir: dir, outDir: join(dir, 'out'), papers: ['letter'], warn: () => {} });
      await collected();
    };
    // WebAssembly memory grows to what the most a build holds at once needs, and stays so
    for (let i = 0; i < 3; i++) await once();
    const before = await webAssemblyMemory();
    for (let i = 0; i < 4; i++) await once();
    // a font file held on to stays in HarfBuzz's memory: the starter's, some 3 MB a build
    expect((await webAssemblyMemory() - before) / 1e6).toBeLessThan(1);
  });
});

describe('a build of several locales', () => {
  /** A new project in English and Russian (the Russian a copy of the English text), and its output folder. */
  function twoLocales(): { dir: string; out: string } {
    const dir = join(mkdtempSync(join(tmpdir(), 'zine-staged-')), 'z');
    initProject(dir);
    cpSync(join(dir, 'locales', 'en'), join(dir, 'locales', 'ru'), { recursive: true });
    return { dir, out: join(dir, 'out') };
  }
  const contents = (out: string): Record<string, string> => Object.fromEntries(readdirSync(out, { recursive: true }).map(String).sort()
    .filter((f) => f.includes('.')).map((f) => [f, readFileSync(join(out, f)).toString('base64')]));

  it('writes each locale\'s files, under temporary names, before it sets the next, and puts them all in place at the end', async () => {
    const { dir, out } = twoLocales();
    const seen: string[][] = [];
    // what the output folder holds each time a locale is laid out
    class Watching extends Stopwatch {
      override time<T>(stage: Stage, work: () => T): T {
        if (stage === 'layout') seen.push(unfinished(out));
        return super.time(stage, work);
      }
    }
    const built = await build({ projectDir: dir, outDir: out, papers: ['letter'], cache: false, parallel: false, stopwatch: new Watching(), warn: () => {} });
    expect(seen[0]).toEqual([]);
    const russian = seen.at(-1)!;
    expect(russian.filter((f) => f.startsWith('en/')).length).toBe(built.filter((f) => f.locale === 'en').length);
    expect(russian.filter((f) => f.startsWith('ru/'))).toEqual([]);
    expect(unfinished(out)).toEqual([]);
    expect(built.map((f) => f.path.slice(out.length + 1)).sort()).toEqual(Object.keys(contents(out)));
  });

  it('that fails in a later locale leaves the last build\'s files as they were, and nothing of its own', async () => {
    const { dir, out } = twoLocales();
    const once = (): Promise<unknown> => build({ projectDir: dir, outDir: out, papers: ['letter'], cache: false, parallel: false, warn: () => {} });
    await once();
    const before = contents(out);
    writeFileSync(join(dir, 'locales', 'en', 'sections', '01-introduction.md'), '---\ntitle: Changed\n---\nOther words.\n');
    // a character no font of the starter has, in the locale set second
    writeFileSync(join(dir, 'locales', 'ru', 'sections', '01-introduction.md'), '---\ntitle: Введение\n---\nСлово 漢.\n');
    await expect(once()).rejects.toThrow(/U\+6F22/);
    expect(contents(out)).toEqual(before);
    expect(unfinished(out)).toEqual([]);
  });
});
