// One benchmark scenario, run in a fresh process by bench.mjs; prints its figures as JSON.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const started = performance.now();
const { build } = await import(join(root, 'dist', 'build.js'));
const { initProject } = await import(join(root, 'dist', 'cli', 'init.js'));
const { Stopwatch } = await import(join(root, 'dist', 'stopwatch.js'));
const imported = performance.now() - started;

/** A book of `copies` times the example's English text, as a project of its own. */
function book(copies) {
  const dir = join(mkdtempSync(join(tmpdir(), 'zine-bench-')), 'book');
  initProject(dir);
  const sections = join(dir, 'locales', 'en', 'sections');
  rmSync(sections, { recursive: true });
  mkdirSync(sections);
  const source = join(root, 'locales', 'en', 'sections');
  const files = readdirSync(source).sort();
  cpSync(join(root, 'images'), join(dir, 'images'), { recursive: true });
  for (let c = 0; c < copies; c++) {
    for (const f of files) {
      const text = readFileSync(join(source, f), 'utf8').replace(/^title: (.*)$/m, `title: $1 (${c + 1})`);
      writeFileSync(join(sections, `${String(c).padStart(3, '0')}-${f}`), text);
    }
  }
  return dir;
}

const [scenario, arg] = process.argv.slice(2);
const out = mkdtempSync(join(tmpdir(), 'zine-bench-out-'));
// shapings kept between builds only where the bench says so
const options = { outDir: out, warn: () => {}, stopwatch: new Stopwatch(), parallel: false, cache: process.env.BENCH_CACHE || false };
if (scenario === 'example') Object.assign(options, { projectDir: root });
else if (scenario === 'example-threads') Object.assign(options, { projectDir: root, parallel: true });
else if (scenario === 'example-one') Object.assign(options, { projectDir: root, locales: [arg ?? 'en'] });
else if (scenario === 'book') Object.assign(options, { projectDir: book(Number(arg)), papers: ['letter'] });
else throw new Error(`unknown scenario ${scenario}`);

const t0 = performance.now();
const cpu0 = process.cpuUsage();
const files = await build(options);
const wall = performance.now() - t0;
const { user, system } = process.cpuUsage(cpu0);
const screen = files.filter((f) => f.path.endsWith('_screen_single_page_view.pdf')).reduce((n, f) => n + f.pdfPages, 0);
console.log(JSON.stringify({
  scenario, wall, cpu: (user + system) / 1000, imported, files: files.length, pages: screen,
  stages: Object.fromEntries(options.stopwatch.totals), maxRssMB: process.resourceUsage().maxRSS / 1024,
}));
rmSync(out, { recursive: true, force: true });
