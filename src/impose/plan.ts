/**
 * An imposition plan: which page goes where on which side of which sheet.
 * Plans are pure data computed from a page count; the renderer follows them.
 */
import { inUnit } from '../content/units.js';

/** A page's place on a side of a sheet; `page` is 0-based in reading order, null for a blank. */
export interface Placement {
  page: number | null;
  /** Cell of the side's grid, from the left. */
  column: number;
  /** Cell of the side's grid, from the top. */
  row: number;
  /** Turned upside down (heads meeting at a fold, or a long-edge duplex back). */
  rotated: boolean;
  /** Shift toward the fold, in points, making up for creep: inner sheets of a folded stack stick out. */
  creep: number;
}

export interface Sheet {
  front: Placement[];
  /** Empty for a sheet printed on one side only. */
  back: Placement[];
  /** Which folded section (signature) the sheet belongs to, from 0. */
  signature: number;
}

export interface ImpositionPlan {
  scheme: string;
  /** Grid of cells on each side of a sheet. */
  columns: number;
  rows: number;
  sheets: Sheet[];
  /** Fold lines, as fractions of the sheet's width (vertical folds) and height (horizontal folds). */
  folds: { x: number[]; y: number[] };
  /** Cut lines, as fractions of the sheet: from (x1, y1) to (x2, y2). */
  cuts: { x1: number; y1: number; x2: number; y2: number }[];
  /** The folds printed across the sheet, for a sheet folded by hand along them (the mini zine). */
  foldLines: boolean;
}

/** Options every scheme takes. */
export interface ImposeOptions {
  /** Pages that stay at the end after padding (the back cover: 1). */
  keepLast: number;
  /** Paper thickness in points, for creep; 0 for none. */
  thickness: number;
}

export const DEFAULT_IMPOSE: ImposeOptions = { keepLast: 1, thickness: 0 };

/**
 * Reading order padded to a multiple of `multiple` pages: blank pages go in
 * before the last `keepLast` pages (the back cover), which stay last; the
 * first page (the cover) stays first, however many are to be kept last.
 */
export function padBeforeBackCover(pageCount: number, multiple: number, keepLast = 1): (number | null)[] {
  if (pageCount < 1) return [];
  const padded = Math.ceil(pageCount / multiple) * multiple;
  // never the cover: blanks before it would fold it inside the booklet
  const kept = Math.min(Math.max(0, keepLast), pageCount - 1);
  const blanks = new Array<null>(padded - pageCount).fill(null);
  const pages = Array.from({ length: pageCount }, (_, i) => i);
  return [...pages.slice(0, pageCount - kept), ...blanks, ...pages.slice(pageCount - kept)];
}

/**
 * The sheets of one folded section: `pages` (a multiple of 4) nested and
 * folded once. Sheet k from the outside carries pages n−2k | 2k+1 on its
 * front and 2k+2 | n−2k−1 on its back (1-based within the section), shifted
 * toward the fold by k paper thicknesses.
 */
export function foldedSection(pages: readonly (number | null)[], signature: number, thickness: number): Sheet[] {
  const n = pages.length;
  const at = (oneBased: number): number | null => pages[oneBased - 1]!;
  return Array.from({ length: n / 4 }, (_, k) => {
    const cell = (page: number | null, column: number): Placement => ({ page, column, row: 0, rotated: false, creep: k * thickness });
    return {
      front: [cell(at(n - 2 * k), 0), cell(at(2 * k + 1), 1)],
      back: [cell(at(2 * k + 2), 0), cell(at(n - 2 * k - 1), 1)],
      signature,
    };
  });
}

/** The largest shift for creep on any sheet of the plan: the innermost sheet's. */
export function largestCreep(plan: ImpositionPlan): number {
  let largest = 0;
  for (const sheet of plan.sheets) {
    for (const p of [...sheet.front, ...sheet.back]) largest = Math.max(largest, p.creep);
  }
  return largest;
}

/**
 * What to say when creep moves pages further toward the fold than their
 * inner margin: the text of the innermost sheet crosses the fold. Thick
 * paper is allowed (a wide inner margin can take it), so this is a warning.
 */
export function creepWarning(plan: ImpositionPlan, innerMargin: number): string | undefined {
  const creep = largestCreep(plan);
  if (creep <= innerMargin) return undefined;
  return `for creep, the innermost sheet's pages shift ${inUnit(creep, 'mm')} toward the fold, more than the inner margin `
    + `(${inUnit(innerMargin, 'mm')}): its text crosses the fold; use thinner paper (print.paperThickness, --creep), `
    + 'a wider inner margin, or the signatures scheme';
}

/** Bound on the right (right-to-left languages): every side mirrored, so the booklet opens the other way. */
export function bindRight(plan: ImpositionPlan): ImpositionPlan {
  const mirror = (p: Placement): Placement => ({ ...p, column: plan.columns - 1 - p.column });
  return {
    ...plan,
    sheets: plan.sheets.map((s) => ({ ...s, front: s.front.map(mirror), back: s.back.map(mirror) })),
    folds: { x: plan.folds.x.map((x) => 1 - x), y: plan.folds.y },
    cuts: plan.cuts.map((c) => ({ ...c, x1: 1 - c.x2, x2: 1 - c.x1 })),
  };
}

/** For a printer that flips on the long edge: every back side turned by 180°. */
export function turnBacks(plan: ImpositionPlan): ImpositionPlan {
  const turn = (p: Placement): Placement => ({
    ...p, column: plan.columns - 1 - p.column, row: plan.rows - 1 - p.row, rotated: !p.rotated,
  });
  return { ...plan, sheets: plan.sheets.map((s) => ({ ...s, back: s.back.map(turn) })) };
}

/**
 * Where a page's top-left corner sits on the sheet: centred in its cell,
 * moved toward the fold in the middle of the sheet by its creep.
 */
export function pageOrigin(
  p: Placement, plan: ImpositionPlan, sheet: { width: number; height: number }, page: { width: number; height: number },
): { x: number; y: number } {
  const cellWidth = sheet.width / plan.columns;
  const cellHeight = sheet.height / plan.rows;
  const towardFold = p.column < plan.columns / 2 ? 1 : -1;
  return {
    x: p.column * cellWidth + (cellWidth - page.width) / 2 + towardFold * p.creep,
    y: p.row * cellHeight + (cellHeight - page.height) / 2,
  };
}
