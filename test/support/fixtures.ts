import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadTheme, type ParagraphStyle, type Theme } from '../../src/content/theme.js';
import { glyphPositions, type GlyphSpan, type PlacedGlyph, type TextItem } from '../../src/display.js';
import { FontBook, type Face } from '../../src/font/book.js';
import { glyphSpans } from '../../src/typeset/glyph-run.js';
import { textRun } from '../../src/typeset/lines.js';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const theme = loadTheme(ROOT);
export const fonts = new FontBook(theme, ROOT);
export const bodyStyle: ParagraphStyle = theme.styles.body!;

/** Spans' glyphs, each with where it is drawn (`x`, from its text item's start). */
export const placedGlyphs = (spans: readonly GlyphSpan[]): (PlacedGlyph & { x: number })[] =>
  spans.flatMap((span) => {
    const at = glyphPositions(span);
    return span.glyphs.map((g, i) => ({ ...g, x: at[i]! }));
  });

/** A text item's words as the display list holds them, spaced. */
export const itemText = (item: TextItem): string => item.spans.map((s) => s.text).join(' ');

/**
 * A text item of one line of words, spaced by the face's space plus
 * `wordSpacing`, in a run of the given direction: what the typesetter makes.
 */
export function textItem(
  book: FontBook, face: Face, text: string, o: { x?: number; y?: number; size?: number; wordSpacing?: number; direction?: 'ltr' | 'rtl' } = {},
): TextItem {
  const size = o.size ?? 10;
  const rtl = o.direction === 'rtl';
  const space = book.spaceWidth(face, size) + (o.wordSpacing ?? 0);
  let at = 0;
  const spans = text.split(' ').map((word) => {
    const span = { text: word, at, width: book.width(face, word, size, rtl), joined: false };
    at += span.width + space;
    return span;
  });
  const run = textRun({ x: 0, text, face, size, rise: 0, width: at - space, level: rtl ? 1 : 0, spans });
  return {
    kind: 'text', x: o.x ?? 0, y: o.y ?? 0, font: face.key, size, width: run.width, color: undefined, direction: rtl ? 'rtl' : 'ltr', spans: glyphSpans(run, book),
  };
}

/**
 * The example's fonts with test fonts added as families (`{ naskh:
 * 'NotoNaskhArabic-Regular.ttf' }`, files of test/fixtures/fonts), in a
 * project folder of their own, standing in for others as `scriptFonts` and
 * `languageFonts` say.
 */
export function bookWith(families: Record<string, string>, scriptFonts: Theme['scriptFonts'] = {}, languageFonts: Theme['languageFonts'] = {}): FontBook {
  const dir = mkdtempSync(join(tmpdir(), 'zine-fonts-'));
  mkdirSync(join(dir, 'fonts'));
  for (const f of readdirSync(join(ROOT, 'fonts'))) copyFileSync(join(ROOT, 'fonts', f), join(dir, 'fonts', f));
  for (const file of Object.values(families)) copyFileSync(join(ROOT, 'test', 'fixtures', 'fonts', file), join(dir, 'fonts', file));
  const added = Object.fromEntries(Object.entries(families).map(([family, file]) => [family, { regular: file }]));
  return new FontBook({ ...theme, fonts: { ...theme.fonts, ...added }, scriptFonts, languageFonts }, dir);
}

/**
 * The test CJK collection with its face count raised to `count`, every face
 * the collection's first: a file a few megabytes long that claims millions
 * of faces, each of which fontkit would parse.
 */
export function collectionClaiming(count: number): Buffer {
  const real = readFileSync(join(ROOT, 'test', 'fixtures', 'fonts', 'NotoSerifCJK-Regular.ttc'));
  const realCount = real.readUInt32BE(8);
  const header = Buffer.alloc(12 + 4 * count);
  real.copy(header, 0, 0, 8);
  header.writeUInt32BE(count, 8);
  const first = real.readUInt32BE(12) + header.length - (12 + 4 * realCount);
  for (let i = 0; i < count; i++) header.writeUInt32BE(first, 12 + 4 * i);
  return Buffer.concat([header, real.subarray(12 + 4 * realCount)]);
}
