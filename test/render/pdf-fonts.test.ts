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
import { fonts, ROOT, theme } from '../support/fixtures.js';
import { FontBook } from '../../src/typeset/fonts.js';
import { ZineError } from '../../src/errors.js';
import { readPdf } from '../support/pdf.js';

const serif = fonts.face('serif', false, false);
// over 92 letters: the subset's codes include 10, 13, 40, 41 and 92, the bytes a literal string must escape
const words = [
  'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', '0123456789',
  'абвгдеёжзийклмнопрстуфхцчшщъыьэюя', 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ',
  'әғқңөұүһі', 'ӘҒҚҢӨҰҮҺІ', 'àéîõüçñ',
];
const item = (text: string, y: number): TextItem => ({
  kind: 'text', x: 20, y, text, font: serif.key, size: 9, width: fonts.width(serif, text, 9), color: undefined, wordSpacing: undefined, direction: 'ltr',
});
const page: Page = { kind: 'body', number: 1, width: 420, height: 595, items: words.map((w, i) => item(w, 40 + i * 20)) };

describe('FontSubset', () => {
  const res: Resources = { fonts, images: new ImageLibrary(ROOT), fontSubsets: new FontSubsets(fonts), imageStreams: new ImageStreams(new ImageLibrary(ROOT)) };
  const subset = res.fontSubsets.of([page]).get(serif.key)!;

  it('shows glyphs as the bytes of their codes, escaping what a literal string must', () => {
    expect(subset.widths.length).toBeGreaterThan(0x5c);
    const shown = subset.show(page.items[0] as TextItem, fonts);
    expect(shown).toMatch(/^\[\(.*\)\] TJ$/s);
    const all = page.items.map((i) => subset.show(i as TextItem, fonts)).join('\n');
    expect(all).not.toContain('\r');
    // each of those codes: a zero byte, then the byte escaped
    for (const escaped of ['\\n', '\\r', '\\(', '\\)', '\\\\']) expect(all).toContain(`\u0000${escaped}`);
  });

  it('reads back as the text it shows', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'zine-subset-')), 'subset.pdf');
    writeFileSync(file, await renderScreen([page], res, { title: 'subset', language: 'kk', creationDate: new Date(0) }));
    const pdf = await readPdf(file);
    expect(pdf.pages[0]!.runs.map((r) => r.str)).toEqual(words);
  });

  it('maps a glyph back to any number of characters (more than a call takes arguments)', () => {
    const many = new Array<number>(300_000).fill(0x61);
    const toUnicode = inflateSync(new FontSubset(serif, new Map([[68, many]])).streams().toUnicode).toString('latin1');
    expect(toUnicode).toContain(`<0001> <${'0061'.repeat(300_000)}>`);
  });
});

describe('a font fontkit reads but cannot subset', () => {
  it('is one line naming the font file, not an internal error', () => {
    const book = new FontBook(theme, ROOT);
    const face = book.face('serif', false, false);
    // as fontkit fails on some CFF tables written by other tools' subsetters
    face.font.createSubset = () => ({ includeGlyph: () => 0, encode: () => { throw new Error('Unknown version 42'); } }) as unknown as ReturnType<typeof face.font.createSubset>;
    const subset = new FontSubsets(book).of([page]).get(serif.key)!;
    expect(() => subset.streams()).toThrow(ZineError);
    expect(() => subset.streams()).toThrow(/the font cannot be embedded: Unknown version 42/);
  });
});
