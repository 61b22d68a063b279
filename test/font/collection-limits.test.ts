import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
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
