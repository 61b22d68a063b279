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
 * Runs the jobs on a pool of threads (one per core by default), each thread
 * taking the next job when done (so it stays warm), and hands each job's
 * files to `done` as they come, so that the main thread holds one locale's
 * at a time. After a failure (a job's, a thread's, or `done`'s) no further
 * job starts and no further files are handed over; the first failure in
 * job order is thrown once the jobs under way have ended.
 */
export async function inWorkers(
  script: string, jobs: readonly WorkerJob[], warn: Warn, done: (index: number, outputs: Output[]) => void, threads = availableParallelism(),
): Promise<void> {
  const failures: (Error | undefined)[] = new Array(jobs.length);
  let failed = false;
  let next = 0;
  const fail = (index: number, error: unknown): void => {
    // a job's first failure is its own; what follows from it is not
    failures[index] ??= error instanceof Error ? error : new Error(String(error));
    failed = true;
  };
  const thread = async (): Promise<void> => {
    const worker = new Worker(script);
    // the job under way, and the last one the thread took: a thread's listeners are its own for its whole life, so
    // that what it does after its last answer (while it is stopped) is heard, and many jobs gather none
    let job: { index: number; ended: () => void } | undefined;
    let last = 0;
    let stopping = false;
    const end = (): void => {
      job?.ended();
      job = undefined;
    };
    worker.on('message', (reply: WorkerReply) => {
      if (!job) return;
      try {
        if (reply.kind === 'warning') return warn(reply.message, reply.where);
        if (reply.kind === 'failed') {
          const error = reply.userError ? new ZineError(reply.message, reply.where) : new Error(reply.message);
          if (reply.stack) error.stack = reply.stack;
          fail(job.index, error);
        } else if (!failed) {
          // the files of a build already failing go nowhere: the set they would join is abandoned
          done(job.index, reply.outputs);
        }
      } catch (e) {
        fail(job.index, e);
      }
      end();
    });
    const broken = (error: Error): void => {
      fail(job?.index ?? last, error);
      end();
    };
    worker.on('error', broken);
    worker.on('messageerror', broken);
    // a thread that ends on its own (its process.exit), even between jobs, leaves them undone: the build fails, not waits
    worker.on('exit', (code) => {
      if (stopping) return;
      const when = job ? `before ${jobs[job.index]!.locale} was built` : `after building ${jobs[last]!.locale}`;
      broken(new Error(`a build thread stopped (exit code ${code}) ${when}`));
    });
    try {
      while (next < jobs.length && !failed) {
        const index = (last = next++);
        await new Promise<void>((ended) => {
          job = { index, ended };
          worker.postMessage(jobs[index]);
        });
      }
    } finally {
      stopping = true;
      await worker.terminate();
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs.length, threads) }, thread));
  const failure = failures.find((f) => f !== undefined);
  if (failure) throw failure;
}
