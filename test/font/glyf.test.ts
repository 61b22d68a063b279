import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { DamagedGlyph, glyfOf, outlineBox, outlinePath, type Glyf } from '../../src/font/glyf.js';
import { ROOT } from '../support/fixtures.js';

const fixture = (name: string): string => join(ROOT, 'test', 'fixtures', 'fonts', name);
const shipped = (name: string): string => join(ROOT, 'fonts', name);
/** Every TrueType font the tests use, and two the tool ships, every glyph of each: the other shipped fonts a spread of them. */
const WHOLE = [
  ...readdirSync(join(ROOT, 'test', 'fixtures', 'fonts')).filter((f) => f.endsWith('.ttf')).map(fixture),
  shipped('NotoSerif-Regular.ttf'), shipped('NotoNaskhArabic-Regular.ttf'),
];
const SPREAD = readdirSync(join(ROOT, 'fonts')).filter((f) => f.endsWith('.ttf')).map(shipped).filter((f) => !WHOLE.includes(f));

interface Directory {
  tables: Record<string, { offset: number; length: number } | undefined>;
}

/** The font as fontkit reads it, and its glyf table as ours reads it, from the same bytes. */
function open(data: Buffer): { font: fontkit.Font; glyf: Glyf } {
  const font = fontkit.create(data) as fontkit.Font;
  const { tables } = (font as unknown as { directory: Directory }).directory;
  const glyf = glyfOf((tag) => {
    const t = tables[tag];
    return t && data.subarray(t.offset, t.offset + t.length);
  });
  if (!glyf) throw new Error('no glyf table');
  return { font, glyf };
}

function expectFontkitOutlines(font: fontkit.Font, glyf: Glyf, ids: Iterable<number>, file: string): void {
  for (const id of ids) {
    const ours = outlineBox(glyf, id);
    expect(ours, `${file} glyph ${id}`).toBeDefined();
    const theirs = font.getGlyph(id).bbox;
    // exactly: Object.is tells -0 and NaN apart as well
    for (const side of ['minX', 'minY', 'maxX', 'maxY'] as const) {
      if (!Object.is(ours![side], theirs[side])) expect.fail(`${file} glyph ${id} ${side}: ${ours![side]}, fontkit ${theirs[side]}`);
    }
    // and the path the preview draws, command for command
    const path = outlinePath(glyf, id);
    const commands = (font.getGlyph(id).path as unknown as { commands: { command: string; args: number[] }[] }).commands;
    if (path.length !== commands.length || path.some((c, i) => c.command !== commands[i]!.command || c.args.some((a, k) => !Object.is(a, commands[i]!.args[k])))) {
      expect.fail(`${file} glyph ${id}: a path unlike fontkit's`);
    }
  }
}

/** Where each glyph's data starts in the file, and where a simple glyph's flags begin, with the flag of each point. */
function simpleGlyph(data: Buffer, glyf: Glyf, id: number): { start: number; flagAt: number[] } | undefined {
  const tableStart = glyf.glyf.byteOffset - data.byteOffset;
  const start = tableStart + glyf.offset(id);
  if (glyf.offset(id) === glyf.offset(id + 1) || data.readInt16BE(start) <= 0) return undefined;
  const contours = data.readInt16BE(start);
  const count = data.readUInt16BE(start + 10 + (contours - 1) * 2) + 1;
  let at = start + 10 + contours * 2;
  at += 2 + data.readUInt16BE(at);
  // the byte of each point's flag; a repeated flag is one byte for several points
  const flagAt: number[] = [];
  while (flagAt.length < count) {
    const flag = data[at]!;
    flagAt.push(at);
    if (flag & 8) {
      for (let r = data[at + 1]!; r > 0; r--) flagAt.push(at);
      at += 2;
    } else at++;
  }
  return { start, flagAt };
}

describe('glyph boxes from the glyf table', () => {
  for (const file of WHOLE) {
    it(`are fontkit's for every glyph: ${file.slice(ROOT.length)}`, () => {
      const { font, glyf } = open(readFileSync(file));
      expectFontkitOutlines(font, glyf, Array.from({ length: font.numGlyphs }, (_, i) => i), file);
    });
  }

  it('are fontkit\'s for a spread of glyphs of the other shipped fonts', () => {
    for (const file of SPREAD) {
      const { font, glyf } = open(readFileSync(file));
      const step = Math.max(1, Math.floor(font.numGlyphs / 300));
      expectFontkitOutlines(font, glyf, Array.from({ length: Math.ceil(font.numGlyphs / step) }, (_, i) => i * step), file);
    }
  });

  it('compare compound glyphs, scaled ones among them', () => {
    const { font } = open(readFileSync(shipped('NotoSerif-Regular.ttf')));
    const decoded = Array.from({ length: font.numGlyphs }, (_, id) => (font.getGlyph(id) as unknown as { _decode(): { numberOfContours: number; components?: { scaleX: number }[] } | null })._decode());
    const compound = decoded.filter((d) => d && d.numberOfContours < 0);
    expect(compound.length).toBeGreaterThan(1000);
    expect(compound.filter((d) => d!.components!.some((c) => c.scaleX !== 1)).length).toBeGreaterThan(100);
  });

  it('start a contour as fontkit does where its first point is off the curve, its last on it or off it too', () => {
    // no shipped font has such contours: some are made by taking the first point, and then the last, off the curve, in
    // glyphs whose first point alone reaches furthest one way, so that where the contour starts changes the box
    const data = Buffer.from(readFileSync(shipped('NotoSerif-Regular.ttf')));
    const { font: original, glyf } = open(data);
    const changed: number[] = [];
    for (let id = 1; id < glyf.numGlyphs && changed.length < 40; id++) {
      const simple = simpleGlyph(data, glyf, id);
      if (!simple) continue;
      const { flagAt } = simple;
      const [first, last] = [flagAt[0]!, flagAt[flagAt.length - 1]!];
      // a flag byte of its own, not one a repeat shares with other points
      if (first === flagAt[1] || last === flagAt[flagAt.length - 2] || first === last || !(data[first]! & 1)) continue;
      const points = (original.getGlyph(id) as unknown as { _getContours(): { x: number; y: number }[][] })._getContours().flat();
      const [p, others] = [points[0]!, points.slice(1)];
      if (!(others.every((o) => o.x > p.x) || others.every((o) => o.x < p.x) || others.every((o) => o.y > p.y) || others.every((o) => o.y < p.y))) continue;
      data[first]! &= ~1;
      if (changed.length % 2 === 1) data[last]! &= ~1;
      changed.push(id);
    }
    expect(changed.length).toBe(40);
    const { font, glyf: changedGlyf } = open(data);
    expectFontkitOutlines(font, changedGlyf, changed, 'NotoSerif-Regular.ttf, changed');
  });

  it('refuse a glyph whose data runs past its end, repeats past its points, is made of itself or of a glyph the font lacks', () => {
    const original = readFileSync(shipped('NotoSerif-Regular.ttf'));
    const { glyf } = open(original);
    const simple = Array.from({ length: glyf.numGlyphs }, (_, id) => id).find((id) => simpleGlyph(original, glyf, id) !== undefined)!;
    expect(outlineBox(glyf, simple)).toBeDefined();

    // the glyph's end brought forward in loca: into its contours' ends, and to where its coordinates start
    const { start, flagAt: flagsOf } = simpleGlyph(original, glyf, simple)!;
    const glyfStart = glyf.glyf.byteOffset - original.byteOffset;
    const locaStart = (fontkit.create(original) as unknown as { directory: Directory }).directory.tables.loca!.offset;
    for (const end of [start + 12, flagsOf[flagsOf.length - 1]! + 2]) {
      const cut = Buffer.from(original);
      const cutGlyf = open(cut).glyf;
      // a short loca counts in twos
      const even = end + (end % 2);
      if (cutGlyf.longLoca) cut.writeUInt32BE(even - glyfStart, locaStart + (simple + 1) * 4);
      else cut.writeUInt16BE((even - glyfStart) / 2, locaStart + (simple + 1) * 2);
      expect(cutGlyf.offset(simple + 1)).toBe(even - glyfStart);
      expect(() => outlineBox(cutGlyf, simple)).toThrow(DamagedGlyph);
    }

    // a repeated flag made to repeat once more than the glyph has points
    const repeated = Buffer.from(original);
    const repeatedGlyf = open(repeated).glyf;
    const ending = Array.from({ length: repeatedGlyf.numGlyphs }, (_, id) => id).find((id) => {
      const flags = simpleGlyph(repeated, repeatedGlyf, id)?.flagAt;
      return flags && flags.length > 2 && flags[flags.length - 1] === flags[flags.length - 2];
    });
    const { flagAt } = simpleGlyph(repeated, repeatedGlyf, ending!)!;
    expect(outlineBox(repeatedGlyf, ending!)).toBeDefined();
    repeated[flagAt[flagAt.length - 1]! + 1]! += 1;
    expect(() => outlineBox(repeatedGlyf, ending!)).toThrow(DamagedGlyph);

    // a compound glyph whose first component is itself, then one the font lacks (fontkit takes it for an empty glyph)
    for (const component of ['itself', 65535] as const) {
      const changed = Buffer.from(original);
      const changedGlyf = open(changed).glyf;
      const compound = Array.from({ length: changedGlyf.numGlyphs }, (_, id) => id)
        .find((id) => changedGlyf.offset(id) !== changedGlyf.offset(id + 1) && changedGlyf.data.getInt16(changedGlyf.offset(id)) < 0)!;
      expect(outlineBox(changedGlyf, compound)).toBeDefined();
      changedGlyf.data.setUint16(changedGlyf.offset(compound) + 12, component === 'itself' ? compound : component);
      expect(() => outlineBox(changedGlyf, compound)).toThrow(DamagedGlyph);
    }
  });

  it('refuse compound glyphs of many of each other, down to glyphs of points or of none, before they are expanded', () => {
    const original = readFileSync(shipped('NotoSerif-Regular.ttf'));
    const space = (fontkit.create(original) as fontkit.Font).glyphForCodePoint(0x20).id;
    for (const leaf of ['points', 'none'] as const) {
      const data = Buffer.from(original);
      const { glyf } = open(data);
      const length = (id: number): number => glyf.offset(id + 1) - glyf.offset(id);
      // glyphs with room for thirty component records each, the last of the chain a simple glyph, or the empty space
      const roomy = Array.from({ length: glyf.numGlyphs }, (_, id) => id).filter((id) => length(id) >= 10 + 6 * 30 && glyf.data.getInt16(glyf.offset(id)) > 0);
      const chain = [...roomy.slice(0, 6), ...(leaf === 'none' ? [space] : [])];
      chain.slice(0, -1).forEach((id, step) => {
        const at = glyf.offset(id);
        glyf.data.setInt16(at, -1);
        for (let k = 0; k < 30; k++) {
          // more components after it but for the last; byte offsets
          glyf.data.setUint16(at + 10 + 6 * k, k < 29 ? 0x0020 : 0);
          glyf.data.setUint16(at + 12 + 6 * k, chain[step + 1]!);
          glyf.data.setUint16(at + 14 + 6 * k, 0);
        }
      });
      const started = performance.now();
      expect(() => outlineBox(glyf, chain[0]!), leaf).toThrow(DamagedGlyph);
      expect(performance.now() - started).toBeLessThan(2000);
    }
  });
});
