import { describe, expect, it } from 'vitest';
import type { TextItem } from '../../src/display.js';
import { placeGlyphs } from '../../src/render/glyphs.js';
import { fonts } from '../support/fixtures.js';

const serif = fonts.face('serif', false, false);
const item = (text: string, wordSpacing?: number): TextItem => ({
  kind: 'text', x: 10, y: 20, text, font: serif.key, size: 10, width: 0, color: undefined, wordSpacing, direction: 'ltr',
});

describe('placeGlyphs', () => {
  it('places each word as shaped and widens each space by the word spacing', () => {
    const glyphs = placeGlyphs(item('office hours', 1.5), fonts);
    const first = fonts.shape(serif, 'office').glyphs.length;
    expect(first).toBe(4); // o, the ffi ligature, c, e
    expect(glyphs[0]!.x).toBe(0);
    expect(glyphs[first]!.x).toBeCloseTo(fonts.width(serif, 'office', 10) + fonts.width(serif, ' ', 10) + 1.5, 9);
    expect(glyphs.map((g) => String.fromCodePoint(...g.codePoints)).join('')).toBe('officehours');
  });

  it('places a combining mark where the font puts it, taking no room of its own', () => {
    const [q, tilde, a] = placeGlyphs(item('q\u0303a'), fonts);
    const mark = fonts.shape(serif, 'q\u0303').glyphs[1]!;
    expect(tilde!.codePoints).toEqual([0x303]);
    expect(tilde!.x).toBeCloseTo(q!.x + fonts.width(serif, 'q', 10) + mark.dx * 10, 9);
    expect(a!.x).toBeCloseTo(fonts.width(serif, 'q\u0303', 10), 9);
  });
});
