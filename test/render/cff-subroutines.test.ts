import { inflateSync } from 'node:zlib';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { bias, encodeInteger, renumberSubroutines, type Charstrings, type Subroutines } from '../../src/render/cff-subroutines.js';
import { FontSubset } from '../../src/render/pdf-fonts.js';
import type { Face } from '../../src/font/book.js';
import { bookWith } from '../support/fixtures.js';

/** A CFF table as a font fontkit opens: the table with the head and a maxp of its glyphs. */
function openCff(cff: Uint8Array, like: Face, glyphs: number): fontkit.Font {
  const maxp = Buffer.alloc(6);
  maxp.writeUInt32BE(0x00005000, 0);
  maxp.writeUInt16BE(glyphs, 4);
  const tables: [string, Uint8Array][] = [['CFF ', cff], ['head', like.table('head')!], ['maxp', maxp]];
  const header = Buffer.alloc(12 + 16 * tables.length);
  header.write('OTTO', 0, 'latin1');
  header.writeUInt16BE(tables.length, 4);
  let offset = header.length;
  const bodies = tables.map(([tag, data], i) => {
    header.write(tag, 12 + 16 * i, 'latin1');
    header.writeUInt32BE(offset, 12 + 16 * i + 8);
    header.writeUInt32BE(data.length, 12 + 16 * i + 12);
    const padded = Buffer.alloc((data.length + 3) & ~3);
    padded.set(data);
    offset += padded.length;
    return padded;
  });
  return fontkit.create(Buffer.concat([header, ...bodies])) as fontkit.Font;
}

interface SubroutineCounts {
  globals: number;
  /** Each font dictionary's, or the one private dictionary's of a font keyed by glyph names. */
  locals: number[];
}

/** fontkit's reading of a face's CFF table, as far as its subroutines go. */
const subroutinesOf = (font: fontkit.Font): SubroutineCounts => {
  type Dict = { Private?: { Subrs?: unknown[] } };
  const cff = (font as unknown as Record<string, { globalSubrIndex: unknown[]; topDict: Dict & { FDArray?: Dict[] } }>)['CFF ']!;
  const dicts = cff.topDict.FDArray ?? [cff.topDict];
  return { globals: cff.globalSubrIndex.length, locals: dicts.map((d) => d.Private?.Subrs?.length ?? 0) };
};

/** The subset of `text` in `face`, each glyph checked to draw as in the face; the subroutines the subset and the face have. */
function subsetDrawnAlike(face: Face, text: string): { kept: SubroutineCounts; all: SubroutineCounts } {
  const ids = [...new Set([...text].map((c) => face.font.glyphForCodePoint(c.codePointAt(0)!).id))];
  const subset = new FontSubset(face, new Map(ids.map((id) => [id, [[face.font.getGlyph(id).codePoints[0]!]]])));
  const program = inflateSync(subset.streams().program);
  const embedded = openCff(program, face, ids.length + 1);
  // the subset's glyphs are .notdef and those of the text, in the order of their ids
  [0, ...[...ids].sort((a, b) => a - b)].forEach((id, i) => {
    expect(embedded.getGlyph(i).path.toSVG(), `glyph ${id}`).toBe(face.font.getGlyph(id).path.toSVG());
  });
  return { kept: subroutinesOf(embedded), all: subroutinesOf(face.font) };
}

const sum = (counts: number[]): number => counts.reduce((a, b) => a + b, 0);

describe('a CFF subset\'s subroutines', () => {
  it('are those its glyphs call, renumbered, and each glyph draws as in the face', () => {
    // a few characters of Noto Serif CJK JP, hinted, with its global and local subroutines
    const face = bookWith({ cjk: 'NotoSerifCJKJP-subroutines.otf' }).face('cjk', false, false);
    const { kept, all } = subsetDrawnAlike(face, '作る雑誌');
    expect(all.globals).toBe(37);
    expect(kept.globals).toBeGreaterThan(0);
    expect(kept.globals).toBeLessThan(all.globals);
    expect(sum(kept.locals)).toBeLessThan(sum(all.locals));
  });

  it('are renumbered in a font keyed by glyph names, its one private dictionary\'s made the subset\'s one font dictionary\'s', () => {
    // a few letters of EB Garamond, hinted, with local subroutines only
    const face = bookWith({ latin: 'EBGaramond-subroutines.otf' }).face('latin', false, false);
    const { kept, all } = subsetDrawnAlike(face, 'fold');
    expect(all).toEqual({ globals: 0, locals: [37] });
    expect(kept.globals).toBe(0);
    expect(kept.locals).toHaveLength(1);
    expect(kept.locals[0]).toBeGreaterThan(0);
    expect(kept.locals[0]).toBeLessThan(37);
  });
});

const list = (...subroutines: number[][]): Subroutines => ({ count: subroutines.length, get: (i) => Uint8Array.from(subroutines[i]!) });
/** A call of subroutine `index` of `count`: its operand as Type 2 writes it, then the operator (10 callsubr, 29 callgsubr). */
const call = (index: number, count: number, operator: number): number[] => [...encodeInteger(index - bias(count)), operator];
const [CALLSUBR, CALLGSUBR, RETURN, ENDCHAR, HSTEM, HINTMASK, CNTRMASK, RLINETO] = [10, 29, 11, 14, 1, 19, 20, 5];

function charstrings(glyphs: number[][], fontDicts: number[], globals: Subroutines, locals: Subroutines[]): Charstrings {
  return { glyphs: glyphs.map((g) => Uint8Array.from(g)), fontDicts, globals, locals };
}

describe('renumbering subroutines', () => {
  it('writes a call anew in the shortest form its new number takes, the bias of the fewer subroutines kept', () => {
    // 1300 local subroutines (bias 1131): the 1250th is called with 119, two bytes; alone it is called with -107, one byte
    const locals = list(...Array.from({ length: 1300 }, (_, i) => [139 + (i % 100), 139, RLINETO, RETURN]));
    expect(call(1250, 1300, CALLSUBR)).toEqual([247, 11, CALLSUBR]);
    const renumbered = renumberSubroutines(charstrings([[...call(1250, 1300, CALLSUBR), ENDCHAR]], [0], list(), [locals]))!;
    expect([...renumbered.glyphs[0]!]).toEqual([32, CALLSUBR, ENDCHAR]);
    expect(renumbered.locals[0]!.map((s) => [...s])).toEqual([[139 + 50, 139, RLINETO, RETURN]]);
    expect(renumbered.globals).toEqual([]);
  });

  it('keeps the order of the subroutines kept, and follows calls within them', () => {
    const globals = list([RETURN], [...call(3, 4, CALLSUBR), RETURN], [RETURN], [139, 139, RLINETO, RETURN]);
    const locals = list([RETURN], [RETURN], [RETURN], [139, 140, RLINETO, RETURN]);
    const renumbered = renumberSubroutines(charstrings([[...call(3, 4, CALLGSUBR), ...call(1, 4, CALLGSUBR), ENDCHAR]], [0], globals, [locals]))!;
    // globals 1 and 3 become 0 and 1; local 3, called from global 1, becomes 0
    expect([...renumbered.glyphs[0]!]).toEqual([...call(1, 2, CALLGSUBR), ...call(0, 2, CALLGSUBR), ENDCHAR]);
    expect(renumbered.globals.map((s) => [...s])).toEqual([[...call(0, 1, CALLSUBR), RETURN], [139, 139, RLINETO, RETURN]]);
    expect(renumbered.locals[0]!.map((s) => [...s])).toEqual([[139, 140, RLINETO, RETURN]]);
  });

  it('reads a counter mask as a hint mask, a 16.16 operand as its number, and stops a glyph where a subroutine ends it', () => {
    // two stems: the counter mask is one byte (0x1c, which as an operator would be a number's first byte)
    const globals = list([RETURN], [139, 139, RLINETO, ENDCHAR]);
    const locals = list(...Array.from({ length: 3 }, () => [RETURN]));
    // global 1 called with -106 written as 16.16 (255 ff96 0000); after it ends the glyph, a call of no subroutine is never run
    const glyph = [139, 139, 139, 139, HSTEM, CNTRMASK, 0x1c, 255, 0xff, 0x96, 0, 0, CALLGSUBR, 139 + 100, CALLSUBR];
    const renumbered = renumberSubroutines(charstrings([glyph], [0], globals, [locals]))!;
    expect([...renumbered.glyphs[0]!]).toEqual([139, 139, 139, 139, HSTEM, CNTRMASK, 0x1c, ...call(0, 1, CALLGSUBR), 139 + 100, CALLSUBR]);
    expect(renumbered.globals).toHaveLength(1);
    expect(renumbered.locals[0]).toEqual([]);
  });

  it('leaves the numbering where a call is of no subroutine, nests too deep or stacks too many operands', () => {
    const locals = list([RETURN], [...call(1, 2, CALLSUBR), RETURN]);
    expect(renumberSubroutines(charstrings([[...call(2, 2, CALLSUBR), ENDCHAR]], [0], list(), [locals]))).toBeUndefined();
    expect(renumberSubroutines(charstrings([[...encodeInteger(-108), CALLSUBR, ENDCHAR]], [0], list(), [locals]))).toBeUndefined();
    // a subroutine calling itself
    expect(renumberSubroutines(charstrings([[...call(1, 2, CALLSUBR), ENDCHAR]], [0], list(), [locals]))).toBeUndefined();
    expect(renumberSubroutines(charstrings([[...new Array<number>(48).fill(139), RLINETO, ENDCHAR]], [0], list(), [locals]))).toBeDefined();
    expect(renumberSubroutines(charstrings([[...new Array<number>(49).fill(139), RLINETO, ENDCHAR]], [0], list(), [locals]))).toBeUndefined();
  });

  it('leaves the numbering where a call\'s number is worked out', () => {
    // 1 + 2, added by the charstring (12 10): which subroutine it calls is known only by running the arithmetic
    const locals = list(...Array.from({ length: 200 }, () => [RETURN]));
    expect(renumberSubroutines(charstrings([[140, 141, 12, 10, CALLSUBR, ENDCHAR]], [0], list(), [locals]))).toBeUndefined();
  });

  it('leaves the numbering where a subroutine is read two ways (its hint mask after a different count of stems)', () => {
    // after two stems the mask is one byte, and 28 32 140 is one number (8332: global 9463); after ten stems the mask is
    // two bytes, and 32 140 are two numbers (the second, 1: global 1132)
    const read = [HINTMASK, 0xff, 28, 32, 140, CALLGSUBR, RETURN];
    const globals = list(...Array.from({ length: 10_000 }, (_, i) => (i === 0 ? read : [RETURN])));
    const stems = (n: number): number[] => [...new Array<number>(2 * n).fill(139), HSTEM];
    const after = (n: number): number[] => [...stems(n), ...call(0, 10_000, CALLGSUBR), ENDCHAR];
    expect(renumberSubroutines(charstrings([after(2)], [0], globals, [list()]))!.globals).toHaveLength(2);
    expect(renumberSubroutines(charstrings([after(10)], [0], globals, [list()]))!.globals).toHaveLength(2);
    expect(renumberSubroutines(charstrings([after(2), after(10)], [0, 0], globals, [list()]))).toBeUndefined();
  });

  it('leaves the numbering where a global subroutine calls the local ones of two font dictionaries', () => {
    const globals = list([...call(0, 1, CALLSUBR), RETURN]);
    const locals = [list([139, 139, RLINETO, RETURN]), list([140, 140, RLINETO, RETURN])];
    expect(renumberSubroutines(charstrings([[...call(0, 1, CALLGSUBR), ENDCHAR]], [0], globals, locals))).toBeDefined();
    expect(renumberSubroutines(charstrings([[...call(0, 1, CALLGSUBR), ENDCHAR], [...call(0, 1, CALLGSUBR), ENDCHAR]], [0, 1], globals, locals))).toBeUndefined();
  });

  it('leaves the numbering where a glyph runs more than any glyph does', () => {
    // each subroutine calls the next twice, six deep: 64 calls of the last, of 2 KB each, 128 KB in all
    const last = [...Array.from({ length: 666 }, () => [139, 139, RLINETO]).flat(), RETURN];
    const globals = (deep: number): Subroutines => list(...Array.from({ length: deep + 1 }, (_, i) => (i < deep ? [...call(i + 1, deep + 1, CALLGSUBR), ...call(i + 1, deep + 1, CALLGSUBR), RETURN] : last)));
    expect(renumberSubroutines(charstrings([[...call(0, 6, CALLGSUBR), ENDCHAR]], [0], globals(5), [list()]))).toBeDefined();
    expect(renumberSubroutines(charstrings([[...call(0, 7, CALLGSUBR), ENDCHAR]], [0], globals(6), [list()]))).toBeUndefined();
  });
});
