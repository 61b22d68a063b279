import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { PAPERS } from '../../src/content/paper.js';
import { ROOT, theme } from '../support/fixtures.js';
import { markdownWords, missingInOrder, readPdf, words, type PdfPage, type ReadPdf } from '../support/pdf.js';

const SLUG = 'uprising-in-kazakhstan';
const out = mkdtempSync(join(tmpdir(), 'zine-e2e-'));
const LOCALES = ['en', 'ru', 'kk'];
let built: Promise<unknown> | undefined;
/** The example zine, built once for all the tests here. */
const buildOnce = (): Promise<unknown> => (built ??= build({ projectDir: ROOT, outDir: out, warn: () => {} }));

/** The pages of an imposed two-up PDF in the order a reader meets them after folding, from the sheet halves. */
function foldedPages(read: ReadPdf): { page: number; text: string }[] {
  const sides = read.pages;
  const n = sides.length * 2;
  const halves: { page: number; text: string }[] = [];
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
    const runs = sheet.runs.filter((r) => (r.x < sheet.width / 2) === left);
    halves.push({ page: p, text: runs.map((r) => r.str).join('\n') });
  }
  return halves;
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
    const page = screen.pages[2]!;
    expect(page.runs.length).toBeGreaterThan(10);
    const foot = page.runs.filter((r) => r.y < 40).map((r) => r.str).join(' ');
    expect(foot.replace(/\s+/g, ' ')).toMatch(/◆ ?3 ?◆/);
  });

  it('keeps every line of text inside the margins', () => {
    const m = theme.margins.letter!;
    screen.pages.forEach((page, i) => {
      const left = (i + 1) % 2 === 1 ? m.inner : m.outer;
      const right = page.width - ((i + 1) % 2 === 1 ? m.outer : m.inner);
      for (const r of page.runs) {
        expect(r.x, `page ${i + 1}: "${r.str}"`).toBeGreaterThanOrEqual(left - 0.5);
        expect(r.x + r.width, `page ${i + 1}: "${r.str}"`).toBeLessThanOrEqual(right + 0.5);
        // baselines inside the frame; the folio sits in the foot margin
        if (r.y > m.bottom) expect(page.height - r.y, `page ${i + 1}: "${r.str}"`).toBeGreaterThanOrEqual(m.top);
      }
    });
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
});

// The threads run the compiled code in dist/ (npm test compiles it first).
describe('building locales in worker threads', () => {
  it('gives the same files, byte for byte, as building them one after another', async () => {
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
