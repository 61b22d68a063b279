import { glyphPositions, type GlyphSpan, type PlacedGlyph } from '../display.js';
import { TATWEEL, type FontBook, type ShapedGlyph } from '../font/book.js';
import type { PlacedRun, Run, RunInk, RunSpan } from './lines.js';

/**
 * A run's spans as the display list holds them: each span's glyphs as the
 * font book shaped them when measuring, placed from the run's left edge
 * where the line breaker put the span. A right-to-left run's first span is
 * its rightmost, and each span's glyphs go from its last (its leftmost). A
 * word lengthened by kashida is one span again: shaped whole, so that its
 * letters join as in the word, the gaps drawn as the joining stroke
 * (tatweel), its glyphs from left to right as those of any word.
 */
export function glyphSpans(run: Run, book: FontBook): readonly GlyphSpan[] {
  return placedRun(run, book).spans;
}

/**
 * How far a run's ink reaches above its baseline (`top`, negative) and
 * below it (`bottom`), in points, from its glyphs' boxes as they are drawn,
 * marks and raised figures and all; null where it draws nothing.
 */
export function runInk(run: Run, book: FontBook): RunInk | null {
  return placedRun(run, book).ink;
}

/** A run placed once, its ink found from the same shapings, kept with it: a line kept from the last build (see setParagraph) is placed once, in every edition and build. */
function placedRun(run: Run, book: FontBook): PlacedRun {
  let placed = run.placed;
  // a copy of a run ({ ...run, level }) carries the placing of the run it was copied from
  if (placed?.run !== run || placed.book !== book) run.placed = placed = placeRun(run, book);
  return placed;
}

function placeRun(run: Run, book: FontBook): PlacedRun {
  // a phrase in a language of its own is drawn in that language's forms, as it was measured
  const fonts = run.language === undefined ? book : book.inLanguage(run.language);
  const rtl = run.level % 2 === 1;
  // the ink of each span as it was shaped when measured: a word lengthened by kashida by its parts (drawn from the
  // whole word's shaping), and the stroke at the baseline; the others by the shapings they are drawn from
  const joined = run.spans.some((s) => s.joined);
  const shapings: (readonly ShapedGlyph[])[] = [];
  const spans = placeSpans(run, fonts, rtl, joined ? undefined : shapings);
  if (joined) for (const span of run.spans) shapings.push(fonts.shape(run.face, span.text, rtl).glyphs);
  let [top, bottom] = [Infinity, -Infinity];
  for (const glyphs of shapings) {
    const reach = book.inkReach(run.face, glyphs);
    if (!reach) continue;
    const { highest, lowest } = reach;
    top = Math.min(top, -run.rise - highest.dy * run.size - highest.top * run.size);
    bottom = Math.max(bottom, -run.rise - lowest.dy * run.size - lowest.bottom * run.size);
  }
  return { run, book, spans, ink: top <= bottom ? { top, bottom } : null };
}

/** The spans placed; each span's shaping given to `shapings`, where asked (a run with no word lengthened by kashida). */
function placeSpans(run: Run, fonts: FontBook, rtl: boolean, shapings?: (readonly ShapedGlyph[])[]): GlyphSpan[] {
  const out: GlyphSpan[] = [];
  for (let i = 0; i < run.spans.length; ) {
    let j = i + 1;
    while (j < run.spans.length && run.spans[j]!.joined) j++;
    if (j === i + 1) {
      // most spans: a word of its own
      const span = run.spans[i]!;
      const { glyphs } = fonts.shape(run.face, span.text, rtl);
      shapings?.push(glyphs);
      out.push(placedSpan(glyphs, run, span, rtl));
      i = j;
      continue;
    }
    const word = run.spans.slice(i, j);
    const shaped = fonts.shape(run.face, word.map((s) => s.text).join(''), rtl).glyphs;
    let g = 0;
    // each part with the stroke that joins it to the part before, in logical order
    const parts = word.map((span, k) => {
      // the glyphs of the part's characters, with the further glyphs of its last cluster
      const own: ShapedGlyph[] = [];
      for (let chars = 0, count = Array.from(span.text).length; g < shaped.length && (chars < count || shaped[g]!.codePoints.length === 0); g++) {
        own.push(shaped[g]!);
        chars += shaped[g]!.codePoints.length;
      }
      return [...(k > 0 && !rtl ? stroke(run, word[k - 1]!, span, rtl, fonts) : []), ...drawnAt(placedSpan(own, run, span, rtl)), ...(k > 0 && rtl ? stroke(run, word[k - 1]!, span, rtl, fonts) : [])];
    });
    // each glyph where it stands, the pen left at the run's start
    out.push({ text: word.map((s) => s.text).join(''), x: 0, glyphs: (rtl ? parts.reverse() : parts).flat() });
    i = j;
  }
  return out;
}

/**
 * A span's glyphs from left to right, the pen starting where the span
 * stands. A word set alike wherever it stands (its letters not spaced
 * apart) has its glyphs placed once, and shared.
 */
function placedSpan(glyphs: readonly ShapedGlyph[], run: Run, span: RunSpan, rtl: boolean): GlyphSpan {
  const alike = run.tracking > 0 ? undefined : placedAlike(glyphs, run.size, rtl);
  const width = alike?.width ?? widthOf(glyphs, run.size);
  // a span ends where it was measured to end (a word parted at a line's end loses its last kerning): its glyphs are set from that end
  const left = rtl ? run.width - span.at - span.width : span.at;
  const x = rtl ? left + span.width - width : left;
  if (alike) return { text: span.text, x, glyphs: alike.glyphs };
  // a letterspaced span's room shared after its glyphs that advance (a ligature is one letter, a mark none), to end where it was measured to
  const spaced = glyphs.filter((g) => g.advance > 0).length;
  return { text: span.text, x, glyphs: placed(glyphs, run.size, rtl, spaced > 0 ? (span.width - width) / spaced : 0) };
}

/** A shaping's glyphs placed at a size, in a direction, with their width: made once for every word set so. */
function placedAlike(glyphs: readonly ShapedGlyph[], size: number, rtl: boolean): { width: number; glyphs: readonly PlacedGlyph[] } {
  let bySize = alikeGlyphs.get(glyphs);
  if (!bySize) alikeGlyphs.set(glyphs, (bySize = new Map()));
  const key = rtl ? -size : size;
  let alike = bySize.get(key);
  if (!alike) bySize.set(key, (alike = { width: widthOf(glyphs, size), glyphs: placed(glyphs, size, rtl, 0) }));
  return alike;
}

/** By the font book's shapings (see placedAlike), kept while a shaping is. */
const alikeGlyphs = new WeakMap<readonly ShapedGlyph[], Map<number, { width: number; glyphs: readonly PlacedGlyph[] }>>();

/** Glyphs' width as shaped, in points at `size`. */
const widthOf = (glyphs: readonly ShapedGlyph[], size: number): number => glyphs.reduce((w, g) => w + g.advance, 0) * size;

/** Glyphs from left to right (a right-to-left span's from its last, in a loop, not a reversed copy), `after` added to each that advances. */
function placed(glyphs: readonly ShapedGlyph[], size: number, rtl: boolean, after: number): PlacedGlyph[] {
  const out: PlacedGlyph[] = [];
  for (let i = 0; i < glyphs.length; i++) {
    const g = glyphs[rtl ? glyphs.length - 1 - i : i]!;
    out.push({ id: g.id, dx: g.dx * size, advance: g.advance * size + (g.advance > 0 ? after : 0), rise: g.dy * size, codePoints: g.codePoints });
  }
  return out;
}

/** A span's glyphs each where it is drawn, from the run's start (its pen left there): for a word's parts joined by kashidas. */
function drawnAt(span: GlyphSpan): PlacedGlyph[] {
  const at = glyphPositions(span);
  return span.glyphs.map((glyph, i) => ({ ...glyph, dx: at[i]!, advance: 0 }));
}

/**
 * The joining stroke across a kashida's gap: tatweels side by side, the last
 * overlapping the one before as far as it must to end where the gap does.
 * They stand for no text: the word reads back as written, for copying and
 * search (the renderer draws them apart from the word's letters).
 */
function stroke(run: Run, before: RunSpan, span: RunSpan, rtl: boolean, fonts: FontBook): PlacedGlyph[] {
  const [tatweel] = fonts.shape(run.face, String.fromCodePoint(TATWEEL), rtl).glyphs;
  const gap = span.at - (before.at + before.width);
  if (!tatweel || gap <= 0) return [];
  const advance = tatweel.advance * run.size;
  const left = rtl ? run.width - span.at : before.at + before.width;
  const count = Math.max(1, Math.ceil(gap / advance));
  const step = count === 1 ? 0 : (gap - advance) / (count - 1);
  return Array.from({ length: count }, (_, n) => ({ id: tatweel.id, dx: left + (count === 1 ? (gap - advance) / 2 : n * step), advance: 0, rise: 0, codePoints: [], kashida: true }));
}
