// Benchmarks of whole builds, each in a fresh process as a user runs them:
// prints wall-clock figures (median of several runs). Run with `npm run bench`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli', 'main.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

/** Median wall time in seconds of `zine build` with the given arguments. */
function time(args) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const out = mkdtempSync(join(tmpdir(), 'zine-bench-'));
    const started = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [cli, 'build', '--out', out, ...args], { encoding: 'utf8' });
    times.push(Number(process.hrtime.bigint() - started) / 1e9);
    rmSync(out, { recursive: true, force: true });
    if (r.status !== 0) throw new Error(`zine build ${args.join(' ')} failed:\n${r.stderr}`);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const rows = [
  ['example zine, en only (2 editions, 3 PDFs)', ['--locale', 'en']],
  ['example zine, en ru kk, one after another', ['--no-parallel']],
  ['example zine, en ru kk, in worker threads', ['--parallel']],
];
console.log(`zine press benchmark: ${availableParallelism()} cores, node ${process.version}, median of ${RUNS} runs`);
const results = rows.map(([label, args]) => {
  const seconds = time(args);
  console.log(`${label.padEnd(48)} ${seconds.toFixed(2)} s`);
  return seconds;
});
console.log(`three locales / one locale: ${(results[1] / results[0]).toFixed(2)}× one after another, ${(results[2] / results[0]).toFixed(2)}× in threads`);
