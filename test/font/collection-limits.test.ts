import { copyFileSync, linkSync, mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FontBook } from '../../src/font/book.js';
import { collectionClaiming, ROOT, theme } from '../support/fixtures.js';

describe('a collection that claims too many faces', () => {
  it('is refused from its header, before any face is parsed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zine-ttc-'));
    mkdirSync(join(dir, 'fonts'));
    for (const f of Object.values(theme.fonts).flatMap((v) => Object.values(v))) copyFileSync(join(ROOT, 'fonts', f), join(dir, 'fonts', f));
    writeFileSync(join(dir, 'fonts', 'big.ttc'), collectionClaiming(2_000_000));
    const withBig = { ...theme, fonts: { ...theme.fonts, big: { regular: 'big.ttc#0' } } };
    expect(() => new FontBook(withBig, dir).face('big', false, false)).toThrow(/not a usable font collection: its header is cut off or damaged/);
  });
});

describe('font files a build reads', () => {
  /** A project folder with the theme's fonts, and `extra` written into fonts/. */
  const project = (extra: (fonts: string) => void): string => {
    const dir = mkdtempSync(join(tmpdir(), 'zine-fontfiles-'));
    mkdirSync(join(dir, 'fonts'));
    for (const f of Object.values(theme.fonts).flatMap((v) => Object.values(v))) copyFileSync(join(ROOT, 'fonts', f), join(dir, 'fonts', f));
    extra(join(dir, 'fonts'));
    return dir;
  };
  const named = (files: string[]): typeof theme => ({ ...theme, fonts: { ...theme.fonts, ...Object.fromEntries(files.map((f, i) => [`f${i}`, { regular: f }])) } });

  it('are read once however many names link to one, by a symbolic or a hard link', () => {
    const dir = project((fonts) => {
      symlinkSync('NotoSerif-Regular.ttf', join(fonts, 'soft.ttf'));
      linkSync(join(fonts, 'NotoSerif-Regular.ttf'), join(fonts, 'hard.ttf'));
    });
    const book = new FontBook(named(['soft.ttf', 'hard.ttf']), dir);
    const [serif, soft, hard] = [book.face('serif', false, false), book.face('f0', false, false), book.face('f1', false, false)];
    expect(soft.font).toBe(serif.font);
    expect(hard.font).toBe(serif.font);
    // each is named by its own name in messages
    expect([soft.file, hard.file].map((f) => f.split('/').pop())).toEqual(['soft.ttf', 'hard.ttf']);
  });

  it('are refused past 256 MB together, naming theme.json and the font that passes it', () => {
    // five fonts of 60 MB (their sections of zeros take no room on the disk)
    const files = [0, 1, 2, 3, 4].map((i) => `big${i}.ttf`);
    const dir = project((fonts) => {
      for (const f of files) {
        copyFileSync(join(ROOT, 'fonts', 'NotoSerif-Regular.ttf'), join(fonts, f));
        truncateSync(join(fonts, f), 60 * 1024 * 1024);
      }
    });
    const book = new FontBook(named(files), dir);
    for (let i = 0; i < 4; i++) book.face(`f${i}`, false, false);
    expect(() => book.face('f4', false, false)).toThrow(expect.objectContaining({
      message: expect.stringMatching(/^the fonts this build reads come to more than 256 MB with big4\.ttf: refused/),
      where: { file: join(dir, 'theme.json') },
    }));
  });
});
