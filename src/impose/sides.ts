/**
 * Which way the pages of a bound booklet face, and which edge of each is
 * bound: the one place where the binding turns inner and outer, recto and
 * verso into left and right, for the typesetter's margins and the reader's
 * spreads alike.
 */
import { padBeforeBackCover } from './plan.js';

/** The edge of the booklet that is bound (the spine). */
export type Binding = 'left' | 'right';

/** A recto is the front of a leaf (the cover, page 3 …), a verso its back. */
export type Facing = 'recto' | 'verso';

/**
 * Each page's place in the folded booklet, from 1: pages keep their place,
 * except the last `keepLast`, which move past the blank pages the imposition
 * puts in before them to fill its sheets (`padTo`: the plan's page count,
 * see padBeforeBackCover). Folios and the contents count these places.
 */
export function bookletPlaces(pageCount: number, padTo: number, keepLast: number): number[] {
  const places = new Array<number>(pageCount);
  padBeforeBackCover(pageCount, padTo, keepLast).forEach((page, at) => {
    if (page !== null) places[page] = at + 1;
  });
  return places;
}

/** How the page at a place in the booklet faces: the cover, page 3 … are rectos. */
export function facingAt(place: number): Facing {
  return place % 2 === 1 ? 'recto' : 'verso';
}

/** The bound edge of a page: a recto's left in a booklet bound on the left, its right in one bound on the right. */
export function boundEdge(facing: Facing, binding: Binding): 'left' | 'right' {
  return (facing === 'recto') === (binding === 'left') ? 'left' : 'right';
}

/**
 * The reader's spreads, each the pages seen from left to right (null for a
 * blank page): the cover alone, the openings as the booklet has them, blanks
 * included, and the back cover alone. An opening of blank pages only is left out.
 */
export function readerSpreads(pageCount: number, keepLast: number, binding: Binding): (number | null)[][] {
  const booklet = padBeforeBackCover(pageCount, 4, keepLast);
  if (booklet.length === 0) return [];
  const spreads: (number | null)[][] = [[booklet[0]!]];
  for (let at = 1; at + 1 < booklet.length; at += 2) {
    const [verso, recto] = [booklet[at]!, booklet[at + 1]!];
    spreads.push(boundEdge('verso', binding) === 'right' ? [verso, recto] : [recto, verso]);
  }
  spreads.push([booklet[booklet.length - 1]!]);
  return spreads.filter((spread) => spread.some((page) => page !== null));
}
