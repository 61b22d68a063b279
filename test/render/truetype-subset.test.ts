import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { trueTypeSubset } from '../../src/render/truetype-subset.js';
import { ROOT } from '../support/fixtures.js';

/** Every TrueType font the tool ships and the tests use (a collection's CFF faces are fontkit's to subset). */
const FONTS = [
  ...readdirSync(join(ROOT, 'fonts')).filter((f) => f.endsWith('.ttf')).map((f) => join(ROOT, 'fonts', f)),
  ...readdirSync(join(ROOT, 'test', 'fixtures', 'fonts')).filter((f) => f.endsWith('.ttf')).map((f) => join(ROOT, 'test', 'fixtures', 'fonts', f)),
];

interface Directory {
  tables: Record<string, { offset: number; length: number } | undefined>;
}

/** The font, and its tables as the file holds them. */
function open(file: string): { font: fontkit.Font; table: (tag: string) => Uint8Array | undefined } {
  const data = readFileSync(file);
  const font = fontkit.create(data) as fontkit.Font;
  const { tables } = (font as unknown as { directory: Directory }).directory;
  return { font, table: (tag) => { const t = tables[tag]; return t && data.subarray(t.offset, t.offset + t.length); } };
}

/** fontkit's subset of the same glyphs, and the numbers it gave them. */
function fontkitSubset(font: fontkit.Font, glyphs: readonly number[]): { program: Uint8Array; numbers: number[] } {
  const subset = font.createSubset();
  const numbers = glyphs.map((id) => subset.includeGlyph(font.getGlyph(id)) as unknown as number);
  return { program: subset.encode(), numbers };
}

/** A reproducible spread of glyph ids: `count` of them below `below`, with repeats. */
function spread(count: number, below: number, seed: number): number[] {
  let s = seed;
  return Array.from({ length: count }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % below;
  });
}

describe('TrueType subsets', () => {
  for (const file of FONTS) {
    it(`are fontkit's, byte for byte: ${file.slice(ROOT.length)}`, () => {
      const { font, table } = open(file);
      const all = Array.from({ length: font.numGlyphs }, (_, i) => i);
      // compound glyphs (accented letters) among them, whose components come after the glyphs asked for
      const sets = [[], [3], all.slice(0, 40), all.slice().reverse().slice(0, 60), spread(200, font.numGlyphs, 7), spread(30, font.numGlyphs, 99), all];
      for (const glyphs of sets) {
        const ours = trueTypeSubset(table, glyphs);
        expect(ours, `${glyphs.length} glyphs`).toBeDefined();
        const theirs = fontkitSubset(font, glyphs);
        expect(ours!.numbers).toEqual(theirs.numbers);
        expect(Buffer.from(ours!.program).equals(Buffer.from(theirs.program)), `${glyphs.length} glyphs`).toBe(true);
      }
    });
  }

  it('counts compound glyphs among the fonts compared: their components are renumbered', () => {
    const { font } = open(join(ROOT, 'fonts', 'NotoSerif-Regular.ttf'));
    const compound = Array.from({ length: font.numGlyphs }, (_, i) => i).filter((id) => {
      const g = font.getGlyph(id) as unknown as { _decode(): { numberOfContours: number } | null };
      return (g._decode()?.numberOfContours ?? 0) < 0;
    });
    expect(compound.length).toBeGreaterThan(100);
  });

  it('leaves to fontkit what it cannot copy: a font without glyf, or a table shorter than it says', () => {
    const { table } = open(join(ROOT, 'fonts', 'NotoSerif-Regular.ttf'));
    expect(trueTypeSubset((tag) => (tag === 'glyf' ? undefined : table(tag)), [1])).toBeUndefined();
    expect(trueTypeSubset((tag) => (tag === 'maxp' ? table(tag)!.subarray(0, 6) : table(tag)), [1])).toBeUndefined();
    expect(trueTypeSubset((tag) => (tag === 'loca' ? table(tag)!.subarray(0, 8) : table(tag)), [1])).toBeUndefined();
    expect(trueTypeSubset(table, [1_000_000])).toBeUndefined();
  });

  it('leaves to fontkit a hostile glyf or loca: offsets that run backwards or past the table, a compound glyph whose records run past it', () => {
    const { font, table } = open(join(ROOT, 'fonts', 'NotoSerif-Regular.ttf'));
    const loca = Buffer.from(table('loca')!);
    // long offsets (indexToLocFormat 1): glyph 5 ending before it starts, glyph 6 ending past the glyf table
    loca.writeUInt32BE(loca.readUInt32BE(5 * 4) - 2, 6 * 4);
    expect(trueTypeSubset((tag) => (tag === 'loca' ? loca : table(tag)), [5])).toBeUndefined();
    const past = Buffer.from(table('loca')!);
    past.writeUInt32BE(table('glyf')!.length + 4, 7 * 4);
    expect(trueTypeSubset((tag) => (tag === 'loca' ? past : table(tag)), [6])).toBeUndefined();
    // a compound glyph cut after its header and first record's flags: its records say more follow
    const compound = Array.from({ length: font.numGlyphs }, (_, i) => i).find((id) => {
      const g = font.getGlyph(id) as unknown as { _decode(): { numberOfContours: number } | null };
      return (g._decode()?.numberOfContours ?? 0) < 0;
    })!;
    const original = table('loca')!;
    const start = Buffer.from(original).readUInt32BE(compound * 4);
    const cut = Buffer.from(original);
    cut.writeUInt32BE(start + 12, (compound + 1) * 4);
    const glyf = Buffer.from(table('glyf')!);
    glyf.writeUInt16BE(0x20, start + 10);
    expect(trueTypeSubset((tag) => (tag === 'loca' ? cut : tag === 'glyf' ? glyf : table(tag)), [compound])).toBeUndefined();
    // the font file itself is left as it was: its own subset is fontkit's, byte for byte
    expect(Buffer.from(trueTypeSubset(table, [compound])!.program).equals(Buffer.from(fontkitSubset(font, [compound]).program))).toBe(true);
  });
});
