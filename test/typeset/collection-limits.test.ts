import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FontBook } from '../../src/typeset/fonts.js';
import { ROOT, theme } from '../support/fixtures.js';

describe('a collection that claims too many faces', () => {
  it('is refused from its header, before any face is parsed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zine-ttc-'));
    mkdirSync(join(dir, 'fonts'));
    for (const f of Object.values(theme.fonts).flatMap((v) => Object.values(v))) copyFileSync(join(ROOT, 'fonts', f), join(dir, 'fonts', f));
    // a real collection's header, its face count raised to two million, every face the first
    const real = readFileSync(join(ROOT, 'test', 'fixtures', 'fonts', 'NotoSerifCJK-Regular.ttc'));
    const count = 2_000_000;
    const header = Buffer.alloc(12 + 4 * count);
    real.copy(header, 0, 0, 8);
    header.writeUInt32BE(count, 8);
    const first = real.readUInt32BE(12);
    for (let i = 0; i < count; i++) header.writeUInt32BE(first + header.length - 12 - 4 * real.readUInt32BE(8), 12 + 4 * i);
    writeFileSync(join(dir, 'fonts', 'big.ttc'), Buffer.concat([header, real.subarray(12 + 4 * real.readUInt32BE(8))]));
    const withBig = { ...theme, fonts: { ...theme.fonts, big: { regular: 'big.ttc#0' } } };
    expect(() => new FontBook(withBig, dir)).toThrow(/not a usable font collection: its header is cut off or damaged/);
  });
});
