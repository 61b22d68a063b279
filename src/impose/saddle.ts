import { padBeforeBackCover, type ImpositionPlan, type Placement } from './plan.js';

/**
 * One saddle-stitched booklet: sheets nested inside each other, folded once
 * and stapled through the fold. With n pages (after padding) sheet k carries
 * pages n−2k | 2k+1 on its front and 2k+2 | n−2k−1 on its back (1-based).
 * Both sides upright: the printer flips on the short edge.
 */
export function saddleStitch(pageCount: number): ImpositionPlan {
  const booklet = padBeforeBackCover(pageCount, 4);
  const n = booklet.length;
  const at = (oneBased: number): number | null => booklet[oneBased - 1]!;
  const cell = (page: number | null, column: number): Placement => ({ page, column, row: 0, rotated: false });
  const sheets = Array.from({ length: n / 4 }, (_, k) => ({
    front: [cell(at(n - 2 * k), 0), cell(at(2 * k + 1), 1)],
    back: [cell(at(2 * k + 2), 0), cell(at(n - 2 * k - 1), 1)],
  }));
  return { columns: 2, rows: 1, sheets };
}
