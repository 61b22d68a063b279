/** Building locales on a pool of worker threads (see build-worker.ts). */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Output } from './outputs/table.js';
import type { PrintSettings } from './content/config.js';
import { ZineError, type SourceRef, type Warn } from './errors.js';
import { TOOL_ROOT } from './paths.js';

/** What a build worker is asked to do, and what it answers. */
export interface WorkerJob {
  projectDir: string;
  locale: string;
  papers: string[];
  outDir: string;
  settings: PrintSettings;
  /** Where shapings are kept between builds, if anywhere. */
  cache: string | undefined;
}

export type WorkerReply =
  | { kind: 'warning'; message: string; where: SourceRef | undefined }
  | { kind: 'done'; outputs: Output[] }
  | { kind: 'failed'; message: string; where: SourceRef | undefined; userError: boolean; stack: string | undefined };

/** The compiled worker, if there is one (running from TypeScript sources, there may not be). */
export function workerScript(): string | undefined {
  const beside = fileURLToPath(new URL('./build-worker.js', import.meta.url));
  if (existsSync(beside)) return beside;
  const compiled = join(TOOL_ROOT, 'dist', 'build-worker.js');
  return existsSync(compiled) ? compiled : undefined;
}

/**
 * Runs the jobs on a pool of threads, one per core, each thread taking the
 * next job when done (so it stays warm), and hands each job's files to
 * `done` as they come, so that the main thread holds one locale's at a
 * time. After a failure (a job's, a thread's, or `done`'s) no further job
 * starts; the first failure in job order is thrown once the jobs under way
 * have ended.
 */
export async function inWorkers(script: string, jobs: readonly WorkerJob[], warn: Warn, done: (index: number, outputs: Output[]) => void): Promise<void> {
  const failures: (Error | undefined)[] = new Array(jobs.length);
  let failed = false;
  let next = 0;
  const fail = (index: number, error: Error): void => {
    failures[index] = error;
    failed = true;
  };
  // one job on a thread: its listeners removed when it ends, so that a thread taking many jobs gathers none
  const run = (worker: Worker, index: number): Promise<void> => new Promise((settle) => {
    const end = (): void => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      settle();
    };
    const onMessage = (reply: WorkerReply): void => {
      if (reply.kind === 'warning') return warn(reply.message, reply.where);
      if (reply.kind === 'done') {
        try {
          done(index, reply.outputs);
        } catch (e) {
          fail(index, e instanceof Error ? e : new Error(String(e)));
        }
      } else {
        const error = reply.userError ? new ZineError(reply.message, reply.where) : new Error(reply.message);
        if (reply.stack) error.stack = reply.stack;
        fail(index, error);
      }
      end();
    };
    const onError = (e: Error): void => {
      fail(index, e);
      end();
    };
    // a thread that ends without an error (its process.exit) would otherwise leave the build waiting for ever
    const onExit = (code: number): void => {
      fail(index, new Error(`the thread building ${jobs[index]!.locale} stopped (exit code ${code})`));
      end();
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(jobs[index]);
  });
  const thread = async (): Promise<void> => {
    const worker = new Worker(script);
    try {
      while (next < jobs.length && !failed) await run(worker, next++);
    } finally {
      await worker.terminate();
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs.length, availableParallelism()) }, thread));
  const failure = failures.find((f) => f !== undefined);
  if (failure) throw failure;
}
