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
 * The glyphs of a text item where the typesetter meant them, word by word in
 * reading order: each word as the font book shaped it when measuring, each
 * space the face's own widened by the item's word spacing. A right-to-left
 * item's words go from its right edge leftwards, each drawn from its last
 * glyph: readers (pdf.js) take the glyphs of a word in the order they are
 * drawn and reverse them, but keep words in the order they come. Every
 * renderer draws text from here, so screen, print and preview show the same
 * glyphs in the same places.
 */
export function placeGlyphs(item: TextItem, fonts: FontBook): PlacedGlyph[] {
  const rtl = item.direction === 'rtl';
  const space = fonts.spaceWidth(fonts.byKey(item.font), item.size) + (item.wordSpacing ?? 0);
  const words = shapedWords(item, fonts);
  const placed: PlacedGlyph[] = [];
  // a right-to-left item is as wide as its words and spaces: the first word ends at its right edge
  let end = rtl ? words.reduce((w, word) => w + word.width * item.size, space * (words.length - 1)) : 0;
  for (const word of words) {
    let pen = rtl ? end - word.width * item.size : end;
    for (const g of rtl ? [...word.glyphs].reverse() : word.glyphs) {
      placed.push({ id: g.id, x: pen + g.dx * item.size, rise: g.dy * item.size, codePoints: g.codePoints });
      pen += g.advance * item.size;
    }
    end = rtl ? end - word.width * item.size - space : pen + space;
  }
  return placed;
}

/** The words of a text item (split at its spaces) as the font book shaped them, in logical order. */
export function shapedWords(item: TextItem, fonts: FontBook): Shaped[] {
  const face = fonts.byKey(item.font);
  const rtl = item.direction === 'rtl';
  return item.text.split(' ').map((word) => fonts.shape(face, word, rtl));
}
