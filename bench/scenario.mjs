// One benchmark scenario, run in a fresh process by bench.mjs; prints its figures as JSON.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { embeddedFonts } from './fonts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The build's code as the command line loads it: the bundled program, with the code cache a run of the command keeps (see src/load-program.ts). */
const started = performance.now();
const { loadProgram, preloadHarfBuzz } = await import(join(root, 'dist', 'load-program.js'));
const { program, keepAtExit } = loadProgram();
await preloadHarfBuzz();
keepAtExit('full');
const { build } = await program.loadBuild();
const { Stopwatch } = await import(join(root, 'dist', 'stopwatch.js'));
const imported = performance.now() - started;

/** `zine init`'s, for the scenarios that make a project: tsc's modules, which a build never loads, imported apart from it. */
const initProject = async (dir) => (await import(join(root, 'dist', 'cli', 'init.js'))).initProject(dir);

/** A book of `copies` times the example's English text, as a project of its own. */
async function book(copies) {
  const dir = join(mkdtempSync(join(tmpdir(), 'zine-bench-')), 'book');
  await initProject(dir);
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

/** Debian's fonts-noto-cjk, which `zine locale add` finds through fontconfig. */
const NOTO_CJK = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc';

/**
 * A Japanese zine of about 10,000 characters as a project of its own: a new
 * project given a locale `ja` by `zine locale add`, as a user would (it finds
 * the machine's Noto CJK fonts and writes them into theme.json), whose
 * sections are replaced by four translated ones of eight paragraphs each
 * (the first ones where the copies were, the rest of the locale's own),
 * made of the sentences of test/fixtures/texts/ja.md in turn (each paragraph
 * begins at another sentence, so that no two are set alike). Without
 * fonts-noto-cjk, the test subset of Noto Serif CJK JP stands in.
 */
async function cjk() {
  const dir = join(mkdtempSync(join(tmpdir(), 'zine-bench-')), 'cjk');
  await initProject(dir);
  const env = { ...process.env };
  let fonts = 'those installed (fonts-noto-cjk)';
  if (!existsSync(NOTO_CJK)) {
    const only = join(dirname(dir), 'fonts');
    mkdirSync(only);
    copyFileSync(join(root, 'test', 'fixtures', 'fonts', 'NotoSerifCJKJP-Subset.otf'), join(only, 'NotoSerifCJKJP-Subset.otf'));
    env.ZINE_FONT_DIRS = only;
    fonts = 'the test subset of Noto Serif CJK JP (fonts-noto-cjk is not installed)';
  }
  const added = spawnSync(process.execPath, [join(root, 'dist', 'cli', 'main.js'), 'locale', 'add', 'ja', '--project', dir], { encoding: 'utf8', env });
  if (added.status !== 0) throw new Error(`zine locale add ja failed:\n${added.stderr}`);
  const sections = join(dir, 'locales', 'ja', 'sections');
  // the copies take the English sections' names: an English section left without one would be set in English
  const copied = readdirSync(sections).sort();
  rmSync(sections, { recursive: true });
  mkdirSync(sections);
  // sentences end at 。 except inside quotation marks
  const sentences = readFileSync(join(root, 'test', 'fixtures', 'texts', 'ja.md'), 'utf8').trim().split(/(?<=。)(?!」)/);
  const paragraph = (n) => [...sentences.slice(n % sentences.length), ...sentences.slice(0, n % sentences.length)].join('');
  // headings in the text's own words, so that the test subset has their glyphs
  const titles = ['許可を待つ必要はない', '小さなグループ', '手から手へ', '相互扶助'];
  const subheadings = ['家賃の相談先', '無料の食堂', '夜勤で働く人たち', '対等な者どうし'];
  let characters = 0;
  titles.forEach((title, s) => {
    const paragraphs = Array.from({ length: 8 }, (_, p) => paragraph(8 * s + p));
    characters += title.length + subheadings[s].length + paragraphs.join('').length;
    const body = [...paragraphs.slice(0, 4), `## ${subheadings[s]}`, ...paragraphs.slice(4)].join('\n\n');
    writeFileSync(join(sections, copied[s] ?? `0${s + 1}-section.md`), `---\ntitle: ${title}\n---\n${body}\n`);
  });
  const strings = join(dir, 'locales', 'ja', 'strings.json');
  writeFileSync(strings, JSON.stringify({ ...JSON.parse(readFileSync(strings, 'utf8')), title: '許可を待つ必要はない', subtitle: '小さなグループの相互扶助' }, null, 2));
  return { dir, cjk: { fonts, added: added.stdout.trim().split('\n'), characters } };
}

/**
 * Locales enough for a project of many: left-to-right and right-to-left ones
 * whose letters, and whose languages' own names, the example's fonts set
 * (Latin, Cyrillic, Greek, Arabic script); Chinese, Japanese and Korean too
 * where fonts-noto-cjk is installed, which `zine fonts` then adds.
 */
const MANY = ['en', 'ru', 'kk', 'fa', 'ar', 'ur', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'sv', 'da', 'nb', 'fi', 'pl', 'cs', 'sk', 'hu', 'ro', 'tr', 'uk', 'bg', 'sr', 'el', 'lt', 'lv', 'et', 'hr', 'sl'];

/**
 * The example's text copied into `count` locales as a project of its own,
 * each locale's sections and strings the English ones (each set in its own
 * language: its hyphenation, quotation marks, digits and direction).
 */
function locales(count) {
  const dir = join(mkdtempSync(join(tmpdir(), 'zine-bench-')), 'many');
  for (const part of ['zine.json', 'theme.json', 'fonts', 'images', 'templates', 'locales/en']) cpSync(join(root, part), join(dir, part), { recursive: true });
  const cjk = existsSync(NOTO_CJK) ? ['ja', 'zh', 'ko'] : [];
  const tags = [...cjk, ...MANY.filter((t) => t !== 'en')].slice(0, count - 1);
  for (const tag of tags) cpSync(join(root, 'locales', 'en'), join(dir, 'locales', tag), { recursive: true });
  if (cjk.some((t) => tags.includes(t))) {
    const added = spawnSync(process.execPath, [join(root, 'dist', 'cli', 'main.js'), 'fonts', '--project', dir], { encoding: 'utf8' });
    if (added.status !== 0) throw new Error(`zine fonts failed:\n${added.stderr}`);
  }
  return { dir, locales: ['en', ...tags] };
}

const [scenario, arg] = process.argv.slice(2);
const out = mkdtempSync(join(tmpdir(), 'zine-bench-out-'));
// shapings kept between builds only where the bench says so
let extra = {};
/**
 * A stopwatch that also notes when the build is loaded (its code, the project,
 * fonts, templates and images, the first locale's text: the first layout
 * begins) and when its first page is set: the time since the process started
 * and the processor time until then.
 */
class Milestones extends Stopwatch {
  marks = {};
  /** When each staging of files ended: a build in one thread stages each locale's files as soon as they are drawn, then commits them all. */
  staged = [];
  time(stage, work) {
    const mark = { layout: 'loaded', typeset: 'firstPage' }[stage];
    if (mark && this.marks[mark] === undefined) {
      const { user, system } = process.cpuUsage();
      this.marks[mark] = { wall: performance.now(), cpu: (user + system) / 1000 };
    }
    try {
      return super.time(stage, work);
    } finally {
      if (stage === 'write') this.staged.push(performance.now());
    }
  }
}
const options = { outDir: out, warn: () => {}, stopwatch: new Milestones(), parallel: false, cache: process.env.BENCH_CACHE || false };
// the example's en, ru and kk, as the bench's targets were set for (its Farsi translation came later)
const THREE = ['en', 'ru', 'kk'];
if (scenario === 'example') Object.assign(options, { projectDir: root, locales: THREE });
else if (scenario === 'example-threads') Object.assign(options, { projectDir: root, locales: THREE, parallel: true });
else if (scenario === 'example-one') Object.assign(options, { projectDir: root, locales: [arg ?? 'en'] });
else if (scenario === 'book') Object.assign(options, { projectDir: await book(Number(arg)), papers: ['letter'] });
else if (scenario === 'locales') {
  const made = locales(Number(arg));
  Object.assign(options, { projectDir: made.dir, locales: made.locales, parallel: process.env.BENCH_PARALLEL === '1' });
  extra = { locales: made.locales.length };
}
else if (scenario === 'cjk') {
  const s0 = performance.now();
  const made = await cjk();
  Object.assign(options, { projectDir: made.dir, locales: ['ja'] });
  extra = { ...made.cjk, setup: performance.now() - s0 };
}
else if (scenario === 'again') {
  // a project's English built once, untimed, then again in the same process: its code compiled and warm, and what a
  // process keeps between builds (hyphenation patterns, the languages worked out, the JPEG codecs) there; the project,
  // its fonts and its text read and set afresh
  Object.assign(options, { projectDir: arg, locales: ['en'] });
  await build({ ...options, stopwatch: new Stopwatch() });
}
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
  // since the process's start, Node's own start-up included
  ...options.stopwatch.marks,
  // each locale's time in a build in one thread, from the end of the last one's files (the first's from the build's start)
  ...(scenario === 'locales' ? { ...extra, ...(options.parallel ? {} : { byLocale: Object.fromEntries(options.locales.map((l, i) => [l, options.stopwatch.staged[i] - (i === 0 ? t0 : options.stopwatch.staged[i - 1])])) }) } : {}),
  // what the build wrote, read before the folder goes: each file's size, the fonts of the screen PDF
  ...(scenario === 'cjk' ? {
    ...extra,
    pdfs: files.filter((f) => f.path.endsWith('.pdf')).map((f) => ({ name: relative(out, f.path), bytes: statSync(f.path).size })),
    embedded: embeddedFonts(files.find((f) => f.path.endsWith('_screen_single_page_view.pdf')).path),
  } : {}),
}));
rmSync(out, { recursive: true, force: true });
// a project made for the run (the cjk one holds some 90 MB of fonts)
if (options.projectDir !== root && scenario !== 'again') rmSync(dirname(options.projectDir), { recursive: true, force: true });
