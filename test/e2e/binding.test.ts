import { appendFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { initProject } from '../../src/cli/init.js';
import { ROOT, theme } from '../support/fixtures.js';
import { readPdf, type PdfPage, type ReadPdf } from '../support/pdf.js';

const SLUG = 'uprising-in-kazakhstan';
const { inner, outer } = theme.margins.letter!;
/** Text above the folio, which is centred and says nothing of the frame. */
const textOf = (page: PdfPage) => page.runs.filter((r) => !r.str.includes('◆'));
const leftEdge = (page: PdfPage): number => Math.min(...textOf(page).map((r) => r.x));
const rightEdge = (page: PdfPage): number => Math.max(...textOf(page).map((r) => r.x + r.width));
/** A number in Latin or Persian digits (۱۹), as a number. */
const numberIn = (digits: string): number => Number(digits.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x6f0)));
/** The page number in the foot of the runs given (a page, or half a spread). */
const folioOf = (runs: PdfPage['runs']): number | undefined => {
  const m = /◆\s*([\d۰-۹]+)\s*◆/.exec(runs.filter((r) => r.y < 45).sort((a, b) => a.x - b.x).map((r) => r.str).join(' '));
  return m ? numberIn(m[1]!) : undefined;
};

/** The example in a locale (English) on letter paper, built with these print settings. */
async function example(print: Record<string, unknown>, locale = 'en'): Promise<{ screen: ReadPdf; spreads: ReadPdf; sheets: ReadPdf }> {
  const out = join(mkdtempSync(join(tmpdir(), 'zine-binding-')), 'out');
  await build({ projectDir: ROOT, outDir: out, locales: [locale], papers: ['letter'], print, warn: () => {} });
  const pdf = (variant: string): Promise<ReadPdf> => readPdf(join(out, locale, `${SLUG}_${variant}.pdf`));
  return { screen: await pdf('screen_single_page_view'), spreads: await pdf('screen_two_page_view'), sheets: await pdf('print_black_and_white') };
}

describe('binding on the right', () => {
  let right: Awaited<ReturnType<typeof example>>;
  beforeAll(async () => {
    right = await example({ binding: 'right' });
  });

  it('puts every page\'s inner margin on its bound edge: a recto\'s right, a verso\'s left', () => {
    const pages = right.screen.pages;
    pages.forEach((page, i) => {
      // body pages have justified lines from edge to edge of the frame; the back cover is the last verso
      if (textOf(page).length < 20 && i !== pages.length - 1) return;
      const recto = i % 2 === 0 && i !== pages.length - 1;
      const [from, to] = recto ? [outer, page.width - inner] : [inner, page.width - outer];
      expect(leftEdge(page), `page ${i + 1}`).toBeCloseTo(from, 0);
      expect(rightEdge(page), `page ${i + 1}`).toBeLessThanOrEqual(to + 0.5);
    });
  });

  it('has the gutter at the fold on every printed page, the narrow margin outside', () => {
    for (const [n, side] of right.sheets.pages.entries()) {
      const fold = side.width / 2;
      const halves = [side.runs.filter((r) => r.x < fold), side.runs.filter((r) => r.x >= fold)];
      const [l, r] = halves;
      // halves with justified text reach the frame's edges
      if (l!.length > 20) {
        expect(fold - Math.max(...l!.map((x) => x.x + x.width)), `side ${n + 1}, left page`).toBeCloseTo(inner, 0);
        expect(Math.min(...l!.map((x) => x.x)), `side ${n + 1}, left page`).toBeCloseTo(outer, 0);
      }
      if (r!.length > 20) {
        expect(Math.min(...r!.map((x) => x.x)) - fold, `side ${n + 1}, right page`).toBeCloseTo(inner, 0);
        expect(side.width - Math.max(...r!.map((x) => x.x + x.width)), `side ${n + 1}, right page`).toBeCloseTo(outer, 0);
      }
    }
  });

  it('shows the spreads as the booklet opens: 3 | 2, 5 | 4 …', () => {
    const [cover, second, third] = right.spreads.pages;
    expect(cover!.width).toBeCloseTo(right.screen.pages[0]!.width, 1);
    const half = second!.width / 2;
    // page 3 is the contents, page 2 the colophon
    expect(second!.runs.find((r) => /^CONTENTS$/.test(r.str.trim()))!.x).toBeLessThan(half);
    expect(second!.runs.find((r) => /Published/.test(r.str))!.x).toBeGreaterThan(half);
    expect(folioOf(third!.runs.filter((r) => r.x < half))).toBe(5);
    expect(folioOf(third!.runs.filter((r) => r.x >= half))).toBe(4);
  });
});

describe('the back cover', () => {
  it('is a left-hand page (a verso) whatever the number of pages, bound on the left', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'zine-back-')), 'z');
    initProject(dir);
    const backs: { count: number; xs: number[] }[] = [];
    for (const more of ['', '\n<<<\n\nA page more.\n']) {
      appendFileSync(join(dir, 'locales', 'en', 'sections', '01-introduction.md'), more);
      await build({ projectDir: dir, outDir: join(dir, 'out'), papers: ['letter'], warn: () => {} });
      const pages = (await readPdf(join(dir, 'out', 'en', 'z_screen_single_page_view.pdf'))).pages;
      backs.push({ count: pages.length, xs: pages.at(-1)!.runs.map((r) => r.x) });
    }
    expect(backs[0]!.count % 2).not.toBe(backs[1]!.count % 2);
    // the same page either way, its inner margin on the right
    expect(backs[1]!.xs).toEqual(backs[0]!.xs);
    expect(Math.min(...backs[0]!.xs)).toBeCloseTo(outer, 0);
    expect(readdirSync(join(dir, 'out', 'en'))).toContain('z_screen_two_page_view.pdf');
  });
});

describe('--keep-last 2', () => {
  it('shows the kept page where the booklet has it: a right-hand page facing the blanks, the back cover alone', async () => {
    const kept = await example({ keepLast: 2 });
    const n = kept.screen.pages.length;
    // 21 pages: 19, three blanks, then pages 20 and 21 (the back cover), so page 20 is a recto
    expect(n % 4).not.toBe(0);
    const spreads = kept.spreads.pages;
    // its folio counts the blanks before it: the booklet's second-last page, two on each side of a sheet
    const withKept = spreads.find((s) => folioOf(s.runs) === 2 * kept.sheets.pages.length - 1)!;
    expect(withKept.width).toBeCloseTo(2 * kept.screen.pages[0]!.width, 1);
    for (const r of withKept.runs) expect(r.x, r.str).toBeGreaterThan(withKept.width / 2);
    expect(spreads.at(-1)!.width).toBeCloseTo(kept.screen.pages[0]!.width, 1);
    expect(spreads.at(-2)).toBe(withKept);
    // and it is set as a recto: inner margin on the left
    expect(leftEdge(kept.screen.pages[n - 2]!)).toBeCloseTo(inner, 0);
  });

  it('numbers every page by its place in the folded booklet, blanks counted, in its folio and in the contents', async () => {
    const fa = await example({ keepLast: 2 }, 'fa');
    const pages = fa.screen.pages;
    const n = pages.length;
    // a saddle-stitched booklet has two pages on each side of a sheet; the last two pages close it
    const booklet = 2 * fa.sheets.pages.length;
    expect(booklet).toBeGreaterThan(n);
    const place = (i: number): number => (i < n - 2 ? i + 1 : booklet - (n - 1 - i));
    const folios = pages.map((p) => folioOf(p.runs));
    expect(folios[n - 2]).toBe(booklet - 1);
    folios.forEach((folio, i) => {
      if (folio !== undefined) expect(folio, `screen page ${i + 1}`).toBe(place(i));
    });
    // the contents' last entry: its number, and its title's words, which head the page its section starts on
    const contents = pages[2]!.runs;
    const last = contents.filter((r) => /^[۰-۹]+$/.test(r.str)).sort((a, b) => a.y - b.y)[0]!;
    const title = contents.filter((r) => r.y === last.y && r !== last).sort((a, b) => a.x - b.x).map((r) => r.str);
    const heading = (p: PdfPage): string[] => {
      const top = Math.max(...p.runs.map((r) => r.y));
      return p.runs.filter((r) => r.y === top).sort((a, b) => a.x - b.x).map((r) => r.str);
    };
    const opens = pages.findIndex((p, i) => i > 2 && heading(p).join(' ') === title.join(' '));
    expect(opens, title.join(' ')).toBeGreaterThan(2);
    expect(numberIn(last.str)).toBe(place(opens));
    expect(numberIn(last.str)).toBe(folios[opens]);
  });
});
