/**
 * Breaks a column of lines into pages. Pure: heights and break permissions in,
 * pages of positioned items out.
 */
export interface FlowItem<T> {
  height: number;
  /** Space above the item, dropped at the head of a page. */
  spaceBefore: number;
  /**
   * May a page end after this item? False inside a paragraph's first or last
   * two lines (no orphans, no widows) and after a heading (kept with what follows).
   */
  breakAfter: boolean;
  /** Start a new page before this item (a section that opens on its own page). */
  newPage: boolean;
  content: T;
}

export interface PlacedItem<T> {
  content: T;
  /** Top of the item, from the top of the frame. */
  y: number;
}

const EPSILON = 0.01;

/**
 * Fills pages greedily; when an item does not fit, the page ends after the
 * last item that allows it, and what follows moves to the next page. Where no
 * item on the page allows a break, the page ends where it is full.
 */
export function paginate<T>(items: readonly FlowItem<T>[], frameHeight: number): PlacedItem<T>[][] {
  const pages: PlacedItem<T>[][] = [];
  let page: { index: number; placed: PlacedItem<T> }[] = [];
  let y = 0;
  let i = 0;
  const endPage = (): void => {
    pages.push(page.map((p) => p.placed));
    page = [];
    y = 0;
  };
  while (i < items.length) {
    const item = items[i]!;
    if (item.newPage && page.length > 0) {
      endPage();
      continue;
    }
    const space = page.length > 0 ? item.spaceBefore : 0;
    if (page.length === 0 || y + space + item.height <= frameHeight + EPSILON) {
      page.push({ index: i, placed: { content: item.content, y: y + space } });
      y += space + item.height;
      i++;
      continue;
    }
    let keep = page.length - 1;
    while (keep >= 0 && !items[page[keep]!.index]!.breakAfter) keep--;
    if (keep >= 0) {
      i = page[keep]!.index + 1;
      page = page.slice(0, keep + 1);
    }
    endPage();
  }
  if (page.length > 0) endPage();
  return pages;
}
