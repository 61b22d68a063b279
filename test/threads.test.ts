import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inWorkers, type WorkerJob } from '../src/threads.js';
import type { Output } from '../src/outputs/table.js';
import { ZineError } from '../src/errors.js';

/**
 * A stand-in for build-worker.js: answers each job as its locale says (a
 * warning, a failure, a thread that exits), else with one file named by the
 * locale.
 */
const STAND_IN = `
import { parentPort } from 'node:worker_threads';
parentPort.on('message', (job) => {
  if (job.locale === 'exits') process.exit(3);
  if (job.locale.startsWith('fails')) return parentPort.postMessage({ kind: 'failed', message: job.locale + ' is wrong', where: { file: job.locale }, userError: true });
  if (job.locale === 'warns') parentPort.postMessage({ kind: 'warning', message: 'careful', where: undefined });
  parentPort.postMessage({ kind: 'done', outputs: [{ path: job.locale, locale: job.locale, data: new Uint8Array([1]), pdfPages: 1 }] });
});
`;

let script: string;
beforeAll(() => {
  script = join(mkdtempSync(join(tmpdir(), 'zine-threads-')), 'stand-in.mjs');
  writeFileSync(script, STAND_IN);
});

const jobsOf = (locales: readonly string[]): WorkerJob[] => locales.map((locale) => ({
  projectDir: '.', locale, papers: [], outDir: '.', cache: undefined,
  settings: {} as WorkerJob['settings'],
}));

/** Runs the locales' jobs: the files handed over, by job, and the warnings said. */
async function run(locales: readonly string[], done?: (index: number, outputs: Output[]) => void): Promise<{ files: (string[] | undefined)[]; said: string[] }> {
  const files: (string[] | undefined)[] = new Array(locales.length);
  const said: string[] = [];
  await inWorkers(script, jobsOf(locales), (m) => said.push(m), (index, outputs) => {
    done?.(index, outputs);
    expect(files[index], `job ${index} handed over twice`).toBeUndefined();
    files[index] = outputs.map((o) => o.path);
  });
  return { files, said };
}

const warnings: string[] = [];
const onWarning = (w: Error): void => void warnings.push(`${w.name}: ${w.message}`);
afterEach(() => {
  process.off('warning', onWarning);
  warnings.length = 0;
});

describe('a pool of build threads', () => {
  it('hands over every job\'s files once, by job, however many jobs a thread takes, gathering no listeners', async () => {
    process.on('warning', onWarning);
    // more than ten jobs a thread: a listener left on the thread by each job would make Node warn of a leak
    const locales = Array.from({ length: 12 * availableParallelism() }, (_, i) => (i === 5 ? 'warns' : `l${i}`));
    const { files, said } = await run(locales);
    expect(files).toEqual(locales.map((l) => [l]));
    expect(said).toEqual(['careful']);
    // a warning is emitted on the next tick
    await new Promise((r) => setImmediate(r));
    expect(warnings.filter((w) => /MaxListeners/.test(w))).toEqual([]);
  });

  it('starts no further job after one fails, and throws the failure as the user\'s error it is', async () => {
    const locales = Array.from({ length: 40 }, (_, i) => (i === 3 ? 'fails' : `l${i}`));
    const handed: number[] = [];
    const error = await run(locales, (index) => void handed.push(index)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZineError);
    expect((error as ZineError).message).toBe('fails is wrong');
    // the jobs under way when it failed end; none starts after
    expect(Math.max(...handed)).toBeLessThan(3 + availableParallelism());
  });

  it('throws the first failure in the jobs\' order', async () => {
    const error = await run(['fails first', 'l1', 'fails second', 'l3']).catch((e: unknown) => e);
    expect((error as Error).message).toBe('fails first is wrong');
  });

  it('ends with an error naming the locale when a thread exits in the middle of a job, not waiting for ever', async () => {
    await expect(run(['l0', 'exits', 'l2'])).rejects.toThrow('the thread building exits stopped (exit code 3)');
  });

  it('stops when what the files are handed to fails (the disk is full)', async () => {
    const full = (index: number): void => {
      if (index === 1) throw new Error('no space left on the disk');
    };
    await expect(run(Array.from({ length: 30 }, (_, i) => `l${i}`), full)).rejects.toThrow('no space left on the disk');
  });
});
