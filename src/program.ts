/**
 * The program as the command line runs it: bundled by scripts/bundle.mjs into
 * one classic script, dist/program.cjs, which src/load-program.ts compiles
 * with V8's code cache. What a command needs is evaluated when it runs (the
 * bundle keeps each `import()` lazy): `zine status` evaluates no typesetting
 * code.
 */
export { main, shapes } from './cli/cli.js';

/** The build, for the benchmark, which times it as the command runs it. */
export const loadBuild = (): Promise<typeof import('./build.js')> => import('./build.js');

/** A worker thread's work (see build-worker.ts). */
export const loadBuildJobs = (): Promise<typeof import('./build-jobs.js')> => import('./build-jobs.js');
