/**
 * fontkit runs a CFF glyph's charstring, and every subroutine it calls, with
 * no limit: a forged font whose subroutines each call the next a hundred
 * times would keep one glyph running for years, and its path would fill the
 * memory first. The subroutines of a face's CFF table are counted as fontkit
 * reads them while it runs a glyph, and a glyph calling more than any glyph
 * does is refused.
 */
import type * as fontkit from 'fontkit';

/** Far more subroutine calls than a glyph makes (a CJK ideograph makes some tens). */
export const MOST_CALLS = 100_000;

/** A glyph that called more than MOST_CALLS subroutines. */
export class TooManyCalls extends Error {
  constructor() {
    super(`a glyph calling more than ${MOST_CALLS} subroutines`);
  }
}

/** fontkit's reading of a CFF table, as far as its subroutines go. */
interface DecodedCff {
  globalSubrIndex?: unknown[];
  topDict: PrivateHolder & { FDArray?: PrivateHolder[] };
}
interface PrivateHolder {
  Private?: { Subrs?: unknown[] } | null;
}

let calls = 0;
let budget = Infinity;
/** The CFF readings whose subroutines are counted: a collection's faces may share one. */
const counted = new WeakSet<object>();

/** `read` (fontkit running glyphs of `font`, a CFF font) with the subroutines they call counted; throws TooManyCalls past MOST_CALLS. */
export function withinCalls<T>(font: fontkit.Font, read: () => T): T {
  countCalls(font);
  calls = 0;
  budget = MOST_CALLS;
  try {
    return read();
  } finally {
    budget = Infinity;
  }
}

function countCalls(font: fontkit.Font): void {
  const tables = font as unknown as Record<string, DecodedCff | null | undefined>;
  const cff = tables['CFF '] ?? tables.CFF2;
  if (!cff || counted.has(cff)) return;
  counted.add(cff);
  if (cff.globalSubrIndex) cff.globalSubrIndex = counting(cff.globalSubrIndex);
  for (const dict of [cff.topDict, ...(cff.topDict.FDArray ?? [])]) {
    if (dict.Private?.Subrs) dict.Private.Subrs = counting(dict.Private.Subrs);
  }
}

/** A list of subroutines that counts each one read: fontkit reads one where a charstring calls it (and all, unbudgeted, to subset). */
function counting(subrs: unknown[]): unknown[] {
  return new Proxy(subrs, {
    get(target, key, receiver) {
      if (typeof key === 'string' && key.charCodeAt(0) - 48 >>> 0 < 10 && ++calls > budget) throw new TooManyCalls();
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}
