import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ImageLibrary } from '../../src/content/images.js';
import type { Page, TextItem } from '../../src/display.js';
import { renderScreen, type Resources } from '../../src/render/pdf.js';
import { FontSubset, FontSubsets } from '../../src/render/pdf-fonts.js';
import { ImageStreams } from '../../src/render/pdf-images.js';
import { bookWith, fonts, ROOT, textItem, theme } from '../support/fixtures.js';
import { FontBook } from '../../src/font/book.js';
import { ZineError } from '../../src/errors.js';
import { readPdf } from '../support/pdf.js';
import { Memos } from '../../src/memo.js';

const serif = fonts.face('serif', false, false);
// a TrueType subset's codes are its glyphs' ids: those of ', *, E, F and y are 10, 13, 40, 41 and 92, the bytes a literal string must escape
const words = [
  'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', '0123456789', "'*",
  'абвгдеёжзийклмнопрстуфхцчшщъыьэюя', 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ',
  'әғқңөұүһі', 'ӘҒҚҢӨҰҮҺІ', 'àéîõüçñ',
];
const item = (text: string, y: number): TextItem => textItem(fonts, serif, text, { x: 20, y, size: 9 });
const page: Page = { kind: 'body', number: 1, width: 420, height: 595, items: words.map((w, i) => item(w, 40 + i * 20)) };

describe('FontSubset', () => {
  const res: Resources = { fonts, images: new ImageLibrary(ROOT), fontSubsets: new FontSubsets(fonts), imageStreams: new ImageStreams(new ImageLibrary(ROOT)) };
  const subset = res.fontSubsets.of([page]).get(serif.key)!;

  it('shows glyphs as the bytes of their codes, escaping what a literal string must', () => {
    // y, glyph 92: its code's bytes 0 and 92, the backslash escaped
    expect(subset.glyph(92, [0x79]).bytes).toBe('\u0000\\\\');
    const shown = subset.show(page.items[0] as TextItem);
    expect(shown).toMatch(/^\[\(.*\)\] TJ$/s);
    const all = page.items.map((i) => subset.show(i as TextItem)).join('\n');
    expect(all).not.toContain('\r');
    // each of those codes: a zero byte, then the byte escaped
    for (const escaped of ['\\n', '\\r', '\\(', '\\)', '\\\\']) expect(all).toContain(`\u0000${escaped}`);
  });

  it('reads back as the text it shows', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'zine-subset-')), 'subset.pdf');
    writeFileSync(file, await renderScreen([page], res, { title: 'subset', language: 'kk', direction: 'ltr', creationDate: new Date(0) }));
    const pdf = await readPdf(file);
    expect(pdf.pages[0]!.runs.map((r) => r.str)).toEqual(words);
  });

  it('maps a glyph back to any number of characters (more than a call takes arguments)', () => {
    const many = new Array<number>(300_000).fill(0x61);
    const toUnicode = inflateSync(new FontSubset(serif, new Map([[68, [many]]])).streams().toUnicode).toString('latin1');
    // glyph 68's code is its id
    expect(toUnicode).toContain(`<0044> <${'0061'.repeat(300_000)}>`);
  });
});

describe('subsets kept by face and glyphs', () => {
  it('are made once for the pages of several locales that draw the same glyphs, and anew for others', () => {
    const subsets = new FontSubsets(fonts, new Memos().memo());
    const pagesOf = (texts: string[]): Page[] => [{ kind: 'body', number: 1, width: 420, height: 595, items: texts.map((t, i) => item(t, 40 + i * 20)) }];
    // a second locale's pages, other objects, the same words: the same subset, encoded once
    const first = subsets.share([pagesOf(['Kazakhstan', 'uprising'])]).get(serif.key)!;
    expect(subsets.share([pagesOf(['uprising', 'Kazakhstan'])]).get(serif.key)).toBe(first);
    // one more letter: a subset of its own
    expect(subsets.share([pagesOf(['Kazakhstan', 'uprisings!'])]).get(serif.key)).not.toBe(first);
  });
});

describe('letters before kashidas', () => {
  it('take at most 8192 codes of their own in a face, however many widths a document gives them', () => {
    const [a, b] = ['a', 'b'].map((c) => fonts.shape(serif, c, false).glyphs[0]!.id);
    // ten thousand words, each with a kashida a thousandth of an em wider than the one before
    const items = Array.from({ length: 10_000 }, (_, n): TextItem => ({
      kind: 'text', x: 20, y: 40, font: serif.key, size: 10, width: 100, color: undefined, direction: 'rtl', spans: [{
        text: 'ba',
        x: 0,
        glyphs: [
          { id: a!, dx: 0, advance: 0, rise: 0, codePoints: [0x61] },
          { id: b!, dx: 5, advance: 0, rise: 0, codePoints: [], kashida: true },
          { id: b!, dx: 6 + n / 100, advance: 0, rise: 0, codePoints: [0x62] },
        ],
      }],
    }));
    const subsets = new FontSubsets(fonts).of([{ kind: 'body', number: 1, width: 420, height: 595, items }]);
    const subset = subsets.get(serif.key)!;
    expect(subset.codeCount).toBeGreaterThan(8192);
    expect(subset.codeCount).toBeLessThan(8192 + 10);
    // every word is still drawn, those past the limit with the letter's own code
    for (const item of [items[0]!, items[9_999]!]) expect(subset.show(item)).toMatch(/TJ .* Td .* TJ$/s);
  });
});

describe('a font fontkit reads but cannot subset', () => {
  it('is one line naming the font file, not an internal error', () => {
    const book = new FontBook(theme, ROOT);
    const face = book.face('serif', false, false);
    // as fontkit fails on some CFF tables written by other tools' subsetters (a CFF font's subset is fontkit's)
    Object.assign(face, { cff: true });
    face.font.createSubset = () => ({ includeGlyph: () => 0, encode: () => { throw new Error('Unknown version 42'); } }) as unknown as ReturnType<typeof face.font.createSubset>;
    const subset = new FontSubsets(book).of([page]).get(serif.key)!;
    expect(() => subset.streams()).toThrow(ZineError);
    expect(() => subset.streams()).toThrow(/the font cannot be embedded: Unknown version 42/);
  });
});

describe('text whose glyphs are drawn in another order than its characters', () => {
  it('carries its text as /ActualText, which poppler reads back in logical order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zine-actual-'));
    const book = bookWith({ bengali: 'NotoSansBengali-Subset.ttf' });
    const face = book.face('bengali', false, false);
    // the vowel sign ি, written after its consonant and drawn before it, is one glyph shaped in clusters with ক and with খ
    const text = 'কিতাবের খি বাংলা';
    const item = textItem(book, face, text, { x: 20, y: 40, size: 12 });
    expect(item.spans[0]!.glyphs[0]!.id).toBe(item.spans[1]!.glyphs[0]!.id);
    const page: Page = { kind: 'body', number: 1, width: 420, height: 595, items: [item] };
    const images = new ImageLibrary(dir);
    const file = join(dir, 'bengali.pdf');
    writeFileSync(file, await renderScreen([page], { fonts: book, images, fontSubsets: new FontSubsets(book), imageStreams: new ImageStreams(images) }, { title: 'bn', language: 'bn', direction: 'ltr', creationDate: new Date(0) }));
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).trim()).toBe(text);
    // only where it is needed: not for text whose glyphs read back as they are
    expect(new FontSubsets(book).of([page]).get(face.key)!.show(item)).toContain('/ActualText');
    const latin = textItem(book, book.face('serif', false, false), 'office hours', { x: 20, y: 60 });
    expect(new FontSubsets(book).of([{ ...page, items: [latin] }]).get(latin.font)!.show(latin)).not.toContain('ActualText');
  });
});

describe('a glyph read as other characters in other places', () => {
  it('is drawn with the code of what it reads as here, right to left as left to right', () => {
    const face = fonts.face('serif-arab', false, false);
    const id = 100;
    const item = (direction: 'ltr' | 'rtl', cps: number[]): TextItem => ({
      kind: 'text', x: 0, y: 0, font: face.key, size: 10, width: 10, color: undefined, direction,
      spans: [{ text: String.fromCodePoint(...cps), x: 0, glyphs: [{ id, dx: 0, advance: 0, rise: 0, codePoints: cps }] }],
    });
    // the same glyph as ل alone, and as lam-alef in a right-to-left run (its reading written reversed)
    const [alone, ligature] = [item('ltr', [0x644]), item('rtl', [0x644, 0x627])];
    const subset = new FontSubsets(fonts).of([{ kind: 'body', number: 1, width: 100, height: 100, items: [alone, ligature] }]).get(face.key)!;
    const cmap = inflateSync(subset.streams().toUnicode).toString('latin1');
    const codeOf = (shown: string): string => [...(/\((.*)\)/s.exec(shown)![1]!)].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
    expect(cmap).toContain(`<${codeOf(subset.show(alone))}> <0644>`);
    expect(cmap).toContain(`<${codeOf(subset.show(ligature))}> <06270644>`);
  });
});

describe('a glyph standing for no character', () => {
  it('is drawn, in a TrueType subset, by an invisible character\'s code with no width and no ToUnicode entry', () => {
    const face = fonts.face('serif-arab', false, false);
    const item: TextItem = {
      kind: 'text', x: 0, y: 0, font: face.key, size: 10, width: 10, color: undefined, direction: 'rtl',
      spans: [{ text: 'لا', x: 0, glyphs: [{ id: 101, dx: 0, advance: 0, rise: 0, codePoints: [] }, { id: 100, dx: 0, advance: 0, rise: 0, codePoints: [0x644, 0x627] }] }],
    };
    const subset = new FontSubsets(fonts).of([{ kind: 'body', number: 1, width: 100, height: 100, items: [item] }]).get(face.key)!;
    const shown = subset.show(item);
    // the first code drawn is U+2060's, two bytes 0x20 0x60 (a space and a backtick in the literal string)
    expect(shown).toMatch(/^\[\( `/);
    const cmap = inflateSync(subset.streams().toUnicode).toString('latin1');
    expect(cmap).not.toMatch(/<2060> </);
    // glyphs 0 (.notdef), 100 and 101, their codes their ids: 101 stands for nothing
    expect(cmap).toContain('<0064> <06270644>');
    expect(cmap).not.toContain('<0065>');
    expect(subset.widthArray()).toContainEqual(0x2060);
    const map = inflateSync(subset.streams().cidToGid!);
    expect(map.readUInt16BE(2 * 0x2060)).toBe(2);
  });
});
