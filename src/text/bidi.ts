/**
 * The bidirectional algorithm (UAX #9) where the typesetter needs it: levels
 * for a paragraph's characters before line breaking, and each line's runs
 * put in display order after it (rule L2). Runs are reversed, never glyphs:
 * a right-to-left run is shaped right to left and drawn from its last glyph.
 */
import bidiModule from 'bidi-js';
import { hasRightToLeft } from '../lang/scripts.js';

// bidi-js is CommonJS whose exports are its factory: what Node imports as the default, though its types call it `default`
const bidi = (bidiModule as unknown as typeof bidiModule.default)();

/**
 * A stretch of a paragraph set as a whole in one direction (UAX #9 isolate):
 * an address, left to right; a phrase in a language of the other direction.
 * Isolates nest, or do not meet.
 */
export type Isolate = readonly [from: number, to: number, direction?: 'ltr' | 'rtl'];

/**
 * The bidi level of each UTF-16 unit of a paragraph, given its language's
 * direction (never guessed from the text: an Arabic paragraph starting with
 * a Latin word is still right to left). Undefined for left-to-right text
 * without a right-to-left letter, whose levels are all 0: most text, found
 * without running the algorithm. Stretches given as `isolates` are set as
 * isolates in their direction (left to right when not given: LRI … PDI, or
 * RLI … PDI): the slash ending an address stays at its end in Arabic text,
 * the marks of an Arabic phrase in English text with the phrase. `bounds`,
 * where given, gets the level of the marks at each end of an isolate, by
 * its place in `text`: the level that parts the isolate from its
 * neighbours (an English phrase from the note number after it in Hebrew
 * text, both left to right, read as two runs from the right).
 */
export function bidiLevels(text: string, direction: 'ltr' | 'rtl', isolates: readonly Isolate[] = [], bounds?: Map<number, number>): Uint8Array | undefined {
  if (direction === 'ltr' && !hasRightToLeft(text)) return undefined;
  if (isolates.length === 0) return bidi.getEmbeddingLevels(text, direction).levels;
  // at one place, an isolate ends before another starts, an outer one starts first and ends last
  const marks: { at: number; mark: string; order: number; within: number }[] = [];
  for (const [from, to, isolate = 'ltr'] of isolates) {
    if (from >= to) continue;
    marks.push({ at: from, mark: isolate === 'rtl' ? RLI : LRI, order: 1, within: -to });
    marks.push({ at: to, mark: PDI, order: 0, within: -from });
  }
  marks.sort((a, b) => a.at - b.at || a.order - b.order || a.within - b.within);
  // each stretch wrapped in its marks: set in its direction as a whole, its neighbours keeping their order around it
  let wrapped = '';
  const place = new Uint32Array(text.length);
  let at = 0;
  const copy = (to: number): void => {
    for (; at < to; at++) {
      place[at] = wrapped.length;
      wrapped += text[at];
    }
  };
  const markAt: number[] = [];
  for (const mark of marks) {
    copy(mark.at);
    markAt.push(wrapped.length);
    wrapped += mark.mark;
  }
  copy(text.length);
  const levels = bidi.getEmbeddingLevels(wrapped, direction).levels;
  if (bounds) {
    marks.forEach((mark, i) => bounds.set(mark.at, Math.min(levels[markAt[i]!]!, bounds.get(mark.at) ?? Infinity)));
  }
  return Uint8Array.from(place, (i) => levels[i]!);
}
const LRI = '\u2066';
const RLI = '\u2067';
const PDI = '\u2069';

/** A piece of a line: where it starts from the line's start, how wide it is, its bidi level. */
export interface LineSpan {
  x: number;
  width: number;
  level: number;
}

/**
 * Lays out a line's pieces (its runs, and the ends of its isolates), given
 * in logical order with `x` from the line's start, in display order from
 * its left edge (UAX #9 L2). What lies between two pieces takes the level of
 * the spaces in it (`spacesBefore`, for each piece), as the algorithm
 * resolved them: a space between two Latin words in Arabic text stays
 * between them, one between two numbers is right to left, so that the
 * numbers are read from the right. Room without a space (a note's gap) takes
 * the lower level of the pieces around it, what comes before the first
 * piece (an indent) the paragraph's. An isolate's end, of no width or a
 * note's gap, stands at the level of its marks: it parts the isolate from a
 * run of its level after it (an English phrase, then a note's number, in
 * Farsi), the phrase's own last space staying inside it. A line's trailing
 * spaces are gone before this, the room after its last piece set at the
 * paragraph's level (rule L1).
 */
export function displayOrder(pieces: LineSpan[], spacesBefore: readonly (number | undefined)[], baseLevel: number, lineWidth: number): void {
  const spans: { width: number; level: number; piece: LineSpan | undefined }[] = [];
  let end = 0;
  pieces.forEach((piece, i) => {
    const before = piece.x - end;
    const level = i === 0 ? baseLevel : spacesBefore[i] ?? Math.min(piece.level, pieces[i - 1]!.level);
    if (before > 0) spans.push({ width: before, level, piece: undefined });
    spans.push({ width: piece.width, level: piece.level, piece });
    end = piece.x + piece.width;
  });
  if (lineWidth > end) spans.push({ width: lineWidth - end, level: baseLevel, piece: undefined });
  let x = 0;
  for (const i of visualOrder(spans.map((s) => s.level))) {
    const span = spans[i]!;
    if (span.piece) span.piece.x = x;
    x += span.width;
  }
}

/**
 * The display order of items of the given levels (UAX #9 L2): from the
 * highest level down to the lowest odd one, every stretch at that level or
 * higher reversed.
 */
export function visualOrder(levels: readonly number[]): number[] {
  const order = levels.map((_, i) => i);
  const highest = Math.max(0, ...levels);
  const lowestOdd = Math.min(...levels.map((l) => (l % 2 === 1 ? l : l + 1)));
  for (let level = highest; level >= lowestOdd; level--) {
    for (let i = 0; i < order.length; ) {
      if (levels[order[i]!]! < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < order.length && levels[order[j]!]! >= level) j++;
      order.splice(i, j - i, ...order.slice(i, j).reverse());
      i = j;
    }
  }
  return order;
}
