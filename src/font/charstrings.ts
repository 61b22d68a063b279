/**
 * fontkit runs a CFF glyph's charstring, and every subroutine it calls, with
 * no limit: a forged font whose subroutines each call the next a hundred
 * times would keep one glyph running for years, and one whose subroutines
 * are long lines would fill the memory with its path. The subroutines of a
 * face's CFF tables are counted as fontkit reads them while it runs a glyph,
 * calls and bytes, and a glyph running more than any glyph does is refused.
 */
import type * as fontkit from 'fontkit';

/** Far more subroutine calls than a glyph makes (a CJK ideograph makes some tens). */
export const MOST_CALLS = 100_000;
/** Far more bytes of subroutines than a glyph runs: each may be 64 KB, and a path grows with what it runs. */
export const MOST_BYTES = 1 << 20;

/** A glyph that called more than MOST_CALLS subroutines, or ran more than MOST_BYTES of them. */
export class TooManyCalls extends Error {
  constructor() {
    super(`a glyph calling more than ${MOST_CALLS} subroutines or ${MOST_BYTES} bytes of them`);
  }
}

/** fontkit's reading of a CFF table, as far as its subroutines go. */
interface DecodedCff {
  globalSubrIndex?: Subroutine[];
  topDict: PrivateHolder & { FDArray?: PrivateHolder[] };
}
interface PrivateHolder {
  Private?: { Subrs?: Subroutine[] } | null;
}
interface Subroutine {
  offset: number;
  length: number;
}

/** What the glyph being run has called; none is counted outside `withinCalls`. */
let spent: { calls: number; bytes: number } | undefined;
/** The CFF readings whose subroutines are counted: a collection's faces may share one. */
const counted = new WeakSet<object>();

/** `read` (fontkit running glyphs of `font`, a CFF font) with the subroutines they call counted; throws TooManyCalls past the limits. */
export function withinCalls<T>(font: fontkit.Font, read: () => T): T {
  countCalls(font);
  const outer = spent;
  spent = { calls: 0, bytes: 0 };
  try {
    return read();
  } finally {
    spent = outer;
  }
}

function countCalls(font: fontkit.Font): void {
  // fontkit runs a glyph from CFF2 where the font has both tables, and subsets from CFF: both are counted
  const tables = font as unknown as Record<string, DecodedCff | null | undefined>;
  for (const cff of [tables.CFF2, tables['CFF ']]) {
    if (!cff || counted.has(cff)) continue;
    counted.add(cff);
    if (cff.globalSubrIndex) cff.globalSubrIndex = counting(cff.globalSubrIndex);
    for (const dict of [cff.topDict, ...(cff.topDict.FDArray ?? [])]) {
      if (dict.Private?.Subrs) dict.Private.Subrs = counting(dict.Private.Subrs);
    }
  }
}

/** A list of subroutines that counts each one read: fontkit reads one where a charstring calls it (and all, uncounted, to subset). */
function counting(subrs: Subroutine[]): Subroutine[] {
  return new Proxy(subrs, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (spent && typeof key === 'string' && key.charCodeAt(0) - 48 >>> 0 < 10) {
        spent.calls++;
        spent.bytes += (value as Subroutine | undefined)?.length ?? 0;
        if (spent.calls > MOST_CALLS || spent.bytes > MOST_BYTES) throw new TooManyCalls();
      }
      return value;
    },
  });
}
