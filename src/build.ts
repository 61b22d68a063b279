import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { ZineError, type Warn } from './errors.js';
import { FileSet, isInside, namesIn, realPath, removeFile, writeTogether } from './files.js';
import { CONFIG_FILE, readPrintSettings, type PrintSettings } from './content/config.js';
import { creationDate as creationDateOf } from './content/dates.js';
import { SCREEN_PAPER, type Paper } from './content/paper.js';
import { loadLocale, loadProject, type Project, type ProjectSelection } from './content/project.js';
import { THEME_FILE, type Margins } from './content/theme.js';
import { ImageLibrary } from './content/images.js';
import { creepWarning, type ImpositionPlan } from './impose/plan.js';
import { impose, plannedPages, type PrintOptions } from './impose/schemes.js';
import { readerSpreads } from './impose/sides.js';
import { compileTemplates, layOut, type Templates, type ZineLayout } from './layouts/templates.js';
import { previewSheets } from './render/preview.js';
import { renderPrintTest } from './render/print-test.js';
import { Stopwatch } from './stopwatch.js';
import { defaultCacheDir } from './paths.js';
import { inWorkers, workerScript } from './threads.js';
import { renderImposed, renderScreen, renderSpreads, usesColour, type PdfMeta, type Resources, type SheetFinish } from './render/pdf.js';
import { FontSubsets } from './render/pdf-fonts.js';
import { ImageStreams } from './render/pdf-images.js';
import { zineSpec, type PrintedEdition } from './outputs/spec.js';
import { outputsFor, printedEdition, type BuiltFile, type Output } from './outputs/table.js';
import { checkCoverage, firstMissing } from './font/coverage.js';
import { languageSettings, typesetEdition, type Edition } from './typeset/edition.js';
import type { TypesetContext } from './typeset/items.js';
import { ParagraphAnalyses } from './text/paragraph.js';
import { Memos } from './memo.js';
import { FontBook } from './font/book.js';
import { ShapingCache } from './font/shaping-cache.js';
import { ImageCache } from './content/image-cache.js';

export interface BuildOptions extends ProjectSelection {
  projectDir: string;
  outDir: string;
  warn: Warn;
  /** Print settings given on the command line, over those of zine.json (lengths as "0.1mm"). */
  print?: Record<string, unknown>;
  /** Collects the time of each stage (locales built in this thread only). */
  stopwatch?: Stopwatch;
  /**
   * Build locales in worker threads. By default only with more than one
   * locale and at least four cores: one Node build already keeps about one
   * and a half cores busy (V8 compiles and collects garbage on threads of its
   * own), so on two cores threads only add their start-up time.
   */
  parallel?: boolean;
  /**
   * Folder where shapings are kept from one build to the next (see
   * ShapingCache); false to shape everything afresh. Default: the user's
   * cache folder.
   */
  cache?: string | false;
  /**
   * Kept by a process that builds again and again (`--watch`, `zine serve`):
   * the templates, fonts (with the words they have shaped) and images of the
   * last build, used again until the caller drops them because one of their
   * files changed.
   */
  session?: BuildSession;
}

/** What one build leaves for the next in the same process. */
export interface BuildSession {
  resources?: BuildResources;
}

/**
 * The folder shapings and photographs are kept in: none with --no-cache,
 * nor one inside the project, whose files (a stranger's project's, with
 * their key) would be taken for what the user's builds made and signed (see
 * signed-cache.ts).
 */
function cacheFolder(options: BuildOptions, project: Project): string | undefined {
  const dir = options.cache === false ? undefined : options.cache ?? defaultCacheDir();
  if (dir === undefined || !isInside(realPath(resolve(dir)), realPath(project.dir))) return dir;
  options.warn(`the cache folder ${dir} is inside the project: not used (the project's files would pass for your builds' shapings and photographs)`);
  return undefined;
}

/**
 * Builds every selected locale and edition. Everything is rendered in memory
 * locale by locale, each locale's files under temporary names, renamed
 * into place only when all of it succeeded: a failed build leaves earlier
 * PDFs as they were.
 */
export async function build(options: BuildOptions): Promise<BuiltFile[]> {
  const clock = options.stopwatch ?? new Stopwatch();
  const { project, settings } = clock.time('load', () => openProject(options));
  const outDir = outputFolder(project, options.outDir);
  const worker = workerScript();
  const parallel = (options.parallel ?? (project.locales.length > 1 && availableParallelism() >= 4)) && worker !== undefined;
  const cache = cacheFolder(options, project);

  const built: BuiltFile[] = [];
  const files = new FileSet(outDir);
  // each locale's files are written under temporary names as soon as they are drawn, so that a project of many
  // locales holds one locale's files at a time, not all of them; renamed into place only when every one is written
  const stage = (outputs: readonly Output[]): BuiltFile[] => clock.time('write', () => {
    refuseStrayOutputs(project, outDir, outputs.map((o) => o.path));
    files.stage(outputs);
    return outputs.map(({ path, locale, pdfPages }) => ({ path, locale, pdfPages }));
  });
  let res: BuildResources | undefined;
  try {
    if (parallel) {
      const jobs = project.locales.map((locale) => ({ projectDir: project.dir, locale, papers: project.papers.map((p) => p.name), outDir, settings, cache }));
      // each locale's files staged as its thread hands them over, listed in the locales' order
      const byLocale: BuiltFile[][] = [];
      await inWorkers(worker, jobs, options.warn, (index, outputs) => {
        byLocale[index] = stage(outputs);
      });
      built.push(...byLocale.flat());
    } else {
      const { session } = options;
      res = session?.resources;
      // a session keeps what its last build used, a single build what its last locale used
      if (res) res.memos.nextBuild();
      else res = clock.time('load', () => resourcesOf(project, options.warn, cache, session !== undefined));
      if (session) session.resources = res;
      // each locale's files are drawn before the next is set, so that a project of many locales holds one
      // locale's documents at a time, not all of them
      for (const locale of project.locales) {
        const drawn = buildLocale(project, locale, outDir, settings, res, options.warn, clock);
        built.push(...stage(await clock.timeAsync('render', () => drawn)));
        if (!session) res.memos.nextBuild();
      }
    }
    clock.time('write', () => {
      files.commit();
      res?.fonts.saveShapings();
    });
  } finally {
    // a failed build leaves nothing of its own behind
    files.abandon();
  }
  return built;
}

/**
 * The project with the locales and papers asked for, refused as a build
 * would refuse it: its config, theme and locales, the locales and papers
 * asked for, the print settings and the output folder. What watches a
 * project (`--watch`, `zine serve`) opens it so, so that a mistyped option
 * stops it, not every rebuild.
 */
export function checkOptions(options: BuildOptions): Project {
  // the build that follows says its warnings
  const { project } = openProject({ ...options, warn: () => {} });
  outputFolder(project, options.outDir);
  return project;
}

/** The project with the locales and papers asked for, and its print settings with the command line's over them. */
function openProject(options: BuildOptions): { project: Project; settings: PrintSettings } {
  const selection: ProjectSelection = {};
  if (options.locales) selection.locales = options.locales;
  if (options.papers) selection.papers = options.papers;
  const project = loadProject(options.projectDir, selection);
  const settings = readPrintSettings(options.print ?? {}, project.config.print);
  // a print person who forgot the scheme would get one thick booklet, not signatures
  if (settings.signatureSheets !== undefined && settings.scheme !== 'signatures') {
    options.warn(`${settings.signatureSheets} sheets a signature (--signature-sheets, print.signatureSheets) are for --scheme signatures: this build's scheme is ${settings.scheme}, and takes no signatures`);
  }
  return { project, settings };
}

/** A locale laid out for every paper and imposed: what the PDFs and previews are drawn from. */
interface PreparedLocale {
  locale: string;
  title: string;
  layout: ZineLayout;
  /** Per paper, each edition imposed: the booklet always (a saddle when the print files are one-page zines), the one-page zine for that scheme. */
  editions: { paper: Paper; imposed: { booklet: Imposed; 'one-page zine'?: Imposed } }[];
  /** The bound edge, for the spec. */
  spine: 'left' | 'right';
  direction: 'ltr' | 'rtl';
}

interface Imposed {
  edition: Edition;
  plan: ImpositionPlan;
}

function prepareLocale(project: Project, locale: string, settings: PrintSettings, res: BuildResources, warn: Warn, clock: Stopwatch): PreparedLocale {
  // the images' budget is the locale's: what an earlier locale or build asked for is not counted
  res.images.beginLocale();
  const content = clock.time('load', () => loadLocale(project, locale, warn));
  const { language } = content;
  const { inLanguage } = res;
  const { theme, hyphenator, words, fonts, set } = clock.time('load', () => inLanguage(language));
  const body = res.fonts.face(theme.styles.body!.font, false, false);
  const canSet = (text: string): boolean => firstMissing(text, body, false, false, res.fonts) === undefined;
  const layout = clock.time('layout', () => layOut(project, res.templates, content, warn, canSet));
  clock.time('layout', () => checkCoverage(
    [...layout.cover, ...layout.colophon, ...(layout.contents?.blocks ?? []), ...layout.sections.flatMap((s) => s.blocks), ...layout.backCover],
    theme, res.fonts, language,
  ));
  const paragraphs = res.paragraphs ?? new ParagraphAnalyses();
  // the papers' editions share their paragraphs' items (see paragraphItems); a session's next build keeps its paragraphs set instead
  const items: TypesetContext['items'] = new WeakMap();
  const print: PrintOptions = {
    scheme: settings.scheme,
    keepLast: settings.keepLast,
    thickness: settings.paperThickness,
    binding: settings.binding ?? (language.direction === 'rtl' ? 'right' : 'left'),
    duplex: settings.duplex,
  };
  if (settings.signatureSheets !== undefined) print.signatureSheets = settings.signatureSheets;
  // numbered as the plan the edition is imposed with places its pages
  const typeset = (paper: Paper, page: { width: number; height: number }, options: PrintOptions): Edition => clock.time('typeset', () => typesetEdition({
    layout, paper, page, margins: scaledMargins(theme.margins[paper.name]!, page.width / paper.page.width),
    theme, fonts, images: res.images, language, hyphenator, words, items, paragraphs, set, inLanguage, binding: print.binding, keepLast: print.keepLast,
    padTo: (pages) => plannedPages(pages, options), warn,
  }));
  const imposed = (paper: Paper, pages: number, options: PrintOptions): ImpositionPlan => {
    const plan = clock.time('impose', () => impose(pages, options));
    const crossing = creepWarning(plan, theme.margins[paper.name]!.inner);
    if (crossing) warn(`${locale}, ${paper.name}: ${crossing}`);
    // a signature size the book does not fill twice makes one signature: a booklet of blanks
    const size = options.scheme === 'signatures' ? options.signatureSheets : undefined;
    if (size !== undefined && plan.sheets.length <= size) {
      const blanks = 4 * plan.sheets.length - pages;
      warn(`${locale}, ${paper.name}: ${size} sheets a signature make one signature of ${4 * size} pages for ${pages}, ${blanks} of them blank (without --signature-sheets, a size is chosen for two or more)`);
    }
    return plan;
  };
  const editions = project.papers.map((paper) => {
    if (printedEdition(settings.scheme) === 'booklet') {
      const booklet = typeset(paper, paper.page, print);
      return { paper, imposed: { booklet: { edition: booklet, plan: imposed(paper, booklet.pages.length, print) } } };
    }
    // a mini zine is its own edition, an eighth of the sheet a page; the booklet files stay booklets
    const saddle: PrintOptions = { ...print, scheme: 'saddle' };
    const booklet = typeset(paper, paper.page, saddle);
    let mini: Edition;
    let plan: ImpositionPlan;
    try {
      mini = typeset(paper, { width: paper.sheet.width / 4, height: paper.sheet.height / 2 }, print);
      plan = imposed(paper, mini.pages.length, print);
    } catch (e) {
      if (e instanceof ZineError) throw new ZineError(`${locale}, ${paper.name}: ${e.message}; shorten the text or use another scheme`, e.where);
      throw e;
    }
    const bookletPlan = imposed(paper, booklet.pages.length, saddle);
    return { paper, imposed: { booklet: { edition: booklet, plan: bookletPlan }, 'one-page zine': { edition: mini, plan } } };
  });
  return { locale, title: content.t('title'), layout, editions, spine: print.binding, direction: language.direction };
}

/** `zine preview`: pictures of the print sheets of every selected locale, written like a build's files. */
export function preview(options: BuildOptions & { dpi: number }): BuiltFile[] {
  const { project, settings } = openProject(options);
  const outDir = outputFolder(project, options.outDir);
  const res = resourcesOf(project, options.warn);
  const outputs = project.locales.flatMap((locale) => previewLocale(project, locale, outDir, settings, res, options.warn, options.dpi));
  refuseStrayOutputs(project, outDir, outputs.map((o) => o.path));
  writeTogether(outputs, outDir);
  removeOutdatedSheets(project, outputs);
  return outputs.map(({ path, locale, pdfPages }) => ({ path, locale, pdfPages }));
}

/**
 * Removes the pictures an earlier preview drew of sheets past this one's
 * last, of the papers it drew: a zine grown shorter would otherwise show a
 * sheet it no longer has among those it has.
 */
function removeOutdatedSheets(project: Project, outputs: readonly Output[]): void {
  const written = new Set(outputs.map((o) => o.path));
  const papers = new Set(project.papers.map((p) => p.name));
  for (const folder of new Set(outputs.map((o) => dirname(o.path)))) {
    for (const name of namesIn(folder)) {
      const drawn = SHEET_PICTURE.exec(name);
      if (drawn && drawn[1] === project.config.slug && papers.has(drawn[2]!) && !written.has(join(folder, name))) removeFile(join(folder, name));
    }
  }
}

/**
 * `zine print-test`: the duplex test sheet for a paper (the zine's first
 * when none is named), written to `out`: a PDF's path, or a folder (one
 * that exists, or a path ending in a slash) to write `print-test_<paper>.pdf`
 * in; `out/` in the project when none is given.
 */
export async function printTest(projectDir: string, paperName?: string, given?: string): Promise<string> {
  const project = loadProject(projectDir, paperName === undefined ? {} : { papers: [paperName] });
  const paper = project.papers[0]!;
  const out = given ?? join(projectDir, 'out', `print-test_${paper.name}.pdf`);
  const folder = out.trim() === '' || /[\\/]$/.test(out) || (existsSync(out) && statSync(out).isDirectory()) ? out : undefined;
  const file = folder !== undefined
    ? join(outputFolder(project, folder), `print-test_${paper.name}.pdf`)
    : join(outputFolder(project, dirname(out)), basename(out));
  if (realPath(dirname(file)) === realPath(project.dir) && [CONFIG_FILE, THEME_FILE].includes(basename(file))) {
    throw new ZineError('refusing to write over a file of the project', { file });
  }
  const data = await renderPrintTest(paper, creationDate(project));
  writeTogether([{ path: file, data }]);
  return file;
}

/** Folders of a project that the build reads: no output may land in them. */
const SOURCE_FOLDERS = ['locales', 'templates', 'fonts', 'images'];

/**
 * The folder outputs go to, refused when it cannot be one (empty, a file,
 * the file system's root) or lies among the project's sources, where an
 * output could land on a source file (a slug `strings` in `locales/en`).
 */
export function outputFolder(project: Project, out: string): string {
  if (out.trim() === '') throw new ZineError('the output folder is empty: name a folder, such as out');
  const dir = resolve(out);
  let existing = dir;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  if (!statSync(existing).isDirectory()) {
    const where = existing === dir ? 'is a file' : `lies inside a file, ${existing}`;
    throw new ZineError(`the output folder ${where}: name a folder`, { file: dir });
  }
  if (dirname(dir) === dir) throw new ZineError('the output folder is the root of the file system: name a folder of its own', { file: dir });
  const real = realPath(dir);
  const source = sourceFolderHolding(project, real);
  if (source) throw new ZineError(`the output folder lies in the project's ${source}/ folder, among its sources: choose another, such as out`, { file: dir });
  // a link the project came with (out -> ~/somewhere) does not choose where files are written; --out elsewhere does
  if (isInside(dir, resolve(project.dir)) && !isInside(real, realPath(project.dir))) {
    throw new ZineError(`the output folder is a link out of the project, to ${real}: remove the link, or name the folder with --out`, { file: dir });
  }
  return dir;
}

/** The source folder of the project (`locales`, …) that holds the real path `real`, if any. */
function sourceFolderHolding(project: Project, real: string): string | undefined {
  const projectDir = realPath(project.dir);
  return SOURCE_FOLDERS.find((folder) => isInside(real, join(projectDir, folder)));
}

/**
 * Refuses outputs whose folder, with its links resolved, leaves the output
 * folder or lies among the sources: a link `out/en -> ../locales/en` (or a
 * locale named `fonts` built into the project folder) would otherwise land
 * the files on the project's own.
 */
function refuseStrayOutputs(project: Project, outDir: string, paths: readonly string[]): void {
  const root = realPath(outDir);
  for (const folder of new Set(paths.map((p) => dirname(p)))) {
    const real = realPath(folder);
    if (!isInside(real, root)) throw new ZineError(`an output folder leads out of ${outDir} (to ${real}) through a link: refused`, { file: folder });
    const source = sourceFolderHolding(project, real);
    if (source) throw new ZineError(`an output folder lies in the project's ${source}/ folder, among its sources: refused`, { file: folder });
  }
}


/**
 * One locale, every paper: laid out once per edition, drawn into each of its
 * files. Laying out and drawing happen before this returns (and throw
 * here); the promise waits for pdfkit to hand over the files' bytes.
 */
export function buildLocale(
  project: Project, locale: string, outDir: string, settings: PrintSettings, res: BuildResources, warn: Warn, clock = new Stopwatch(),
): Promise<Output[]> {
  const prepared = prepareLocale(project, locale, settings, res, warn, clock);
  const meta: PdfMeta = { title: prepared.title, language: locale, direction: prepared.direction, creationDate: creationDate(project) };
  const file = (variant: string, ext = 'pdf'): string => join(outDir, locale, `${project.config.slug}${variant ? `_${variant}` : ''}.${ext}`);
  const finish: SheetFinish = { bleed: settings.bleed, marks: settings.marks };
  const sides = (plan: ImpositionPlan): number => plan.sheets.reduce((n, s) => n + (s.back.length > 0 ? 2 : 1), 0);

  const printedKind = printedEdition(settings.scheme);
  // the papers set the same words: their PDFs can embed the same font subsets
  res.fontSubsets.share(prepared.editions.flatMap((e) => [e.imposed.booklet.edition.pages, e.imposed[printedKind]!.edition.pages]));
  const outputs: Promise<Output>[] = [];
  const add = (path: string, pdfPages: number, render: () => Promise<Uint8Array>): void => {
    const data = clock.time('render', render);
    outputs.push(data.then((d) => ({ path, locale, data: d, pdfPages })));
  };
  const kinds = outputsFor(settings.scheme);
  const printed: PrintedEdition[] = [];
  for (const { paper, imposed } of prepared.editions) {
    const print = imposed[printedKind]!;
    const { pages } = print.edition;
    const colour = {
      cover: usesColour([pages[0]!, pages[pages.length - 1]!], res.images),
      inside: usesColour(pages.slice(1, -1), res.images),
    };
    printed.push({ paper, edition: print.edition, plan: print.plan, colour });
    for (const kind of kinds) {
      if (kind.papers === 'screen' && paper.name !== SCREEN_PAPER) continue;
      // the files only in colour are print files: the colour is the print edition's
      if (kind.onlyInColour && !colour.cover && !colour.inside) continue;
      const { edition, plan } = imposed[kind.edition]!;
      const path = file(kind.variant + (kind.papers === 'each' ? paper.fileSuffix : ''));
      if (kind.drawing === 'screen') add(path, edition.pages.length, () => renderScreen(edition.pages, res, meta, kind.ink));
      else if (kind.drawing === 'spreads') {
        const spreads = readerSpreads(edition.pages.length, settings.keepLast, prepared.spine);
        add(path, spreads.length, () => renderSpreads(edition.pages, spreads, res, meta));
      } else add(path, sides(plan), () => renderImposed(edition.pages, plan, paper.sheet, res, meta, kind.ink, finish));
    }
  }
  const spec = zineSpec({ title: prepared.title, slug: project.config.slug, locale, spine: prepared.spine }, prepared.layout, printed);
  outputs.push(Promise.resolve({ path: file('', 'json'), locale, data: Buffer.from(`${JSON.stringify(spec, null, 2)}\n`), pdfPages: 0 }));
  return Promise.all(outputs);
}

/** The name of a preview's picture of sheet `n` (from 1), and what such a name holds: the zine's slug, the paper. */
const sheetPicture = (slug: string, paper: string, n: number): string => `${slug}_${paper}_sheet-${String(n).padStart(2, '0')}.png`;
const SHEET_PICTURE = /^(.+)_([^_]+)_sheet-\d{2,}\.png$/;

/** Pictures of a locale's print sheets (PNG), one per sheet and paper, in `<out>/<locale>/preview/`. */
function previewLocale(
  project: Project, locale: string, outDir: string, settings: PrintSettings, res: BuildResources, warn: Warn, dpi: number,
): Output[] {
  const prepared = prepareLocale(project, locale, settings, res, warn, new Stopwatch());
  return prepared.editions.flatMap(({ paper, imposed }) => {
    const print = imposed[printedEdition(settings.scheme)]!;
    return previewSheets(print.edition.pages, print.plan, paper.sheet, res, dpi).map((data, i) => ({
      path: join(outDir, locale, 'preview', sheetPicture(project.config.slug, paper.name, i + 1)),
      locale, data, pdfPages: 0,
    }));
  });
}

/** Margins in proportion to a smaller page (a mini zine's page against its paper's booklet page). */
function scaledMargins(m: Margins, factor: number): Margins {
  return { top: m.top * factor, bottom: m.bottom * factor, inner: m.inner * factor, outer: m.outer * factor };
}

/** What every locale built in one thread shares: the drawing resources, and the page layouts compiled. */
export interface BuildResources extends Resources {
  templates: Templates;
  /**
   * Each language's theme, fonts, hyphenator and words shaped (keyed by
   * face, size and text): shared by the locales of a build, and by the
   * builds of a session.
   */
  inLanguage: ReturnType<typeof languageSettings>;
  /**
   * What is kept by content (see Memos): the pages' content streams
   * deflated, which a locale's PDFs share; in a session, from one build to
   * the next, with the paragraphs analysed and set, and the font subsets.
   */
  memos: Memos;
  /** A session's paragraphs analysed, kept from one build to the next (a build's own are the locale's). */
  paragraphs: ParagraphAnalyses | undefined;
}

/**
 * Templates, fonts and images of a project, loaded once and shared by every
 * locale built in this thread; shapings, and what was found and made of
 * the photographs, kept in `cacheDir`. A session's
 * (`keeping`) also keep what each build made for the next (see Memos).
 */
export function resourcesOf(project: Project, warn: Warn, cacheDir?: string, keeping = false): BuildResources {
  const fonts = new FontBook(project.theme, project.dir, cacheDir === undefined ? undefined : new ShapingCache(cacheDir));
  const photographs = cacheDir === undefined ? undefined : new ImageCache(cacheDir);
  const images = new ImageLibrary(project.dir, photographs);
  const memos = new Memos();
  const kept = keeping ? memos : undefined;
  return {
    templates: compileTemplates(project.dir, warn), fonts, images, fontSubsets: new FontSubsets(fonts, memos.memo()), imageStreams: new ImageStreams(images, photographs),
    contents: memos.memo(), inLanguage: languageSettings(project.theme, fonts, memos, kept?.memo()),
    memos, paragraphs: kept && new ParagraphAnalyses(kept.memo()),
  };
}

/** SOURCE_DATE_EPOCH (reproducible-builds.org), else the zine's date, else now; a malformed SOURCE_DATE_EPOCH fails. */
function creationDate(project: Project): Date {
  return creationDateOf(process.env.SOURCE_DATE_EPOCH, project.config.date);
}
