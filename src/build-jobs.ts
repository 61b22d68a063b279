/**
 * What a worker thread of `build` does (see build-worker.ts): takes jobs (one
 * locale each) from the main thread and answers with the PDFs in memory.
 * Fonts, images and hyphenation patterns stay loaded from one job to the next.
 */
import type { MessagePort } from 'node:worker_threads';
import { buildLocale, resourcesOf, type BuildResources } from './build.js';
import type { WorkerJob, WorkerReply } from './threads.js';
import { loadProject } from './content/project.js';
import { ZineError, type Warn } from './errors.js';

/** Answers the jobs that come through `port`, the thread's link to the main thread. */
export function serveBuildJobs(port: MessagePort): void {
  const reply = (r: WorkerReply): void => port.postMessage(r);
  const resources = new Map<string, BuildResources>();
  port.on('message', (job: WorkerJob) => {
    void (async () => {
      try {
        const project = loadProject(job.projectDir, { locales: [job.locale], papers: job.papers });
        const warn: Warn = (message, where) => reply({ kind: 'warning', message, where });
        let res = resources.get(project.dir);
        if (!res) {
          res = resourcesOf(project, warn, job.cache);
          resources.set(project.dir, res);
        }
        const outputs = await buildLocale(project, job.locale, job.outDir, job.settings, res, warn);
        // the next job's locale has no use for this one's pages
        res.memos.nextBuild();
        res.fonts.saveShapings();
        reply({ kind: 'done', outputs });
      } catch (e) {
        const error = e instanceof Error ? e : new Error(String(e));
        reply({ kind: 'failed', message: error.message, where: e instanceof ZineError ? e.where : undefined, userError: e instanceof ZineError, stack: error.stack });
      }
    })();
  });
}
