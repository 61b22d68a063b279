import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FontBook } from '../../src/font/book.js';
import { isShapingOf, SHAPING_FILES, ShapingCache, type GlyphRecord } from '../../src/font/shaping-cache.js';
import * as fontkit from 'fontkit';
import { zine, zineWith } from '../support/cli.js';
import { ROOT, theme } from '../support/fixtures.js';
import { lettersDrawn } from '../support/pdf.js';

const WORDS = ['office', 'Қазақстан', 'Wa', 'q\u0303', 'well-known'];

interface Stored {
  font: string;
  harfbuzz: string;
  texts: Record<string, GlyphRecord[]>;
}

/** The shapings files of a cache folder (the key aside). */
const shapingFiles = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => join(dir, f));

/** What a shapings file holds, after its signature. */
const storedIn = (file: string): Stored => JSON.parse(readFileSync(file, 'utf8').replace(/^.*\n/, '')) as Stored;

/** `body` as a file signed with the key in the cache folder `dir`, as the user's builds sign theirs. */
const signedWith = (dir: string, body: string): string => `${createHmac('sha256', readFileSync(join(dir, 'signing-key'))).update(body).digest('hex')}\n${body}`;

/** A font book whose shaping is counted: HarfBuzz reads the font's address once a shaping. */
function countedBook(cacheDir: string | undefined): { book: FontBook; shaped: () => number } {
  const book = new FontBook(theme, ROOT, cacheDir === undefined ? undefined : new ShapingCache(cacheDir));
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

  it('keeps shapings by direction and language, each checked against its text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zine-shaping-'));
    const first = countedBook(dir);
    const serif = first.book.face('serif', false, false);
    // Noto Serif has a language system for Serbian (its own Cyrillic forms), none for Kazakh
    const fresh = [first.book.inLanguage('sr').shape(serif, 'Қазақстан'), first.book.shape(serif, 'office', true), first.book.shape(serif, 'office')];
    expect(first.shaped()).toBe(3);
    first.book.saveShapings();
    const second = countedBook(dir);
    const face = second.book.face('serif', false, false);
    const again = [second.book.inLanguage('sr').shape(face, 'Қазақстан'), second.book.shape(face, 'office', true), second.book.shape(face, 'office')];
    expect(second.shaped()).toBe(0);
    expect(again).toEqual(fresh);
    // a language the face has no system for shares the shaping without one; one it has, its own
    second.book.inLanguage('kk').shape(face, 'office');
    expect(second.shaped()).toBe(0);
    second.book.inLanguage('sr').shape(face, 'office');
    expect(second.shaped()).toBe(1);
  });

  it('shapes afresh when the stored file is damaged or not shapings at all', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zine-shaping-'));
    const first = countedBook(dir);
    first.book.shape(first.book.face('serif', false, false), 'office');
    first.book.saveShapings();
    const [file] = shapingFiles(dir);
    // named as the cache's pruning knows them
    expect(file!.slice(dir.length + 1)).toMatch(SHAPING_FILES.names);
    const valid = storedIn(file!);
    // signed, as a build of the user's would sign them: each is still not read
    const damagedFiles = [
      readFileSync(file!, 'utf8').slice(0, 20), '', signedWith(dir, '[]'), signedWith(dir, 'null'), signedWith(dir, '{"texts": '),
      signedWith(dir, JSON.stringify({ ...valid, texts: { office: [[1, 2, 'x', 4, []]] } })),
      signedWith(dir, JSON.stringify({ ...valid, texts: [] })),
    ];
    for (const damaged of damagedFiles) {
      writeFileSync(file!, damaged);
      const book = countedBook(dir);
      const shaped = book.book.shape(book.book.face('serif', false, false), 'office');
      expect(book.shaped()).toBe(1);
      expect(shaped.glyphs.length).toBe(4);
    }
    // a FIFO, or a link to /dev/zero, under the file's name would never end being read
    rmSync(file!);
    execFileSync('mkfifo', [file!]);
    const fifo = countedBook(dir);
    fifo.book.shape(fifo.book.face('serif', false, false), 'office');
    expect(fifo.shaped()).toBe(1);
    rmSync(file!);
    symlinkSync('/dev/zero', file!);
    const zero = countedBook(dir);
    zero.book.shape(zero.book.face('serif', false, false), 'office');
    expect(zero.shaped()).toBe(1);
  });


  describe('trusts no stored file', () => {
    /** A cache of the serif's shapings of WORDS, the file's path, and the shapings as HarfBuzz gives them. */
    const shapedOnce = (): { dir: string; file: string; fresh: unknown[] } => {
      const dir = mkdtempSync(join(tmpdir(), 'zine-shaping-'));
      const { book } = countedBook(dir);
      const fresh = WORDS.map((w) => book.shape(book.face('serif', false, false), w));
      book.saveShapings();
      const [file] = shapingFiles(dir);
      return { dir, file: file!, fresh };
    };
    /**
     * The stored file changed by `change` and signed again with the user's
     * key, as if it had got out, then read by a new font book: how many
     * words it shaped again, and what it made of them.
     */
    const tampered = (change: (stored: Stored) => void): { shaped: number; same: boolean } => {
      const { dir, file, fresh } = shapedOnce();
      const stored = storedIn(file);
      change(stored);
      writeFileSync(file, signedWith(dir, JSON.stringify(stored)));
      const { book, shaped } = countedBook(dir);
      const again = WORDS.map((w) => book.shape(book.face('serif', false, false), w));
      return { shaped: shaped(), same: JSON.stringify(again) === JSON.stringify(fresh) };
    };

    it('reads no file the user\'s builds did not sign: changed since, or signed with another key', () => {
      const reshapedAfter = (change: (dir: string, file: string) => void): { shaped: number; same: boolean } => {
        const { dir, file, fresh } = shapedOnce();
        change(dir, file);
        const { book, shaped } = countedBook(dir);
        const again = WORDS.map((w) => book.shape(book.face('serif', false, false), w));
        return { shaped: shaped(), same: JSON.stringify(again) === JSON.stringify(fresh) };
      };
      const all = { shaped: WORDS.length, same: true };
      // one glyph of one word changed for another the font has, the signature kept
      expect(reshapedAfter((_, file) => writeFileSync(file, readFileSync(file, 'utf8').replace('"office":[[', '"office":[[7')))).toEqual(all);
      // a file as another user's builds sign theirs
      expect(reshapedAfter((_, file) => {
        const other = join(mkdtempSync(join(tmpdir(), 'zine-shaping-')), 'signing-key');
        writeFileSync(other, Buffer.alloc(32, 7));
        writeFileSync(file, `${createHmac('sha256', readFileSync(other)).update(JSON.stringify(storedIn(file))).digest('hex')}\n${JSON.stringify(storedIn(file))}`);
      })).toEqual(all);
      // unsigned, as files were written before
      expect(reshapedAfter((_, file) => writeFileSync(file, JSON.stringify(storedIn(file))))).toEqual(all);
      // and signed with the user's key, it is read
      expect(reshapedAfter((dir, file) => writeFileSync(file, signedWith(dir, JSON.stringify(storedIn(file)))))).toEqual({ shaped: 0, same: true });
    });

    it('keeps the key for the user alone, and makes another when others could know it', () => {
      const { dir, file, fresh } = shapedOnce();
      const key = join(dir, 'signing-key');
      expect(statSync(key).mode & 0o777).toBe(0o600);
      const reread = (): number => {
        const { book, shaped } = countedBook(dir);
        expect(WORDS.map((w) => book.shape(book.face('serif', false, false), w))).toEqual(fresh);
        book.saveShapings();
        return shaped();
      };
      expect(reread()).toBe(0);
      // readable by others: a new key, and nothing signed with the old one is read
      const known = readFileSync(key);
      chmodSync(key, 0o644);
      expect(reread()).toBe(WORDS.length);
      expect(readFileSync(key).equals(known)).toBe(false);
      expect(statSync(key).mode & 0o777).toBe(0o600);
      expect(reread()).toBe(0);
      // a link to a key someone else keeps: the same
      const theirs = join(mkdtempSync(join(tmpdir(), 'zine-shaping-')), 'key');
      writeFileSync(theirs, Buffer.alloc(32, 7), { mode: 0o600 });
      rmSync(key);
      symlinkSync(theirs, key);
      writeFileSync(file, `${createHmac('sha256', readFileSync(theirs)).update(JSON.stringify(storedIn(file))).digest('hex')}\n${JSON.stringify(storedIn(file))}`);
      expect(reread()).toBe(WORDS.length);
      expect(readFileSync(theirs).equals(Buffer.alloc(32, 7))).toBe(true);
      expect(readFileSync(key).equals(Buffer.alloc(32, 7))).toBe(false);
    });

    it('shapes again a text whose glyphs the font does not have', () => {
      expect(tampered((s) => void (s.texts.office![0]![0] = 999_999))).toEqual({ shaped: 1, same: true });
      expect(tampered((s) => void (s.texts.Wa![1]![0] = -1))).toEqual({ shaped: 1, same: true });
    });

    it('shapes again two texts whose glyphs were swapped, or one given a word\'s part', () => {
      expect(tampered((s) => ([s.texts.office, s.texts.Wa] = [s.texts.Wa!, s.texts.office!]))).toEqual({ shaped: 2, same: true });
      expect(tampered((s) => void s.texts['well-known']!.pop())).toEqual({ shaped: 1, same: true });
      // the same characters, told in another order
      expect(tampered((s) => void s.texts.Wa!.reverse())).toEqual({ shaped: 1, same: true });
    });

    it('shapes again a text moved miles or given a fraction of a unit', () => {
      expect(tampered((s) => void (s.texts.office![0]![1] = 1e9))).toEqual({ shaped: 1, same: true });
      expect(tampered((s) => void (s.texts['q\u0303']![1]![3] = -1e7))).toEqual({ shaped: 1, same: true });
      expect(tampered((s) => void (s.texts.Wa![0]![2] = 0.5))).toEqual({ shaped: 1, same: true });
    });

    it('shapes everything again when the file was made for another font file or another HarfBuzz', () => {
      expect(tampered((s) => void (s.font = s.font.replace(/^./, (c) => (c === '0' ? '1' : '0'))))).toEqual({ shaped: WORDS.length, same: true });
      expect(tampered((s) => void (s.harfbuzz = '0.0.1'))).toEqual({ shaped: WORDS.length, same: true });
    });

    it('checks what the font book is about to use, and nothing else', () => {
      const facts = { glyphs: 100, unitsPerEm: 1000 };
      expect(isShapingOf('', [], facts)).toBe(true);
      expect(isShapingOf('fi', [[99, 500, 0, 0, [0x66, 0x69]]], facts)).toBe(true);
      expect(isShapingOf('fi', [[99, 500, 0, 0, [0x66]], [98, 0, 0, 0, []]], facts)).toBe(false);
      expect(isShapingOf('fi', [[100, 500, 0, 0, [0x66, 0x69]]], facts)).toBe(false);
      // beyond the BMP: one code point, two code units
      expect(isShapingOf('\u{1F310}', [[3, 900, 0, 0, [0x1f310]]], facts)).toBe(true);
      expect(isShapingOf('\u{1F310}', [[3, 900, 0, 0, [0xd83c, 0xdf10]]], facts)).toBe(false);
      expect(isShapingOf('a', [[3, 900, 0, 0, ['a']]], facts)).toBe(false);
      expect(isShapingOf('a', { 0: [3, 900, 0, 0, [0x61]] }, facts)).toBe(false);
    });
  });

  it('shapes and builds on when the cache folder cannot be written, and keeps no huge texts', () => {
    const parent = mkdtempSync(join(tmpdir(), 'zine-shaping-'));
    // a file where the folder should be: nothing can be written under it
    writeFileSync(join(parent, 'cache'), 'not a folder');
    const { book } = countedBook(join(parent, 'cache'));
    expect(book.shape(book.face('serif', false, false), 'office').glyphs.length).toBe(4);
    expect(() => book.saveShapings()).not.toThrow();

    const dir = mkdtempSync(join(tmpdir(), 'zine-shaping-'));
    const first = countedBook(dir);
    first.book.shape(first.book.face('serif', false, false), 'x'.repeat(10_000));
    first.book.shape(first.book.face('serif', false, false), 'office');
    first.book.saveShapings();
    const [file] = shapingFiles(dir);
    expect(Object.keys(storedIn(file!).texts)).toEqual(['office']);
  });

  it('keeps a file from growing without end: past its limit, only the texts of the last build stay', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zine-shaping-'));
    const shapeAll = (words: string[]): void => {
      const book = new FontBook(theme, ROOT, new ShapingCache(dir, 5));
      for (const w of words) book.shape(book.face('serif', false, false), w);
      book.saveShapings();
    };
    const stored = (): string[] => shapingFiles(dir).flatMap((f) => Object.keys(storedIn(f).texts));
    shapeAll(['one', 'two', 'three']);
    shapeAll(['four', 'five']);
    expect(stored().sort()).toEqual(['five', 'four', 'one', 'three', 'two']);
    shapeAll(['two', 'six']);
    expect(stored().sort()).toEqual(['six', 'two']);
  });

  it('prints the letters of the text, whatever glyphs a changed file gives a word', async () => {
    const work = mkdtempSync(join(tmpdir(), 'zine-shaping-'));
    const [project, cache] = [join(work, 'zine'), join(work, 'cache')];
    expect((await zine('init', project)).code).toBe(0);
    const build = async (out: string): Promise<void> => {
      const r = await zineWith({ ZINE_CACHE_DIR: cache }, 'build', '--project', project, '--paper', 'letter', '--out', join(work, out));
      expect(r.code, r.stderr).toBe(0);
    };
    await build('first');
    // the starter's "Write" given the glyphs of "Wrong", its characters and advances kept, in the file as it is written
    const serif = join(project, 'fonts', 'NotoSerif-Regular.ttf');
    const font = fontkit.openSync(serif);
    if ('fonts' in font) throw new Error('a collection');
    let changed = 0;
    for (const file of shapingFiles(cache)) {
      writeFileSync(file, readFileSync(file, 'utf8').replace(/"Write":(\[\[.*?\]\]\])/, (_, record: string) => {
        const glyphs = JSON.parse(record) as GlyphRecord[];
        Array.from('Wrong', (c, i) => (glyphs[i]![0] = font.glyphForCodePoint(c.codePointAt(0)!).id));
        changed++;
        return `"Write":${JSON.stringify(glyphs)}`;
      }));
    }
    expect(changed).toBe(1);
    await build('second');
    const pdf = (out: string): string => join(work, out, 'en', 'zine_screen_single_page_view.pdf');
    const [first, second] = [await lettersDrawn(pdf('first'), serif), await lettersDrawn(pdf('second'), serif)];
    expect(first.join('')).toContain('Write your text here');
    expect(second).toEqual(first);
    expect(second.join('')).not.toContain('Wrong');
    // a cache folder inside the project is not used: the project's author could have put files and a key there
    const inside = await zineWith({ ZINE_CACHE_DIR: join(project, 'cache') }, 'build', '--project', project, '--paper', 'letter', '--out', join(work, 'third'));
    expect(inside.code, inside.stderr).toBe(0);
    expect(inside.stderr).toContain(`warning: the cache folder ${join(project, 'cache')} is inside the project: not used`);
    expect(existsSync(join(project, 'cache'))).toBe(false);
  });
});
