import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { initProject } from '../../src/cli/init.js';

// a full collection on demand, so that what the heap holds is what is still reachable
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

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
});
