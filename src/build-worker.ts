/** A worker thread that builds one locale (see `build`), answering with the PDFs in memory. */
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { buildLocale, type WorkerJob, type WorkerReply } from './build.js';
import { loadProject } from './content/project.js';
import { ZineError } from './errors.js';
import { FontBook } from './typeset/fonts.js';

const job = workerData as WorkerJob;
const reply = (r: WorkerReply): void => parentPort!.postMessage(r);

try {
  const project = loadProject(job.projectDir, { locales: [job.locale], papers: job.papers });
  const fonts = new FontBook(project.theme, join(project.dir, 'fonts'));
  const outputs = await buildLocale(project, job.locale, job.outDir, fonts, (message, where) => reply({ kind: 'warning', message, where }));
  reply({ kind: 'done', outputs });
} catch (e) {
  const error = e instanceof Error ? e : new Error(String(e));
  reply({ kind: 'failed', message: error.message, where: e instanceof ZineError ? e.where : undefined, userError: e instanceof ZineError, stack: error.stack });
}
