import type { TextItem } from '../display.js';
import type { FontBook, Shaped } from '../typeset/fonts.js';

/** A glyph of a text item where it is drawn: `x` from the item's start, `rise` above its baseline, in points. */
export interface PlacedGlyph {
  id: number;
  x: number;
  rise: number;
  /** The characters it stands for, for text that can be searched and copied. */
  codePoints: readonly number[];
}

/**
 * The glyphs of a text item where the typesetter meant them: each word as the
 * font book shaped it when measuring, each space the face's own widened by
 * the item's word spacing. Every renderer draws text from here, so screen,
 * print and preview show the same glyphs in the same places.
 */
export function placeGlyphs(item: TextItem, fonts: FontBook): PlacedGlyph[] {
  const space = fonts.width(fonts.byKey(item.font), ' ', item.size) + (item.wordSpacing ?? 0);
  const placed: PlacedGlyph[] = [];
  let pen = 0;
  shapedWords(item, fonts).forEach((word, i) => {
    if (i > 0) pen += space;
    for (const g of word.glyphs) {
      placed.push({ id: g.id, x: pen + g.dx * item.size, rise: g.dy * item.size, codePoints: g.codePoints });
      pen += g.advance * item.size;
    }
  });
  return placed;
}

/** The words of a text item (split at its spaces) as the font book shaped them. */
export function shapedWords(item: TextItem, fonts: FontBook): Shaped[] {
  const face = fonts.byKey(item.font);
  return item.text.split(' ').map((word) => fonts.shape(face, word));
}
