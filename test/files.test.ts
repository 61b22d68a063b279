import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { writeAtomically } from '../src/files.js';
import { TOOL_ROOT } from '../src/paths.js';

const folder = (): string => mkdtempSync(join(tmpdir(), 'zine-files-'));

describe('writeAtomically', () => {
  it('writes a file in a new folder and leaves no temporary file', () => {
    const dir = folder();
    const path = join(dir, 'a', 'b', 'out.pdf');
    writeAtomically(path, 'first');
    writeAtomically(path, Buffer.from('second'));
    expect(readFileSync(path, 'utf8')).toBe('second');
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['out.pdf']);
  });

  it('leaves the file as it was when the write fails', () => {
    const dir = folder();
    const path = join(dir, 'out.pdf');
    writeFileSync(path, 'earlier');
    // a folder where the temporary file would go makes the write fail
    mkdirSync(join(dir, `out.pdf.${process.pid}-0.tmp`));
    expect(() => writeAtomically(path, 'later')).toThrow();
    expect(readFileSync(path, 'utf8')).toBe('earlier');
  });

  it('gives each thread a temporary name of its own', async () => {
    const dir = folder();
    const path = join(dir, 'shared.json');
    // a folder stands where the main thread's temporary file would go: a worker sharing that name would fail
    mkdirSync(join(dir, `shared.json.${process.pid}-0.tmp`));
    // threads run the compiled code in dist/ (npm test compiles it first)
    const module = pathToFileURL(join(TOOL_ROOT, 'dist', 'files.js')).href;
    const worker = new Worker(
      `import(${JSON.stringify(module)}).then(({ writeAtomically }) => writeAtomically(${JSON.stringify(path)}, 'from a worker'))`,
      { eval: true },
    );
    const exit = new Promise<number>((resolve) => worker.once('exit', resolve));
    const error = new Promise<Error | undefined>((resolve) => {
      worker.once('error', resolve);
      void exit.then(() => resolve(undefined));
    });
    expect(await error).toBeUndefined();
    expect(readFileSync(path, 'utf8')).toBe('from a worker');
  });
});
