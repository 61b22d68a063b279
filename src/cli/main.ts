#!/usr/bin/env node
import module from 'node:module';
import { main } from './cli.js';

// Node 22.1 and later keep V8's compiled code of the modules a command loads from one run to the next;
// a build's worker threads take the cache up from the environment
const cache = (module as { enableCompileCache?: () => { directory?: string } }).enableCompileCache?.();
if (cache?.directory) process.env.NODE_COMPILE_CACHE = cache.directory;

// a reader that has read enough (`zine build | head -1`) closes the pipe: what is left to say is dropped, the command goes on
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
}
process.exitCode = await main(process.argv.slice(2));
