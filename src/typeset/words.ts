/**
 * Words shaped and measured once, with where each may break: hyphenation
 * points, hyphens and dashes, an address's punctuation, breaks between
 * ideographs, squeezes, a kashida; split into the parts a line may end
 * between, each join with what a line ending there adds.
 */
import type { SourceRef } from '../errors.js';
import { characters } from '../lang/characters.js';
import { scriptOfCharacter } from '../lang/scripts.js';
import type { Hyphenator } from '../lang/liang.js';
import type { Language } from '../lang/types.js';
import { addressBreaks, addressStart } from '../text/addresses.js';
import { cjkPunctuation, partsWithoutHyphen } from '../text/breaks.js';
import { missingGlyph } from '../font/coverage.js';
import type { Face, FontBook, ShapedGlyph } from '../font/book.js';
import { isSeam, LATIN_OR_DIGIT, punctuationBlank, seamGap, type Seam, type ScriptGap } from './cjk-spacing.js';
import { kashidaPoint } from './kashida.js';
import { INFINITE_PENALTY } from './knuth-plass.js';
import { ROUNDING } from './lines.js';

/** A penalty that forbids a break. */
const NO_BREAK = INFINITE_PENALTY;

/**
 * Where a word may break: at a hyphenation point, after a hyphen it has,
 * inside an address, or anywhere as a last resort; in text set without
 * spaces, between ideographs, at a dictionary word's boundary (Thai), or
 * between Korean syllables. A squeeze is no break: two punctuation marks
 * that meet, set closer; nor a tie, an ideograph and a Latin letter kept
 * together (in a title's phrase) with a quarter em between them; nor a
 * kashida, where a joined Arabic word may lengthen.
 */
export type BreakKind = 'hyphenate' | 'explicit' | 'address' | 'emergency' | Seam | 'kashida';
/**
 * A hyphenation point costs three times what plain TeX makes it cost: in a
 * zine's narrow measure TeX's 50 bought even spaces with a hyphen on every
 * third line of Russian. Tuned with the spaces' stretch (typeset/items.ts) on
 * texts the example never saw (bench/corpus): at most 12 % of English lines
 * and 33 % of Russian ones hyphenated, their spaces' variation at most 0.30.
 * A hyphen the word has, or an address's punctuation, costs TeX's; a break
 * anywhere in a word, dearly, and so one between the syllables of a Korean
 * word or inside what may be one Thai word, taken only where the word is
 * wider than the line.
 */
export const BREAK_COST: Record<BreakKind, number> = {
  hyphenate: 150, explicit: 50, address: 50, emergency: 1000, ideograph: 0, word: 0, part: 1000, syllable: 1000, squeeze: NO_BREAK, tie: NO_BREAK, letterspace: NO_BREAK, kashida: NO_BREAK,
};
/** Runs of letters shorter than five are never hyphenated. */
const HYPHENATABLE = /\p{L}{5,}/gu;
/** Hyphens and dashes after which a word may break. */
const WORD_DASHES = new Set(['-', '\u2010', '\u2013', '\u2014', '/']);
const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
/** A letter or figure of a script whose words take a hyphen where a line parts them. */
export const hyphenatedLetter = (cp: number): boolean => !partsWithoutHyphen(cp) && LATIN_OR_DIGIT.test(String.fromCodePoint(cp));
/** Letters of the scripts a theme's own families set. */
const TEXT_LETTER = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]/u;

/** The face and size a word is set in, and the style it asks of a fallback face. */
export interface WordFace {
  face: Face;
  bold: boolean;
  italic: boolean;
  size: number;
}

/** What shaping and breaking a word takes besides the word. */
export interface WordSetting {
  fonts: FontBook;
  hyphenator: Hyphenator | undefined;
  /** Whether a right-to-left word may lengthen by a kashida. */
  kashida: boolean;
  /** The paragraph has text set without spaces, where two marks that meet close up. */
  withoutSpaces: boolean;
  /** For the message naming a character no font has. */
  language: Language;
  source: SourceRef;
}

/** Where a word may break (its hyphens, the patterns' points, an address's punctuation, breaks between ideographs), and the word measured. */
export function analyseWord(
  text: string, f: WordFace, address: boolean, hyphenate: boolean, levels: number[] | undefined, inside: readonly [number, BreakKind][], setting: WordSetting,
): AnalysedWord {
  const chars = characters(text);
  const breaks = new Map<number, BreakKind>(inside);
  // two punctuation marks that meet, where no break may come (。」), are set closer (only text without spaces has them)
  for (let i = 1; i < chars.length && setting.withoutSpaces; i++) {
    if (!breaks.has(i) && cjkPunctuation(chars[i - 1]!.codePointAt(0)!) && cjkPunctuation(chars[i]!.codePointAt(0)!)) breaks.set(i, 'squeeze');
  }
  // an address's scheme and its slashes stay whole, with what follows them on their line; it breaks after its punctuation, with no hyphen added
  const whole = address ? addressStart(text) : 0;
  if (address) for (const at of addressBreaks(chars, whole)) breaks.set(at, 'address');
  for (let i = 1; i < chars.length - 1 && !address; i++) {
    // a word after a hyphen or dash inside it ("well-known", "Almaty—Astana")
    if (WORD_DASHES.has(chars[i]!) && /[\p{L}\p{N}]/u.test(chars[i + 1]!)) breaks.set(i + 1, 'explicit');
  }
  if (hyphenate) {
    for (const m of text.matchAll(HYPHENATABLE)) {
      const offset = m.index === 0 ? 0 : characters(text.slice(0, m.index)).length;
      for (const p of setting.hyphenator!.breaks(m[0])) breaks.set(offset + p, 'hyphenate');
    }
  }
  const measured = measureWord(chars, f, levels, setting);
  // a break inside a glyph (a ligature) would need the word shaped again: not taken
  for (const at of breaks.keys()) if (!measured.canBreak(at)) breaks.delete(at);
  const joined = setting.kashida ? measured.rightToLeftFace() : undefined;
  if (joined) {
    const at = kashidaPoint(setting.fonts, joined, text, (p) => !breaks.has(p) && measured.canBreak(p));
    if (at !== undefined) breaks.set(at, 'kashida');
  }
  return { length: chars.length, whole, breaks, measured };
}

/**
 * A word shaped once, in runs by the face that has each character (the
 * style's, else a fallback) and by bidi level, each run in its direction:
 * its pieces are measured from that shaping, so that the kerning inside a
 * word counts wherever it may break.
 */
function measureWord(chars: string[], f: WordFace, levels: number[] | undefined, { fonts, language, source }: WordSetting): MeasuredWord {
  const runs: FaceRun[] = [];
  // a figure or a mark the face lacks is set in the style the face shows, not the one asked: an italic Thai subtitle is
  // upright (the Thai face has no italic), and so are its digits, though the Latin face they come from has an italic
  const shown = { bold: f.face.variant === 'bold' || f.face.variant === 'boldItalic', italic: f.face.variant === 'italic' || f.face.variant === 'boldItalic' };
  const faces = chars.map((ch) => (LETTER_OR_MARK.test(ch)
    ? fonts.faceFor(ch.codePointAt(0)!, f.face, f.bold, f.italic)
    : fonts.faceFor(ch.codePointAt(0)!, f.face, shown.bold, shown.italic)));
  // a stop or a bracket by Latin, Cyrillic or Greek letters (the nearest letter before it, else after) takes their
  // face, where that face has it: a full stop after an English word in a Farsi zine is the Latin one, not Noto Naskh's
  const nearest = faces.some((face) => face !== f.face) ? nearestLetters(chars) : undefined;
  chars.forEach((ch, i) => {
    let face = faces[i];
    if (!face) throw missingGlyph(ch, language, source);
    const by = nearest?.[i];
    const letter = by !== undefined && TEXT_LETTER.test(chars[by]!) ? faces[by] : undefined;
    if (letter && letter !== face && letter.font.hasGlyphForCodePoint(ch.codePointAt(0)!)) face = letter;
    const level = levels?.[i] ?? 0;
    const last = runs[runs.length - 1];
    const continues = last !== undefined && last.face === face && last.level === level;
    const size = fonts.sizesScripts(face) ? sizeOf(ch, face, f.size, continues ? last.size : f.size, fonts) : f.size;
    if (continues && last.size === size) last.to = i + 1;
    else runs.push({ face, level, size, from: i, to: i + 1, offsets: [] });
  });
  for (const run of runs) {
    const text = chars.slice(run.from, run.to);
    const measured = offsets(text, run.face, run.size, fonts, run.level % 2 === 1);
    // a font may map a character and still lack a glyph its shaping needs (Thai sara am taken apart into nikhahit and sara aa)
    const { notdef } = measured;
    if (notdef) throw missingGlyph(String.fromCodePoint(notdef.codePoints[0] ?? text[0]!.codePointAt(0)!), language, source);
    run.offsets = measured.offsets;
  }
  return new MeasuredWord(chars, runs, f.size, fonts);
}

/**
 * The size a character is set at in `face`: its script's letters as large
 * as the fonts' proportions or the theme ask (`FontBook.scriptSize`), those
 * of no script (marks, joiners, punctuation) at the size of the letters they
 * stand with, `before`.
 */
function sizeOf(ch: string, face: Face, size: number, before: number, fonts: FontBook): number {
  const script = scriptOfCharacter(ch);
  return script === undefined ? before : size * fonts.scriptSize(face, script);
}

export interface AnalysedWord {
  /** In characters (code points). */
  length: number;
  /** Characters at its start that never part (an address's `https://`). */
  whole: number;
  breaks: ReadonlyMap<number, BreakKind>;
  measured: MeasuredWord;
}

/** A word's parts between the breaks taken, each break with what a line ending there costs and adds: what is kept of each word. */
export interface SplitWord {
  parts: Piece[][];
  /** Before each part but the first. */
  joins: Join[];
  /**
   * The widest stretch between the places a line may break the word, with
   * what a line ending after it adds (a hyphen): wider than the line, the
   * word must break where it must.
   */
  widest: number;
  /**
   * The stretch up to the first place a line may break the word, with what a
   * line ending there adds: what a line must hold after what stands before
   * the word with no break between (the whole word where it has no break).
   */
  first: number;
  /** The whole word's width. */
  width: number;
}

/** Where two parts of a word meet: what a line ending there adds (`width`), and the gap between them in text without spaces. */
export interface Join {
  kind: BreakKind;
  hyphen: boolean;
  width: number;
  gap: ScriptGap | undefined;
}

/** Parts and joins, worked out once for each word and style: every line-breaking of the word uses them. */
export function partsOf(measured: MeasuredWord, length: number, breaks: ReadonlyMap<number, BreakKind>, face: Face, address: boolean): SplitWord {
  const out: SplitWord = { parts: [], joins: [], widest: 0, first: 0, width: 0 };
  /** Width since the last join a line may break at. */
  let unbroken = 0;
  let first: number | undefined;
  for (const [from, to] of pieces(length, breaks)) {
    if (from > 0) {
      const kind = breaks.get(from)!;
      const [before, after] = [measured.codePoint(from - 1), measured.codePoint(from)];
      const forced = kind === 'emergency' && !address;
      // a word broken where it must be takes a hyphen like any other, so that it reads (and copies) as one: between letters, not of Chinese or Thai
      const hyphen = kind === 'hyphenate' || (forced && hyphenatedLetter(before) && hyphenatedLetter(after));
      // between two characters of text without spaces (or two marks), a gap, even where the word parts only because it must
      const seam = isSeam(kind) || (forced && !hyphen);
      // a line ending after a closing mark loses its blank half
      const blankAfter = seam ? measured.blank(from - 1, 'after') : 0;
      const gap = seam ? seamGap(kind, before, after, blankAfter, measured.blank(from, 'before'), measured.size) : undefined;
      const join = { kind, hyphen, width: measured.breakWidth(from, hyphen ? face : undefined) - blankAfter, gap };
      out.joins.push(join);
      const breakable = BREAK_COST[kind] < NO_BREAK;
      // a line ending here holds the stretch before with what the break adds (a hyphen)
      if (breakable) {
        out.widest = Math.max(out.widest, unbroken + join.width);
        first ??= unbroken + join.width;
      }
      unbroken = breakable ? 0 : unbroken + (gap?.space ?? 0);
    }
    const part = measured.piece(from, to);
    const width = part.reduce((w, r) => w + r.width, 0);
    unbroken += width;
    out.widest = Math.max(out.widest, unbroken);
    out.width += width;
    out.parts.push(part);
  }
  out.first = first ?? unbroken;
  return out;
}

/**
 * A word's breaks with the last resort's: in each stretch between the
 * places a line may break it that is wider than the line (with what a line
 * ending after it adds, a hyphen), anywhere a glyph ends, even between two
 * marks that meet, against kinsoku (never in an address's scheme). `split`
 * is the word parted at its own breaks.
 */
export function lastResort(word: AnalysedWord, split: SplitWord, measure: number): Map<number, BreakKind> {
  const out = new Map(word.breaks);
  const spans = pieces(word.length, word.breaks);
  let [from, width] = [0, 0];
  spans.forEach(([, to], i) => {
    width += split.parts[i]!.reduce((w, p) => w + p.width, 0);
    const next = split.joins[i];
    if (next && BREAK_COST[next.kind] >= NO_BREAK) {
      width += next.gap?.space ?? 0;
      return;
    }
    if (width + (next?.width ?? 0) > measure + ROUNDING) {
      for (let at = Math.max(from + 1, word.whole + 1); at < to; at++) {
        const kind = out.get(at);
        if ((kind === undefined || kind === 'squeeze' || kind === 'tie') && word.measured.canBreak(at)) out.set(at, 'emergency');
      }
    }
    [from, width] = [to, 0];
  });
  return out;
}

/** Part of a word in one face and bidi level, measured. */
interface Piece {
  text: string;
  face: Face;
  level: number;
  /** Its size: the word's, or its script's (see `sizeOf`). */
  size: number;
  width: number;
  /** The blank side of an opening mark it starts with (「), closed up where it starts a line. */
  lead: number;
}

/** Characters `from`–`to` of a word set in one face and level; `offsets[k]` is the width of its first k characters, NaN inside a glyph. */
interface FaceRun {
  face: Face;
  level: number;
  size: number;
  from: number;
  to: number;
  offsets: number[];
}

export class MeasuredWord {
  constructor(
    private readonly chars: string[],
    private readonly runs: FaceRun[],
    readonly size: number,
    private readonly fonts: FontBook,
  ) {}

  codePoint(i: number): number {
    return this.chars[i]!.codePointAt(0)!;
  }

  /** The face of a word set wholly in one face, right to left (where a kashida may lengthen it). */
  rightToLeftFace(): Face | undefined {
    const [run, ...more] = this.runs;
    return run && more.length === 0 && run.level % 2 === 1 ? run.face : undefined;
  }

  /**
   * Which run holds character `i`, found by halving: runs are in order, and
   * a word whose faces alternate has nearly as many as it has characters.
   */
  private runOf(i: number): number {
    let [low, high] = [0, this.runs.length - 1];
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.runs[mid]!.from <= i) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** The blank side of character `i` if it is a full-width punctuation mark (see `punctuationBlank`). */
  blank(i: number, side: 'before' | 'after'): number {
    const run = this.runs[this.runOf(i)]!;
    const width = run.offsets[i + 1 - run.from]! - run.offsets[i - run.from]!;
    return punctuationBlank(this.codePoint(i), side, width, run.size, () => this.fonts.ink(run.face, this.chars[i]!));
  }

  /**
   * What a line ending before character `at` adds to the pieces' widths: in
   * the word, the glyph before the break has its kerning with the next one;
   * at a line's end it has none, or its kerning with the hyphen added. Kerning
   * is between pairs of glyphs, so shaping that glyph alone, or with the
   * hyphen, tells what the line will hold.
   */
  breakWidth(at: number, hyphen: Face | undefined): number {
    const run = this.runs[this.runOf(at - 1)]!;
    let start = at - 1;
    while (start > run.from && Number.isNaN(run.offsets[start - run.from])) start--;
    const last = this.chars.slice(start, at).join('');
    const inWord = run.offsets[at - run.from]! - run.offsets[start - run.from]!;
    const rtl = run.level % 2 === 1;
    const atEnd = hyphen === run.face
      ? this.fonts.width(run.face, `${last}-`, run.size, rtl)
      : this.fonts.width(run.face, last, run.size, rtl) + (hyphen ? this.fonts.width(hyphen, '-', this.size) : 0);
    return atEnd - inWord;
  }

  /** Whether the word can part before character `at` without splitting a glyph. */
  canBreak(at: number): boolean {
    const run = this.runs[this.runOf(at)]!;
    return !Number.isNaN(run.offsets[at - run.from]);
  }

  /** Characters `from`–`to` as runs of one face each, measured. */
  piece(from: number, to: number): Piece[] {
    const out: Piece[] = [];
    for (let r = this.runOf(from); r < this.runs.length && this.runs[r]!.from < to; r++) {
      const run = this.runs[r]!;
      const [a, b] = [Math.max(from, run.from), Math.min(to, run.to)];
      const width = run.offsets[b - run.from]! - run.offsets[a - run.from]!;
      const lead = cjkPunctuation(this.codePoint(a)) === 'opening' ? this.blank(a, 'before') : 0;
      out.push({ text: this.chars.slice(a, b).join(''), face: run.face, level: run.level, size: run.size, width, lead });
    }
    return out;
  }
}

/**
 * Width of the first k characters, for each k, from one shaping of the text:
 * each glyph stands for the characters it was made from, in order. Should a
 * font reorder them, each prefix is shaped on its own.
 */
function offsets(chars: string[], face: Face, size: number, fonts: FontBook, rtl: boolean): { offsets: number[]; notdef: ShapedGlyph | undefined } {
  const shaped = fonts.shape(face, chars.join(''), rtl);
  const out: number[] = new Array<number>(chars.length + 1).fill(Number.NaN);
  out[0] = 0;
  let [k, x] = [0, 0];
  let notdef: ShapedGlyph | undefined;
  for (const glyph of shaped.glyphs) {
    k += glyph.codePoints.length;
    x += glyph.advance * size;
    if (k <= chars.length) out[k] = x;
    if (glyph.id === 0) notdef ??= glyph;
  }
  if (k === chars.length) return { offsets: out, notdef };
  return { offsets: out.map((_, i) => fonts.width(face, chars.slice(0, i).join(''), size, rtl)), notdef };
}

/** For each character that is not a letter or mark, the index of the nearest letter before it, else after it. */
function nearestLetters(chars: readonly string[]): (number | undefined)[] {
  const letters = chars.map((ch) => LETTER_OR_MARK.test(ch));
  const nearest: (number | undefined)[] = [];
  chars.forEach((_, i) => (nearest[i] = i > 0 && letters[i - 1] ? i - 1 : i > 0 ? nearest[i - 1] : undefined));
  for (let i = chars.length - 1, next: number | undefined; i >= 0; i--) {
    nearest[i] ??= next;
    if (letters[i]) next = i;
  }
  return nearest.map((n, i) => (letters[i] ? undefined : n));
}

/** The spans between a word's chosen breaks, as [from, to) character indices. */
function pieces(length: number, breaks: ReadonlyMap<number, unknown>): [number, number][] {
  const cuts = [...breaks.keys()].sort((a, b) => a - b);
  const out: [number, number][] = [];
  let from = 0;
  for (const c of [...cuts, length]) {
    if (c > from) out.push([from, c]);
    from = c;
  }
  return out;
}
