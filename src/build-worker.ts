/**
 * A worker thread of `build`: takes jobs (one locale each) from the main
 * thread and answers with the PDFs in memory. Fonts and hyphenation patterns
 * stay loaded from one job to the next.
 */
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { buildLocale, type WorkerJob, type WorkerReply } from './build.js';
import { loadProject } from './content/project.js';
import { ZineError } from './errors.js';
import { FontBook } from './typeset/fonts.js';

const reply = (r: WorkerReply): void => parentPort!.postMessage(r);
const fontBooks = new Map<string, FontBook>();

parentPort!.on('message', (job: WorkerJob) => {
  void (async () => {
    try {
      const project = loadProject(job.projectDir, { locales: [job.locale], papers: job.papers });
      let fonts = fontBooks.get(project.dir);
      if (!fonts) {
        fonts = new FontBook(project.theme, join(project.dir, 'fonts'));
        fontBooks.set(project.dir, fonts);
      }
      const outputs = await buildLocale(project, job.locale, job.outDir, fonts, (message, where) => reply({ kind: 'warning', message, where }));
      reply({ kind: 'done', outputs });
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      reply({ kind: 'failed', message: error.message, where: e instanceof ZineError ? e.where : undefined, userError: e instanceof ZineError, stack: error.stack });
    }
  })();
});
