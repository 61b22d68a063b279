/**
 * The `zine` command line: parses arguments, runs a command, reports errors in
 * one line. `main` is a function of its arguments and its two streams, so that
 * tests run it in-process; each command loads what it needs when it runs, so
 * that `zine status` or `zine init` never load the typesetting stack.
 */
import { isAbsolute, join, relative } from 'node:path';
import yargs, { type Argv } from 'yargs';
import type { BuildOptions } from '../build.js';
import { SCHEMES } from '../content/schemes.js';
import { ZineError, type Warn } from '../errors.js';
import { TOOL_ROOT } from '../paths.js';
import type { LocaleFonts } from './fonts/complete.js';

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
      const line = `warning: ${at}${message}\n`;
      if (warned.has(line)) return;
      warned.add(line);
      io.stderr(line);
    },
    // a ZineError says where; anything else is a bug, with its stack under --debug
    report: (e) => {
      if (debug && e instanceof Error) io.stderr(`${e.stack}\n`);
      if (e instanceof ZineError) io.stderr(`zine: ${e.describe(shown)}\n`);
      else io.stderr(`zine: internal error: ${e instanceof Error ? e.message : String(e)} (--debug shows where)\n`);
    },
  };
}

/** What `completeFonts` found, a locale a line and a script or role a line under it. */
const sayFonts = (say: Reporter['say'], found: readonly LocaleFonts[]): void => {
  for (const { locale, lines } of found) say(`${locale} fonts: ${lines.join(`\n  `)}`);
};

/** Options of the print files, shared by build and preview. */
function withPrintOptions<T>(y: Argv<T>) {
  return y
    .option('locale', { type: 'string', describe: 'locales, e.g. en,ru' })
    .option('paper', { type: 'string', describe: 'editions: a4, letter' })
    .option('scheme', { type: 'string', choices: SCHEMES, describe: 'imposition: one saddle-stitched booklet, signatures, or the 8-page one-sheet mini zine' })
    .option('signature-sheets', { type: 'number', describe: 'sheets per signature (default: the size that needs the fewest blank pages)' })
    .option('keep-last', { type: 'number', describe: 'pages that stay last when blank pages are added (default 1: the back cover)' })
    .option('creep', { type: 'string', nargs: 1, describe: 'paper thickness for creep, e.g. 0.1mm (default 0)' })
    .option('bleed', { type: 'string', nargs: 1, describe: 'how far backgrounds run past the trim, e.g. 3mm (default 0)' })
    .option('marks', { type: 'boolean', describe: 'print crop and fold marks outside the trim' })
    .option('duplex', { type: 'string', choices: ['short', 'long'], describe: 'how your printer turns the sheet: short edge (default) or long edge' })
    .option('binding', { type: 'string', choices: ['left', 'right'], describe: 'binding edge (default: the locale\'s, right for right-to-left languages)' });
}

interface PrintArgs {
  project: string;
  out: string | undefined;
  locale: string | undefined;
  paper: string | undefined;
  scheme: string | undefined;
  'signature-sheets': number | undefined;
  'keep-last': number | undefined;
  creep: string | undefined;
  bleed: string | undefined;
  marks: boolean | undefined;
  duplex: string | undefined;
  binding: string | undefined;
}

/** The build options the command line gave. */
function buildOptions(args: PrintArgs, warn: Warn): BuildOptions {
  const options: BuildOptions = { projectDir: args.project, outDir: args.out ?? join(args.project, 'out'), warn };
  const locales = list(args.locale);
  const papers = list(args.paper);
  if (locales) options.locales = locales;
  if (papers) options.papers = papers;
  const print = Object.fromEntries(Object.entries({
    scheme: args.scheme, signatureSheets: args['signature-sheets'], keepLast: args['keep-last'], paperThickness: args.creep,
    bleed: args.bleed, marks: args.marks, duplex: args.duplex, binding: args.binding,
  }).filter(([, v]) => v !== undefined));
  if (Object.keys(print).length > 0) options.print = print;
  return options;
}

function withProject<T>(y: Argv<T>) {
  return y.option('project', { type: 'string', default: TOOL_ROOT, defaultDescription: 'the example zine', describe: 'zine project folder' });
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const { say, warn, report } = reporter(io, argv.includes('--debug'));
  let code = 0;
  try {
    await yargs()
      .scriptName('zine')
      .usage('$0 <command> [options]')
      .option('debug', { type: 'boolean', describe: 'show the stack trace of an error' })
      .command(
        'build',
        'typeset the zine: screen PDFs and fold-ready print PDFs per locale',
        (y) => withPrintOptions(withProject(y))
          .option('out', { type: 'string', describe: 'output folder', defaultDescription: 'out/ in the project folder' })
          .option('parallel', { type: 'boolean', describe: 'build locales in worker threads (default: with four cores or more)' })
          .option('cache', { type: 'boolean', default: true, describe: 'keep shaped words for the next build (in $ZINE_CACHE_DIR or ~/.cache/zine-press); --no-cache shapes everything afresh' })
          .option('watch', { type: 'boolean', describe: 'rebuild the affected locales whenever a file of the project changes' }),
        async (args) => {
          const started = Date.now();
          const options = buildOptions(args, warn);
          if (args.parallel !== undefined) options.parallel = args.parallel;
          if (!args.cache) options.cache = false;
          if (args.watch) return (await import('./watch.js')).watchBuild(options, say, report);
          const { build } = await import('../build.js');
          const files = await build(options);
          for (const f of files) say(`wrote ${shown(f.path)}${f.pdfPages ? ` (${f.pdfPages} pages)` : ''}`);
          say(`built ${files.length} files in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        },
      )
      .command(
        'preview',
        'draw the print sheets as PNG pictures (front and back side by side, folds marked) to check before printing',
        (y) => withPrintOptions(withProject(y))
          .option('out', { type: 'string', describe: 'output folder', defaultDescription: 'out/ in the project folder' })
          .option('dpi', { type: 'number', default: 50, describe: 'resolution of the pictures' }),
        async (args) => {
          if (!(args.dpi >= 10 && args.dpi <= 300)) throw new ZineError('--dpi must be between 10 and 300');
          const { preview } = await import('../build.js');
          const files = preview({ ...buildOptions(args, warn), dpi: args.dpi });
          for (const f of files) say(`wrote ${shown(f.path)}`);
        },
      )
      .command(
        'print-test',
        'write a one-sheet PDF that shows whether your printer flips on the short or the long edge',
        (y) => withProject(y)
          .option('paper', { type: 'string', default: 'letter', describe: 'letter or a4' })
          .option('out', { type: 'string', describe: 'the PDF to write', defaultDescription: 'out/print-test_<paper>.pdf in the project folder' }),
        async (args) => {
          const { printTest } = await import('../build.js');
          const file = await printTest(args.project, args.paper, args.out ?? join(args.project, 'out', `print-test_${args.paper}.pdf`));
          say(`wrote ${shown(file)}: print it double-sided on one sheet and follow what it says`);
        },
      )
      .command(
        'init <dir>',
        'write a new zine project that builds as it stands',
        (y) => y.positional('dir', { type: 'string', demandOption: true, describe: 'folder for the new project' }),
        async (args) => {
          const { initProject } = await import('./init.js');
          const written = initProject(args.dir);
          say(`wrote ${written.join(', ')} in ${args.dir}\nbuild it with: zine build --project ${args.dir}`);
        },
      )
      .command('locale', 'add a locale, or mark its sections as translated', (y) => withProject(y)
        .command(
          'add <code>',
          'copy the default locale into locales/<code>/, every section marked as not yet translated',
          (z) => z.positional('code', { type: 'string', demandOption: true, describe: 'locale code, e.g. kk, es-419' }),
          async (args) => {
            const [{ loadProject }, { addLocale }, { formatLanguages }, { completeFonts }] = await Promise.all([
              import('../content/project.js'), import('./locale.js'), import('./status.js'), import('./fonts/complete.js'),
            ]);
            const written = addLocale(loadProject(args.project), args.code);
            say(`wrote ${written.length} files in ${shown(join(args.project, 'locales', args.code))}`);
            say(formatLanguages([args.code]).trimEnd());
            sayFonts(say, completeFonts(loadProject(args.project, { locales: [args.code] }), [args.code], (m) => warn(m)));
            say(`translate them, then: zine locale done ${args.code} [section …]`);
          },
        )
        .command(
          'done <code> [sections..]',
          'mark sections (default: all) as translated from the current source',
          (z) => z
            .positional('code', { type: 'string', demandOption: true, describe: 'locale code' })
            .positional('sections', { type: 'string', array: true, describe: 'section file names' }),
          async (args) => {
            const [{ loadProject }, { markTranslated }] = await Promise.all([import('../content/project.js'), import('./locale.js')]);
            const project = loadProject(args.project, { locales: [args.code] });
            for (const file of markTranslated(project, args.code, args.sections ?? [])) say(`marked ${shown(file)} as translated`);
          },
        )
        .demandCommand(1, 'name a locale command: add or done'))
      .command(
        'fonts',
        'list whether the theme\'s fonts set each locale\'s script, and add installed Noto fonts for those they do not',
        (y) => withProject(y),
        async (args) => {
          const [{ loadProject }, { completeFonts }] = await Promise.all([import('../content/project.js'), import('./fonts/complete.js')]);
          const project = loadProject(args.project);
          sayFonts(say, completeFonts(project, project.allLocales, (m) => warn(m)));
        },
      )
      .command(
        'status',
        'show, per locale, which sections and strings are translated, missing or outdated',
        (y) => withProject(y).option('strict', { type: 'boolean', default: false, describe: 'exit with code 1 if anything is missing or outdated' }),
        async (args) => {
          const [{ loadProject }, { formatLanguages, formatStatus, hasGaps, translationStatus }] = await Promise.all([
            import('../content/project.js'), import('./status.js'),
          ]);
          const project = loadProject(args.project);
          const rows = translationStatus(project);
          say(`${formatLanguages(project.locales)}\n${formatStatus(rows, project.config.defaultLocale)}`);
          if (args.strict && hasGaps(rows)) {
            io.stderr('zine: translations are incomplete (--strict)\n');
            code = 1;
          }
        },
      )
      .demandCommand(1, 'name a command: build, preview, print-test, init, locale, fonts or status')
      .strict()
      .fail((message, error) => {
        // yargs spreads some messages over lines ("Invalid values:\n  Argument: …"): the CLI says one
        throw error ?? new ZineError(message.replace(/:?\s*\n\s*/g, ': '));
      })
      .help()
      .version()
      // help and the version are text to print, never a reason to end the process
      .exitProcess(false)
      .parseAsync(argv, {}, (_error, _args, output) => {
        if (output) say(output);
      });
    return code;
  } catch (e) {
    report(e);
    return 1;
  }
}
