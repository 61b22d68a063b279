import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { ImageLibrary } from '../../src/content/images.js';
import type { Theme } from '../../src/content/theme.js';
import type { Page } from '../../src/display.js';
import { ZineError } from '../../src/errors.js';
import { renderScreen } from '../../src/render/pdf.js';
import { FontSubsets } from '../../src/render/pdf-fonts.js';
import { ImageStreams } from '../../src/render/pdf-images.js';
import { fallbackChains, FontBook, fontSource } from '../../src/font/book.js';
import { ROOT, textItem, theme } from '../support/fixtures.js';
import { collection } from '../support/fonts.js';
import { readPdf } from '../support/pdf.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'fonts');

/** A project folder holding the example's fonts and the test fonts. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'zine-collections-'));
  mkdirSync(join(dir, 'fonts'));
  for (const f of readdirSync(join(ROOT, 'fonts'))) copyFileSync(join(ROOT, 'fonts', f), join(dir, 'fonts', f));
  for (const f of ['NotoNaskhArabic-Regular.ttf', 'NotoSerifCJK-Regular.ttc']) copyFileSync(join(FIXTURES, f), join(dir, 'fonts', f));
  return dir;
}

const withFonts = (fonts: Theme['fonts'], scriptFonts: Theme['scriptFonts'] = {}): Theme => ({
  ...theme, fonts: { serif: theme.fonts.serif!, sans: theme.fonts.sans!, symbols: theme.fonts.symbols!, ...fonts }, scriptFonts,
});

function refusal(make: () => unknown): ZineError {
  try {
    make();
  } catch (e) {
    if (e instanceof ZineError) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('font collections', () => {
  const dir = project();

  it('reads a face named after a # only in a collection file name', () => {
    expect(fontSource('NotoSerifCJK-Regular.ttc#2')).toEqual({ file: 'NotoSerifCJK-Regular.ttc', face: '2' });
    expect(fontSource('a#b.otc#Noto Serif CJK SC')).toEqual({ file: 'a#b.otc', face: 'Noto Serif CJK SC' });
    expect(fontSource('No#1.ttf')).toEqual({ file: 'No#1.ttf', face: undefined });
    // a single font named with a face is refused as one (see below), not looked for under that name
    expect(fontSource('NotoSerif-Regular.ttf#3')).toEqual({ file: 'NotoSerif-Regular.ttf', face: '3' });
  });

  it('reads a font file when text first asks for one of its faces, and once for all of them', () => {
    const own = project();
    const file = join(own, 'fonts', 'NotoSerifCJK-Regular.ttc');
    const book = new FontBook(withFonts({ jp: { regular: 'NotoSerifCJK-Regular.ttc#0' }, sc: { regular: 'NotoSerifCJK-Regular.ttc#1' } }), own);
    // the book is made without reading the collection: gone, it is missed only when a face of it is asked for
    renameSync(file, `${file}.away`);
    expect(() => book.face('jp', false, false)).toThrow(/not found/);
    renameSync(`${file}.away`, file);
    expect(book.face('jp', false, false).font.postscriptName).toBe('NotoSerifCJKjp-Regular');
    // the other face of the collection comes from the one reading of the file
    rmSync(file);
    expect(book.face('sc', false, false).font.postscriptName).toBe('NotoSerifCJKsc-Regular');
  });

  it('opens a face by index or by name', () => {
    const book = new FontBook(withFonts({ byIndex: { regular: 'NotoSerifCJK-Regular.ttc#1' }, byName: { regular: 'NotoSerifCJK-Regular.ttc#Noto Serif CJK SC' }, jp: { regular: 'NotoSerifCJK-Regular.ttc#0' } }), dir);
    const [byIndex, byName, jp] = ['byIndex', 'byName', 'jp'].map((f) => book.face(f, false, false));
    expect(byIndex!.font.postscriptName).toBe('NotoSerifCJKsc-Regular');
    expect(byName!.font.postscriptName).toBe('NotoSerifCJKsc-Regular');
    expect(jp!.font.postscriptName).toBe('NotoSerifCJKjp-Regular');
    // the same glyph, drawn in each face's own way: shaped by the face asked for
    expect(book.shape(byIndex!, '中国').glyphs).toHaveLength(2);
    expect(book.faceFor(0x4e2d, byName!, false, false)).toBe(byName);
  });

  it('gives a face\'s tables as its file has them, a collection\'s second face its own', () => {
    const own = project();
    const [serif, italic] = ['NotoSerif-Regular.ttf', 'NotoSerif-Italic.ttf'].map((f) => readFileSync(join(ROOT, 'fonts', f)));
    writeFileSync(join(own, 'fonts', 'Pair.ttc'), collection([serif!, italic!]));
    const book = new FontBook(withFonts({ a: { regular: 'Pair.ttc#0' }, b: { regular: 'Pair.ttc#1' }, c: { regular: 'NotoSerif-Italic.ttf' } }), own);
    const post = (face: ReturnType<typeof book.face>): number => {
      const table = face.table('post')!;
      return new DataView(table.buffer, table.byteOffset, table.byteLength).getInt32(4) / 65536;
    };
    // the italic angle, as fontkit decodes the whole table to give it
    const angle = (file: Buffer): number => (fontkit.create(file) as fontkit.Font).italicAngle;
    expect(angle(italic!)).toBeLessThan(0);
    expect(post(book.face('a', false, false))).toBe(angle(serif!));
    expect(post(book.face('b', false, false))).toBe(angle(italic!));
    expect(post(book.face('c', false, false))).toBe(angle(italic!));
    expect(book.face('b', false, false).table('head')).toEqual(book.face('c', false, false).table('head'));
    expect(book.face('a', false, false).table('GSUB ')).toBeUndefined();
  });

  it('reads the outlines two faces of a collection share once, and each glyph\'s box from them once', async () => {
    const own = project();
    const single = readFileSync(join(FIXTURES, 'NotoSerifCJKJP-Subset.otf'));
    writeFileSync(join(own, 'fonts', 'Twice.ttc'), collection([single], [0, 0]));
    const book = new FontBook(withFonts({ a: { regular: 'Twice.ttc#0' }, b: { regular: 'Twice.ttc#1' } }), own);
    const [a, b] = [book.face('a', false, false), book.face('b', false, false)];
    expect(b.font).not.toBe(a.font);
    expect(b.outlines).toBe(a.font);
    const table = (face: typeof a): unknown => (face.font as unknown as Record<string, unknown>)['CFF '];
    expect(table(b)).toBe(table(a));
    // each glyph's reach as the font alone gives it, whichever face asks first
    const alone = fontkit.create(single) as fontkit.Font;
    const text = alone.characterSet.filter((c) => /\p{L}/u.test(String.fromCodePoint(c))).slice(0, 12).map((c) => String.fromCodePoint(c)).join('');
    const ids = book.shape(b, text).glyphs.map((g) => g.id);
    expect(ids).not.toContain(0);
    // each glyph read once, from the first face's outlines, whichever face asks
    const reads = new Map<fontkit.Font, number>();
    for (const face of [a, b]) {
      const read = face.font.getGlyph.bind(face.font);
      face.font.getGlyph = (id, codePoints) => {
        reads.set(face.font, (reads.get(face.font) ?? 0) + 1);
        return read(id, codePoints);
      };
    }
    for (const id of ids) {
      const box = alone.getGlyph(id).bbox;
      expect(book.glyphExtent(b, id)).toEqual({ top: box.maxY / alone.unitsPerEm, bottom: box.minY / alone.unitsPerEm });
      expect(book.glyphExtent(a, id)).toEqual(book.glyphExtent(b, id));
    }
    expect([reads.get(a.font), reads.get(b.font)]).toEqual([new Set(ids).size, undefined]);
    // and the second face embeds from the shared table
    const item = textItem(book, b, text, { x: 20, y: 40, size: 12 });
    const page: Page = { kind: 'body', number: 1, width: 420, height: 595, items: [item] };
    const file = join(own, 'twice.pdf');
    const images = new ImageLibrary(own);
    writeFileSync(file, await renderScreen([page], { fonts: book, images, fontSubsets: new FontSubsets(book), imageStreams: new ImageStreams(images) }, { title: 'twice', language: 'ja', direction: 'ltr', creationDate: new Date(0) }));
    expect((await readPdf(file)).pages[0]!.runs.map((r) => r.str).join('')).toBe(text);
  });

  it('refuses an index out of range, an unknown face name and a collection named without a face, in one line naming theme.json and the font', () => {
    const cases: [string, RegExp][] = [
      ['NotoSerifCJK-Regular.ttc#5', /^font NotoSerifCJK-Regular\.ttc#5: the collection has 2 faces, 0 to 1 \(0 Noto Serif CJK JP.*, 1 Noto Serif CJK SC.*\)$/],
      ['NotoSerifCJK-Regular.ttc#Noto Serif CJK KR', /^font NotoSerifCJK-Regular\.ttc#Noto Serif CJK KR: the collection has no face "Noto Serif CJK KR"/],
      ['NotoSerifCJK-Regular.ttc', /^font NotoSerifCJK-Regular\.ttc is a collection of 2 faces: name one, e\.g\. "NotoSerifCJK-Regular\.ttc#0"/],
      ['NotoSerif-Regular.ttf#3', /^font NotoSerif-Regular\.ttf#3: NotoSerif-Regular\.ttf is a single font, not a collection: name it without "#3"$/],
    ];
    for (const [name, message] of cases) {
      // a face is read when text first asks for it
      const e = refusal(() => new FontBook(withFonts({ cjk: { regular: name } }), dir).face('cjk', false, false));
      expect(e.message).toMatch(message);
      expect(e.message).not.toContain('\n');
      expect(e.where?.file).toBe(join(dir, 'theme.json'));
    }
  });

  it('embeds a subset of a CFF face of a collection that reads back as its text', async () => {
    const book = new FontBook(withFonts({ cjk: { regular: 'NotoSerifCJK-Regular.ttc#Noto Serif CJK SC' } }), dir);
    const face = book.face('cjk', false, false);
    const text = '中国人';
    const item = textItem(book, face, text, { x: 20, y: 40, size: 12 });
    const page: Page = { kind: 'body', number: 1, width: 420, height: 595, items: [item] };
    const subsets = new FontSubsets(book);
    expect(subsets.of([page]).get(face.key)!.streams().cff).toBe(true);
    const file = join(dir, 'cjk.pdf');
    const images = new ImageLibrary(dir);
    writeFileSync(file, await renderScreen([page], { fonts: book, images, fontSubsets: subsets, imageStreams: new ImageStreams(images) }, { title: 'cjk', language: 'zh', direction: 'ltr', creationDate: new Date(0) }));
    const pdf = await readPdf(file);
    expect(pdf.pages[0]!.runs.map((r) => r.str).join('')).toBe(text);
    expect(pdf.fonts).toEqual([{ name: expect.stringMatching(/^[A-Z]{6}\+NotoSerifCJKsc-Regular$/) as string, embedded: true }]);
  });
});

describe('fallback per character', () => {
  const dir = project();
  const arabic = withFonts({ naskh: { regular: 'NotoNaskhArabic-Regular.ttf' } }, { Arab: { serif: 'naskh' } });

  it('chains a script font to the families it stands in for, then the fallback fonts', () => {
    expect(fallbackChains(arabic).get('naskh')).toEqual(['serif', 'symbols']);
    // then the other scripts' fonts: a colophon lists every language of the zine, each in its own script
    expect(fallbackChains(arabic).get('serif')).toEqual(['symbols', 'naskh']);
    expect(fallbackChains(arabic).get('symbols')).toEqual(['naskh']);
    const both = fallbackChains({ ...arabic, scriptFonts: { Arab: { serif: 'naskh', sans: 'naskh' }, Hans: { serif: 'cjk' } } });
    expect(both.get('naskh')).toEqual(['serif', 'sans', 'symbols', 'cjk']);
  });

  it('sets what the script font lacks (Latin punctuation, digits) in the text font it replaces, never .notdef', () => {
    const book = new FontBook(arabic, dir);
    const naskh = book.face('naskh', false, false);
    const serif = book.face('serif', false, false);
    expect(book.faceFor('ب'.codePointAt(0)!, naskh, false, false)).toBe(naskh);
    for (const ch of '().,?[]“”0123456789') {
      expect(naskh.font.hasGlyphForCodePoint(ch.codePointAt(0)!)).toBe(false);
      expect(book.faceFor(ch.codePointAt(0)!, naskh, false, false)).toBe(serif);
    }
    expect(book.faceFor('★'.codePointAt(0)!, naskh, false, false)?.family).toBe('symbols');
    // bold asks the chain for bold: the naskh family has none, the serif has
    expect(book.faceFor('('.codePointAt(0)!, naskh, true, false)).toBe(book.face('serif', true, false));
  });
});
