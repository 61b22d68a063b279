/** A worker thread of `build` (see threads.ts): the program loaded as the command loads it, its cache kept by the command alone. */
import { parentPort } from 'node:worker_threads';
import { loadProgram, preloadHarfBuzz } from './load-program.js';

const { program } = loadProgram();
await preloadHarfBuzz();
(await program.loadBuildJobs()).serveBuildJobs(parentPort!);
