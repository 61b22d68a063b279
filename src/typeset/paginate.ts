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
  /** Where its ink starts and ends (a line's glyphs), from its top: what the item before must not reach into. */
  ink?: Ink | undefined;
  content: T;
}

/** Where an item's ink starts and ends, from its top; it may reach above it (below 0) and below it (past its height). */
export interface Ink {
  top: number;
  bottom: number;
}

/**
 * The least room between one line's ink and the next's, in points (TeX's
 * \lineskip, its \lineskiplimit being 0): lines whose ink would come
 * closer, or overlap (Nastaliq's tall letters over the descenders of the
 * line before), are moved apart by what it takes.
 */
export const LINESKIP = 1;

/**
 * How much further down than `top` an item goes so that its ink stays
 * LINESKIP clear of the ink above it, which ends at `inkAbove` (from the
 * same origin); none where nothing with ink is above it on the page.
 */
export function clearance(inkAbove: number | undefined, top: number, ink: Ink | undefined): number {
  if (inkAbove === undefined || ink === undefined) return 0;
  return Math.max(0, inkAbove + LINESKIP - (top + ink.top));
}

export interface PlacedItem<T> {
  content: T;
  /** Top of the item, from the top of the frame. */
  y: number;
}

/**
 * How the last page of a run of pages (a section, up to the next forced new
 * page) is kept from being nearly empty: a page carrying less than `light`
 * (in height of items, spaces not counted), or nothing that `counts`, is
 * taken back onto the pages before by giving up at most `shrink` of each
 * space above an item, all through the run; where that is not enough, the
 * page before gives it items until it carries both.
 */
export interface Balance<T> {
  light: number;
  /** A share of each space, 0 to 1. */
  shrink: number;
  /** What a page may not go without: the text, say, where a section's notes alone are not a page. */
  counts: (content: T) => boolean;
}

const EPSILON = 0.01;
/** Steps in which spaces are given up, as a share of each. */
const SHRINK_STEP = 0.05;

/** A page as indices into the items, each with its top. */
type Column = { index: number; y: number }[];

/**
 * Fills pages greedily; when an item does not fit, the page ends after the
 * last item that allows it, and what follows moves to the next page. Where no
 * item on the page allows a break, the page ends where it is full. With a
 * balance, no run of pages ends on a nearly empty one where that can be helped.
 */
export function paginate<T>(items: readonly FlowItem<T>[], frameHeight: number, balance?: Balance<T>): PlacedItem<T>[][] {
  const pages: PlacedItem<T>[][] = [];
  let start = 0;
  while (start < items.length) {
    let end = start + 1;
    while (end < items.length && !items[end]!.newPage) end++;
    const run = items.slice(start, end);
    const columns = balance ? balanced(run, frameHeight, balance) : fill(run, frameHeight, 0);
    for (const column of columns) pages.push(column.map(({ index, y }) => ({ content: run[index]!.content, y })));
    start = end;
  }
  return pages;
}

/** A run of items (no forced new page after its first) filled into pages, each space above an item less `shrink` of it. */
function fill<T>(items: readonly FlowItem<T>[], frameHeight: number, shrink: number): Column[] {
  const pages: Column[] = [];
  let page: Column = [];
  let y = 0;
  /** Where the ink of the page's last item ends. */
  let inkAbove: number | undefined;
  let i = 0;
  while (i < items.length) {
    const item = items[i]!;
    const spaced = page.length > 0 ? item.spaceBefore * (1 - shrink) : 0;
    const space = spaced + clearance(inkAbove, y + spaced, item.ink);
    if (page.length === 0 || y + space + item.height <= frameHeight + EPSILON) {
      page.push({ index: i, y: y + space });
      inkAbove = item.ink && y + space + item.ink.bottom;
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
    pages.push(page);
    page = [];
    y = 0;
    inkAbove = undefined;
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

/** A run filled into pages, its last page taken back or given more where it would be light. */
function balanced<T>(items: readonly FlowItem<T>[], frameHeight: number, balance: Balance<T>): Column[] {
  const pages = fill(items, frameHeight, 0);
  if (pages.length < 2 || !light(carried(items, pages[pages.length - 1]![0]!.index, items.length, balance), balance)) return pages;
  // the least tightening that takes the last page back, the same all through the run
  for (let shrink = SHRINK_STEP; shrink <= balance.shrink + EPSILON; shrink += SHRINK_STEP) {
    const tighter = fill(items, frameHeight, shrink);
    if (tighter.length < pages.length) return tighter;
  }
  return givenMore(items, pages, frameHeight, balance);
}

/** What a page carries: the height of all its items, and of those that count. */
interface Carried {
  all: number;
  counting: number;
}

/** What the items from `from` up to `to` carry. */
function carried<T>(items: readonly FlowItem<T>[], from: number, to: number, balance: Balance<T>): Carried {
  const height: Carried = { all: 0, counting: 0 };
  for (let i = from; i < to; i++) {
    height.all += items[i]!.height;
    if (balance.counts(items[i]!.content)) height.counting += items[i]!.height;
  }
  return height;
}

function light<T>(height: Carried, balance: Balance<T>): boolean {
  return height.all < balance.light - EPSILON || height.counting === 0;
}

/**
 * The last page given items from the end of the page before, at the latest
 * break that leaves it no longer light and still fits; the pages as they
 * were where there is none.
 */
function givenMore<T>(items: readonly FlowItem<T>[], pages: readonly Column[], frameHeight: number, balance: Balance<T>): Column[] {
  const before = pages[pages.length - 2]!;
  let from = pages[pages.length - 1]![0]!.index;
  const height = carried(items, from, items.length, balance);
  for (let keep = before.length - 2; keep >= 0; keep--) {
    const next = before[keep + 1]!.index;
    const more = carried(items, next, from, balance);
    [height.all, height.counting, from] = [height.all + more.all, height.counting + more.counting, next];
    if (!items[before[keep]!.index]!.breakAfter || light(height, balance)) continue;
    const moved = fill(items.slice(from), frameHeight, 0);
    // more would not fit either
    if (moved.length > 1) break;
    return [...pages.slice(0, -2), before.slice(0, keep + 1), moved[0]!.map(({ index, y }) => ({ index: index + from, y }))];
  }
  return [...pages];
}
