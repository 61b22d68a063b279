/**
 * The `zine` command line: parses arguments, runs a command, reports errors in
 * one line. `main` is a function of its arguments and its two streams, so that
 * tests run it in-process; each command loads what it needs when it runs, so
 * that `zine status` never loads the typesetting stack.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { BuildOptions } from '../build.js';
import { CONFIG_FILE } from '../content/config.js';
import { SCHEMES } from '../content/schemes.js';
import { ZineError, type Warn } from '../errors.js';
import { TOOL_ROOT } from '../paths.js';
import { parseCommandLine, type CommandSpec, type OptionSpec, type Values } from './args.js';
import type { LocaleFonts } from './fonts/complete.js';
import type { ServeOptions } from './serve.js';

/** Where a command's output and messages go: the process's streams, or a test's. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

const list = (value: string | string[] | undefined): string[] | undefined =>
  value === undefined ? undefined : [value].flat().flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);

/** A path as the user would type it: relative to where they are, unless it lies elsewhere. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

/** What a command reports through: lines on stdout, warnings (each once) and errors on stderr. */
interface Reporter {
  say: (text: string) => void;
  warn: Warn;
  report: (e: unknown) => void;
}

function reporter(io: Io, debug: boolean): Reporter {
  // each edition of a locale meets the same text again: a warning is printed once per command
  const warned = new Set<string>();
  return {
    say: (text) => io.stdout(text.endsWith('\n') ? text : `${text}\n`),
    warn: (message, where) => {
      const at = where ? `${shown(where.file)}${where.line ? `:${where.line}` : ''}: ` : '';
      const line = `warning: ${printable(`${at}${message}`)}\n`;
      if (warned.has(line)) return;
      warned.add(line);
      io.stderr(line);
    },
    report: (e) => {
      if (debug && e instanceof Error) io.stderr(`${e.stack}\n`);
      io.stderr(`${problemLine(e)}\n`);
    },
  };
}

/**
 * A line as a terminal shows it, whatever a project put in it: control
 * characters (an escape sequence that clears the line and prints "built"),
 * line ends and bidi controls written as escapes (`\u{1b}`).
 */
export function printable(line: string): string {
  return line.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}

/** The one line an error is told in (printable): a ZineError says where; anything else is a bug, with its stack under --debug. */
function problemLine(e: unknown): string {
  if (e instanceof ZineError) return printable(`zine: ${e.describe(shown)}`);
  return printable(`zine: internal error: ${e instanceof Error ? e.message : String(e)} (--debug shows where)`);
}

/** What `completeFonts` found, a locale a line and a script or role a line under it. */
const sayFonts = (say: Reporter['say'], found: readonly LocaleFonts[]): void => {
  for (const { locale, lines } of found) say(`${locale} fonts: ${lines.join(`\n  `)}`);
};

/** The project a command works on unless told: the current folder if it is one, else, in a clone of the tool, the example zine. */
function defaultProject(): string {
  const here = process.cwd();
  return existsSync(join(here, CONFIG_FILE)) || !existsSync(join(TOOL_ROOT, CONFIG_FILE)) ? here : TOOL_ROOT;
}

const PROJECT: Record<string, OptionSpec> = {
  project: {
    type: 'string', default: defaultProject, describe: 'zine project folder',
    defaultDescription: 'the current folder if it has a zine.json, else (in a clone of the tool) the example zine',
  },
};

/** Options of the print files, shared by build and preview. */
const PRINT: Record<string, OptionSpec> = {
  ...PROJECT,
  locale: { type: 'string', repeatable: true, describe: 'locales, e.g. en,ru' },
  paper: { type: 'string', repeatable: true, describe: 'editions: a4, letter' },
  scheme: { type: 'string', choices: SCHEMES, describe: 'imposition: one saddle-stitched booklet, signatures, or the 8-page one-sheet mini zine' },
  'signature-sheets': { type: 'number', describe: 'sheets per signature (default: the size that needs the fewest blank pages)' },
  'keep-last': { type: 'number', describe: 'pages that stay last when blank pages are added (default 1: the back cover)' },
  creep: { type: 'string', describe: 'paper thickness for creep, e.g. 0.1mm (default 0)' },
  bleed: { type: 'string', describe: 'how far backgrounds run past the trim, e.g. 3mm (default 0)' },
  marks: { type: 'boolean', describe: 'print crop and fold marks outside the trim' },
  duplex: { type: 'string', choices: ['short', 'long'], describe: 'how your printer turns the sheet: short edge (default) or long edge' },
  binding: { type: 'string', choices: ['left', 'right'], describe: 'binding edge (default: the locale\'s, right for right-to-left languages)' },
  out: { type: 'string', describe: 'output folder', defaultDescription: 'out/ in the project folder' },
};

/** Whether shapings are kept from one build to the next: build and serve. */
const CACHE: Record<string, OptionSpec> = {
  cache: { type: 'boolean', default: true, describe: 'keep shaped words for the next build (in $ZINE_CACHE_DIR or ~/.cache/zine-press); --no-cache shapes everything afresh' },
};

/** What the command line offers, in the order `zine --help` lists it. */
export const COMMANDS: readonly CommandSpec[] = [
  {
    words: ['build'], describe: 'typeset the zine: screen PDFs and fold-ready print PDFs per locale', positionals: [],
    options: {
      ...PRINT,
      parallel: { type: 'boolean', describe: 'build locales in worker threads (default: with four cores or more)' },
      ...CACHE,
      watch: { type: 'boolean', describe: 'rebuild the affected locales whenever a file of the project changes' },
    },
  },
  {
    words: ['serve'], describe: 'show the zine in the browser as it will print, beside the original, rebuilt on every save', positionals: [],
    options: {
      ...PRINT,
      port: { type: 'number', default: 8017, describe: 'port on 127.0.0.1 (0: any free one)' },
      ...CACHE,
    },
  },
  {
    words: ['preview'], describe: 'draw the print sheets as PNG pictures (front and back side by side, folds marked) to check before printing', positionals: [],
    options: { ...PRINT, dpi: { type: 'number', default: 50, describe: 'resolution of the pictures' } },
  },
  {
    words: ['print-test'], describe: 'write a one-sheet PDF that shows whether your printer flips on the short or the long edge', positionals: [],
    options: {
      ...PROJECT,
      paper: { type: 'string', describe: 'letter or a4', defaultDescription: 'the zine\'s first paper' },
      out: { type: 'string', describe: 'the PDF to write', defaultDescription: 'out/print-test_<paper>.pdf in the project folder' },
    },
  },
  {
    words: ['init'], describe: 'write a new zine project that builds as it stands',
    positionals: [{ name: 'dir', describe: 'folder for the new project' }], options: {},
  },
  {
    words: ['locale', 'add'], describe: 'copy the default locale into locales/<code>/, every section marked as not yet translated',
    positionals: [{ name: 'code', describe: 'locale code, e.g. kk, es-419' }], options: PROJECT,
  },
  {
    words: ['locale', 'done'], describe: 'mark sections (default: all) as translated from the current source',
    positionals: [{ name: 'code', describe: 'locale code' }, { name: 'sections', rest: true, describe: 'section file names' }], options: PROJECT,
  },
  {
    words: ['fonts'], describe: 'list whether the theme\'s fonts set each locale\'s script, and add installed Noto fonts for those they do not',
    positionals: [], options: PROJECT,
  },
  {
    words: ['status'], describe: 'show, per locale, which sections and strings are translated, missing or outdated', positionals: [],
    options: { ...PROJECT, strict: { type: 'boolean', default: false, describe: 'exit with code 1 if anything is missing or outdated' } },
  },
];

/** Values the table gives as strings (or not at all), read as such. */
const text = (values: Values, name: string): string | undefined => {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
};
const number = (values: Values, name: string): number | undefined => {
  const v = values[name];
  return typeof v === 'number' ? v : undefined;
};
const flag = (values: Values, name: string): boolean | undefined => {
  const v = values[name];
  return typeof v === 'boolean' ? v : undefined;
};

/** The build options the command line gave. */
function buildOptions(values: Values, warn: Warn): BuildOptions {
  const project = text(values, 'project')!;
  const options: BuildOptions = { projectDir: project, outDir: text(values, 'out') ?? join(project, 'out'), warn };
  const locales = list(text(values, 'locale'));
  const papers = list(text(values, 'paper'));
  // `--paper=` is a choice left unmade, not one of everything
  for (const [name, given] of [['locale', locales], ['paper', papers]] as const) {
    if (given?.length === 0) throw new ZineError(`--${name} names no ${name}: name one, or leave the option out for all`);
  }
  if (locales) options.locales = locales;
  if (papers) options.papers = papers;
  const print = Object.fromEntries(Object.entries({
    scheme: text(values, 'scheme'), signatureSheets: number(values, 'signature-sheets'), keepLast: number(values, 'keep-last'),
    paperThickness: text(values, 'creep'), bleed: text(values, 'bleed'), marks: flag(values, 'marks'), duplex: text(values, 'duplex'),
    binding: text(values, 'binding'),
  }).filter(([, v]) => v !== undefined));
  if (Object.keys(print).length > 0) options.print = print;
  return options;
}

/** The tool's version, from its package.json. */
function version(): string {
  return (JSON.parse(readFileSync(join(TOOL_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Commands that set no type: they never load HarfBuzz, nor the code that shapes. */
const UNSHAPED = new Set(['status', 'locale done']);

/**
 * Whether `argv` asks for a command that sets type, and so loads HarfBuzz
 * (see src/load-program.ts): every command but `status` and `locale done`,
 * and none where `argv` is help, the version or wrong.
 */
export function shapes(argv: readonly string[]): boolean {
  try {
    const line = parseCommandLine(argv, COMMANDS);
    return line.kind === 'run' && !UNSHAPED.has(line.command.words.join(' '));
  } catch {
    return false;
  }
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const debug = argv.includes('--debug');
  const { say, warn, report } = reporter(io, debug);
  try {
    const line = parseCommandLine(argv, COMMANDS);
    if (line.kind === 'help') say(line.text);
    else if (line.kind === 'version') say(version());
    else return await run(line.command.words.join(' '), line.values, { say, warn, report, io });
    return 0;
  } catch (e) {
    report(e);
    return 1;
  }
}

/** Runs a command with its values; its exit code. */
async function run(command: string, values: Values, { say, warn, report, io }: Reporter & { io: Io }): Promise<number> {
  const project = text(values, 'project')!;
  // in a clone of the tool, a command run in a folder that is no zine works on the example: said, lest it seem to be the folder's
  if (project === TOOL_ROOT && !existsSync(join(process.cwd(), CONFIG_FILE))) {
    warn(`no ${CONFIG_FILE} in ${process.cwd()}: working on the example zine in ${resolve(TOOL_ROOT)} (name a zine with --project DIR)`);
  }
  switch (command) {
    case 'build': {
      const started = Date.now();
      const options = buildOptions(values, warn);
      const parallel = flag(values, 'parallel');
      if (parallel !== undefined) options.parallel = parallel;
      if (values.cache === false) options.cache = false;
      if (values.watch === true) {
        await (await import('./watch.js')).watchBuild(options, say, report);
        return 0;
      }
      const { build } = await import('../build.js');
      const files = await build(options);
      for (const f of files) say(`wrote ${shown(f.path)}${f.pdfPages ? ` (${f.pdfPages} ${f.pdfPages === 1 ? 'page' : 'pages'})` : ''}`);
      say(`built ${files.length} files in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return 0;
    }
    case 'serve': {
      const port = number(values, 'port')!;
      if (!(Number.isInteger(port) && port >= 0 && port <= 65535)) throw new ZineError('--port must be a whole number from 0 to 65535');
      const options: ServeOptions = { ...buildOptions(values, warn), port };
      if (values.cache === false) options.cache = false;
      await (await import('./serve.js')).serve(options, say, problemLine);
      return 0;
    }
    case 'preview': {
      const dpi = number(values, 'dpi')!;
      if (!(dpi >= 10 && dpi <= 300)) throw new ZineError('--dpi must be between 10 and 300');
      const { preview } = await import('../build.js');
      for (const f of preview({ ...buildOptions(values, warn), dpi })) say(`wrote ${shown(f.path)}`);
      return 0;
    }
    case 'print-test': {
      const { printTest } = await import('../build.js');
      const file = await printTest(project, text(values, 'paper'), text(values, 'out'));
      say(`wrote ${shown(file)}: print it double-sided on one sheet and follow what it says`);
      return 0;
    }
    case 'init': {
      const dir = text(values, 'dir')!;
      const { initProject } = await import('./init.js');
      say(`wrote ${initProject(dir).join(', ')} in ${dir}\nbuild it with: zine build --project ${dir}`);
      return 0;
    }
    case 'locale add': {
      const code = text(values, 'code')!;
      const [{ loadProject }, { addLocale }, { formatLanguages }, { completeFonts }, { scriptName }] = await Promise.all([
        import('../content/project.js'), import('./locale.js'), import('./status.js'), import('./fonts/complete.js'), import('../lang/languages.js'),
      ]);
      const written = addLocale(loadProject(project), code);
      const folder = join(project, 'locales', code);
      say(formatLanguages([code]).trimEnd());
      const [found] = completeFonts(loadProject(project, { locales: [code] }), [code], (m) => warn(m));
      sayFonts(say, [found!]);
      const own = found!.unset.find((u) => u.own);
      if (own) {
        // a locale no font can set would break every edition that names it: it is not added
        rmSync(folder, { recursive: true, force: true });
        throw new ZineError(`no font sets the ${scriptName(own.script)} script of ${code}: install one as said above, then run zine locale add ${code} again`);
      }
      say(`wrote ${written.length} files in ${shown(folder)}`);
      say(`translate them, then: zine locale done ${code} [section …]`);
      return 0;
    }
    case 'locale done': {
      const code = text(values, 'code')!;
      const [{ loadProject }, { markTranslated }] = await Promise.all([import('../content/project.js'), import('./locale.js')]);
      const sections = values.sections as string[];
      // the locale as the project names it (`EN` for the folder en)
      const loaded = loadProject(project, { locales: [code] });
      for (const file of markTranslated(loaded, loaded.locales[0]!, sections)) say(`marked ${shown(file)} as translated`);
      return 0;
    }
    case 'fonts': {
      const [{ loadProject }, { completeFonts }, { scriptName }] = await Promise.all([
        import('../content/project.js'), import('./fonts/complete.js'), import('../lang/languages.js'),
      ]);
      const loaded = loadProject(project);
      const found = completeFonts(loaded, loaded.allLocales, (m) => warn(m));
      sayFonts(say, found);
      // a fallback not found is named by the build where it is needed; a locale's own script unset would fail its every page
      const unset = found.flatMap(({ locale, unset }) => unset.filter((u) => u.own).map((u) => `${locale} (${scriptName(u.script)} script)`));
      if (unset.length > 0) throw new ZineError(`no font sets ${unset.join(', ')}: install one as said above, then run zine fonts again`);
      return 0;
    }
    case 'status': {
      const [{ loadProject }, { formatLanguages, formatStatus, hasGaps, translationStatus }] = await Promise.all([
        import('../content/project.js'), import('./status.js'),
      ]);
      const loaded = loadProject(project);
      const rows = translationStatus(loaded);
      say(`${formatLanguages(loaded.locales)}\n${formatStatus(rows, loaded.config.defaultLocale)}`);
      if (values.strict === true && hasGaps(rows)) {
        io.stderr('zine: translations are incomplete (--strict)\n');
        return 1;
      }
      return 0;
    }
    default:
      throw new Error(`no handler for the command "${command}"`);
  }
}
