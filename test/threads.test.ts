import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
const answer = (job) => {
  if (job.locale === 'exits') process.exit(3);
  if (job.locale.startsWith('fails')) return parentPort.postMessage({ kind: 'failed', message: job.locale + ' is wrong', where: { file: job.locale }, userError: true });
  if (job.locale === 'warns') parentPort.postMessage({ kind: 'warning', message: 'careful', where: undefined });
  parentPort.postMessage({ kind: 'done', outputs: [{ path: job.locale, locale: job.locale, data: new Uint8Array([1]), pdfPages: 1 }] });
  if (job.locale === 'crashes after') throw new Error('crashed after its answer');
  if (job.locale === 'exits after') process.exit(0);
};
// a locale named slow… takes a tenth of a second, very slow… more than a second
const delay = (locale) => (locale.includes('very slow') ? 1200 : locale.includes('slow') ? 100 : 0);
parentPort.on('message', (job) => (delay(job.locale) > 0 ? setTimeout(() => answer(job), delay(job.locale)) : answer(job)));
`;

let script: string;
beforeAll(() => {
  script = join(mkdtempSync(join(tmpdir(), 'zine-threads-')), 'stand-in.mjs');
  writeFileSync(script, STAND_IN);
});

/** Threads in the pool, whatever the machine's cores: a job is under way beside another. */
const THREADS = 2;

const jobsOf = (locales: readonly string[]): WorkerJob[] => locales.map((locale) => ({
  projectDir: '.', locale, papers: [], outDir: '.', cache: undefined,
  settings: {} as WorkerJob['settings'],
}));

/** Runs the locales' jobs: the files handed over, by job, and the warnings said. */
async function run(
  locales: readonly string[], done?: (index: number, outputs: Output[]) => void, threads?: number,
): Promise<{ files: (string[] | undefined)[]; said: string[] }> {
  const files: (string[] | undefined)[] = new Array(locales.length);
  const said: string[] = [];
  await inWorkers(script, jobsOf(locales), (m) => said.push(m), (index, outputs) => {
    done?.(index, outputs);
    expect(files[index], `job ${index} handed over twice`).toBeUndefined();
    files[index] = outputs.map((o) => o.path);
  }, threads);
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
    const locales = Array.from({ length: 12 * THREADS }, (_, i) => (i === 5 ? 'warns' : `l${i}`));
    const { files, said } = await run(locales, undefined, THREADS);
    expect(files).toEqual(locales.map((l) => [l]));
    expect(said).toEqual(['careful']);
    // a warning is emitted on the next tick
    await new Promise((r) => setImmediate(r));
    expect(warnings.filter((w) => /MaxListeners/.test(w))).toEqual([]);
  });

  it('starts no further job after one fails, and throws the failure as the user\'s error it is', async () => {
    // every thread takes a slow job, then the first free one takes the failing job: only the jobs under way go on
    const locales = Array.from({ length: 10 * THREADS }, (_, i) => (i === THREADS ? 'fails' : `slow ${i}`));
    const handed: number[] = [];
    const error = await run(locales, (index) => void handed.push(index), THREADS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZineError);
    expect((error as ZineError).message).toBe('fails is wrong');
    expect(handed.length).toBeGreaterThan(0);
    expect(handed.length).toBeLessThan(3 * THREADS);
  });

  it('throws the first failure in the jobs\' order, not the first to come', async () => {
    const error = await run(['fails slowly', 'fails at once'], undefined, THREADS).catch((e: unknown) => e);
    expect((error as Error).message).toBe('fails slowly is wrong');
  });

  it('hands over no files once a job has failed: they would join a set already given up', async () => {
    const handed: number[] = [];
    await expect(run(['very slow 0', 'fails'], (index) => void handed.push(index), THREADS)).rejects.toThrow('fails is wrong');
    expect(handed).toEqual([]);
  });

  it('hears a thread that fails after answering a job: the build fails with its error', async () => {
    // the thread's next job is under way when the error comes
    const locales = ['crashes after', ...Array.from({ length: 3 * THREADS }, (_, i) => `slow ${i}`)];
    await expect(run(locales, undefined, THREADS)).rejects.toThrow('crashed after its answer');
  });

  it('hears a thread that fails after answering its last job, while it is being stopped, rather than letting the error stop the process', async () => {
    // whether the error comes before the thread is stopped is the threads' race: either way the process goes on
    for (let i = 0; i < 8; i++) {
      const outcome = await run(['crashes after']).then(() => 'built', (e: unknown) => (e as Error).message);
      expect(['built', 'crashed after its answer']).toContain(outcome);
    }
  });

  it('ends with an error naming the locale when a thread exits in the middle of a job, not waiting for ever', async () => {
    await expect(run(['l0', 'exits', 'l2'])).rejects.toThrow('a build thread stopped (exit code 3) before exits was built');
  });

  it('ends with an error when a thread exits between jobs, with jobs left: neither waiting for ever nor leaving them undone', async () => {
    for (let i = 0; i < 10; i++) {
      await expect(run(['exits after', 'l1', 'l2', 'l3'], undefined, 1)).rejects.toThrow(/a build thread stopped \(exit code 0\) (after building exits after|before l1 was built)/);
    }
  }, 20_000);

  it('stops when what the files are handed to fails (the disk is full)', async () => {
    const full = (index: number): void => {
      if (index === 1) throw new Error('no space left on the disk');
    };
    await expect(run(Array.from({ length: 30 }, (_, i) => `l${i}`), full)).rejects.toThrow('no space left on the disk');
  });
});
