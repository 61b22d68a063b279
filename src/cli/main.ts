#!/usr/bin/env node
import { main } from './cli.js';

// a reader that has read enough (`zine build | head -1`) closes the pipe: what is left to say is dropped, the command goes on
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
}
process.exitCode = await main(process.argv.slice(2));
