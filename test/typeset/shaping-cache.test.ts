import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FontBook } from '../../src/typeset/fonts.js';
import { ShapingCache } from '../../src/typeset/shaping-cache.js';
import { ROOT, theme } from '../support/fixtures.js';

const WORDS = ['office', 'Қазақстан', 'Wa', 'q\u0303', 'well-known'];

/** A font book whose shaping is counted: HarfBuzz reads the font's address once a shaping. */
function countedBook(cacheDir: string | undefined): { book: FontBook; shaped: () => number } {
  const book = new FontBook(theme, resolve(ROOT, 'fonts'), cacheDir === undefined ? undefined : new ShapingCache(cacheDir));
  let calls = 0;
  const faces = new Set(Object.keys(theme.fonts).flatMap((family) => [book.face(family, false, false), book.face(family, true, true)]));
  for (const face of faces) {
    face.shaper = new Proxy(face.shaper, {
      get: (font, key) => {
        if (key === 'ptr') calls++;
        return Reflect.get(font, key) as unknown;
      },
    });
  }
  return { book, shaped: () => calls };
}

describe('ShapingCache', () => {
  it('lets a later font book shape nothing it already shaped, with the same result', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zine-shaping-'));
    const first = countedBook(dir);
    const serif = first.book.face('serif', false, false);
    const fresh = WORDS.map((w) => first.book.shape(serif, w));
    expect(first.shaped()).toBe(WORDS.length);
    first.book.saveShapings();
    expect(readdirSync(dir).length).toBeGreaterThan(0);

    const second = countedBook(dir);
    const again = WORDS.map((w) => second.book.shape(second.book.face('serif', false, false), w));
    expect(second.shaped()).toBe(0);
    expect(again).toEqual(fresh);
    // a text no build shaped yet is shaped
    second.book.shape(second.book.face('serif', false, false), 'zine');
    expect(second.shaped()).toBe(1);
  });

  it('shapes afresh when the stored file is damaged or not shapings at all', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zine-shaping-'));
    const first = countedBook(dir);
    first.book.shape(first.book.face('serif', false, false), 'office');
    first.book.saveShapings();
    const [file] = readdirSync(dir);
    for (const damaged of [readFileSync(join(dir, file!), 'utf8').slice(0, 20), '{"office": [[1, 2, "x", 4, []]]}', '[]']) {
      writeFileSync(join(dir, file!), damaged);
      const book = countedBook(dir);
      const shaped = book.book.shape(book.book.face('serif', false, false), 'office');
      expect(book.shaped()).toBe(1);
      expect(shaped.glyphs.length).toBe(4);
    }
  });


  it('keeps a file from growing without end: past its limit, only the texts of the last build stay', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zine-shaping-'));
    const shapeAll = (words: string[]): void => {
      const book = new FontBook(theme, resolve(ROOT, 'fonts'), new ShapingCache(dir, 5));
      for (const w of words) book.shape(book.face('serif', false, false), w);
      book.saveShapings();
    };
    const stored = (): string[] => readdirSync(dir).flatMap((f) => Object.keys(JSON.parse(readFileSync(join(dir, f), 'utf8')) as object));
    shapeAll(['one', 'two', 'three']);
    shapeAll(['four', 'five']);
    expect(stored().sort()).toEqual(['five', 'four', 'one', 'three', 'two']);
    shapeAll(['two', 'six']);
    expect(stored().sort()).toEqual(['six', 'two']);
  });
});
