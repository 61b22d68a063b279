/**
 * fontkit runs a CFF glyph's charstring, and every subroutine it calls, with
 * no limit: a forged font whose subroutines each call the next a hundred
 * times would keep one glyph running for years, and one whose subroutines
 * are long lines would fill the memory with its path. The subroutines of a
 * face's CFF table are counted, by their bytes, as fontkit reads them while
 * it runs a glyph, and a glyph running more than any glyph does is refused.
 */
import type * as fontkit from 'fontkit';

/**
 * Far more bytes of subroutines than a glyph runs (a few hundred), each call
 * counted as one byte at least: fontkit keeps each glyph's path, which grows
 * with what it runs.
 */
export const MOST_BYTES = 1 << 16;
/** And than all the glyphs of a face a zine sets run together. */
export const MOST_FACE_BYTES = 1 << 22;

/** A glyph that ran more bytes of subroutines than MOST_BYTES, or its face's glyphs more than MOST_FACE_BYTES. */
export class TooManyCalls extends Error {
  constructor() {
    super(`a glyph running more than ${MOST_BYTES} bytes of subroutines`);
  }
}

/** fontkit's reading of a CFF table, as far as its subroutines go. */
export interface DecodedCff {
  globalSubrIndex?: Subroutine[];
  topDict: PrivateHolder & { FDArray?: PrivateHolder[] };
}
interface PrivateHolder {
  Private?: { Subrs?: Subroutine[] } | null;
}
/** Where a subroutine's bytes are in the font file. */
export interface Subroutine {
  offset: number;
  length: number;
}

/** The bytes of subroutines the glyph being run has run, and its face's glyphs; none is counted outside `withinCalls`. */
let spent: { bytes: number; face: { bytes: number } } | undefined;
/** The bytes each CFF reading's glyphs have run: a collection's faces share theirs. */
const faceBytes = new WeakMap<object, { bytes: number }>();
/** The CFF readings whose subroutines are counted, and the counting lists: a collection's faces, or font dictionaries, may share one. */
const counted = new WeakSet<object>();

/** `read` (fontkit running a glyph of `font`, a CFF font) with the subroutines it runs counted; throws TooManyCalls past the limits. */
export function withinCalls<T>(font: fontkit.Font, read: () => T): T {
  const cff = countCalls(font);
  // a font without a CFF table fontkit can read runs no charstring
  if (!cff) return read();
  let face = faceBytes.get(cff);
  if (!face) faceBytes.set(cff, (face = { bytes: 0 }));
  const outer = spent;
  spent = { bytes: 0, face };
  try {
    return read();
  } finally {
    spent = outer;
  }
}

/** Counts the subroutines of the CFF table fontkit runs `font`'s glyphs from (CFF2 where a font has both), and gives it. */
function countCalls(font: fontkit.Font): object | undefined {
  const tables = font as unknown as Record<string, DecodedCff | null | undefined>;
  const cff = tables.CFF2 ?? tables['CFF '];
  if (!cff) return undefined;
  if (!counted.has(cff)) {
    counted.add(cff);
    if (cff.globalSubrIndex) cff.globalSubrIndex = counting(cff.globalSubrIndex);
    for (const dict of [cff.topDict, ...(cff.topDict.FDArray ?? [])]) {
      if (dict.Private?.Subrs) dict.Private.Subrs = counting(dict.Private.Subrs);
    }
  }
  return cff;
}

/** A list of subroutines that counts each one read: fontkit reads one where a charstring calls it (and all, uncounted, to subset). */
function counting(subrs: Subroutine[]): Subroutine[] {
  if (counted.has(subrs)) return subrs;
  const list = new Proxy(subrs, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (spent && typeof key === 'string' && key.charCodeAt(0) - 48 >>> 0 < 10) {
        // a call is a byte at least: fontkit gives a subroutine whose index runs backwards a length below 0, and runs none of it
        const bytes = Math.max(1, (value as Subroutine | undefined)?.length ?? 0);
        spent.bytes += bytes;
        spent.face.bytes += bytes;
        if (spent.bytes > MOST_BYTES || spent.face.bytes > MOST_FACE_BYTES) throw new TooManyCalls();
      }
      return value;
    },
  });
  counted.add(list);
  return list;
}
