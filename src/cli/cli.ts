/** The `zine` command line: parses arguments, runs a command, reports errors in one line. */
import { isAbsolute, join, relative } from 'node:path';
import yargs, { type Argv } from 'yargs';
import { build } from '../build.js';
import { loadProject } from '../content/project.js';
import { ZineError, type SourceRef } from '../errors.js';
import { TOOL_ROOT } from '../paths.js';
import { initProject } from './init.js';
import { addLocale, markTranslated } from './locale.js';
import { formatStatus, hasGaps, translationStatus } from './status.js';

const list = (value: string | string[] | undefined): string[] | undefined =>
  value === undefined ? undefined : [value].flat().flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);

/** A path as the user would type it: relative to where they are, unless it lies elsewhere. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

const warned = new Set<string>();

/** A warning, once: each edition of a locale meets the same text again. */
function warn(message: string, where?: SourceRef): void {
  const at = where ? `${shown(where.file)}${where.line ? `:${where.line}` : ''}: ` : '';
  const line = `warning: ${at}${message}\n`;
  if (warned.has(line)) return;
  warned.add(line);
  process.stderr.write(line);
}

const say = (text: string): void => {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
};

function withProject<T>(y: Argv<T>) {
  return y.option('project', { type: 'string', default: TOOL_ROOT, defaultDescription: 'the example zine', describe: 'zine project folder' });
}

export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  let code = 0;
  try {
    await yargs(argv)
      .scriptName('zine')
      .usage('$0 <command> [options]')
      .option('debug', { type: 'boolean', describe: 'show the stack trace of an error' })
      .command(
        'build',
        'typeset the zine: screen PDF and fold-ready print PDFs per locale',
        (y) => withProject(y)
          .option('out', { type: 'string', describe: 'output folder', defaultDescription: 'out/ in the project folder' })
          .option('locale', { type: 'string', describe: 'locales to build, e.g. en,ru' })
          .option('paper', { type: 'string', describe: 'editions to build: a4, letter' })
          .option('parallel', { type: 'boolean', describe: 'build locales in worker threads (default: with four cores or more)' }),
        async (args) => {
          const started = Date.now();
          const options: Parameters<typeof build>[0] = { projectDir: args.project, outDir: args.out ?? join(args.project, 'out'), warn };
          const locales = list(args.locale);
          const papers = list(args.paper);
          if (locales) options.locales = locales;
          if (papers) options.papers = papers;
          if (args.parallel !== undefined) options.parallel = args.parallel;
          const files = await build(options);
          for (const f of files) say(`wrote ${shown(f.path)} (${f.pdfPages} pages)`);
          say(`built ${files.length} files in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        },
      )
      .command(
        'init <dir>',
        'write a new zine project that builds as it stands',
        (y) => y.positional('dir', { type: 'string', demandOption: true, describe: 'folder for the new project' }),
        (args) => {
          const written = initProject(args.dir);
          say(`wrote ${written.join(', ')} in ${args.dir}\nbuild it with: zine build --project ${args.dir}`);
        },
      )
      .command('locale', 'add a locale, or mark its sections as translated', (y) => withProject(y)
        .command(
          'add <code>',
          'copy the default locale into locales/<code>/, every section marked as not yet translated',
          (z) => z.positional('code', { type: 'string', demandOption: true, describe: 'locale code, e.g. kk, es-419' }),
          (args) => {
            const written = addLocale(loadProject(args.project), args.code);
            say(`wrote ${written.length} files in ${shown(join(args.project, 'locales', args.code))}`);
            say(`translate them, then: zine locale done ${args.code} [section …]`);
          },
        )
        .command(
          'done <code> [sections..]',
          'mark sections (default: all) as translated from the current source',
          (z) => z
            .positional('code', { type: 'string', demandOption: true, describe: 'locale code' })
            .positional('sections', { type: 'string', array: true, describe: 'section file names' }),
          (args) => {
            const project = loadProject(args.project, { locales: [args.code] });
            for (const file of markTranslated(project, args.code, args.sections ?? [])) say(`marked ${shown(file)} as translated`);
          },
        )
        .demandCommand(1, 'name a locale command: add or done'))
      .command(
        'status',
        'show, per locale, which sections and strings are translated, missing or outdated',
        (y) => withProject(y).option('strict', { type: 'boolean', default: false, describe: 'exit with code 1 if anything is missing or outdated' }),
        (args) => {
          const project = loadProject(args.project);
          const rows = translationStatus(project);
          say(formatStatus(rows, project.config.defaultLocale));
          if (args.strict && hasGaps(rows)) {
            process.stderr.write('zine: translations are incomplete (--strict)\n');
            code = 1;
          }
        },
      )
      .demandCommand(1, 'name a command: build, init, locale or status')
      .strict()
      .fail((message, error) => {
        throw error ?? new ZineError(message);
      })
      .help()
      .parseAsync();
    return code;
  } catch (e) {
    if (debug && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    if (e instanceof ZineError) process.stderr.write(`zine: ${e.describe(shown)}\n`);
    else process.stderr.write(`zine: internal error: ${e instanceof Error ? e.message : String(e)} (--debug shows where)\n`);
    return 1;
  }
}
