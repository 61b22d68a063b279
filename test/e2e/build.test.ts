import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { PAPERS } from '../../src/content/paper.js';
import { exampleBuild } from '../support/example.js';
import { ROOT, theme } from '../support/fixtures.js';
import { inkUse, markdownWords, missingInOrder, readPdf, words, type PdfPage, type ReadPdf, type TextRun } from '../support/pdf.js';

const SLUG = 'uprising-in-kazakhstan';
const LOCALES = ['en', 'ru', 'kk'];
/** Where the example zine is built, once for all the tests here. */
let out = '';
const buildOnce = async (): Promise<void> => { out = await exampleBuild(); };

/** The pages of an imposed two-up PDF in the order a reader meets them after folding, from the sheet halves. */
function foldedPages(read: ReadPdf): { page: number; text: string; runs: TextRun[] }[] {
  const sides = read.pages;
  const n = sides.length * 2;
  const halves: { page: number; text: string; runs: TextRun[] }[] = [];
  for (let p = 1; p <= n; p++) {
    // sheet k: front = n−2k | 2k+1, back = 2k+2 | n−2k−1 (1-based pages; side 2k is the front)
    let side = 0;
    let left = false;
    for (let k = 0; k < n / 4; k++) {
      if (p === n - 2 * k) { side = 2 * k; left = true; }
      if (p === 2 * k + 1) { side = 2 * k; left = false; }
      if (p === 2 * k + 2) { side = 2 * k + 1; left = true; }
      if (p === n - 2 * k - 1) { side = 2 * k + 1; left = false; }
    }
    const sheet = sides[side]!;
    const runs = sheet.runs.filter((r) => (r.x < sheet.width / 2) === left).map((r) => ({ ...r, x: left ? r.x : r.x - sheet.width / 2 }));
    halves.push({ page: p, text: runs.map((r) => r.str).join('\n'), runs });
  }
  return halves;
}

interface TextLine { y: number; x: number; end: number; size: number; text: string }

/** Runs grouped into lines by baseline, top to bottom. */
function textLines(runs: readonly TextRun[]): TextLine[] {
  const lines = new Map<number, TextLine>();
  for (const r of runs) {
    const y = Math.round(r.y);
    const line = lines.get(y);
    if (!line) lines.set(y, { y, x: r.x, end: r.x + r.width, size: r.size, text: r.str });
    else {
      line.x = Math.min(line.x, r.x);
      line.end = Math.max(line.end, r.x + r.width);
      line.size = Math.max(line.size, r.size);
      line.text += ` ${r.str}`;
    }
  }
  return [...lines.values()].sort((a, b) => b.y - a.y);
}

const pageText = (page: PdfPage): string => page.runs.map((r) => r.str).join('\n');

describe.each(LOCALES)('zine build of the example zine, locale %s', (locale) => {
  let screen: ReadPdf;
  let letter: ReadPdf;
  let a4: ReadPdf;
  const pdf = (variant: string): string => join(out, locale, `${SLUG}_${variant}.pdf`);
  const sectionWords = (): string[] => {
    const dir = join(ROOT, 'locales', locale, 'sections');
    return readdirSync(dir).filter((f) => f.endsWith('.md')).sort().flatMap((f) => markdownWords(readFileSync(join(dir, f), 'utf8')));
  };

  beforeAll(async () => {
    await buildOnce();
    [screen, letter, a4] = await Promise.all([
      readPdf(pdf('screen_single_page_view')),
      readPdf(pdf('print_black_and_white')),
      readPdf(pdf('print_black_and_white_a4')),
    ]);
  });

  it('writes half-letter screen pages and landscape letter and A4 sheets', () => {
    for (const p of screen.pages) expect([p.width, p.height]).toEqual([396, 612]);
    for (const p of letter.pages) expect([p.width, p.height]).toEqual([792, 612]);
    for (const p of a4.pages) {
      expect(p.width).toBeCloseTo(PAPERS.a4!.sheet.width, 1);
      expect(p.height).toBeCloseTo(PAPERS.a4!.sheet.height, 1);
    }
  });

  it('makes at least 16 pages in each edition, a multiple of 4 when imposed', () => {
    expect(screen.pages.length).toBeGreaterThanOrEqual(16);
    for (const print of [letter, a4]) {
      expect(print.pages.length * 2).toBeGreaterThanOrEqual(16);
      expect((print.pages.length * 2) % 4).toBe(0);
    }
  });

  it('sets every word of the sections in the screen PDF, in order', () => {
    const got = words(screen.pages.map(pageText).join('\n'));
    expect(missingInOrder(sectionWords(), got)).toBeUndefined();
  });

  it('reads in the same order from the folded print booklets', () => {
    const screenWords = words(screen.pages.map(pageText).join('\n'));
    const folded = words(foldedPages(letter).map((h) => h.text).join('\n'));
    expect(folded).toEqual(screenWords);
    const foldedA4 = words(foldedPages(a4).map((h) => h.text).join('\n'));
    expect(missingInOrder(sectionWords(), foldedA4)).toBeUndefined();
  });

  it('keeps the back cover last and the cover first on the folded booklets', () => {
    const backCover = words(pageText(screen.pages[screen.pages.length - 1]!));
    const cover = words(pageText(screen.pages[0]!));
    for (const print of [letter, a4]) {
      const pages = foldedPages(print);
      expect(words(pages[0]!.text)).toEqual(cover);
      expect(words(pages[pages.length - 1]!.text)).toEqual(backCover);
    }
  });

  it('reflows the A4 edition at the same type size instead of scaling', () => {
    const bodySize = (read: ReadPdf): number => {
      const count = new Map<number, number>();
      for (const p of read.pages) for (const r of p.runs) count.set(Math.round(r.size * 10) / 10, (count.get(Math.round(r.size * 10) / 10) ?? 0) + r.str.length);
      return [...count.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    };
    expect(bodySize(letter)).toBe(theme.styles.body!.size);
    expect(bodySize(a4)).toBe(theme.styles.body!.size);
  });

  it('numbers the pages in the foot between diamonds', () => {
    const page = screen.pages[3]!;
    expect(page.runs.length).toBeGreaterThan(10);
    const foot = page.runs.filter((r) => r.y < 40).map((r) => r.str).join(' ');
    expect(foot.replace(/\s+/g, ' ')).toMatch(/◆ ?4 ?◆/);
  });

  it('keeps every line of text inside the margins', () => {
    const m = theme.margins.letter!;
    screen.pages.forEach((page, i) => {
      // rectos (odd pages) are bound on their left; the back cover, last in the booklet, is a verso
      const recto = i % 2 === 0 && i !== screen.pages.length - 1;
      const left = recto ? m.inner : m.outer;
      const right = page.width - (recto ? m.outer : m.inner);
      for (const r of page.runs) {
        expect(r.x, `page ${i + 1}: "${r.str}"`).toBeGreaterThanOrEqual(left - 0.5);
        expect(r.x + r.width, `page ${i + 1}: "${r.str}"`).toBeLessThanOrEqual(right + 0.5);
        // baselines inside the frame; the folio sits in the foot margin
        if (r.y > m.bottom) expect(page.height - r.y, `page ${i + 1}: "${r.str}"`).toBeGreaterThanOrEqual(m.top);
      }
    });
  });

  it('lists on its contents page where each section starts, right for each edition', () => {
    const heading = theme.styles.heading1!.size;
    const entry = theme.styles.tocEntry!.size;
    for (const print of [letter, a4]) {
      const pages = foldedPages(print);
      const contents = textLines(pages[2]!.runs).filter((l) => Math.abs(l.size - entry) < 0.1);
      expect(contents.length).toBeGreaterThan(5);
      for (const line of contents) {
        const m = /^(.*\S)\s+(\d+)$/.exec(line.text)!;
        expect(m, line.text).not.toBeNull();
        const [title, number] = [m[1]!, Number(m[2])];
        const onPage = textLines(pages[number - 1]!.runs).filter((l) => Math.abs(l.size - heading) < 0.1).map((l) => l.text).join(' ');
        expect(onPage.replace(/\s+/g, ' '), `${title} on page ${number}`).toBe(title.toLocaleUpperCase(locale).replace(/\s+/g, ' '));
      }
    }
  });

  it('leaves no orphan or widow: a paragraph never shows one line alone at a page’s foot or head', () => {
    const body = theme.styles.body!;
    const m = theme.margins.letter!;
    const check = (pages: { runs: TextRun[] }[], left: (i: number) => number, measure: number, label: string): void => {
      for (let i = 0; i + 1 < pages.length; i++) {
        const here = textLines(pages[i]!.runs).filter((l) => l.y > m.bottom);
        const next = textLines(pages[i + 1]!.runs).filter((l) => l.y > m.bottom);
        const last = here[here.length - 1];
        const [first, second] = next;
        if (!last || !first || Math.abs(last.size - body.size) > 0.1 || Math.abs(first.size - body.size) > 0.1) continue;
        const indented = (l: TextLine, page: number): boolean => Math.abs(l.x - left(page) - body.firstIndent) < 1;
        const flush = (l: TextLine, page: number): boolean => Math.abs(l.x - left(page)) < 1;
        const full = (l: TextLine, page: number): boolean => Math.abs(l.end - left(page) - measure) < 1;
        // a paragraph runs on to the next page: a full line at the foot, a flush line at the head
        if (!full(last, i) || !flush(first, i + 1)) continue;
        expect(indented(last, i), `${label}: orphan at the foot of page ${i + 1}: "${last.text}"`).toBe(false);
        const ends = !full(first, i + 1) && (!second || indented(second, i + 1) || Math.abs(second.size - body.size) > 0.1 || first.y - second.y > body.leading + 1);
        expect(ends, `${label}: widow at the head of page ${i + 2}: "${first.text}"`).toBe(false);
      }
    };
    check(screen.pages, (i) => ((i + 1) % 2 === 1 ? m.inner : m.outer), 396 - m.inner - m.outer, 'screen');
    const a4m = theme.margins.a4!;
    const a4page = PAPERS.a4!.page.width;
    check(foldedPages(a4), (i) => ((i + 1) % 2 === 1 ? a4m.inner : a4m.outer) + (PAPERS.a4!.sheet.width / 2 - a4page) / 2, a4page - a4m.inner - a4m.outer, 'a4');
  });

  it('never ends a page with a heading or a question', () => {
    const m = theme.margins.letter!;
    screen.pages.slice(3, -1).forEach((page, i) => {
      const lines = textLines(page.runs).filter((l) => l.y > m.bottom);
      const last = lines[lines.length - 1]!;
      const fonts = page.runs.filter((r) => Math.round(r.y) === last.y).map((r) => r.font);
      const bold = fonts.every((f) => /Bold/.test(f));
      // headings are set in the sans, or bold and larger than the text; questions bold, ending in "?"
      const heading = fonts.some((f) => /NotoSans-Bold/.test(f)) || (bold && last.size > theme.styles.body!.size + 0.1);
      const question = bold && last.text.trim().endsWith('?');
      expect(heading || question, `page ${i + 4} ends with "${last.text}"`).toBe(false);
    });
  });

  it('prints the notes and the address of every link', () => {
    const text = screen.pages.map((p) => p.runs.map((r) => r.str).join('')).join('').replace(/\s+/g, '');
    const dir = join(ROOT, 'locales', locale, 'sections');
    const markdown = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    const urls = [...markdown.matchAll(/^\[\d+\]: (\S+)$/gm)].map((u) => u[1]!);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(text, url).toContain(url.replace(/\s+/g, ''));
    const notes = [...markdown.matchAll(/^\[\^\d+\]: (.+)$/gm)].map((n) => n[1]!);
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes) expect(missingInOrder(words(note), words(text.length ? screen.pages.map(pageText).join('\n') : ''))).toBeUndefined();
  });

  it('keeps the black-and-white files pure grey and the colour files in colour', () => {
    for (const variant of ['print_black_and_white', 'print_black_and_white_a4', 'lite']) {
      const ink = inkUse(pdf(variant));
      expect(ink.colourOperators, variant).toEqual([]);
      expect(ink.images.every((c) => c === '/DeviceGray'), `${variant}: ${ink.images.join(' ')}`).toBe(true);
    }
    expect(inkUse(pdf('print_black_and_white')).images.length).toBe(2);
    // Ink Lite leaves the cover's background out, keeps the figure
    expect(inkUse(pdf('lite')).images.length).toBe(1);
    expect(inkUse(pdf('print_color')).images).toContain('/DeviceRGB');
  });

  it('sets black type in black alone in the colour files too, each page of it drawn as in black and white', () => {
    const [colour, grey] = [inkUse(pdf('print_color')), inkUse(pdf('print_black_and_white'))];
    // black as DeviceGray: a colour printer prints it in black toner, not in all four
    expect(colour.greysInColour).toEqual([]);
    expect(colour.forms.join('\n')).toMatch(/\b0 g\b/);
    // the example's type is all black: every page is drawn with the same operators in both (a picture named by its
    // place on the page, the file's own), deflated once for the two files
    expect(grey.forms.length).toBeGreaterThan(10);
    expect(grey.forms.some((content) => /\/Im\d+ Do/.test(content))).toBe(true);
    expect(new Set(colour.forms)).toEqual(new Set(grey.forms));
  });

  it('writes the reader’s spreads: cover alone, two pages side by side, back cover alone', async () => {
    const spreads = await readPdf(pdf('screen_two_page_view'));
    const sizes = spreads.pages.map((p) => [p.width, p.height]);
    expect(sizes[0]).toEqual([396, 612]);
    expect(sizes[sizes.length - 1]).toEqual([396, 612]);
    for (const size of sizes.slice(1, -1)) expect(size).toEqual([792, 612]);
    expect(words(spreads.pages.map(pageText).join('\n'))).toEqual(words(screen.pages.map(pageText).join('\n')));
  });

  it('writes the spec data: size, pages as N + cover, binding, contents', () => {
    const spec = JSON.parse(readFileSync(join(out, locale, `${SLUG}.json`), 'utf8')) as Record<string, unknown>;
    expect(spec).toMatchObject({ width: '5.5"', height: '8.5"', binding: 'saddle stitch', locale });
    expect(spec.pages).toBe(`${letter.pages.length * 2 - 4} + cover`);
    expect((spec.contents as unknown[]).length).toBeGreaterThan(5);
    expect(spec.words as number).toBeGreaterThan(2000);
  });

  it('writes PDFs that qpdf finds sound', () => {
    // qpdf reads every object, stream and cross-reference: the structure no viewer should have to repair
    for (const file of readdirSync(join(out, locale)).filter((f) => f.endsWith('.pdf'))) {
      const r = spawnSync('qpdf', ['--check', join(out, locale, file)], { encoding: 'utf8' });
      expect(r.error, 'qpdf is installed (.ci/run installs it)').toBeUndefined();
      expect(r.status, `${file}: ${r.stdout}${r.stderr}`).toBe(0);
      expect(r.stderr, file).toBe('');
    }
  });

  it('embeds every font as a subset', () => {
    for (const read of [screen, letter, a4]) {
      expect(read.fonts.length).toBeGreaterThan(0);
      for (const f of read.fonts) {
        expect(f.embedded, f.name).toBe(true);
        expect(f.name).toMatch(/^[A-Z]{6}\+/);
      }
    }
  });

  it('embeds the same font programs in every PDF of a locale, encoded once', () => {
    /** Hashes of the TrueType programs (the streams with a Length1) of a PDF. */
    const programs = (file: string): string[] => {
      const raw = readFileSync(join(out, 'ru', `${SLUG}_${file}.pdf`));
      const found: string[] = [];
      const stream = /<<([^]*?)>>\s*stream\r?\n/g;
      const text = raw.toString('latin1');
      for (let m = stream.exec(text); m; m = stream.exec(text)) {
        const length = /\/Length (\d+)/.exec(m[1]!);
        if (!/\/Length1/.test(m[1]!) || !length) continue;
        const start = m.index + m[0].length;
        found.push(createHash('sha256').update(raw.subarray(start, start + Number(length[1]))).digest('hex'));
      }
      return found.sort();
    };
    const screen = programs('screen_single_page_view');
    expect(screen.length).toBeGreaterThan(2);
    for (const file of ['screen_two_page_view', 'lite', 'print_black_and_white', 'print_black_and_white_a4']) expect(programs(file), file).toEqual(screen);
  });
});

// The threads run the compiled code in dist/ (npm test compiles it first).
describe('reproducible builds', () => {
  it('give the same files, byte for byte, when built again (here in worker threads)', async () => {
    const threaded = mkdtempSync(join(tmpdir(), 'zine-threads-'));
    await buildOnce();
    await build({ projectDir: ROOT, outDir: threaded, warn: () => {}, parallel: true });
    for (const locale of LOCALES) {
      for (const file of readdirSync(join(out, locale))) {
        expect(readFileSync(join(threaded, locale, file)).equals(readFileSync(join(out, locale, file))), `${locale}/${file}`).toBe(true);
      }
    }
  });
});
