// `npm run bench`: whole builds, each in a fresh process, with the time of
// each stage, pages per second and peak memory, and the start-up of
// commands that typeset nothing (zine --help, zine status). Figures, not pass or fail:
// machines here are shared and their timings noisy.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spacing, typography } from './typography.mjs';
import { CORPUS_LOCALES, corpusProject } from './corpus.mjs';
import { embeddedFonts } from './fonts.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/** One run of a scenario in a fresh process; `env` adds to the environment (BENCH_CACHE: a shaping cache folder). */
function once(args, env = {}) {
  const started = performance.now();
  const r = spawnSync(process.execPath, [join(here, 'scenario.mjs'), ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`scenario ${args.join(' ')} failed:\n${r.stderr}`);
  return { ...JSON.parse(r.stdout.trim().split('\n').pop()), process: performance.now() - started };
}

/** The run with the median time of the whole process. */
function median(results) {
  return [...results].sort((a, b) => a.process - b.process)[Math.floor(results.length / 2)];
}

/** The median run of a scenario. */
function run(args, env = {}) {
  return median(Array.from({ length: RUNS }, () => once(args, env)));
}

/** The median runs of scenarios run in turn, so that a change in the machine's load weighs on all alike. */
function inTurn(scenarios, runs) {
  const results = scenarios.map(() => []);
  for (let i = 0; i < runs; i++) scenarios.forEach((args, k) => results[k].push(once(args)));
  return results.map(median);
}

const s = (ms) => `${(ms / 1000).toFixed(2)} s`;

/** The figures of a PDF's line breaking, in a line. */
async function lineBreaking(file, halves) {
  const t = await typography(file, halves);
  const g = spacing(file);
  return `${(100 * t.hyphenated).toFixed(1)} % of ${t.lines} lines end in a hyphen, at most ${t.longest} in a row, ${t.scraps} paragraphs end on a scrap; `
    + `spaces of ${g.lines} justified lines vary by ${g.variation.toFixed(3)}, ${g.loose} loose`;
}
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
function report(label, r) {
  const stages = ['load', 'layout', 'typeset', 'impose', 'render', 'write'].map((k) => `${k} ${s(r.stages[k] ?? 0)}`).join(', ');
  console.log(`${label}`);
  console.log(`  whole process ${s(r.process)} (build ${s(r.wall)} using ${s(r.cpu)} of processor time, start-up ${s(r.imported)}); ${r.files} files; ${r.pages} pages laid out, ${(r.pages / (r.wall / 1000)).toFixed(0)} pages/s; peak memory ${r.maxRssMB.toFixed(0)} MB`);
  if (r.stages.typeset !== undefined) console.log(`  ${stages}`);
  else console.log('  (stages are timed in the main thread only)');
}

console.log(`zine press benchmark: ${availableParallelism()} cores, node ${process.version}, median of ${RUNS} runs (of ${Math.max(RUNS, 7)} for the example, taken in turn with each of its locales alone)\n`);
// the ratio of three locales to one is the figure to watch: more runs, in turn
const LOCALES = ['en', 'ru', 'kk'];
const [all, ...alone] = inTurn([['example'], ...LOCALES.map((l) => ['example-one', l])], Math.max(RUNS, 7));
const one = alone[0];
report('(a) example zine, en ru kk, every paper and variant, nothing cached (target: under 1.5 s; peak memory at most 250 MB)', all);
const cache = mkdtempSync(join(tmpdir(), 'zine-bench-cache-'));
run(['example'], { BENCH_CACHE: cache });
const cached = run(['example'], { BENCH_CACHE: cache });
report('    the same, shapings cached by an earlier build (as from the second build on)', cached);
rmSync(cache, { recursive: true, force: true });
alone.forEach((r, k) => report(`    ${LOCALES[k]} only, nothing cached`, r));
const threads = run(['example-threads']);
report('    en ru kk, locales in worker threads, nothing cached', threads);
const slowest = alone.reduce((a, b) => (b.process > a.process ? b : a));
// three locales' work shared perfectly between two cores would take 1.5× one locale: "little longer" is less than that
console.log(`    three locales take ${(all.process / one.process).toFixed(2)}× en alone in one thread (each further locale ${s((all.process - one.process) / 2)}), ${(all.process / slowest.process).toFixed(2)}× the slowest locale alone (${LOCALES[alone.indexOf(slowest)]}) (target: under 1.5× either); ${(threads.process / one.process).toFixed(2)}× en alone in threads\n`);
const book = run(['book', '24']);
report('(b) a book of about 400 pages, one locale, letter, nothing cached (target: under 5 s)', book);
const twice = run(['book', '48']);
report('    twice the text', twice);
console.log(`    doubling the text takes ${(twice.wall / book.wall).toFixed(2)}× the time (target: at most 2.2×)`);
// memory per page: a quarter of the text beside the whole, peak memory over pages
const quarter = run(['book', '6']);
const perPage = (r) => r.maxRssMB / r.pages;
const further = (book.maxRssMB - quarter.maxRssMB) / (book.pages - quarter.pages);
console.log(`    peak memory ${quarter.maxRssMB.toFixed(0)} MB at ${quarter.pages} pages, ${book.maxRssMB.toFixed(0)} MB at ${book.pages}: ${perPage(quarter).toFixed(2)} then ${perPage(book).toFixed(2)} MB a page, ${further.toFixed(2)} MB for each page past the ${quarter.pages}th; memory per page is ${perPage(book) <= perPage(quarter) ? 'flat (it does not grow with the book)' : 'not flat: it grows with the book'}`);

// line breaking, as a reader meets it: the example built once more and read back
const built = mkdtempSync(join(tmpdir(), 'zine-bench-typography-'));
const b = spawnSync(process.execPath, [join(here, '..', 'dist', 'cli', 'main.js'), 'build', '--out', built, '--no-cache'], { encoding: 'utf8' });
if (b.status !== 0) throw new Error(`the example did not build:\n${b.stderr}`);
console.log('\n(c) line breaking of the example (lines of four words or more; targets: en at most 12 %, ru and kk at most 33 % hyphenated, at most 2 in a row, no scraps)');
for (const locale of LOCALES) {
  for (const [edition, file, halves] of [['letter', 'screen_single_page_view', false], ['a4', 'print_black_and_white_a4', true]]) {
    console.log(`    ${locale} ${edition}: ${await lineBreaking(join(built, locale, `uprising-in-kazakhstan_${file}.pdf`), halves)}`);
  }
}

// the same of texts the example never saw, of every kind, which the line breaking is tuned on (bench/corpus)
const corpus = corpusProject(join(built, 'corpus'));
const c = spawnSync(process.execPath, [join(here, '..', 'dist', 'cli', 'main.js'), 'build', '--project', corpus, '--no-cache'], { encoding: 'utf8' });
if (c.status !== 0) throw new Error(`the corpus did not build:\n${c.stderr}`);
console.log('\n    the same of bench/corpus, texts the example never saw: essays, reportage, instructions, dialogue, technical prose and letters (targets: en at most 12 %, ru at most 33 % hyphenated; spaces\' variation at most 0.30, no loose lines)');
for (const locale of CORPUS_LOCALES) {
  for (const [edition, file, halves] of [['letter', 'screen_single_page_view', false], ['a4', 'print_black_and_white_a4', true]]) {
    console.log(`    ${locale} ${edition}: ${await lineBreaking(join(corpus, 'out', locale, `corpus_${file}.pdf`), halves)}`);
  }
}
console.log('\n(d) fonts embedded in each locale\'s screen PDF (subsets: stored deflated / the program itself)');
for (const locale of LOCALES) {
  const fonts = embeddedFonts(join(built, locale, 'uprising-in-kazakhstan_screen_single_page_view.pdf'));
  console.log(`    ${locale}: ${fonts.map((f) => `${f.name} ${kb(f.stored)} / ${kb(f.inflated)}`).join(', ')}`);
}
rmSync(built, { recursive: true, force: true });

// a zine in Japanese: lines broken without spaces and justified between ideographs, CJK fonts subset
const cjk = run(['cjk']);
report('\n(e) a Japanese zine of about 10,000 characters, every paper and variant, nothing cached (target: under 3 s)', cjk);
console.log(`    ${cjk.characters.toLocaleString('en')} characters; start-up and build ${s(cjk.imported + cjk.wall)}, the project made before them (zine init, zine locale add) ${s(cjk.setup)}`);
console.log(`    fonts: ${cjk.fonts}, as zine locale add wrote them into theme.json:`);
for (const line of cjk.added.filter((l) => /fonts:|^\s/.test(l))) console.log(`      ${line.trimEnd()}`);
console.log(`    PDFs (together ${kb(cjk.pdfs.reduce((n, p) => n + p.bytes, 0))}): ${cjk.pdfs.map((p) => `${p.name} ${kb(p.bytes)}`).join(', ')}`);
console.log('    fonts embedded in the screen PDF (stored deflated / the program itself; of a CFF program, its subroutines: those a kept glyph calls, and any left as an empty return):');
for (const f of cjk.embedded) {
  const cff = f.cff;
  const subrs = (x) => `${kb(x.bytes)} (${((100 * x.bytes) / f.inflated).toFixed(0)} % of the program): ${x.count}, ${x.count - x.returns} kept (${kb(x.kept)}), ${x.returns} empty`;
  console.log(`      ${f.name} ${kb(f.stored)} / ${kb(f.inflated)}${cff ? `: ${cff.charStrings.count} glyphs ${kb(cff.charStrings.bytes)}; global subroutines ${subrs(cff.globalSubrs)}; local subroutines of ${cff.fontDicts} font dictionaries ${subrs(cff.localSubrs)}` : ''}`);
}

// start-up: commands as whole processes, beside node doing nothing, taken in turn
const startUp = (args) => {
  const started = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed:\n${r.stderr}`);
  return { process: performance.now() - started };
};
const cli = join(here, '..', 'dist', 'cli', 'main.js');
const [bare, help, status] = [[], [], []];
for (let i = 0; i < Math.max(RUNS, 9); i++) {
  bare.push(startUp(['-e', '0']));
  help.push(startUp([cli, '--help']));
  status.push(startUp([cli, 'status']));
}
const node = median(bare).process;
const over = (runs) => `${s(median(runs).process)}, ${s(median(runs).process - node)} over node`;
console.log(`\n(f) start-up, whole processes, median of ${bare.length} runs taken in turn: node -e 0 ${s(node)} on this machine (each command's code compiled from the code cache the runs before kept: see README, Design)`);
console.log(`    zine --help ${over(help)} (target: at most 0.10 s over)`);
console.log(`    zine status on the example ${over(status)} (target: at most 0.15 s over)`);
// the example's median build of (a): from its process's start to the first layout, and to its first page
console.log(`    the example's build loaded (its code, the project, fonts, templates, images, the first locale's text) ${s(all.loaded.wall)}, ${s(all.loaded.wall - node)} over node (target: at most 0.15 s over), using ${s(all.loaded.cpu)} of processor time; its first page set at ${s(all.firstPage.wall)}`);

// the whole file set of text the example never saw, beside typst setting the same text at both page sizes, taken in turn
const held = corpusProject(join(mkdtempSync(join(tmpdir(), 'zine-bench-typst-')), 'corpus'));
const [ours, theirs] = [[], []];
for (let i = 0; i < RUNS; i++) {
  ours.push(startUp([cli, 'build', '--project', held, '--locale', 'en', '--no-cache']));
  const t = spawnSync(process.execPath, ['--input-type=module', '-e', `import { typstTime } from ${JSON.stringify(join(here, 'typst.mjs'))}; console.log(JSON.stringify(typstTime(${JSON.stringify(join(held, 'locales', 'en', 'sections'))}, 'en', ${JSON.stringify(join(held, 'fonts'))})))`], { encoding: 'utf8' });
  if (t.status !== 0) throw new Error(`typst failed:\n${t.stderr}`);
  const { ms, pages } = JSON.parse(t.stdout);
  theirs.push({ process: ms, pages });
}
const [zine, typst] = [median(ours).process, median(theirs).process];
console.log(`\n(g) bench/corpus in English (${median(theirs).pages} pages in typst at both sizes): the whole file set, a process from its start, ${s(zine)}; typst setting both sizes to PDF in its node compiler, fonts read and the compiler made, ${s(typst)}`);
console.log(`    ${(zine / typst).toFixed(2)}× typst (target: at most 1.0×)`);
// the floor of this build in this runtime: the same set again in a process that has compiled and run it once
const again = run(['again', held]);
console.log(`    the same file set built a second time in one process (its code compiled and warm, hyphenation patterns and languages kept; the project, fonts and text read and set afresh), ${s(again.wall)}: ${(again.wall / typst).toFixed(2)}× typst`);
rmSync(dirname(held), { recursive: true, force: true });

// a one-paragraph edit: zine serve (which rebuilds as --watch does) on a copy of the example in Farsi, a paragraph
// added to a Farsi section, timed from the save until the server has the locale's files rewritten and tells the page
const live = mkdtempSync(join(tmpdir(), 'zine-bench-serve-'));
for (const part of ['zine.json', 'theme.json', 'fonts', 'images', 'templates', 'locales/en', 'locales/fa']) cpSync(join(here, '..', part), join(live, part), { recursive: true });
const server = spawn(process.execPath, [cli, 'serve', '--project', live, '--locale', 'fa', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
let said = '';
server.stdout.on('data', (c) => { said += c; });
while (!/serving the zine on (\S+)/.test(said)) await new Promise((r) => setTimeout(r, 50));
const address = /serving the zine on (\S+)/.exec(said)[1];
// the page is told of each build by server-sent events, as the viewer is: timed until the event comes
const events = await fetch(`${address}events`);
const reader = events.body.getReader();
const decoder = new TextDecoder();
let buffered = '';
const told = async () => {
  for (;;) {
    const m = /data: (\d+)\n\n/.exec(buffered);
    if (m) {
      buffered = buffered.slice(m.index + m[0].length);
      return Number(m[1]);
    }
    const { value, done } = await reader.read();
    if (done) throw new Error('zine serve stopped telling the page of builds');
    buffered += decoder.decode(value, { stream: true });
  }
};
await told();
const edits = [];
for (let i = 0; i < Math.max(RUNS, 9); i++) {
  const started = performance.now();
  appendFileSync(join(live, 'locales', 'fa', 'sections', '01-foreword.md'), `\nبندی تازه، شمارهٔ ${i + 1}.\n`);
  await told();
  edits.push({ process: performance.now() - started });
  // a writer's pause between edits
  await new Promise((r) => setTimeout(r, 100));
}
await reader.cancel();
server.kill('SIGINT');
console.log(`\n(h) a one-paragraph edit under zine serve (as under --watch): from the save to the Farsi edition's files rewritten and the page told, ${s(median(edits).process)} (median of ${edits.length}; target: at most 0.15 s; of it, the pause a rebuild leaves for further saves of the same change)`);
rmSync(live, { recursive: true, force: true });

// a project of thirty locales (the example's text copied into each, left to right, right to left, and CJK where its fonts are installed)
const [single, thirty] = inTurn([['locales', '1'], ['locales', '30']], RUNS);
report('\n(i) the example\'s text in 30 locales, every paper and variant, nothing cached, in one thread', thirty);
const perLocale = (thirty.wall - single.wall) / (thirty.locales - 1);
// in processor time too: the machine's other work stretches the wall time of the long run and the short one unevenly
const perLocaleCpu = (thirty.cpu - single.cpu) / (thirty.locales - 1);
console.log(`    each further locale ${s(perLocale)}, ${(perLocale / single.wall).toFixed(2)}× one locale alone (${s(single.wall)}) (target: at most 0.20×); in processor time ${s(perLocaleCpu)}, ${(perLocaleCpu / single.cpu).toFixed(2)}× (${s(single.cpu)}); peak memory ${thirty.maxRssMB.toFixed(0)} MB against ${single.maxRssMB.toFixed(0)} MB for one`);
// the mean above, spread: a locale in a script of its own (CJK, Arabic) is the first to read and set its fonts
const laterLocales = Object.entries(thirty.byLocale).slice(1);
const typical = laterLocales.map(([, ms]) => ms).sort((a, b) => a - b)[Math.floor(laterLocales.length / 2)];
const costliest = [...laterLocales].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([locale, ms]) => `${locale} ${s(ms)} (${(ms / single.wall).toFixed(2)}×)`);
console.log(`    by locale, in the median run: the median further locale ${s(typical)}, ${(typical / single.wall).toFixed(2)}×; the costliest ${costliest.join(', ')}`);
if (availableParallelism() >= 4) {
  const threaded = once(['locales', '30'], { BENCH_PARALLEL: '1' });
  console.log(`    in worker threads on ${availableParallelism()} cores: ${s(threaded.wall)}, ${(thirty.wall / threaded.wall).toFixed(2)}× faster`);
}
