import { describe, expect, it } from 'vitest';
import { padBeforeBackCover } from '../../src/impose/plan.js';
import { saddleStitch } from '../../src/impose/saddle.js';

/** The pages of a plan in the order a reader meets them once the sheets are folded and nested. */
function foldedReadingOrder(plan: ReturnType<typeof saddleStitch>): (number | null)[] {
  const n = plan.sheets.length * 4;
  const order = new Array<number | null>(n);
  plan.sheets.forEach((sheet, k) => {
    // sheet k is the k-th from the outside: its front right is page 2k+1, its back left 2k+2,
    // its back right n-2k-1 and its front left n-2k (all 1-based)
    const [frontLeft, frontRight] = sheet.front;
    const [backLeft, backRight] = sheet.back;
    order[2 * k] = frontRight!.page;
    order[2 * k + 1] = backLeft!.page;
    order[n - 2 * k - 2] = backRight!.page;
    order[n - 2 * k - 1] = frontLeft!.page;
  });
  return order;
}

describe('padBeforeBackCover', () => {
  it('adds blanks before the last page, never after it', () => {
    expect(padBeforeBackCover(5, 4)).toEqual([0, 1, 2, 3, null, null, null, 4]);
    expect(padBeforeBackCover(8, 4)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(padBeforeBackCover(1, 4)).toEqual([null, null, null, 0]);
  });
});

describe('saddleStitch', () => {
  for (let pages = 1; pages <= 64; pages++) {
    it(`imposes ${pages} pages`, () => {
      const plan = saddleStitch(pages);
      const n = Math.ceil(pages / 4) * 4;
      expect(plan.sheets).toHaveLength(n / 4);
      expect(plan.columns).toBe(2);
      expect(plan.rows).toBe(1);

      const placed = plan.sheets.flatMap((s) => [...s.front, ...s.back]);
      const real = placed.map((p) => p.page).filter((p): p is number => p !== null);
      // every page exactly once, the rest blank
      expect(real.sort((a, b) => a - b)).toEqual(Array.from({ length: pages }, (_, i) => i));
      expect(placed.filter((p) => p.page === null)).toHaveLength(n - pages);
      // both sides upright, left and right cells
      for (const s of plan.sheets) {
        expect(s.front.map((p) => p.column)).toEqual([0, 1]);
        expect(s.back.map((p) => p.column)).toEqual([0, 1]);
        expect([...s.front, ...s.back].every((p) => !p.rotated && p.row === 0)).toBe(true);
      }

      // folded, the booklet reads in order with the blanks just before the back cover
      const order = foldedReadingOrder(plan);
      expect(order).toEqual(padBeforeBackCover(pages, 4));
      expect(order[n - 1]).toBe(pages - 1);
      // the back cover sits on the outer sheet's front, beside the cover
      expect(plan.sheets[0]!.front[0]!.page).toBe(pages - 1);
      if (pages > 1) expect(plan.sheets[0]!.front[1]!.page).toBe(0);
    });
  }

  it('puts conjugate pages on one side of one sheet: their numbers sum to n+1', () => {
    const n = 24;
    const plan = saddleStitch(n);
    for (const sheet of plan.sheets) {
      for (const side of [sheet.front, sheet.back]) {
        const [left, right] = side.map((p) => p.page! + 1);
        expect(left! + right!).toBe(n + 1);
      }
    }
  });
});
