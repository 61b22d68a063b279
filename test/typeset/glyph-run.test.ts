import { describe, expect, it } from 'vitest';
import { glyphSpans } from '../../src/typeset/glyph-run.js';
import { textRun } from '../../src/typeset/lines.js';
import { fonts, placedGlyphs, textItem } from '../support/fixtures.js';

const serif = fonts.face('serif', false, false);

describe('glyphSpans', () => {
  it('places each word as shaped where the line breaker put it, spaces widened by justification', () => {
    const { spans } = textItem(fonts, serif, 'office hours', { x: 10, wordSpacing: 1.5 });
    expect(spans[0]!.glyphs.length).toBe(4); // o, the ffi ligature, c, e
    const glyphs = placedGlyphs(spans);
    expect(glyphs[0]!.x).toBe(0);
    expect(glyphs[4]!.x).toBeCloseTo(fonts.width(serif, 'office', 10) + fonts.width(serif, ' ', 10) + 1.5, 9);
    expect(glyphs.map((g) => String.fromCodePoint(...g.codePoints)).join('')).toBe('officehours');
  });

  it('places a combining mark where the font puts it, taking no room of its own', () => {
    const [q, tilde, a] = placedGlyphs(textItem(fonts, serif, 'q\u0303a').spans);
    const mark = fonts.shape(serif, 'q\u0303').glyphs[1]!;
    expect(tilde!.codePoints).toEqual([0x303]);
    expect(tilde!.x).toBeCloseTo(q!.x + fonts.width(serif, 'q', 10) + mark.dx * 10, 9);
    expect(a!.x).toBeCloseTo(fonts.width(serif, 'q\u0303', 10), 9);
  });

  it('sets a span to the end it was measured to: a word that lost its kerning at a line end keeps its start', () => {
    const width = fonts.width(serif, 'AV', 10) + 2;
    const run = textRun({ x: 0, text: 'AV', face: serif, size: 10, rise: 0, width, spans: [{ text: 'AV', at: 0, width, joined: false }] });
    expect(placedGlyphs(glyphSpans(run, fonts))[0]!.x).toBe(0);
    const rtl = placedGlyphs(glyphSpans({ ...run, level: 1 }, fonts));
    // right to left, it is set from its right end
    const last = rtl[rtl.length - 1]!;
    expect(last.x + fonts.shape(serif, 'A', true).width * 10).toBeCloseTo(width, 6);
  });

  it('places a word set alike wherever it stands once: its glyphs are one array, the pen starting where each stands', () => {
    const { spans } = textItem(fonts, serif, 'the zine the', { wordSpacing: 2 });
    expect(spans[2]!.glyphs).toBe(spans[0]!.glyphs);
    expect(spans[2]!.x).toBeGreaterThan(spans[1]!.x);
    // letterspaced, a word's glyphs are its line's own, each letter the room further on
    const width = fonts.width(serif, 'the', 10) + 3;
    const spaced = textRun({ x: 0, text: 'the', face: serif, size: 10, rise: 0, width, tracking: 1, spans: [{ text: 'the', at: 0, width, joined: false }] });
    const own = glyphSpans(spaced, fonts);
    expect(own[0]!.glyphs).not.toBe(spans[0]!.glyphs);
    expect(placedGlyphs(own)[2]!.x - placedGlyphs([spans[0]!])[2]!.x).toBeCloseTo(2, 9);
  });
});
