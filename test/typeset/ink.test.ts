import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { textParagraph, type Block } from '../../src/content/blocks.js';
import { ImageLibrary } from '../../src/content/images.js';
import { paperNamed } from '../../src/content/paper.js';
import { restyled, type Theme } from '../../src/content/theme.js';
import type { Page } from '../../src/display.js';
import type { FontBook } from '../../src/font/book.js';
import type { ZineLayout } from '../../src/layouts/templates.js';
import { languageOf } from '../../src/lang/languages.js';
import { ParagraphAnalyses } from '../../src/text/paragraph.js';
import { languageSettings, typesetEdition } from '../../src/typeset/edition.js';
import { bookWith, fonts, ROOT, theme } from '../support/fixtures.js';

/** Where a line's ink is on a page: from the top of the page, its highest and lowest point. */
interface LineInk {
  baseline: number;
  top: number;
  bottom: number;
}

/**
 * The lines of a page as drawn, each with the extent of its ink: every
 * glyph's bounding box, read from the font file, where the display list
 * puts the glyph. Items whose baselines are within half a point are one line.
 */
function linesOf(page: Page, book: FontBook): LineInk[] {
  const lines: LineInk[] = [];
  for (const item of page.items) {
    if (item.kind !== 'text') continue;
    const { font } = book.byKey(item.font);
    let line = lines.find((l) => Math.abs(l.baseline - item.y) < 0.5);
    if (!line) lines.push((line = { baseline: item.y, top: Infinity, bottom: -Infinity }));
    for (const glyph of item.spans.flatMap((s) => s.glyphs)) {
      const box = font.getGlyph(glyph.id).bbox;
      if (!Number.isFinite(box.minY) || box.maxY <= box.minY) continue;
      const scale = item.size / font.unitsPerEm;
      line.top = Math.min(line.top, item.y - glyph.rise - box.maxY * scale);
      line.bottom = Math.max(line.bottom, item.y - glyph.rise - box.minY * scale);
    }
  }
  return lines.sort((a, b) => a.baseline - b.baseline);
}

/** The section's paragraphs set in `language` on letter paper, every page's lines with their ink. */
function inkOfEdition(paragraphs: readonly string[], language: string, book: FontBook, edited: Theme): LineInk[][] {
  const file = 'locales/x/sections/01.md';
  const blocks: Block[] = paragraphs.map((text, i) => textParagraph('body', text, { file, line: 1 + 2 * i }));
  const layout: ZineLayout = { cover: [], coverImage: undefined, colophon: [], contents: undefined, sections: [{ id: '01', title: undefined, blocks }], backCover: [] };
  const paper = paperNamed('letter')!;
  const inLanguage = languageSettings(edited, book);
  const setting = inLanguage(languageOf(language));
  const edition = typesetEdition({
    layout, paper, page: paper.page, margins: edited.margins.letter!, ...setting, images: new ImageLibrary(ROOT),
    paragraphs: new ParagraphAnalyses(), inLanguage, binding: 'left', keepLast: 1, padTo: (pages) => pages, warn: () => {},
  });
  // the text frame's lines, not the folio's
  const frame = (page: Page): Page => ({ ...page, items: page.items.filter((i) => i.kind !== 'text' || i.y < page.height - edited.margins.letter!.bottom) });
  return edition.pages.filter((p) => p.kind === 'body').map((p) => linesOf(frame(p), book));
}

/** Pairs of lines one above the other on a page whose ink overlaps, and how many pairs there are. */
function overlaps(pages: readonly LineInk[][]): { pairs: number; overlapping: string[] } {
  let pairs = 0;
  const overlapping: string[] = [];
  for (const [p, lines] of pages.entries()) {
    for (let i = 1; i < lines.length; i++) {
      pairs++;
      const [above, below] = [lines[i - 1]!, lines[i]!];
      if (below.top < above.bottom) overlapping.push(`page ${p + 1}, lines ${i} and ${i + 1}: ${(above.bottom - below.top).toFixed(2)} pt`);
    }
  }
  return { pairs, overlapping };
}

const URDU = readFileSync(join(ROOT, 'test', 'fixtures', 'texts', 'ur.md'), 'utf8').trim();

describe('line spacing from the ink of the glyphs set', () => {
  it('keeps Nastaliq lines at 10/13.5 from running into each other (کہا: over ”اب)', () => {
    const book = bookWith({ nastaliq: 'NotoNastaliqUrdu-Subset.ttf' }, {}, { ur: { serif: 'nastaliq' } });
    const edited: Theme = { ...theme, fonts: { ...theme.fonts, nastaliq: { regular: 'NotoNastaliqUrdu-Subset.ttf' } }, languageFonts: { ur: { serif: 'nastaliq' } } };
    const pages = inkOfEdition([URDU, `${URDU} ${URDU}`, URDU], 'ur', book, edited);
    const { pairs, overlapping } = overlaps(pages);
    expect(pairs).toBeGreaterThan(10);
    expect(overlapping).toEqual([]);
  });

  it('keeps Vietnamese lines set nearly solid (20/16) apart: stacked accents over descenders', () => {
    const tight: Theme = { ...theme, styles: { ...theme.styles, body: restyled(theme.styles.body!, { size: 20, leading: 16 }) } };
    const text = 'Ấy gặp Ổng quý Ẩn giữ Ệ yêu Ỗ gạo Ẫn quẹo Ỡ giấy Ậy '.repeat(6);
    const { pairs, overlapping } = overlaps(inkOfEdition([text, text], 'vi', fonts, tight));
    expect(pairs).toBeGreaterThan(10);
    expect(overlapping).toEqual([]);
  });
});

describe('an edition in a script set larger than the Latin', () => {
  it('spaces a Bengali edition\'s lines for its letters\' size, evenly: no line moved apart by its ink alone', () => {
    const book = bookWith({ bengali: 'NotoSansBengali-Subset.ttf' }, { Beng: { serif: 'bengali' } });
    const edited: Theme = { ...theme, fonts: { ...theme.fonts, bengali: { regular: 'NotoSansBengali-Subset.ttf' } }, scriptFonts: { Beng: { serif: 'bengali' } }, digits: { bn: 'latn' } };
    const bengali = book.face('bengali', false, false);
    const scale = book.scriptSize(bengali, 'Beng');
    expect(scale).toBeGreaterThan(1.1);
    const text = 'বাংলা কলকাতা বাবা কাল তালা বেল বিল '.repeat(40);
    const pages = inkOfEdition([text, text], 'bn', book, edited);
    const steps = pages.flatMap((lines) => lines.slice(1).map((l, i) => +(l.baseline - lines[i]!.baseline).toFixed(3)));
    expect(steps.length).toBeGreaterThan(20);
    // paragraphs part by the body's spacing, none: every step is the body's leading, made as much larger as the letters
    expect(new Set(steps)).toEqual(new Set([+(theme.styles.body!.leading * scale).toFixed(3)]));
    expect(overlaps(pages).overlapping).toEqual([]);
  });
});
