import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ZineError, type SourceRef, type Warn } from './errors.js';
import { SCREEN_PAPER } from './content/paper.js';
import { loadLocale, loadProject, type Project, type ProjectSelection } from './content/project.js';
import { themeForScript } from './content/theme.js';
import { ImageLibrary } from './content/images.js';
import { saddleStitch } from './impose/saddle.js';
import { layOut } from './layouts/templates.js';
import { hyphenatorFor } from './lang/hyphenation.js';
import { unknownLanguage } from './lang/languages.js';
import { TOOL_ROOT } from './paths.js';
import { renderImposed, renderScreen, renderSpreads, usesColour, type PdfMeta, type Resources } from './render/pdf.js';
import { zineSpec } from './render/spec.js';
import { checkCoverage } from './typeset/coverage.js';
import { typesetEdition, type Edition } from './typeset/edition.js';
import { FontBook } from './typeset/fonts.js';

export interface BuildOptions extends ProjectSelection {
  projectDir: string;
  outDir: string;
  warn: Warn;
  /**
   * Build locales in worker threads. By default only with more than one
   * locale and at least four cores: one Node build already keeps about one
   * and a half cores busy (V8 compiles and collects garbage on threads of its
   * own), so on two cores threads only add their start-up time.
   */
  parallel?: boolean;
}

/** A finished file (a PDF, or the spec data), still in memory. */
export interface Output {
  path: string;
  locale: string;
  data: Uint8Array;
  /** PDF pages: booklet pages for a screen file, sheet sides for a print file; 0 for the spec. */
  pdfPages: number;
}

export type BuiltFile = Omit<Output, 'data'>;

/** The CrimethInc file names: `<slug>_<variant>.pdf`. */
export const VARIANTS = {
  screen: 'screen_single_page_view',
  spreads: 'screen_two_page_view',
  print: 'print_black_and_white',
  printColour: 'print_color',
  lite: 'lite',
} as const;

/**
 * Builds every selected locale and edition. Everything is rendered in memory
 * first and written only when all of it succeeded, each file through a
 * temporary name: a failed build leaves earlier PDFs as they were.
 */
export async function build(options: BuildOptions): Promise<BuiltFile[]> {
  const selection: ProjectSelection = {};
  if (options.locales) selection.locales = options.locales;
  if (options.papers) selection.papers = options.papers;
  const project = loadProject(options.projectDir, selection);
  const outDir = resolve(options.outDir);
  const worker = workerScript();
  const parallel = (options.parallel ?? (project.locales.length > 1 && availableParallelism() >= 4)) && worker !== undefined;

  let outputs: Output[];
  if (parallel) {
    const jobs = project.locales.map((locale) => ({ projectDir: project.dir, locale, papers: project.papers.map((p) => p.name), outDir }));
    outputs = (await inWorkers(worker, jobs, options.warn)).flat();
  } else {
    const res = resourcesOf(project);
    outputs = [];
    for (const locale of project.locales) outputs.push(...(await buildLocale(project, locale, outDir, res, options.warn)));
  }

  for (const out of outputs) writeAtomically(out.path, out.data);
  return outputs.map(({ path, locale, pdfPages }) => ({ path, locale, pdfPages }));
}

/** One locale, every paper: laid out once per edition, drawn into each of its files. */
export async function buildLocale(project: Project, locale: string, outDir: string, res: Resources, warn: Warn): Promise<Output[]> {
  const content = loadLocale(project, locale, warn);
  const language = content.language ?? unknownLanguage(locale);
  const theme = themeForScript(project.theme, language.script);
  const layout = layOut(project, content, warn);
  checkCoverage(
    [...layout.cover, ...layout.colophon, ...(layout.contents?.blocks ?? []), ...layout.sections.flatMap((s) => s.blocks), ...layout.backCover],
    theme, res.fonts, locale,
  );
  const hyphenate = hyphenatorFor(content.language);
  const meta: PdfMeta = { title: content.t('title'), language: locale, creationDate: creationDate(project) };
  const file = (variant: string, ext = 'pdf'): string => join(outDir, locale, `${project.config.slug}${variant ? `_${variant}` : ''}.${ext}`);

  const outputs: Output[] = [];
  const editions: Edition[] = [];
  let colour = false;
  for (const paper of project.papers) {
    const edition = typesetEdition({ layout, paper, theme, fonts: res.fonts, images: res.images, locale, hyphenate, warn });
    editions.push(edition);
    const plan = saddleStitch(edition.pages.length);
    const sides = plan.sheets.length * 2;
    colour = usesColour(edition.pages, res.images);
    if (paper.name === SCREEN_PAPER) {
      outputs.push({ path: file(VARIANTS.screen), locale, data: await renderScreen(edition.pages, res, meta), pdfPages: edition.pages.length });
      const spreads = await renderSpreads(edition.pages, res, meta);
      outputs.push({ path: file(VARIANTS.spreads), locale, data: spreads, pdfPages: Math.ceil(edition.pages.length / 2) + 1 });
      const lite = await renderImposed(edition.pages, plan, paper.sheet, res, meta, 'lite');
      outputs.push({ path: file(VARIANTS.lite), locale, data: lite, pdfPages: sides });
    }
    const grey = await renderImposed(edition.pages, plan, paper.sheet, res, meta, 'grey');
    outputs.push({ path: file(VARIANTS.print + paper.fileSuffix), locale, data: grey, pdfPages: sides });
    if (colour) {
      const data = await renderImposed(edition.pages, plan, paper.sheet, res, meta, 'colour');
      outputs.push({ path: file(VARIANTS.printColour + paper.fileSuffix), locale, data, pdfPages: sides });
    }
  }
  const spec = zineSpec({ title: content.t('title'), slug: project.config.slug, locale, colour }, layout, editions);
  outputs.push({ path: file('', 'json'), locale, data: Buffer.from(`${JSON.stringify(spec, null, 2)}\n`), pdfPages: 0 });
  return outputs;
}

/** What a build worker is asked to do, and what it answers. */
export interface WorkerJob {
  projectDir: string;
  locale: string;
  papers: string[];
  outDir: string;
}

export type WorkerReply =
  | { kind: 'warning'; message: string; where: SourceRef | undefined }
  | { kind: 'done'; outputs: Output[] }
  | { kind: 'failed'; message: string; where: SourceRef | undefined; userError: boolean; stack: string | undefined };

/** The compiled worker, if there is one (running from TypeScript sources, there may not be). */
function workerScript(): string | undefined {
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
async function inWorkers(script: string, jobs: WorkerJob[], warn: Warn): Promise<Output[][]> {
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

/** Fonts and images of a project, loaded once and shared by every locale built in this thread. */
export function resourcesOf(project: Project): Resources {
  return { fonts: new FontBook(project.theme, join(project.dir, 'fonts')), images: new ImageLibrary(project.dir) };
}

/** SOURCE_DATE_EPOCH (reproducible-builds.org), else the zine's date, else now. */
function creationDate(project: Project): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  if (project.config.date) return new Date(`${project.config.date}T00:00:00Z`);
  return new Date();
}

function writeAtomically(path: string, data: Uint8Array): void {
  mkdirSync(join(path, '..'), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
  }
}
