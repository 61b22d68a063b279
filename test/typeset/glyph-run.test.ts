import { describe, expect, it } from 'vitest';
import { glyphSpans } from '../../src/typeset/glyph-run.js';
import { textRun } from '../../src/typeset/lines.js';
import { fonts, textItem } from '../support/fixtures.js';

const serif = fonts.face('serif', false, false);

describe('glyphSpans', () => {
  it('places each word as shaped where the line breaker put it, spaces widened by justification', () => {
    const { spans } = textItem(fonts, serif, 'office hours', { x: 10, wordSpacing: 1.5 });
    expect(spans[0]!.glyphs.length).toBe(4); // o, the ffi ligature, c, e
    expect(spans[0]!.glyphs[0]!.x).toBe(0);
    expect(spans[1]!.glyphs[0]!.x).toBeCloseTo(fonts.width(serif, 'office', 10) + fonts.width(serif, ' ', 10) + 1.5, 9);
    expect(spans.flatMap((s) => s.glyphs).map((g) => String.fromCodePoint(...g.codePoints)).join('')).toBe('officehours');
  });

  it('places a combining mark where the font puts it, taking no room of its own', () => {
    const [q, tilde, a] = textItem(fonts, serif, 'q\u0303a').spans[0]!.glyphs;
    const mark = fonts.shape(serif, 'q\u0303').glyphs[1]!;
    expect(tilde!.codePoints).toEqual([0x303]);
    expect(tilde!.x).toBeCloseTo(q!.x + fonts.width(serif, 'q', 10) + mark.dx * 10, 9);
    expect(a!.x).toBeCloseTo(fonts.width(serif, 'q\u0303', 10), 9);
  });

  it('sets a span to the end it was measured to: a word that lost its kerning at a line end keeps its start', () => {
    const width = fonts.width(serif, 'AV', 10) + 2;
    const run = textRun({ x: 0, text: 'AV', face: serif, size: 10, rise: 0, width, spans: [{ text: 'AV', at: 0, width, joined: false }] });
    expect(glyphSpans(run, fonts)[0]!.glyphs[0]!.x).toBe(0);
    const rtl = glyphSpans({ ...run, level: 1 }, fonts)[0]!;
    // right to left, it is set from its right end
    const last = rtl.glyphs[rtl.glyphs.length - 1]!;
    expect(last.x + fonts.shape(serif, 'A', true).width * 10).toBeCloseTo(width, 6);
  });
});
