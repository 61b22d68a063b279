import { resolve } from 'node:path';
import { loadTheme, type ParagraphStyle } from '../../src/content/theme.js';
import type { TextItem } from '../../src/display.js';
import { FontBook, type Face } from '../../src/typeset/fonts.js';
import { glyphSpans } from '../../src/typeset/glyph-run.js';
import { textRun } from '../../src/typeset/paragraph.js';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const theme = loadTheme(ROOT);
export const fonts = new FontBook(theme, ROOT);
export const bodyStyle: ParagraphStyle = theme.styles.body!;

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
    const span = { text: word, at, width: book.width(face, word, size, rtl) };
    at += span.width + space;
    return span;
  });
  const run = textRun({ x: 0, text, face, size, rise: 0, width: at - space, level: rtl ? 1 : 0, spans });
  return {
    kind: 'text', x: o.x ?? 0, y: o.y ?? 0, font: face.key, size, width: run.width, color: undefined, direction: rtl ? 'rtl' : 'ltr', spans: glyphSpans(run, book),
  };
}
