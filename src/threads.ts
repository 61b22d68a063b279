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
 * next job when done (so it stays warm); results in job order, the first
 * failure thrown.
 */
export async function inWorkers(script: string, jobs: WorkerJob[], warn: Warn): Promise<Output[][]> {
  const results = new Array<Output[]>(jobs.length);
  const failures: (Error | undefined)[] = new Array(jobs.length);
  let next = 0;
  const thread = async (): Promise<void> => {
    const worker = new Worker(script);
    try {
      while (next < jobs.length) {
        const index = next++;
        await new Promise<void>((done) => {
          const onMessage = (reply: WorkerReply): void => {
            if (reply.kind === 'warning') return warn(reply.message, reply.where);
            if (reply.kind === 'done') results[index] = reply.outputs;
            else {
              const error = reply.userError ? new ZineError(reply.message, reply.where) : new Error(reply.message);
              if (reply.stack) error.stack = reply.stack;
              failures[index] = error;
            }
            worker.off('message', onMessage);
            done();
          };
          worker.on('message', onMessage);
          worker.once('error', (e) => {
            failures[index] = e;
            done();
          });
          worker.postMessage(jobs[index]);
        });
        if (failures[index]) break;
      }
    } finally {
      await worker.terminate();
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs.length, availableParallelism()) }, thread));
  const failure = failures.find((f) => f !== undefined);
  if (failure) throw failure;
  return results;
}
