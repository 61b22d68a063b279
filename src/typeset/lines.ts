/**
 * Lines made from the breaks the line breaker chose: each line's runs
 * placed, its spaces (and the gaps between ideographs, and kashidas)
 * justified, its runs put in display order, the line aligned.
 */
import type { ParagraphStyle } from '../content/theme.js';
import { displayOrder, type LineSpan } from '../text/bidi.js';
import type { GlyphSpan } from '../display.js';
import type { Face, FontBook } from '../font/book.js';
import { KASHIDA } from './kashida.js';
import { INFINITELY_LOOSE, type Item } from './knuth-plass.js';

/** A piece of a line set in one face and bidi level: `x` from the line's start. */
export interface Run {
  x: number;
  /** Its text in logical order, a space where its words are spaced. */
  text: string;
  face: Face;
  size: number;
  /** Baseline shift upwards (superior figures of note numbers). */
  rise: number;
  width: number;
  /** Bidi level: odd for right to left, shaped so and drawn from its last glyph. */
  level: number;
  href: string | undefined;
  /** The language it is shaped in where it is not its paragraph's: a phrase's (`[…]{lang=zh}`), in that language's forms. */
  language: string | undefined;
  /** Room added after each of its letters, in points: a justified line whose spaces could not fill it alone. */
  tracking: number;
  /**
   * Its words, or the stretches of text between the gaps justification
   * opened, in logical order: each drawn where the line breaker put it.
   */
  spans: RunSpan[];
  /** Its glyphs placed and its ink, once drawn or weighed (see glyph-run.ts). */
  placed: PlacedRun | undefined;
}

/** A run's glyphs placed for the display list, and its ink (see glyph-run.ts). */
export interface PlacedRun {
  /** The run placed, and the font book it was placed from. */
  run: Run;
  book: FontBook;
  spans: readonly GlyphSpan[];
  ink: RunInk | null;
}

/** How far a run's ink reaches above its baseline (`top`, negative) and below it (`bottom`), in points. */
export interface RunInk {
  top: number;
  bottom: number;
}

/** Text of a run set without a gap: `at` from the run's logical start (its left edge, or its right edge right to left). */
export interface RunSpan {
  text: string;
  at: number;
  width: number;
  /** It goes on with the word of the span before, across a kashida: shaped with it, the gap drawn as a joining stroke. */
  joined: boolean;
}

/** A run with every field in the same order, whatever was given, its text one span unless told: one object shape for V8 (see `textInline`). */
export function textRun(
  r: Omit<Run, 'href' | 'level' | 'spans' | 'language' | 'tracking' | 'placed'> & Partial<Pick<Run, 'href' | 'level' | 'spans' | 'language' | 'tracking'>>,
): Run {
  const spans = r.spans ?? [{ text: r.text, at: 0, width: r.width, joined: false }];
  return {
    x: r.x, text: r.text, face: r.face, size: r.size, rise: r.rise, width: r.width, level: r.level ?? 0, href: r.href, language: r.language,
    tracking: r.tracking ?? 0, spans, placed: undefined,
  };
}

/**
 * Text whose letters may be spaced apart where a justified line's spaces
 * cannot fill it alone: of scripts whose letters stand apart. Joined scripts
 * (Arabic), those whose letters hang from one line (Devanagari, Bengali) and
 * ideographs (justified between them already) are never spaced.
 */
const SPACEABLE = /^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Hangul}\p{Script=Armenian}\p{Script=Georgian}\p{N}\p{P}\p{S}\p{M}]+$/u;
/** At most this part of the type's size added after a letter: more, and a reader takes the letters for words apart. */
const MOST_TRACKING = 0.04;
/**
 * The stretch ratio past which a justified line's letters take some of the
 * room: where words are hyphenated, spaces two and a half times their width,
 * which a reader sees as a hole in the line.
 */
const LETTERS_FROM = 1.5;

/** How many letters of a piece of a line take room after them where the line is letterspaced (none in a script never spaced). */
function spacedLetters(m: BoxMeta): number {
  if (m.level % 2 === 1 || !SPACEABLE.test(m.text)) return 0;
  let n = 0;
  for (const ch of m.text) if (!/\p{M}/u.test(ch)) n++;
  return n;
}

/** What rounding alone may set a line wider than its measure by, in points: no more counts as overfull. */
export const ROUNDING = 0.01;

export interface SetLine {
  readonly runs: readonly Run[];
  /**
   * Ends inside a word, with the hyphen a break adds or at one the word has
   * ("well-" / "known"): a page should not end here (a word split across
   * pages is hard to read), and the breaker counts it among hyphens in a row.
   */
  hyphenated: boolean;
  /**
   * A justified line that its spaces would fill only stretched further than
   * any tolerance allows (TeX's emergency stretch): its letters are spaced a
   * little where their script allows, its spaces stretched the rest. Nothing
   * else would fit, and a warning says so.
   */
  overstretched: boolean;
}

export interface BoxMeta {
  text: string;
  face: Face;
  size: number;
  rise: number;
  level: number;
  href: string | undefined;
  /** The language it is shaped in where it is not its paragraph's (see `Run`). */
  language?: string | undefined;
  /** The blank side of an opening mark it starts with (「), closed up where it starts a line. */
  lead: number;
}
/**
 * What each line-breaking item carries for drawing: boxes their text, hyphen
 * penalties the hyphen, a space's glue the bidi level of the space (where the
 * paragraph has levels), a box of no text at an isolate's end (a note's gap)
 * the level of the isolate's marks.
 */
export type ItemMeta = BoxMeta | typeof KASHIDA | number | undefined;


/**
 * Lines in a row ending in a hyphen up to the last line of `lines` (which
 * never does), `before` of them leading up to the paragraph: what the eye
 * meets going on to the next paragraph past a short last line. A paragraph
 * of one line (a heading) passes them on.
 */
export function trailingHyphens(lines: readonly SetLine[], before: number): number {
  let n = 0;
  for (let i = lines.length - 2; i >= 0 && lines[i]!.hyphenated; i--) n++;
  return n === Math.max(0, lines.length - 1) ? before + n : n;
}

/** Where a line's last run ends. */
export function lineEnd(line: SetLine): number {
  return line.runs.reduce((end, r) => Math.max(end, r.x + r.width), 0);
}

/**
 * Turns chosen breakpoints into lines of positioned runs. With bidi levels
 * (`baseLevel` given), each line's runs are put in display order, and a
 * right-to-left paragraph is set from the right: its indent, its ragged
 * last line and its left alignment go to the other side.
 */
export function toLines(
  items: readonly Item[], meta: readonly ItemMeta[], breaks: number[], measure: number, align: ParagraphStyle['align'], baseLevel: number | undefined,
): SetLine[] {
  const lines: SetLine[] = [];
  for (let l = 0; l < breaks.length; l++) {
    const end = breaks[l]!;
    let start = l === 0 ? 0 : breaks[l - 1]! + 1;
    // what follows a break up to the next box is discarded, as in TeX
    while (start < end && items[start]!.type !== 'box') start++;
    const breakItem = items[end]!;
    const atBreak = meta[end];
    const hyphen = breakItem.type === 'penalty' && typeof atBreak === 'object' ? atBreak : undefined;

    let natural = 0;
    let stretch = 0;
    let shrink = 0;
    for (let i = start; i < end; i++) {
      const it = items[i]!;
      if (it.type === 'box') natural += it.width;
      else if (it.type === 'glue') {
        natural += it.width;
        stretch += it.stretch;
        shrink += it.shrink;
      }
    }
    if (breakItem.type === 'penalty') natural += breakItem.width;
    // an opening mark starting the line closes up its blank side, as one ending it does (「 at the start, 。 at the end)
    const first = meta[start];
    const lead = typeof first === 'object' ? first.lead : 0;
    natural -= lead;
    const justified = align === 'justify';
    // where the spaces would stretch past any tolerance, nothing else fits: a warning says so
    const overstretched = justified && stretch > 0 && measure - natural - INFINITELY_LOOSE * stretch > ROUNDING;
    // where they would stretch loose, letters that may be spaced take some of the room, as much as reads
    // (a line without spaces is a word broken where it must be, said so where it is broken)
    let tracking = 0;
    const short = measure - natural - LETTERS_FROM * stretch;
    if (justified && stretch > 0 && short > ROUNDING) {
      let letters = hyphen ? spacedLetters(hyphen) : 0;
      /** The size of the line's type, from its first piece of text (an indent comes before it). */
      let size = 0;
      for (let i = start; i < end; i++) {
        const m = meta[i];
        if (items[i]!.type !== 'box' || typeof m !== 'object') continue;
        letters += spacedLetters(m);
        size ||= m.size;
      }
      if (letters > 0) tracking = Math.min(short / letters, MOST_TRACKING * size);
      natural += tracking * letters;
    }
    let ratio = 0;
    // every line of a justified paragraph but the last reaches the measure, its spaces stretched as far as they must
    if (justified && natural < measure && stretch > 0) ratio = (measure - natural) / stretch;
    // a line wider than the measure shrinks as the breaker reckoned, ragged too: the gaps of text without spaces
    // (a quarter em before a Latin word, a mark's blank half) close up where the line needs room
    if (natural > measure && shrink > 0) ratio = Math.max(-1, (measure - natural) / shrink);

    const runs: Run[] = [];
    /** The runs and the isolates' ends between them, in logical order: what is put in display order. */
    const pieces: LineSpan[] = [];
    let x = 0 - lead;
    /** Room since the last box; null after material that no run can span (an indent, a note's gap, an isolate's end). */
    let gap = null as number | null;
    /** Whether that room holds a space (not only a gap justification opened between ideographs). */
    let spaced = false;
    /** Whether it is a kashida's, inside a word. */
    let elongated = false;
    /** The lowest bidi level of the spaces in that room, if it holds any. */
    let spaceLevel: number | undefined;
    /** For each piece, the level of the spaces before it (see `displayOrder`). */
    const spacesBefore: (number | undefined)[] = [];
    const place = (m: BoxMeta, unspaced: number): void => {
      // most lines take no tracking: their pieces' letters need no counting
      const letters = tracking > 0 ? spacedLetters(m) : 0;
      const spacing = letters > 0 ? tracking : 0;
      const width = unspaced + spacing * letters;
      const last = runs[runs.length - 1];
      // a space of a lower level than the words around it parts them: two numbers in Arabic text are two runs, read from the right
      const same = last !== undefined && gap !== null && last.face === m.face && last.size === m.size && last.rise === m.rise && last.level === m.level
        && last.href === m.href && last.language === m.language && last.tracking === spacing && (spaceLevel === undefined || spaceLevel >= m.level);
      if (same && gap === 0) {
        // pieces of one word, shaped together
        const span = last.spans[last.spans.length - 1]!;
        span.text += m.text;
        span.width += width;
        last.text += m.text;
        last.width += width;
      } else if (same) {
        last.spans.push({ text: m.text, at: x - last.x, width, joined: elongated && !spaced });
        last.text += spaced ? ` ${m.text}` : m.text;
        last.width = x + width - last.x;
      } else {
        const run = textRun({ x, text: m.text, face: m.face, size: m.size, rise: m.rise, width, level: m.level, href: m.href, language: m.language, tracking: spacing });
        runs.push(run);
        pieces.push(run);
        spacesBefore.push(spaceLevel);
      }
      x += width;
      // one by one, not destructured from an array: this runs for every word of every line, mostly before it is optimized
      gap = 0;
      spaced = false;
      elongated = false;
      spaceLevel = undefined;
    };
    for (let i = start; i < end; i++) {
      const it = items[i]!;
      if (it.type === 'box') {
        const m = meta[i];
        if (typeof m === 'object') place(m, it.width);
        else {
          // an isolate's end, at the level of its marks: the spaces before it are the isolate's, those after it the text's around
          if (typeof m === 'number') {
            pieces.push({ x, width: it.width, level: m });
            spacesBefore.push(spaceLevel);
            spaceLevel = undefined;
          }
          x += it.width;
          gap = null;
        }
      } else if (it.type === 'glue') {
        const width = it.width + (ratio > 0 ? ratio * it.stretch : ratio * it.shrink);
        if (gap !== null) gap += width;
        spaced ||= it.width > 0;
        elongated ||= meta[i] === KASHIDA;
        const level = meta[i];
        if (typeof level === 'number') spaceLevel = Math.min(level, spaceLevel ?? level);
        x += width;
      }
    }
    if (hyphen) place(hyphen, breakItem.width);
    else if (breakItem.type === 'penalty' && breakItem.width !== 0 && runs.length > 0) {
      // a word parted without a hyphen: its last glyph loses its kerning with the next
      const run = runs[runs.length - 1]!;
      run.width += breakItem.width;
      run.spans[run.spans.length - 1]!.width += breakItem.width;
      x += breakItem.width;
    }
    if (baseLevel !== undefined) displayOrder(pieces, spacesBefore, baseLevel, x);
    // a line too wide for the measure still starts at its start, so that it shows as overfull
    const shift = Math.max(baseLevel === 1 ? 0 : -Infinity, (measure - x) * endShare(align, baseLevel === 1));
    if (shift !== 0) for (const r of runs) r.x += shift;
    // a flagged break is one inside a word: a hyphen added, or the word's own (an address's punctuation is not flagged)
    lines.push({ runs, hyphenated: breakItem.type === 'penalty' && breakItem.flagged, overstretched });
  }
  return lines;
}

/**
 * How much of the room left on a line goes before its text: none when set
 * from the left, all of it when set from the right. Alignment is by start
 * and end: `left` and a justified paragraph's last line are at the start,
 * on the right for a right-to-left paragraph.
 */
export function endShare(align: ParagraphStyle['align'], rtl: boolean): number {
  if (align === 'center') return 0.5;
  return (align === 'right') !== rtl ? 1 : 0;
}
