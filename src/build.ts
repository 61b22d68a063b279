import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Warn } from './errors.js';
import { SCREEN_PAPER } from './content/paper.js';
import { loadLocale, loadProject, type Project } from './content/project.js';
import { saddleStitch } from './impose/saddle.js';
import { layOut } from './layouts/templates.js';
import { hyphenatorFor } from './lang/hyphenation.js';
import { renderImposed, renderScreen, type PdfMeta } from './render/pdf.js';
import { typesetEdition } from './typeset/edition.js';
import { FontBook } from './typeset/fonts.js';

export interface BuildOptions {
  projectDir: string;
  outDir: string;
  locales?: string[];
  papers?: string[];
  warn: Warn;
}

export interface BuiltFile {
  path: string;
  locale: string;
  /** PDF pages: booklet pages for a screen file, sheet sides for a print file. */
  pdfPages: number;
}

/** The CrimethInc file names: `<slug>_<variant>.pdf`. */
export const VARIANTS = {
  screen: 'screen_single_page_view',
  print: 'print_black_and_white',
} as const;

/**
 * Builds every selected locale and edition. Everything is rendered in memory
 * first and written only when all of it succeeded, each file through a
 * temporary name: a failed build leaves earlier PDFs as they were.
 */
export async function build(options: BuildOptions): Promise<BuiltFile[]> {
  const selection: { locales?: string[]; papers?: string[] } = {};
  if (options.locales) selection.locales = options.locales;
  if (options.papers) selection.papers = options.papers;
  const project = loadProject(options.projectDir, selection);
  const fonts = new FontBook(project.theme, join(project.dir, 'fonts'));
  const outputs: { path: string; locale: string; data: Buffer; pdfPages: number }[] = [];

  for (const locale of project.locales) {
    const content = loadLocale(project, locale, options.warn);
    const layout = layOut(project, content, options.warn);
    const hyphenate = hyphenatorFor(content.language);
    const meta: PdfMeta = { title: content.t('title'), language: locale, creationDate: creationDate(project) };
    const dir = join(resolve(options.outDir), locale);
    const file = (variant: string): string => join(dir, `${project.config.slug}_${variant}.pdf`);

    for (const paper of project.papers) {
      const edition = typesetEdition({ layout, paper, theme: project.theme, fonts, locale, hyphenate, warn: options.warn });
      if (paper.name === SCREEN_PAPER) {
        const data = await renderScreen(edition.pages, fonts, meta);
        outputs.push({ path: file(VARIANTS.screen), locale, data, pdfPages: edition.pages.length });
      }
      const plan = saddleStitch(edition.pages.length);
      const data = await renderImposed(edition.pages, plan, paper.sheet, fonts, meta);
      outputs.push({ path: file(VARIANTS.print + paper.fileSuffix), locale, data, pdfPages: plan.sheets.length * 2 });
    }
  }

  for (const out of outputs) writeAtomically(out.path, out.data);
  return outputs.map(({ path, locale, pdfPages }) => ({ path, locale, pdfPages }));
}

/** SOURCE_DATE_EPOCH (reproducible-builds.org), else the zine's date, else now. */
function creationDate(project: Project): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  if (project.config.date) return new Date(`${project.config.date}T00:00:00Z`);
  return new Date();
}

function writeAtomically(path: string, data: Buffer): void {
  mkdirSync(join(path, '..'), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
  }
}
