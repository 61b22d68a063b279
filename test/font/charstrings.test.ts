import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { MOST_BYTES, MOST_FACE_BYTES, TooManyCalls, withinCalls } from '../../src/font/charstrings.js';
import { FontSubset } from '../../src/render/pdf-fonts.js';
import { ZineError } from '../../src/errors.js';
import { bookWith, ROOT } from '../support/fixtures.js';

interface Entry {
  offset: number;
  length: number;
}
interface Cff {
  stream: { buffer: Buffer; constructor: new (buffer: Buffer) => unknown };
  globalSubrIndex: Entry[];
  topDict: { CharStrings: Entry[]; FDArray: { Private: { Subrs?: Entry[] } | null }[] };
  fdForGlyph(gid: number): number;
}

/** A Type 2 charstring operand: a 16-bit integer (operator 28 and two bytes). */
const operand = (n: number): number[] => [28, (n >> 8) & 0xff, n & 0xff];
const CALLSUBR = 10;
const CALLGSUBR = 29;
const RETURN = 11;
const ENDCHAR = 14;
/** fontkit's subroutine numbers are biased by 107 for a list of fewer than 1240. */
const BIAS = 107;
const JAPANESE = 'NotoSerifCJKJP-Subset.otf';

/** What a forged chain of subroutines is: `depth` of them, each calling the next `calls` times, the last `leaf` bytes long. */
interface Chain {
  depth: number;
  calls: number;
  /** The last one's bytes before its return: lines, which its glyph's path grows by. */
  leaf?: number;
  /** Local subroutines (the glyph's font dictionary's) rather than global ones. */
  local?: boolean;
}

/**
 * Forged subroutines put in place of fontkit's reading of a CFF table, their
 * charstrings written past the end of the file fontkit reads, and glyphs
 * `glyphs` made to call the first: each calls^depth subroutines in all.
 */
function forge(cff: Cff, glyphs: readonly number[], { depth, calls, leaf = 0, local = false }: Chain): void {
  const op = local ? CALLSUBR : CALLGSUBR;
  // a line of no length is three bytes: 0 0 rlineto
  const line = [139, 139, 5];
  const programs = Array.from({ length: depth + 1 }, (_, i) => (i < depth
    ? [...Array.from({ length: calls }, () => [...operand(i + 1 - BIAS), op]).flat(), RETURN]
    : [...Array.from({ length: Math.ceil(leaf / 3) }, () => line).flat(), RETURN]));
  const charstring = [...operand(-BIAS), op, ENDCHAR];
  const original = cff.stream.buffer;
  cff.stream = new cff.stream.constructor(Buffer.concat([original, Buffer.from([...programs, charstring].flat())])) as Cff['stream'];
  let at = original.length;
  const entries = programs.map((bytes) => {
    const entry = { offset: at, length: bytes.length };
    at += bytes.length;
    return entry;
  });
  if (local) for (const gid of glyphs) cff.topDict.FDArray[cff.fdForGlyph(gid)]!.Private = { Subrs: entries };
  else cff.globalSubrIndex = entries;
  for (const gid of glyphs) cff.topDict.CharStrings[gid] = { offset: at, length: charstring.length };
}

/** The Japanese test font as fontkit reads it, and its CFF table as fontkit decoded it. */
function japanese(): { font: fontkit.Font; cff: Cff } {
  const font = fontkit.create(readFileSync(join(ROOT, 'test', 'fixtures', 'fonts', JAPANESE))) as fontkit.Font;
  return { font, cff: (font as unknown as Record<string, Cff>)['CFF ']! };
}

describe('CFF subroutines counted as fontkit runs them', () => {
  it('a glyph whose global subroutines would make ten billion calls is refused at the count (each call a byte at least)', () => {
    const { font, cff } = japanese();
    forge(cff, [5], { depth: 10, calls: 10 });
    const started = performance.now();
    expect(() => withinCalls(font, () => font.getGlyph(5).path)).toThrow(TooManyCalls);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('so is one whose local subroutines would', () => {
    const { font, cff } = japanese();
    forge(cff, [5], { depth: 10, calls: 10, local: true });
    expect(() => withinCalls(font, () => font.getGlyph(5).path)).toThrow(TooManyCalls);
  });

  it('a glyph of few calls that runs megabytes of subroutines (a path of half a million lines) is refused', () => {
    const { font, cff } = japanese();
    // 1,111 calls, the last 1,000 of them into 2 KB
    forge(cff, [5], { depth: 3, calls: 10, leaf: 2000 });
    expect(1000 * 2000).toBeGreaterThan(MOST_BYTES);
    expect(() => withinCalls(font, () => font.getGlyph(5).path)).toThrow(TooManyCalls);
  });

  it('a face whose glyphs each run tens of kilobytes is refused once they come to megabytes together', () => {
    const { font, cff } = japanese();
    const glyphs = Array.from({ length: 100 }, (_, i) => i + 1);
    // 25 calls into 2 KB: 50 KB a glyph
    forge(cff, glyphs, { depth: 1, calls: 25, leaf: 2000 });
    expect(25 * 2000).toBeLessThan(MOST_BYTES);
    expect(100 * 25 * 2000).toBeGreaterThan(MOST_FACE_BYTES);
    let read = 0;
    expect(() => {
      for (const gid of glyphs) {
        withinCalls(font, () => font.getGlyph(gid).path);
        read++;
      }
    }).toThrow(TooManyCalls);
    expect(read).toBeGreaterThan(50);
  });

  it('a subroutine whose length fontkit reckons below zero takes nothing off the count', () => {
    const { font, cff } = japanese();
    // 40 calls into 2 KB: 80 KB, past the count; then a subroutine said to be 100 KB shorter than nothing, called first
    forge(cff, [5], { depth: 1, calls: 40, leaf: 2000 });
    expect(40 * 2000).toBeGreaterThan(MOST_BYTES);
    const backwards = { offset: cff.globalSubrIndex[0]!.offset, length: -100_000 };
    cff.globalSubrIndex = [...cff.globalSubrIndex, backwards];
    const charstring = [...operand(2 - BIAS), CALLGSUBR, ...operand(-BIAS), CALLGSUBR, ENDCHAR];
    const original = cff.stream.buffer;
    cff.stream = new cff.stream.constructor(Buffer.concat([original, Buffer.from(charstring)])) as Cff['stream'];
    cff.topDict.CharStrings[5] = { offset: original.length, length: charstring.length };
    expect(() => withinCalls(font, () => font.getGlyph(5).path)).toThrow(TooManyCalls);
  });

  it('each glyph is counted from nothing: two glyphs of 40 KB each are both read', () => {
    const { font, cff } = japanese();
    forge(cff, [5, 6], { depth: 1, calls: 20, leaf: 2000 });
    expect(2 * 20 * 2000).toBeGreaterThan(MOST_BYTES);
    for (const gid of [5, 6]) expect(withinCalls(font, () => font.getGlyph(gid).path.commands).length).toBeGreaterThan(0);
  });

  it('font dictionaries that share their subroutines count each once', () => {
    const { font, cff } = japanese();
    forge(cff, [5], { depth: 1, calls: 20, leaf: 2000, local: true });
    const shared = cff.topDict.FDArray[cff.fdForGlyph(5)]!.Private;
    for (const dict of cff.topDict.FDArray) dict.Private = shared;
    expect(2 * 20 * 2000).toBeGreaterThan(MOST_BYTES);
    expect(withinCalls(font, () => font.getGlyph(5).path.commands).length).toBeGreaterThan(0);
  });

  it('a glyph within the count reads as without it', () => {
    const { font, cff } = japanese();
    forge(cff, [5], { depth: 2, calls: 3 });
    const plain = japanese().font;
    for (const id of [1, 20, 100]) expect(withinCalls(font, () => font.getGlyph(id).path.commands)).toEqual(plain.getGlyph(id).path.commands);
  });

  it('subroutines read outside a count are not counted (fontkit reads them all to subset)', () => {
    const { font, cff } = japanese();
    forge(cff, [5], { depth: 3, calls: 2 });
    withinCalls(font, () => font.getGlyph(1).path);
    let read = 0;
    for (let n = 0; n < MOST_BYTES + 10; n++) if (cff.globalSubrIndex[n % 3]) read++;
    expect(read).toBe(MOST_BYTES + 10);
  });

  it('the font book and the PDF subset refuse such a glyph in one line naming the font file', () => {
    const book = bookWith({ jp: JAPANESE });
    const face = book.face('jp', false, false);
    const cff = (face.font as unknown as Record<string, Cff>)['CFF ']!;
    // a million calls: fontkit alone would take seconds, and give a path
    forge(cff, [5, 6], { depth: 6, calls: 10 });
    const refused = (read: () => unknown): void => {
      try {
        read();
        expect.fail('read');
      } catch (e) {
        expect(e).toBeInstanceOf(ZineError);
        expect((e as ZineError).message).toMatch(/glyph \d+ cannot be drawn: the font is damaged/);
        expect((e as ZineError).where?.file).toContain(JAPANESE);
      }
    };
    refused(() => book.glyphExtent(face, 5));
    // a glyph the book never measured, which the subset runs to find the subroutines it keeps
    refused(() => new FontSubset(face, new Map([[6, [[0x4e00]]]])).streams());
  });
});
