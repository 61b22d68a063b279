/**
 * Kashida: a justified right-to-left line may also lengthen a joined word,
 * at one place in it, by a stroke of tatweels (drawn by glyph-run.ts).
 * Where the word lengthens, and how far, are decided here.
 */
import type { Face, FontBook } from '../font/book.js';
import { glue, INFINITE_PENALTY, penalty, type Item } from './knuth-plass.js';

/** What a kashida's glue carries for the lines made: the gap it opens is inside a word. */
export const KASHIDA = 'kashida';

/**
 * Where a word set right to left in `face` lengthens: one place a word, the
 * last that HarfBuzz finds safe and `free` allows (lengthening toward the
 * word's end is the custom); none where there is no such place.
 */
export function kashidaPoint(fonts: FontBook, face: Face, text: string, free: (at: number) => boolean): number | undefined {
  return fonts.tatweelPoints(face, text).filter(free).pop();
}

/** A kashida as line-breaking items: no break, and a stroke that may lengthen by `stretch` (as much as a space may). */
export function kashidaItems(stretch: number): [Item, Item] {
  return [penalty(0, INFINITE_PENALTY, false), glue(0, stretch, 0)];
}
