import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import * as hb from 'harfbuzzjs';
import { describe, expect, it } from 'vitest';
import { shapingCopy } from '../../src/font/shaping-copy.js';
import { ROOT } from '../support/fixtures.js';
import { collection, tableTags as tags } from '../support/fonts.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'fonts');
const read = (name: string): Buffer => readFileSync(join(FIXTURES, name));

/** Every glyph HarfBuzz gives for `text` in face `index` of `data`: id, cluster, advance and offsets. */
function shaped(data: Uint8Array, index: number, text: string, language: string): number[][] {
  const blob = new hb.Blob(data);
  const face = new hb.Face(blob, index);
  const font = new hb.Font(face);
  const buffer = new hb.Buffer();
  buffer.addText(text);
  buffer.guessSegmentProperties();
  buffer.setLanguage(language);
  hb.shape(font, buffer);
  const positions = buffer.getGlyphPositions();
  return buffer.getGlyphInfos().map((g, i) => [g.codepoint, g.cluster, positions[i]!.xAdvance, positions[i]!.xOffset, positions[i]!.yOffset]);
}

/** Each character the face maps, then each after a Latin letter, with the combining marks a CJK font may carry after it. */
function everyCharacter(data: Buffer, index = 0): string[] {
  const parsed = fontkit.create(data);
  const font = 'fonts' in parsed ? parsed.fonts[index]! : parsed;
  const chars = font.characterSet.map((c) => String.fromCodePoint(c));
  return [chars.join(''), chars.map((c) => `a${c}\u0301\u0323`).join(' '), 'office fi 「かな」、漢字。（ＡＢ）'];
}

describe('the copy of a font HarfBuzz shapes with', () => {
  it('leaves out the CFF outlines of a face positioned by GPOS, and shapes every character as the whole file does', () => {
    for (const name of ['NotoSerifCJKJP-Subset.otf', 'NotoSerifCJKTC-marks.otf', 'NotoSerifCJKKR-Subset.otf']) {
      const data = read(name);
      const copy = shapingCopy(data, [0]);
      expect(tags(copy), name).toEqual(tags(data).filter((t) => t !== 'CFF '));
      expect(copy.length, name).toBeLessThan(data.length);
      for (const text of everyCharacter(data)) {
        for (const language of ['ja', 'zh-Hant', 'ko']) expect(shaped(copy, 0, text, language), name).toEqual(shaped(data, 0, text, language));
      }
    }
  });

  it('keeps a collection\'s faces in their places, each table copied once however many faces list it', () => {
    const fonts = [read('NotoSerifCJKJP-Subset.otf'), read('NotoSerifCJKTC-marks.otf')];
    const data = collection(fonts);
    const copy = shapingCopy(data, [data.readUInt32BE(12), data.readUInt32BE(16)]);
    const view = Buffer.from(copy.buffer, copy.byteOffset, copy.byteLength);
    expect(view.toString('latin1', 0, 4)).toBe('ttcf');
    expect(view.readUInt32BE(8)).toBe(2);
    fonts.forEach((font, i) => {
      expect(tags(copy, view.readUInt32BE(12 + 4 * i))).toEqual(tags(font).filter((t) => t !== 'CFF '));
      for (const text of everyCharacter(font)) expect(shaped(copy, i, text, 'ja')).toEqual(shaped(font, 0, text, 'ja'));
    });
    // a collection made as Noto CJK's are: its faces share some tables, not others
    const ttc = read('NotoSerifCJK-Regular.ttc');
    const faces = [ttc.readUInt32BE(12), ttc.readUInt32BE(16)];
    const reduced = shapingCopy(ttc, faces);
    const reducedView = Buffer.from(reduced.buffer, reduced.byteOffset, reduced.byteLength);
    faces.forEach((at, i) => {
      expect(tags(reduced, reducedView.readUInt32BE(12 + 4 * i))).toEqual(tags(ttc, at).filter((t) => t !== 'CFF '));
      for (const text of everyCharacter(ttc, i)) expect(shaped(reduced, i, text, 'zh')).toEqual(shaped(ttc, i, text, 'zh'));
    });
    // the tables two faces list are copied once: the second face adds its directory alone
    const [one, two] = [collection([fonts[0]!]), collection([fonts[0]!], [0, 0])];
    const directory = 12 + 16 * tags(fonts[0]!).length;
    expect(shapingCopy(two, [20, 20]).length).toBe(shapingCopy(one, [16]).length + 4 + directory - 16);
  });

  it('rests on HarfBuzz placing no mark by its outlines, with GPOS or without', () => {
    // a HarfBuzz with fallback mark positioning would set these marks by their glyphs' extents without GPOS:
    // should an upgrade bring it, this fails, and what the copy leaves out must be thought again
    const serif = readFileSync(join(ROOT, 'fonts', 'NotoSerif-Regular.ttf'));
    const renamed = (data: Buffer, from: string, to: string): Buffer => {
      const copy = Buffer.from(data);
      copy.write(to, 12 + 16 * tags(data).indexOf(from), 'latin1');
      return copy;
    };
    const unpositioned = renamed(serif, 'GPOS', 'XPOS');
    const text = 'q\u0301x\u0323 p\u0308\u0301';
    // GPOS moves the marks; the text has them
    expect(shaped(serif, 0, text, 'en')).not.toEqual(shaped(unpositioned, 0, text, 'en'));
    expect(shaped(renamed(unpositioned, 'glyf', 'xlyf'), 0, text, 'en')).toEqual(shaped(unpositioned, 0, text, 'en'));
  });

  it('keeps the outlines of a face HarfBuzz might place marks in by them, and of a TrueType font', () => {
    const marks = read('NotoSerifCJKTC-marks.otf');
    const at = (tag: string): number => 12 + 16 * tags(marks).indexOf(tag);
    const gpos = marks.readUInt32BE(at('GPOS') + 8);
    const changed = (change: (font: Buffer) => void): Buffer => {
      const copy = Buffer.from(marks);
      change(copy);
      return copy;
    };
    // without GPOS, with a GPOS of no known version or listing no script, or with AAT tables HarfBuzz may apply instead
    for (const font of [
      changed((f) => f.write('XPOS', at('GPOS'), 'latin1')),
      changed((f) => f.writeUInt16BE(0, gpos)),
      changed((f) => f.writeUInt16BE(0, gpos + f.readUInt16BE(gpos + 4))),
      changed((f) => f.write('morx', at('VORG'), 'latin1')),
      changed((f) => f.write('kerx', at('VORG'), 'latin1')),
    ]) expect(shapingCopy(font, [0])).toBe(font);

    const truetype = readFileSync(join(ROOT, 'fonts', 'NotoSerif-Regular.ttf'));
    expect(shapingCopy(truetype, [0])).toBe(truetype);
  });

  it('gives the file as it is when a face\'s directory or a table lies outside it, or its tables would copy to more than it', () => {
    const data = read('NotoSerifCJKJP-Subset.otf');
    expect(shapingCopy(data, [data.length - 4])).toBe(data);
    const cut = data.subarray(0, data.length - 100);
    expect(shapingCopy(cut, [0])).toBe(cut);
    // a second face listing the first's largest table again and again, each time a byte further on: copies that add up past the file
    const twice = collection([data, data]);
    const second = twice.readUInt32BE(16);
    const largest = Math.max(...tags(data).map((_, i) => data.readUInt32BE(12 + 16 * i + 12)));
    for (let i = 0; i < twice.readUInt16BE(second + 4); i++) {
      const record = second + 12 + 16 * i;
      if (tags(twice, second)[i] === 'CFF ') continue;
      twice.writeUInt32BE(20 + i, record + 8);
      twice.writeUInt32BE(largest, record + 12);
    }
    expect(shapingCopy(twice, [20, second])).toBe(twice);
  });
});
