#!/usr/bin/env node
import { loadProgram, preloadHarfBuzz } from '../load-program.js';

const argv = process.argv.slice(2);
// the program is minified (scripts/bundle.mjs): under --debug a stack trace is told in src/'s lines, by its source map
const debug = argv.includes('--debug');
if (debug) process.setSourceMapsEnabled(true);
const { program, keepAtExit } = loadProgram({ sourceMaps: debug });
const shapes = program.shapes(argv);
if (shapes) await preloadHarfBuzz();
keepAtExit(shapes ? 'full' : 'light');

// a reader that has read enough (`zine build | head -1`) closes the pipe: what is left to say is dropped, the command goes on
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
}
process.exitCode = await program.main(argv);
