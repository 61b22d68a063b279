import type { TextItem } from '../display.js';
import type { FontBook } from '../typeset/fonts.js';

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
  const face = fonts.byKey(item.font);
  const space = fonts.width(face, ' ', item.size) + (item.wordSpacing ?? 0);
  const placed: PlacedGlyph[] = [];
  let pen = 0;
  item.text.split(' ').forEach((word, i) => {
    if (i > 0) pen += space;
    for (const g of fonts.shape(face, word).glyphs) {
      placed.push({ id: g.id, x: pen + g.dx * item.size, rise: g.dy * item.size, codePoints: g.codePoints });
      pen += g.advance * item.size;
    }
  });
  return placed;
}
