import { describe, expect, it } from 'vitest';
import { bookletPlaces, boundEdge, facingAt, readerSpreads } from '../../src/impose/sides.js';

describe('bookletPlaces', () => {
  it('makes odd pages rectos and even ones versos, the back cover a verso whatever the count', () => {
    expect(bookletPlaces(8, 4, 1).map(facingAt)).toEqual(['recto', 'verso', 'recto', 'verso', 'recto', 'verso', 'recto', 'verso']);
    expect(bookletPlaces(5, 4, 1).map(facingAt)).toEqual(['recto', 'verso', 'recto', 'verso', 'verso']);
    for (let n = 2; n <= 40; n++) expect(bookletPlaces(n, 4, 1).map(facingAt).at(-1), `${n} pages`).toBe('verso');
  });

  it('turns the pages kept last as the blanks before them turn them', () => {
    // 21 pages keeping 2: pages 18 and 19 stay, 20 and 21 go to places 23 and 24
    expect(bookletPlaces(21, 4, 2).map(facingAt).slice(17)).toEqual(['verso', 'recto', 'recto', 'verso']);
    // nothing kept: the blanks go after the back cover, nothing moves
    expect(bookletPlaces(5, 4, 0).map(facingAt)).toEqual(['recto', 'verso', 'recto', 'verso', 'recto']);
  });

  it('counts the blanks before the pages kept last in their places, as far as the plan pads', () => {
    expect(bookletPlaces(21, 4, 2).slice(18)).toEqual([19, 23, 24]);
    // signatures of three sheets pad 21 pages to 24 too; a one-page zine pads 6 pages to 8, 17 pages in signatures of four sheets go to 32
    expect(bookletPlaces(21, 12, 2).slice(18)).toEqual([19, 23, 24]);
    expect(bookletPlaces(6, 8, 2)).toEqual([1, 2, 3, 4, 7, 8]);
    expect(bookletPlaces(17, 16, 1).at(-1)).toBe(32);
  });
});

describe('boundEdge', () => {
  it('binds a recto on its left and a verso on its right in a booklet bound on the left, and the other way round', () => {
    expect([boundEdge('recto', 'left'), boundEdge('verso', 'left')]).toEqual(['left', 'right']);
    expect([boundEdge('recto', 'right'), boundEdge('verso', 'right')]).toEqual(['right', 'left']);
  });
});

describe('readerSpreads', () => {
  it('shows the cover alone, the openings in binding order, blanks facing pages, the back cover alone', () => {
    // 0-based pages; 7 pages make a booklet of 8 with a blank before the back cover
    expect(readerSpreads(7, 1, 'left')).toEqual([[0], [1, 2], [3, 4], [5, null], [6]]);
    expect(readerSpreads(7, 1, 'right')).toEqual([[0], [2, 1], [4, 3], [null, 5], [6]]);
    expect(readerSpreads(8, 1, 'left')).toEqual([[0], [1, 2], [3, 4], [5, 6], [7]]);
  });

  it('leaves out openings of blanks only, and puts kept pages where the booklet has them', () => {
    // 21 pages keeping 2: …, 18 | 19, three blanks, 20 | 21
    const spreads = readerSpreads(21, 2, 'left');
    expect(spreads.slice(-3)).toEqual([[17, 18], [null, 19], [20]]);
    expect(spreads.flat().filter((p) => p !== null)).toEqual(Array.from({ length: 21 }, (_, i) => i));
    expect(readerSpreads(1, 1, 'left')).toEqual([[0]]);
    expect(readerSpreads(0, 1, 'left')).toEqual([]);
  });
});
