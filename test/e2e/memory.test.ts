import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { initProject } from '../../src/cli/init.js';

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
