import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { MOST_CALLS, TooManyCalls, withinCalls } from '../../src/font/charstrings.js';
import { ROOT } from '../support/fixtures.js';

interface Entry {
  offset: number;
  length: number;
}
interface Cff {
  globalSubrIndex: Entry[];
  topDict: { CharStrings: Entry[] };
}

/** A Type 2 charstring operand: a 16-bit integer (operator 28 and two bytes). */
const operand = (n: number): number[] => [28, (n >> 8) & 0xff, n & 0xff];
const CALLGSUBR = 29;
const RETURN = 11;
const ENDCHAR = 14;

/**
 * The Japanese test font with forged global subroutines, written past the
 * end of its file and put in place of fontkit's reading of them: each of
 * `depth` calls the next `calls` times. Glyph `glyph`'s charstring calls the
 * first: calls^depth subroutine calls in all.
 */
function forged(depth: number, calls: number, glyph: number): fontkit.Font {
  const file = readFileSync(join(ROOT, 'test', 'fixtures', 'fonts', 'NotoSerifCJKJP-Subset.otf'));
  // fontkit's subroutine numbers are biased by 107 for a list of fewer than 1240
  const bias = 107;
  const programs = Array.from({ length: depth + 1 }, (_, i) => (i < depth
    ? [...Array.from({ length: calls }, () => [...operand(i + 1 - bias), CALLGSUBR]).flat(), RETURN]
    : [RETURN]));
  const charstring = [...operand(-bias), CALLGSUBR, ENDCHAR];
  const tail = [...programs, charstring];
  const data = Buffer.concat([file, Buffer.from(tail.flat())]);
  const font = fontkit.create(data) as fontkit.Font;
  const cff = (font as unknown as Record<string, Cff>)['CFF ']!;
  let at = file.length;
  const entries = tail.map((bytes) => {
    const entry = { offset: at, length: bytes.length };
    at += bytes.length;
    return entry;
  });
  cff.globalSubrIndex = entries.slice(0, -1);
  cff.topDict.CharStrings[glyph] = entries[entries.length - 1]!;
  return font;
}

describe('CFF subroutines counted as fontkit runs them', () => {
  it('a glyph whose subroutines would make ten billion calls is refused at the count', () => {
    const font = forged(10, 10, 5);
    const started = performance.now();
    expect(() => withinCalls(font, () => font.getGlyph(5).path)).toThrow(TooManyCalls);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('a glyph within the count is run as without it, and the count starts again for each', () => {
    // 10^4 calls: many more than a real glyph, well within the count
    const font = forged(4, 10, 5);
    expect(10 ** 4).toBeLessThan(MOST_CALLS);
    for (let i = 0; i < 3; i++) expect(withinCalls(font, () => font.getGlyph(5).path.commands)).toEqual([]);
    const plain = fontkit.create(readFileSync(join(ROOT, 'test', 'fixtures', 'fonts', 'NotoSerifCJKJP-Subset.otf'))) as fontkit.Font;
    for (const id of [1, 20, 100]) {
      expect(withinCalls(font, () => font.getGlyph(id).path.commands)).toEqual(plain.getGlyph(id).path.commands);
    }
  });

  it('subroutines read outside a count are not refused (fontkit reads them all to subset)', () => {
    const font = forged(3, 2, 5);
    withinCalls(font, () => font.getGlyph(1).path);
    const cff = (font as unknown as Record<string, Cff>)['CFF ']!;
    let read = 0;
    for (let n = 0; n < MOST_CALLS + 10; n++) if (cff.globalSubrIndex[n % 3]) read++;
    expect(read).toBe(MOST_CALLS + 10);
  });
});
