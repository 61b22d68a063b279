import { describe, expect, it } from 'vitest';
import { fonts } from '../support/fixtures.js';

/** The highest and lowest reach of a shaping's ink, glyph by glyph: each glyph's extent moved by its offset. */
function reachOfEachGlyph(family: string, text: string, rtl = false): { top: number; bottom: number } | undefined {
  const face = fonts.face(family, false, false);
  let [top, bottom] = [-Infinity, Infinity];
  for (const glyph of fonts.shape(face, text, rtl).glyphs) {
    const extent = fonts.glyphExtent(face, glyph.id);
    if (!extent) continue;
    top = Math.max(top, glyph.dy + extent.top);
    bottom = Math.min(bottom, glyph.dy + extent.bottom);
  }
  return top >= bottom ? { top, bottom } : undefined;
}

describe('a shaping\'s ink reach', () => {
  it('is the glyph reaching highest and the one reaching lowest, marks and their offsets counted', () => {
    // stacked marks (raised by GPOS), a descender, capitals, and Arabic with marks above and below
    const texts: [string, string, boolean][] = [
      ['serif', 'q\u0302\u0301\u0303', false], ['serif', 'Ǻgypy', false], ['serif', 'x', false], ['serif-arab', 'بِسْمِ', true],
    ];
    for (const [family, text, rtl] of texts) {
      const face = fonts.face(family, false, false);
      const reach = fonts.inkReach(face, fonts.shape(face, text, rtl).glyphs)!;
      const expected = reachOfEachGlyph(family, text, rtl)!;
      expect(reach.highest.dy + reach.highest.top, text).toBe(expected.top);
      expect(reach.lowest.dy + reach.lowest.bottom, text).toBe(expected.bottom);
    }
    // the stacked marks are raised: the highest ink is a mark's, moved up by its offset
    const serif = fonts.face('serif', false, false);
    const stacked = fonts.inkReach(serif, fonts.shape(serif, 'q\u0302\u0301\u0303').glyphs)!;
    expect(stacked.highest.dy).toBeGreaterThan(0);
  });

  it('is none for a shaping that draws nothing', () => {
    const serif = fonts.face('serif', false, false);
    expect(fonts.inkReach(serif, fonts.shape(serif, '\u2009 ').glyphs)).toBeUndefined();
  });
});
