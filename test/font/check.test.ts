import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checksum, fontProblem } from '../../src/font/check.js';
import { ROOT } from '../support/fixtures.js';

const serif = readFileSync(join(ROOT, 'fonts', 'NotoSerif-Regular.ttf'));

/** Where each table's directory record and data are. */
function tables(font: Buffer): Map<string, { record: number; offset: number; length: number }> {
  const out = new Map<string, { record: number; offset: number; length: number }>();
  for (let i = 0; i < font.readUInt16BE(4); i++) {
    const record = 12 + 16 * i;
    out.set(font.toString('latin1', record, record + 4), { record, offset: font.readUInt32BE(record + 8), length: font.readUInt32BE(record + 12) });
  }
  return out;
}

/** A copy of the font with `change` made to it; with `fixChecksum`, the changed table's checksum made to match, as a forger would. */
function damaged(change: (font: Buffer, t: ReturnType<typeof tables>) => void, fixChecksum?: string): Buffer {
  const font = Buffer.from(serif);
  const t = tables(font);
  change(font, t);
  if (fixChecksum) {
    const { record, offset, length } = t.get(fixChecksum)!;
    font.writeUInt32BE(checksum(font, offset, length, fixChecksum === 'head'), record + 4);
  }
  return font;
}

describe('fontProblem', () => {
  it('finds nothing wrong with the fonts the example uses', () => {
    const files = readdirSync(join(ROOT, 'fonts')).filter((f) => f.endsWith('.ttf'));
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) expect(fontProblem(readFileSync(join(ROOT, 'fonts', f))), f).toBeUndefined();
  });

  it('finds a font cut off anywhere', () => {
    for (const length of [0, 6, 100, 300, 20_000, 300_000, serif.length - 1]) {
      expect(fontProblem(serif.subarray(0, length)), `cut at ${length}`).toMatch(/^cut off/);
    }
  });

  it('finds tables pointing past the end of the file or into the table directory', () => {
    expect(fontProblem(damaged((f, t) => f.writeUInt32BE(serif.length - 10, t.get('glyf')!.record + 8)))).toBe('cut off: its glyf table runs past the end of the file');
    expect(fontProblem(damaged((f, t) => f.writeUInt32BE(0x7fffffff, t.get('cmap')!.record + 12)))).toBe('cut off: its cmap table runs past the end of the file');
    expect(fontProblem(damaged((f, t) => f.writeUInt32BE(16, t.get('OS/2')!.record + 8)))).toBe('its OS/2 table overlaps its table directory');
  });

  it('finds the tables a font needs missing', () => {
    expect(fontProblem(damaged((f, t) => f.write('cmaq', t.get('cmap')!.record, 'latin1')))).toBe('it has no cmap table');
    expect(fontProblem(damaged((f, t) => {
      f.write('gly_', t.get('glyf')!.record, 'latin1');
      f.write('loc_', t.get('loca')!.record, 'latin1');
    }))).toBe('it has no glyf, loca tables');
  });

  it('finds damaged tables by their checksums, the head table\'s own adjustment left out', () => {
    for (const tag of ['glyf', 'loca', 'cmap', 'hmtx', 'GPOS', 'head', 'name']) {
      const font = damaged((f, t) => {
        const { offset, length } = t.get(tag)!;
        // bytes in the middle overwritten, as a bad download or a disk error would
        f.fill(0xff, offset + Math.floor(length / 2), offset + Math.floor(length / 2) + 2);
      });
      expect(fontProblem(font), tag).toBe(`its ${tag} table is damaged (checksum)`);
    }
    // checkSumAdjustment covers the whole file, not the head table
    expect(fontProblem(damaged((f, t) => f.writeUInt32BE(0x12345678, t.get('head')!.offset + 8)))).toBeUndefined();
  });

  it('sums a table as big-endian words, aligned or not, however many bytes of 0xff it holds', () => {
    const wordByWord = (data: Uint8Array, offset: number, length: number): number => {
      let sum = 0;
      for (let i = 0; i < length; i += 4) {
        let word = 0;
        for (let k = 0; k < 4; k++) word = word * 256 + (i + k < length ? data[offset + i + k]! : 0);
        sum = (sum + word) % 2 ** 32;
      }
      return sum;
    };
    // all 0xff: every lane of the word-at-a-time sum at its fullest, over many rounds
    const full = new Uint8Array(64 * 1024 + 7).fill(0xff);
    let seed = 7;
    const noise = new Uint8Array(10_000).map(() => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff);
    for (const data of [full, noise, serif]) {
      for (const [offset, length] of [[0, data.length], [4, 4001], [1, 3999], [3, 1027], [8, 0], [12, 3]] as const) {
        expect(checksum(data, offset, Math.min(length, data.length - offset)), `${offset} ${length}`).toBe(wordByWord(data, offset, Math.min(length, data.length - offset)));
      }
    }
    // a view into a larger buffer, its words unaligned in memory
    const inner = new Uint8Array(noise.buffer, 1, 5000);
    expect(checksum(inner, 0, 5000)).toBe(wordByWord(inner, 0, 5000));
  });
  it('finds a forged font whose sizes disagree, checksums and all', () => {
    // a glyph of the loca table past the end of glyf
    const loca = damaged((f, t) => f.writeUInt32BE(0xfffffff0, t.get('loca')!.offset + 8), 'loca');
    const long = serif.readInt16BE(tables(serif).get('head')!.offset + 50) === 1;
    expect(long).toBe(true);
    expect(fontProblem(loca)).toBe('its loca table points outside its glyf table');
    // more glyphs than metrics and outlines
    expect(fontProblem(damaged((f, t) => f.writeUInt16BE(65535, t.get('maxp')!.offset + 4), 'maxp'))).toBe('its hmtx table does not cover its glyphs');
    expect(fontProblem(damaged((f, t) => f.writeUInt16BE(0, t.get('hhea')!.offset + 34), 'hhea'))).toBe('its hmtx table does not cover its glyphs');
  });

  it('reads a face of a collection from its own table directory', () => {
    // one face behind a collection's header: its tables are where they were, 16 bytes later
    const header = Buffer.alloc(16);
    header.write('ttcf', 0, 'latin1');
    header.writeUInt32BE(0x00010000, 4);
    header.writeUInt32BE(1, 8);
    header.writeUInt32BE(16, 12);
    const collection = Buffer.concat([header, serif]);
    for (const { record } of tables(serif).values()) collection.writeUInt32BE(serif.readUInt32BE(record + 8) + 16, 16 + record + 8);
    expect(fontProblem(collection, 16)).toBeUndefined();
    expect(fontProblem(collection)).toBe('it does not start as one does');
  });
});
