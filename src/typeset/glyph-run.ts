import type { GlyphSpan } from '../display.js';
import type { FontBook } from './fonts.js';
import type { Run } from './paragraph.js';

/**
 * A run's spans as the display list holds them: each span's glyphs as the
 * font book shaped them when measuring, placed from the run's left edge
 * where the line breaker put the span. A right-to-left run's first span is
 * its rightmost, and each span's glyphs go from its last (its leftmost).
 */
export function glyphSpans(run: Run, fonts: FontBook): GlyphSpan[] {
  const rtl = run.level % 2 === 1;
  return run.spans.map((span) => {
    const shaped = fonts.shape(run.face, span.text, rtl);
    // a span ends where it was measured to end (a word parted at a line's end loses its last kerning): its glyphs are set from that end
    const left = rtl ? run.width - span.at - span.width : span.at;
    let pen = rtl ? left + span.width - shaped.width * run.size : left;
    const glyphs = (rtl ? [...shaped.glyphs].reverse() : shaped.glyphs).map((g) => {
      const placed = { id: g.id, x: pen + g.dx * run.size, rise: g.dy * run.size, codePoints: g.codePoints };
      pen += g.advance * run.size;
      return placed;
    });
    return { text: span.text, glyphs };
  });
}
