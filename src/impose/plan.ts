/**
 * An imposition plan: which page goes where on which side of which sheet.
 * Plans are pure data computed from a page count; the renderer follows them.
 */

/** A page's place on a side of a sheet; `page` is 0-based in reading order, null for a blank. */
export interface Placement {
  page: number | null;
  /** Cell of the side's grid, from the left. */
  column: number;
  /** Cell of the side's grid, from the top. */
  row: number;
  /** Turned upside down (heads meeting at a fold, or a long-edge duplex back). */
  rotated: boolean;
}

export interface Sheet {
  front: Placement[];
  back: Placement[];
}

export interface ImpositionPlan {
  /** Grid of cells on each side of a sheet. */
  columns: number;
  rows: number;
  sheets: Sheet[];
}

/**
 * Reading order padded to a multiple of `multiple` pages: blank pages go in
 * before the back cover, which stays the last page.
 */
export function padBeforeBackCover(pageCount: number, multiple: number): (number | null)[] {
  if (pageCount < 1) return [];
  const padded = Math.ceil(pageCount / multiple) * multiple;
  const blanks = new Array<null>(padded - pageCount).fill(null);
  const pages = Array.from({ length: pageCount }, (_, i) => i);
  return [...pages.slice(0, -1), ...blanks, pageCount - 1];
}
