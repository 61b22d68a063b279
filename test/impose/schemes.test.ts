import { describe, expect, it } from 'vitest';
import { markMargin, sheetMarks } from '../../src/impose/marks.js';
import { onePageZine } from '../../src/impose/onepagezine.js';
import { padBeforeBackCover, type ImpositionPlan, type Placement } from '../../src/impose/plan.js';
import { impose, type PrintOptions } from '../../src/impose/schemes.js';
import { bestSignatureSize, signatures } from '../../src/impose/signatures.js';

const options = (over: Partial<PrintOptions> = {}): PrintOptions => ({
  scheme: 'saddle', keepLast: 1, thickness: 0, binding: 'left', duplex: 'short', ...over,
});

/**
 * Prints, folds and gathers the sheets as a person would, and reads the pages
 * back in order. Each sheet is printed, its back as the printer turns it,
 * then folded in half along the middle; the sheets of a signature are nested
 * (first outside), signatures stacked. A booklet bound on the right is read
 * from the other side.
 */
function foldAndRead(plan: ImpositionPlan, printer: 'short' | 'long', binding: 'left' | 'right'): { page: number | null; upright: boolean }[] {
  const cellOf = (side: Placement[], column: number): Placement => side.find((p) => p.column === column && p.row === 0)!;
  // a long-edge printer turns the back by 180° on its way through
  const printed = (side: Placement[]): Placement[] =>
    printer === 'long' ? side.map((p) => ({ ...p, column: plan.columns - 1 - p.column, rotated: !p.rotated })) : side;
  const signatures = new Map<number, Placement[][][]>();
  for (const sheet of plan.sheets) {
    const list = signatures.get(sheet.signature) ?? [];
    list.push([sheet.front, printed(sheet.back)]);
    signatures.set(sheet.signature, list);
  }
  // spine on the left: outside right, inside left, inside right, outside left (spine on the right: mirrored)
  const [near, far] = binding === 'left' ? [1, 0] : [0, 1];
  const read: Placement[] = [];
  for (const sheets of [...signatures.keys()].sort((a, b) => a - b).map((k) => signatures.get(k)!)) {
    const first: Placement[] = [];
    const second: Placement[] = [];
    for (const [front, back] of sheets) {
      first.push(cellOf(front!, near), cellOf(back!, far));
      second.unshift(cellOf(back!, near), cellOf(front!, far));
    }
    read.push(...first, ...second);
  }
  return read.map((p) => ({ page: p.page, upright: !p.rotated }));
}

const inOrder = (pages: number, multiple: number, keepLast = 1) => padBeforeBackCover(pages, multiple, keepLast).map((page) => ({ page, upright: true }));

describe('imposition schemes, for every page count from 1 to 400', () => {
  for (const pages of Array.from({ length: 400 }, (_, i) => i + 1)) {
    it(`${pages} pages`, () => {
      // scheme, plan, pages padded to a multiple of, pages per signature
      const plans: [string, ImpositionPlan, number, number][] = [
        ['saddle', impose(pages, options()), 4, Math.ceil(pages / 4) * 4],
        ['signatures', impose(pages, options({ scheme: 'signatures' })), 4 * bestSignatureSize(pages), 4 * bestSignatureSize(pages)],
        ['signatures of 3', impose(pages, options({ scheme: 'signatures', signatureSheets: 3 })), 12, 12],
      ];
      for (const [name, plan, multiple, perSignature] of plans) {
        const placed = plan.sheets.flatMap((s) => [...s.front, ...s.back]);
        const real = placed.map((p) => p.page).filter((p): p is number => p !== null).sort((a, b) => a - b);
        expect(real, name).toEqual(Array.from({ length: pages }, (_, i) => i));
        // conjugate pages share a side: within a signature of n pages they sum to n + 1
        const book = padBeforeBackCover(pages, multiple);
        for (const sheet of plan.sheets) {
          for (const side of [sheet.front, sheet.back]) {
            const [a, b] = side.map((p) => book.indexOf(p.page) + 1 - sheet.signature * perSignature);
            if (side.every((p) => p.page !== null)) expect(a! + b!, name).toBe(perSignature + 1);
          }
        }
        // folded and gathered, it reads in order, blanks just before the back cover
        expect(foldAndRead(plan, 'short', 'left'), name).toEqual(inOrder(pages, multiple));
      }
    });
  }
});

describe('printers and bindings', () => {
  it('turns the backs for a long-edge printer so the booklet still reads in order, upright', () => {
    for (const pages of [4, 9, 24, 61]) {
      expect(foldAndRead(impose(pages, options({ duplex: 'long' })), 'long', 'left')).toEqual(inOrder(pages, 4));
      // printed on a short-edge printer, the same file has every back upside down
      expect(foldAndRead(impose(pages, options({ duplex: 'long' })), 'short', 'left').some((p) => !p.upright)).toBe(true);
    }
  });

  it('mirrors every sheet for a right-to-left booklet bound on the right', () => {
    for (const pages of [8, 13, 40]) {
      const ltr = impose(pages, options());
      const rtl = impose(pages, options({ binding: 'right' }));
      rtl.sheets.forEach((sheet, i) => {
        for (const side of ['front', 'back'] as const) {
          for (const p of sheet[side]) {
            expect(ltr.sheets[i]![side].find((q) => q.page === p.page)!.column).toBe(1 - p.column);
          }
        }
      });
      expect(foldAndRead(rtl, 'short', 'right')).toEqual(inOrder(pages, 4));
    }
  });

  it('keeps the last pages last when asked: blanks go before them', () => {
    const plan = impose(10, options({ keepLast: 3 }));
    expect(foldAndRead(plan, 'short', 'left').map((p) => p.page)).toEqual([0, 1, 2, 3, 4, 5, 6, null, null, 7, 8, 9].slice(0, 12));
  });
});

describe('signatures', () => {
  it('chooses a size binders fold, in two signatures or more, with the fewest blank pages, the largest among equals', () => {
    expect(bestSignatureSize(89)).toBe(8); // 96 pages: three signatures of 8 sheets, not 23 of one
    expect(bestSignatureSize(400)).toBe(5);
    expect(bestSignatureSize(32)).toBe(4);
    // thinner than two signatures of 4 sheets: smaller ones rather than many blank pages
    expect(bestSignatureSize(21)).toBe(3); // the example: two of 3 sheets, not one booklet of 6
    expect(bestSignatureSize(24)).toBe(3);
    expect(bestSignatureSize(28)).toBe(4);
    expect(bestSignatureSize(13)).toBe(2);
    expect(bestSignatureSize(4)).toBe(1);
    for (let pages = 5; pages <= 400; pages++) {
      const size = bestSignatureSize(pages);
      const plan = signatures(pages, { keepLast: 1, thickness: 0 });
      expect(plan.sheets.at(-1)!.signature, `${pages} pages`).toBeGreaterThanOrEqual(1);
      if (pages >= 32) expect(size, `${pages} pages`).toBeGreaterThanOrEqual(4);
      expect(size).toBeLessThanOrEqual(8);
    }
  });

  it('shifts inner sheets toward the fold by the paper thickness per sheet from the outside', () => {
    const t = 0.1 * 72 / 25.4;
    const plan = signatures(64, { keepLast: 1, thickness: t, sheets: 4 });
    const bySignature = new Map<number, number[]>();
    for (const sheet of plan.sheets) {
      const creep = [...sheet.front, ...sheet.back].map((p) => p.creep);
      expect(new Set(creep).size).toBe(1);
      bySignature.set(sheet.signature, [...(bySignature.get(sheet.signature) ?? []), creep[0]!]);
    }
    for (const creeps of bySignature.values()) {
      creeps.forEach((c, k) => expect(c).toBeCloseTo(k * t, 10));
      for (let k = 1; k < creeps.length; k++) expect(creeps[k]!).toBeGreaterThan(creeps[k - 1]!);
    }
  });
});

describe('the one-sheet mini zine', () => {
  /**
   * Folded in half lengthwise (printing outside), cut along the middle of
   * that fold and folded into a booklet, the panels read: bottom right, then
   * the top row from right to left, then the bottom row from the left.
   */
  const FOLDED = [[3, 1], [3, 0], [2, 0], [1, 0], [0, 0], [0, 1], [1, 1], [2, 1]] as const;

  for (const pages of [1, 2, 5, 8]) {
    it(`reads in order when folded, ${pages} pages`, () => {
      const plan = onePageZine(pages, { keepLast: 1, thickness: 0 });
      expect(plan.sheets).toHaveLength(1);
      expect(plan.sheets[0]!.back).toEqual([]);
      const read = FOLDED.map(([c, r]) => plan.sheets[0]!.front.find((p) => p.column === c && p.row === r)!);
      expect(read.map((p) => p.page)).toEqual(padBeforeBackCover(pages, 8));
      // the top row is printed upside down: after the fold it stands upright
      for (const p of read) expect(p.rotated).toBe(p.row === 0);
    });
  }

  it('refuses more than eight pages', () => {
    expect(() => onePageZine(9, { keepLast: 1, thickness: 0 })).toThrow(/8 pages/);
  });

  it('prints a cut along the middle of the lengthwise fold, between the outer panels', () => {
    const plan = onePageZine(8, { keepLast: 1, thickness: 0 });
    expect(plan.cuts).toEqual([{ x1: 0.25, y1: 0.5, x2: 0.75, y2: 0.5 }]);
    expect(plan.folds).toEqual({ x: [0.25, 0.5, 0.75], y: [0.5] });
  });
});

describe('marks', () => {
  const trim = { width: 792, height: 612 };
  for (const [bleed, plan] of [[0, impose(8, options())], [9, impose(8, options())], [9, onePageZine(8, { keepLast: 1, thickness: 0 })]] as const) {
    it(`sets crop and fold marks outside the trim and the bleed (${plan.scheme}, bleed ${bleed})`, () => {
      const margin = markMargin(bleed, true);
      const lines = sheetMarks(plan, trim, margin, bleed, true);
      const outside = (x: number, y: number): boolean =>
        x <= margin - bleed || x >= margin + trim.width + bleed || y <= margin - bleed || y >= margin + trim.height + bleed;
      expect(lines.filter((l) => l.kind === 'crop')).toHaveLength(8);
      expect(lines.filter((l) => l.kind === 'fold')).toHaveLength(2 * (plan.folds.x.length + plan.folds.y.length));
      for (const l of lines.filter((m) => m.kind === 'crop' || m.kind === 'fold')) {
        expect(outside(l.x1, l.y1) && outside(l.x2, l.y2), JSON.stringify(l)).toBe(true);
        // and on the printed sheet
        for (const v of [l.x1, l.x2]) expect(v).toBeGreaterThanOrEqual(-1e-9);
        for (const v of [l.y1, l.y2]) expect(v).toBeGreaterThanOrEqual(-1e-9);
        for (const v of [l.x1, l.x2]) expect(v).toBeLessThanOrEqual(trim.width + 2 * margin + 1e-9);
      }
      for (const l of lines.filter((m) => m.kind === 'cut')) expect(outside(l.x1, l.y1) || outside(l.x2, l.y2)).toBe(false);
    });
  }

  it('prints the folds of a mini zine across the sheet, beside its cut, with or without marks', () => {
    for (const marks of [false, true]) {
      const margin = markMargin(0, marks);
      const across = sheetMarks(onePageZine(8, { keepLast: 1, thickness: 0 }), trim, margin, 0, marks)
        .filter((l) => l.kind === 'foldLine')
        .map((l) => [l.x1, l.y1, l.x2, l.y2].map((v) => v - margin));
      expect(across).toEqual([[198, 0, 198, 612], [396, 0, 396, 612], [594, 0, 594, 612], [0, 306, 198, 306], [594, 306, 792, 306]]);
    }
    expect(sheetMarks(impose(8, options()), trim, 0, 0, true).filter((l) => l.kind === 'foldLine')).toEqual([]);
  });

  it('needs no room without marks or bleed', () => {
    expect(markMargin(0, false)).toBe(0);
    expect(sheetMarks(impose(8, options()), trim, 0, 0, false)).toEqual([]);
  });
});
