/** The `zine` command line: parses arguments, runs a command, reports errors in one line. */
import { isAbsolute, join, relative } from 'node:path';
import yargs from 'yargs';
import { build } from '../build.js';
import { ZineError, type SourceRef } from '../errors.js';
import { TOOL_ROOT } from '../paths.js';
import { initProject } from './init.js';

const list = (value: string | string[] | undefined): string[] | undefined =>
  value === undefined ? undefined : [value].flat().flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);

/** A path as the user would type it: relative to where they are, unless it lies elsewhere. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

function warn(message: string, where?: SourceRef): void {
  const at = where ? `${shown(where.file)}${where.line ? `:${where.line}` : ''}: ` : '';
  process.stderr.write(`warning: ${at}${message}\n`);
}

export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    await yargs(argv)
      .scriptName('zine')
      .usage('$0 <command> [options]')
      .option('debug', { type: 'boolean', describe: 'show the stack trace of an error' })
      .command(
        'build',
        'typeset the zine: screen PDF and fold-ready print PDFs per locale',
        (y) => y
          .option('project', { type: 'string', default: TOOL_ROOT, defaultDescription: 'the example zine', describe: 'zine project folder' })
          .option('out', { type: 'string', describe: 'output folder', defaultDescription: 'out/ in the project folder' })
          .option('locale', { type: 'string', describe: 'locales to build, e.g. en,ru' })
          .option('paper', { type: 'string', describe: 'editions to build: a4, letter' }),
        async (args) => {
          const started = Date.now();
          const options: Parameters<typeof build>[0] = { projectDir: args.project, outDir: args.out ?? join(args.project, 'out'), warn };
          const locales = list(args.locale);
          const papers = list(args.paper);
          if (locales) options.locales = locales;
          if (papers) options.papers = papers;
          const files = await build(options);
          for (const f of files) process.stdout.write(`wrote ${shown(f.path)} (${f.pdfPages} pages)\n`);
          process.stdout.write(`built ${files.length} files in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
        },
      )
      .command(
        'init <dir>',
        'write a new zine project that builds as it stands',
        (y) => y.positional('dir', { type: 'string', demandOption: true, describe: 'folder for the new project' }),
        (args) => {
          const written = initProject(args.dir);
          process.stdout.write(`wrote ${written.join(', ')} in ${args.dir}\nbuild it with: zine build --project ${args.dir}\n`);
        },
      )
      .demandCommand(1, 'name a command: build or init')
      .strict()
      .fail((message, error) => {
        throw error ?? new ZineError(message);
      })
      .help()
      .parseAsync();
    return 0;
  } catch (e) {
    if (debug && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    if (e instanceof ZineError) process.stderr.write(`zine: ${e.describe(shown)}\n`);
    else process.stderr.write(`zine: internal error: ${e instanceof Error ? e.message : String(e)} (--debug shows where)\n`);
    return 1;
  }
}
