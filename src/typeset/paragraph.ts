import { ZineError, type SourceRef, type Warn } from '../errors.js';
import type { Inline } from '../content/blocks.js';
import type { ParagraphStyle } from '../content/theme.js';
import { codePoint } from '../content/controls.js';
import { characters } from '../lang/characters.js';
import { languageOf } from '../lang/languages.js';
import type { Hyphenator } from '../lang/liang.js';
import { bidiLevels, displayOrder, hasRightToLeft } from './bidi.js';
import { cjkPunctuation, isCjk, partsWithoutHyphen, phraseBreaks, scriptBreaks, type ScriptBreak } from './breaks.js';
import { missingGlyph, newlines } from '../font/coverage.js';
import type { Face, FontBook, ShapedGlyph } from '../font/book.js';
import { box, breakLines, glue, INFINITE_PENALTY, INFINITELY_LOOSE, penalty, TEX_DEFAULTS, type BreakOptions, type Item } from './knuth-plass.js';

/** Penalties that forbid and force a break. */
const NO_BREAK = INFINITE_PENALTY;
const FORCE_BREAK = -INFINITE_PENALTY;

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
  /**
   * Its words, or the stretches of text between the gaps justification
   * opened, in logical order: each drawn where the line breaker put it.
   */
  spans: RunSpan[];
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
export function textRun(r: Omit<Run, 'href' | 'level' | 'spans'> & Partial<Pick<Run, 'href' | 'level' | 'spans'>>): Run {
  const spans = r.spans ?? [{ text: r.text, at: 0, width: r.width, joined: false }];
  return { x: r.x, text: r.text, face: r.face, size: r.size, rise: r.rise, width: r.width, level: r.level ?? 0, href: r.href, spans };
}

export interface SetLine {
  runs: Run[];
  /** Ends with a hyphen: a page should not end here (a word split across pages is hard to read). */
  hyphenated: boolean;
}

export interface SetParagraphInput {
  inlines: readonly Inline[];
  style: ParagraphStyle;
  /** Width available to the lines. */
  measure: number;
  /** Indent of the first line (a paragraph following another). */
  firstIndent: number;
  locale: string;
  source: SourceRef;
  /** Lines ending in a hyphen just before this paragraph's first (the last full lines of the one before): they count toward the hyphen limit. */
  hyphensBefore?: number;
  /** A display paragraph (a title, a heading): text without spaces breaks between phrases, not anywhere a line may. */
  phrases?: boolean;
}

export interface TypesetContext {
  fonts: FontBook;
  hyphenator: Hyphenator | undefined;
  /**
   * Words already split and measured, by face, size and text: a text repeats
   * its words, and a locale's editions share them. One per locale.
   */
  words: Map<string, SplitWord>;
  warn: Warn;
  /** How the theme sets emphasis in the locale's script (`italic`, `bold` or a family); undefined: as its family can. */
  emphasis?: string | undefined;
  /** Writes numbers (note references) in the language's digits; as they are when not given. */
  digits?: (text: string) => string;
  /** Whether justified right-to-left lines also lengthen a joined word (kashida), where HarfBuzz finds it safe. */
  kashida?: boolean;
}

/**
 * Where a word may break: at a hyphenation point, after a hyphen it has,
 * inside an address, or anywhere as a last resort; in text set without
 * spaces, between ideographs, at a dictionary word's boundary (Thai), or
 * between Korean syllables. A squeeze is no break: two punctuation marks
 * that meet, set closer; nor a tie, an ideograph and a Latin letter kept
 * together (in a title's phrase) with a quarter em between them; nor a
 * kashida, where a joined Arabic word may lengthen.
 */
type BreakKind = 'hyphenate' | 'explicit' | 'address' | 'emergency' | ScriptBreak | 'squeeze' | 'tie' | 'kashida';
/**
 * A hyphenation point costs five times what plain TeX makes it cost: in a
 * zine's narrow measure TeX's 50 bought even spaces with a hyphen on every
 * third line of Russian. A hyphen the word has, or an address's punctuation,
 * costs TeX's; a break anywhere in a word, dearly.
 */
const BREAK_COST: Record<BreakKind, number> = {
  hyphenate: 250, explicit: 50, address: 50, emergency: 1000, ideograph: 0, word: 0, syllable: 1000, squeeze: NO_BREAK, tie: NO_BREAK, kashida: NO_BREAK,
};
/**
 * How far the gap between two ideographs (or two Thai words) may open, in
 * ems: a line of Chinese or Japanese is justified by spacing all its
 * characters a little, never by stretching a few spaces.
 */
const CHARACTER_STRETCH = 0.1;
/** Between an ideograph and a Latin letter or digit: a quarter em, that may close up. */
const CJK_LATIN_SPACE = 0.25;
/** A full-width punctuation mark is a half-em mark on a whole em: the blank half may close up (what the fonts' `halt` does). */
const FULL_WIDTH = 0.9;
/** Two hyphenated lines in a row: thrice TeX's demerits. */
const DOUBLE_HYPHEN_DEMERITS = 30000;
/**
 * How far a space may stretch and shrink, as parts of its width. TeX's are a
 * half and a third; spaces that hardly shrink and stretch a little more keep
 * a page's spaces evener, since lines squeezed tight stand out as much as
 * loose ones.
 */
const SPACE_STRETCH = 0.7;
const SPACE_SHRINK = 0.15;
/** A hyphen ending the line before a paragraph's last: avoided wherever the paragraph can be set otherwise. */
const FINAL_HYPHEN_DEMERITS = 100000;
/** Text that is a web or mail address. */
const ADDRESS = /^([a-z][a-z0-9+.-]*:\/\/|www\.|[^@\s]+@[^@\s]+\.[a-z]+$)/i;
const ADDRESS_BREAKS = new Set(['/', '.', '-', '?', '&', '=', '#', '@']);
/** An address's scheme with its slashes (`https://`), or `www.`: never broken, nor left alone on a line. */
const ADDRESS_START = /^([a-z][a-z0-9+.-]*:\/\/|www\.)/i;
const FILL = 100000;
const NOTE_SCALE = 0.62;
const NOTE_RISE = 0.36;
const NOTE_GAP = 0.12;
/** What counts toward a fragment's length: letters and digits, not punctuation. */
const LETTERS = /[\p{L}\p{N}]/gu;
/** Runs of letters shorter than five are never hyphenated. */
const HYPHENATABLE = /\p{L}{5,}/gu;
const NARROW_NBSP = '\u202f';
/** Hyphens and dashes after which a word may break. */
const WORD_DASHES = new Set(['-', '\u2010', '\u2013', '\u2014', '/']);

interface BoxMeta {
  text: string;
  face: Face;
  size: number;
  rise: number;
  level: number;
  href: string | undefined;
  /** The blank side of an opening mark it starts with (「), closed up where it starts a line. */
  lead: number;
}
/**
 * What each line-breaking item carries for drawing: boxes their text, hyphen
 * penalties the hyphen, a space's glue the bidi level of the space (where the
 * paragraph has levels).
 */
type ItemMeta = BoxMeta | typeof KASHIDA | number | undefined;
/** What a kashida's glue carries: the gap it opens is inside a word. */
const KASHIDA = 'kashida';

/**
 * Sets a paragraph into lines: shapes and measures words (HarfBuzz),
 * hyphenates them, and chooses breaks for the whole paragraph at once
 * (Knuth–Plass), justified or ragged as the style says.
 */
export function setParagraph(input: SetParagraphInput, ctx: TypesetContext): SetLine[] {
  refuseStackedMarks(input);
  const lines = setLines(input, ctx, false);
  if (!lines.some((l) => lineEnd(l) > input.measure + 0.01) || !input.inlines.some((i) => i.kind === 'text' && NO_BREAK_SPACE.test(i.text))) return lines;
  // words held together by no-break spaces are wider than the line: let them part
  ctx.warn('words joined by no-break spaces are wider than the line: broken between them', input.source);
  return setLines(input, ctx, true);
}
const NO_BREAK_SPACE = /[\u00a0\u202f]/;

/**
 * The most marks one letter may carry: no script stacks more than a handful
 * (Tibetan, Vietnamese, Hebrew with its accents), "Zalgo" text a dozen or
 * two. Thousands are drawn as a smear across the page.
 */
export const MOST_MARKS = 32;
/** Characters that go on a letter's cluster: combining marks, joiners, variation selectors and the like. */
const ON_A_LETTER = new RegExp(`[\\p{M}\\p{Grapheme_Extend}\\u200d]{${MOST_MARKS + 1},}`, 'u');

/** Refuses a paragraph with a letter under more than `MOST_MARKS` marks, naming the line it is on. */
function refuseStackedMarks({ inlines, source }: Pick<SetParagraphInput, 'inlines' | 'source'>): void {
  let line = source.line;
  for (const inline of inlines) {
    if (inline.kind === 'break' && line !== undefined) line++;
    if (inline.kind !== 'text') continue;
    const found = ON_A_LETTER.exec(inline.text);
    if (found) {
      const at = line === undefined ? { file: source.file } : { file: source.file, line: line + newlines(inline.text.slice(0, found.index)) };
      const marks = [...new Set(found[0])].slice(0, 3).map(codePoint);
      throw new ZineError(`${[...found[0]].length} combining marks on one letter (${marks.join(', ')}): more than ${MOST_MARKS} are refused`, at);
    }
    if (line !== undefined) line += newlines(inline.text);
  }
}

function setLines(input: SetParagraphInput, ctx: TypesetContext, breakAnySpace: boolean): SetLine[] {
  const text = paragraphText(input, ctx.digits);
  const direction = directionOf(text, input.locale);
  // addresses are looked for only where the bidi algorithm runs: most text is left to right throughout
  const levels = bidiLevels(text, direction, direction === 'ltr' && !hasRightToLeft(text) ? [] : addresses(text));
  const language = languageOf(input.locale).tag;
  const kashida = ctx.kashida === true && direction === 'rtl' && input.style.align === 'justify';
  const builder = new ItemBuilder(input, ctx, breakAnySpace, levels, input.phrases ? phraseOnly(text, language) : scriptBreaks(text, language), kashida);
  builder.add(input.inlines);
  const { items, meta } = builder.finish();
  if (items.length <= 3) return [];
  const breaks = breakLines(items, input.measure, breakOptions(input.style), input.hyphensBefore);
  return toLines(items, meta, breaks, input.measure, input.style.align, levels && (direction === 'rtl' ? 1 : 0));
}

/**
 * The breaks of a display line in text without spaces: between phrases (a
 * title does not part a word from its particle); anywhere else a line may
 * break only where a phrase is wider than the line, as a Korean word parts
 * between its syllables.
 */
function phraseOnly(text: string, language: string): Map<number, ScriptBreak> {
  const all = scriptBreaks(text, language);
  if (all.size === 0) return all;
  const phrases = new Set(phraseBreaks(text, language, all));
  return new Map([...all].map(([at, kind]) => [at, phrases.has(at) ? kind : 'syllable']));
}

/**
 * The direction a paragraph is set in: its language's, never guessed from
 * its first letter (an Arabic paragraph may start with a Latin word); but
 * text without a single right-to-left letter in a right-to-left language is
 * a section not yet translated, set in the default language, left to right.
 */
function directionOf(text: string, locale: string): 'ltr' | 'rtl' {
  const { direction } = languageOf(locale);
  return direction === 'rtl' && !hasRightToLeft(text) && hasWords(text) ? 'ltr' : direction;
}

/** Where a paragraph's web and mail addresses are, as [from, to) in UTF-16 units, without the punctuation of the sentence after them. */
function addresses(text: string): [number, number][] {
  return Array.from(text.matchAll(/\S+/g)).filter((m) => ADDRESS.test(m[0]))
    .map((m) => [m.index, m.index + m[0].replace(SENTENCE_PUNCTUATION, '').length]);
}
const SENTENCE_PUNCTUATION = /[.,;:!?)\]»”’"'،؛؟]+$/u;

/** Whether a text has words, not only addresses, numbers and marks (a note that is a link's address is the zine's, not a translation's). */
function hasWords(text: string): boolean {
  return text.split(/\s+/).some((token) => !ADDRESS.test(token) && /\p{L}/u.test(token));
}

/** The direction `setParagraph` sets a paragraph in, for what is placed around it (indents, list markers). */
export function paragraphDirection(input: Pick<SetParagraphInput, 'inlines' | 'style' | 'locale'>): 'ltr' | 'rtl' {
  return languageOf(input.locale).direction === 'ltr' ? 'ltr' : directionOf(paragraphText(input), input.locale);
}

/** The paragraph's text as the item builder walks it (a forced line break as a line separator): what its bidi levels are worked out on. */
function paragraphText({ inlines, style, locale }: Pick<SetParagraphInput, 'inlines' | 'style' | 'locale'>, digits?: (text: string) => string): string {
  return inlines.map((inline) => {
    if (inline.kind === 'break') return LINE_SEPARATOR;
    if (inline.kind === 'noteRef') return noteNumber(inline.number, digits);
    return style.uppercase ? inline.text.toLocaleUpperCase(locale) : inline.text;
  }).join('');
}
const LINE_SEPARATOR = '\u2028';

/** A note's number as it is set: in the language's digits, as the paragraph's text has it for its bidi levels and breaks. */
const noteNumber = (n: number, digits?: (text: string) => string): string => digits?.(String(n)) ?? String(n);

/** The breaker's settings for a style: TeX's, with the style's hyphen limit and dearer hyphens in a row and before the last line. */
function breakOptions(style: ParagraphStyle): BreakOptions {
  return {
    ...TEX_DEFAULTS, hyphenLimit: style.hyphenLimit, doubleHyphenDemerits: DOUBLE_HYPHEN_DEMERITS, finalHyphenDemerits: FINAL_HYPHEN_DEMERITS,
  };
}

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

class ItemBuilder {
  readonly items: Item[] = [];
  readonly meta: ItemMeta[] = [];
  private readonly justified: boolean;
  /** Where in the paragraph's text (UTF-16 units) the next inline or token starts. */
  private at = 0;

  constructor(
    private readonly input: SetParagraphInput,
    private readonly ctx: TypesetContext,
    /** Treat no-break spaces as ordinary ones (the last resort for an overfull line). */
    private readonly breakAnySpace: boolean,
    /** The bidi level of each unit of the paragraph's text; none for text all left to right. */
    private readonly levels: Uint8Array | undefined,
    /** Breaks inside runs without spaces (ideographs, Thai, Korean), by UTF-16 index in the paragraph's text. */
    private readonly scriptBreaks: ReadonlyMap<number, ScriptBreak>,
    /** Whether a right-to-left word may lengthen by a kashida. */
    private readonly kashida: boolean,
  ) {
    this.justified = input.style.align === 'justify';
    if (input.firstIndent > 0) this.push(box(input.firstIndent), undefined);
  }

  add(inlines: readonly Inline[]): void {
    const { style } = this.input;
    for (const inline of inlines) {
      if (inline.kind === 'break') {
        this.lineBreak();
        this.at += LINE_SEPARATOR.length;
        continue;
      }
      const plain = { family: style.font, bold: style.bold || (inline.kind === 'text' && inline.bold), italic: style.italic };
      const { family, bold, italic } = inline.kind === 'text' && inline.italic ? this.emphasised(plain) : plain;
      const face = this.ctx.fonts.face(family, bold, italic);
      if (inline.kind === 'noteRef') {
        // a hair space before the figure keeps it a word of its own when the text is copied out
        this.push(box(style.size * NOTE_GAP), undefined);
        const number = noteNumber(inline.number, this.ctx.digits);
        this.word(number, { face, bold, italic, size: style.size * NOTE_SCALE, rise: style.size * NOTE_RISE, href: undefined });
        this.at += number.length;
        continue;
      }
      const text = style.uppercase ? inline.text.toLocaleUpperCase(this.input.locale) : inline.text;
      for (const token of text.split(/([ \t\n\r\u00a0\u202f]+)/)) {
        if (token === '') continue;
        // the last resort takes no-break spaces as ordinary ones, and words as words
        if (/^[ \t\n\r]+$/.test(token) || (this.breakAnySpace && /^\s+$/.test(token))) this.space(face, style.size);
        else if (/^\s+$/.test(token)) this.noBreakSpace(face, style.size, token.includes(NARROW_NBSP));
        else {
          if (this.scriptBreaks.size > 0) this.seam(token, face, bold, italic, style.size);
          this.word(token, { face, bold, italic, size: style.size, rise: 0, href: inline.href });
        }
        this.at += token.length;
      }
    }
  }

  /**
   * Emphasised text as the theme says for the script, or as the family can
   * show it: italic (upright within italic), else bold. A script without
   * italics (Arabic, Chinese, Japanese) thus keeps its emphasis visible in
   * the fonts it has.
   */
  private emphasised(plain: { family: string; bold: boolean; italic: boolean }): { family: string; bold: boolean; italic: boolean } {
    const { fonts } = this.ctx;
    const how = this.ctx.emphasis ?? (fonts.hasVariant(plain.family, 'italic') || !fonts.hasVariant(plain.family, 'bold') ? 'italic' : 'bold');
    if (how === 'italic') return { ...plain, italic: !plain.italic };
    if (how === 'bold') return { ...plain, bold: true };
    return { ...plain, family: how };
  }

  /** The paragraph ends as a forced line break does: its last line set at natural width. */
  finish(): { items: Item[]; meta: ItemMeta[] } {
    this.trimTrailingSpace();
    this.keepLastFragment();
    this.lineBreak();
    return { items: this.items, meta: this.meta };
  }

  /**
   * No break in the paragraph's last word that would leave its last line
   * fewer letters than the style's shortest fragment ("тюрь-" / "ма."): the
   * last line would be a scrap of a word.
   */
  private keepLastFragment(): void {
    let letters = 0;
    for (let i = this.items.length - 1; i >= 0; i--) {
      const it = this.items[i]!;
      // the word ends at a space or a forced line break
      if (it.type === 'glue' || (it.type === 'penalty' && it.cost <= FORCE_BREAK)) return;
      const m = this.meta[i];
      if (it.type === 'box') letters += (typeof m === 'object' ? m.text.match(LETTERS) ?? [] : []).length;
      // a break where the word must break (wider than the line) stays
      else if (it.cost < BREAK_COST.emergency && letters < this.input.style.shortestFragment) this.items[i] = penalty(it.width, NO_BREAK, it.flagged);
    }
  }

  private push(item: Item, meta: ItemMeta): void {
    this.items.push(item);
    this.meta.push(meta);
  }

  private lastIsSpace(): boolean {
    const last = this.items[this.items.length - 1];
    return last === undefined || last.type === 'glue' || (last.type === 'penalty' && last.cost <= FORCE_BREAK);
  }

  private trimTrailingSpace(): void {
    while (this.items.length > 0 && this.items[this.items.length - 1]!.type !== 'box') {
      const last = this.items[this.items.length - 1]!;
      if (last.type === 'penalty' && last.cost <= FORCE_BREAK) break;
      this.items.pop();
      this.meta.pop();
    }
  }

  private lineBreak(): void {
    this.trimTrailingSpace();
    this.push(penalty(0, NO_BREAK, false), undefined);
    this.push(glue(0, FILL, 0), undefined);
    this.push(penalty(0, FORCE_BREAK, false), undefined);
  }

  private space(face: Face, size: number): void {
    if (this.lastIsSpace()) return;
    const width = this.ctx.fonts.spaceWidth(face, size);
    if (this.justified) {
      this.push(glue(width, width * SPACE_STRETCH, width * SPACE_SHRINK), this.spaceLevel());
    } else this.raggedBreak(size, 0, 0, width, this.spaceLevel());
  }

  /**
   * The bidi level of the space at the current place, as the algorithm
   * resolved it among its neighbours (UAX #9 W and N rules): a space between
   * two numbers in Arabic text is right to left, and parts them.
   */
  private spaceLevel(): number | undefined {
    return this.levels?.[this.at];
  }

  /**
   * A break in ragged setting (Knuth & Plass): the line's end may stretch,
   * what stands between the words (`space`, a space of bidi level `level`
   * if a space is what it is) may not; a line ending here adds `width`.
   */
  private raggedBreak(size: number, width: number, cost: number, space: number, level?: number): void {
    const rag = size * 3;
    this.push(glue(0, rag, 0), level);
    this.push(penalty(width, cost, false), undefined);
    this.push(glue(space, -rag, 0), level);
  }

  /** A space that must not break (before a dash, after "в"); a narrow one is half a space. */
  private noBreakSpace(face: Face, size: number, narrow: boolean): void {
    const width = this.ctx.fonts.spaceWidth(face, size) * (narrow ? 0.5 : 1);
    this.push(penalty(0, NO_BREAK, false), undefined);
    this.push(glue(width, this.justified && !narrow ? width * SPACE_STRETCH : 0, this.justified && !narrow ? width * SPACE_SHRINK : 0), this.spaceLevel());
  }

  /** A word (no spaces): split at hyphenation points and explicit hyphens, each piece a box. */
  private word(text: string, f: { face: Face; bold: boolean; italic: boolean; size: number; rise: number; href: string | undefined }): void {
    const address = f.href !== undefined && ADDRESS.test(text);
    const hyphenate = this.ctx.hyphenator !== undefined && this.input.style.hyphenate && !address;
    const levels = this.levels && levelsOf(this.levels, this.at, text);
    const splitOf = (inside: readonly [number, BreakKind][]): SplitWord => this.split(text, f, address, hyphenate, levels, inside);
    // Korean keeps its words whole, parting them between syllables only where one is wider than the line
    const all = this.breaksInside(text);
    let inside: [number, BreakKind][] = all;
    if (all.some(([, kind]) => kind === 'syllable')) {
      const chars = characters(text);
      inside = all.flatMap(([at, kind]): [number, BreakKind][] => {
        if (kind !== 'syllable') return [[at, kind]];
        // no break, but the quarter em between an ideograph and a Latin letter stays
        return latinSeam(chars[at - 1]!.codePointAt(0)!, chars[at]!.codePointAt(0)!) ? [[at, 'tie']] : [];
      });
    }
    let split = splitOf(inside);
    if (split.widest > this.input.measure + 0.01 && inside.length < all.length) split = splitOf((inside = all));
    // an address wider than the line is said to be so, though it parts after its punctuation: it reads worse
    const unbreakable = split.widest > this.input.measure + 0.01;
    if (unbreakable || (address && split.width > this.input.measure + 0.01)) {
      this.ctx.warn(`"${shortened(text)}" is wider than the line: broken ${unbreakable ? 'where it must be' : 'after its punctuation'}`, this.input.source);
    }
    if (unbreakable) {
      // rare: the analysis is done again rather than kept for every word
      const word = this.analyse(text, f, address, hyphenate, levels, inside);
      split = partsOf(word.measured, word.length, lastResort(word, split, this.input.measure), f.face, address);
    }
    for (let i = 0; i < split.parts.length; i++) {
      if (i > 0) {
        const join = split.joins[i - 1]!;
        const before = split.parts[i - 1]!;
        if (join.kind === 'kashida') {
          // no break: a stroke that may lengthen as much as a space may
          this.push(penalty(0, NO_BREAK, false), undefined);
          this.push(glue(0, this.ctx.fonts.spaceWidth(f.face, f.size) * SPACE_STRETCH, 0), KASHIDA);
        } else if (join.gap) this.scriptJoin(join, join.gap, f.size);
        else {
          this.push(
            penalty(join.width, BREAK_COST[join.kind], join.kind !== 'address'),
            join.hyphen ? { text: '-', face: f.face, size: f.size, rise: f.rise, level: before[before.length - 1]!.level, href: f.href, lead: 0 } : undefined,
          );
        }
      }
      for (const run of split.parts[i]!) {
        this.push(box(run.width), { text: run.text, face: run.face, size: f.size, rise: f.rise, level: run.level, href: f.href, lead: run.lead });
      }
    }
  }

  /**
   * A break inside text set without spaces, with the gap its characters
   * leave there: a break between ideographs or Thai words opens a little
   * when the line is justified (and, ragged, may end the line); a quarter em
   * stands between an ideograph and a Latin word; punctuation's blank half
   * closes up where the line needs room, and at the line's end. Korean
   * syllables part only as a last resort, and two marks that meet are set
   * closer without a break.
   */
  private scriptJoin(join: Pick<Join, 'kind' | 'width'>, gap: ScriptGap, size: number): void {
    if (join.kind === 'squeeze' || join.kind === 'tie') {
      if (gap.space === 0) return;
      this.push(penalty(0, NO_BREAK, false), undefined);
      this.push(glue(gap.space, 0, gap.shrink), undefined);
      return;
    }
    if (join.kind === 'syllable') {
      this.push(penalty(join.width, BREAK_COST.syllable, false), undefined);
      if (gap.space > 0) this.push(glue(gap.space, 0, gap.shrink), undefined);
      return;
    }
    if (!this.justified) {
      this.raggedBreak(size, join.width, BREAK_COST[join.kind], gap.space);
      return;
    }
    this.push(penalty(join.width, BREAK_COST[join.kind], false), undefined);
    this.push(glue(gap.space, gap.stretch, gap.shrink), undefined);
  }

  /** A word's parts and joins, as a line may break it: worked out once for each word, style and neighbourhood. */
  private split(
    text: string, f: { face: Face; bold: boolean; italic: boolean; size: number }, address: boolean, hyphenate: boolean, levels: number[] | undefined,
    inside: readonly [number, BreakKind][],
  ): SplitWord {
    // a word's levels and breaks depend on its neighbours (a number among Arabic words, a full stop after them, kinsoku)
    let key = `${f.face.key}\u0000${f.size}\u0000${f.bold ? 'b' : ''}${f.italic ? 'i' : ''}${address ? 'a' : ''}${hyphenate ? 'h' : ''}${this.kashida ? 'k' : ''}\u0000${text}`;
    if (levels) key += `\u0000${levels.join('')}`;
    if (inside.length > 0) key += `\u0000${inside.map(([at, kind]) => `${at}${kind[0]}`).join('')}`;
    let split = this.ctx.words.get(key);
    if (!split) {
      const word = this.analyse(text, f, address, hyphenate, levels, inside);
      split = partsOf(word.measured, word.length, word.breaks, f.face, address);
      this.ctx.words.set(key, split);
    }
    return split;
  }

  /**
   * Where text without spaces goes on in another inline (emphasis, a link)
   * with no space between: the break, the quarter em or the closing up that
   * the two characters would have inside one word. Korean words stay whole.
   */
  private seam(token: string, face: Face, bold: boolean, italic: boolean, size: number): void {
    const kind = this.scriptBreaks.get(this.at);
    const last = this.meta[this.meta.length - 1];
    if (kind === undefined || kind === 'syllable' || this.items[this.items.length - 1]?.type !== 'box' || typeof last !== 'object') return;
    const [before, after] = [Array.from(last.text).pop()!, Array.from(token)[0]!];
    const { fonts } = this.ctx;
    const next = fonts.faceFor(after.codePointAt(0)!, face, bold, italic) ?? face;
    const blankOf = (ch: string, f: Face, side: 'before' | 'after'): number =>
      punctuationBlank(ch.codePointAt(0)!, side, fonts.width(f, ch, size), size, () => fonts.ink(f, ch));
    const [blankAfter, blankBefore] = [blankOf(before, last.face, 'after'), blankOf(after, next, 'before')];
    this.scriptJoin({ kind, width: -blankAfter }, seamGap(kind, before.codePointAt(0)!, after.codePointAt(0)!, blankAfter, blankBefore, size)!, size);
  }

  /** The script breaks inside a word starting at the current place in the paragraph, by character of the word. */
  private breaksInside(text: string): [number, ScriptBreak][] {
    if (this.scriptBreaks.size === 0) return [];
    const out: [number, ScriptBreak][] = [];
    let unit = this.at;
    let i = 0;
    for (const ch of characters(text)) {
      const kind = i > 0 ? this.scriptBreaks.get(unit) : undefined;
      if (kind) out.push([i, kind]);
      unit += ch.length;
      i++;
    }
    return out;
  }

  /** Where a word may break (its hyphens, the patterns' points, an address's punctuation, breaks between ideographs), and the word measured. */
  private analyse(
    text: string, f: { face: Face; bold: boolean; italic: boolean; size: number }, address: boolean, hyphenate: boolean, levels: number[] | undefined,
    inside: readonly [number, BreakKind][],
  ): AnalysedWord {
    const chars = characters(text);
    const breaks = new Map<number, BreakKind>(inside);
    // two punctuation marks that meet, where no break may come (。」), are set closer (only text without spaces has them)
    for (let i = 1; i < chars.length && this.scriptBreaks.size > 0; i++) {
      if (!breaks.has(i) && cjkPunctuation(chars[i - 1]!.codePointAt(0)!) && cjkPunctuation(chars[i]!.codePointAt(0)!)) breaks.set(i, 'squeeze');
    }
    // an address's scheme and its slashes stay whole, with what follows them on their line
    const whole = address ? characters(ADDRESS_START.exec(text)?.[0] ?? '').length : 0;
    for (let i = Math.max(1, whole); i < chars.length - 1; i++) {
      // an address breaks after its punctuation, with no hyphen added
      if (address) {
        if (ADDRESS_BREAKS.has(chars[i]!)) breaks.set(i + 1, 'address');
      } else if (WORD_DASHES.has(chars[i]!) && /[\p{L}\p{N}]/u.test(chars[i + 1]!)) {
        // a word after a hyphen or dash inside it ("well-known", "Almaty—Astana")
        breaks.set(i + 1, 'explicit');
      }
    }
    if (hyphenate) {
      for (const m of text.matchAll(HYPHENATABLE)) {
        const offset = m.index === 0 ? 0 : characters(text.slice(0, m.index)).length;
        for (const p of this.ctx.hyphenator!.breaks(m[0])) breaks.set(offset + p, 'hyphenate');
      }
    }
    const measured = this.measure(chars, f, levels);
    // a break inside a glyph (a ligature) would need the word shaped again: not taken
    for (const at of breaks.keys()) if (!measured.canBreak(at)) breaks.delete(at);
    const joined = this.kashida ? measured.rightToLeftFace() : undefined;
    if (joined) {
      // one kashida a word, the last place HarfBuzz finds safe: lengthening toward the word's end is the custom
      const at = this.ctx.fonts.tatweelPoints(joined, text).filter((p) => !breaks.has(p) && measured.canBreak(p)).pop();
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
  private measure(chars: string[], f: { face: Face; bold: boolean; italic: boolean; size: number }, levels: number[] | undefined): MeasuredWord {
    const runs: FaceRun[] = [];
    const faces = chars.map((ch) => this.ctx.fonts.faceFor(ch.codePointAt(0)!, f.face, f.bold, f.italic));
    // a stop or a bracket by Latin, Cyrillic or Greek letters (the nearest letter before it, else after) takes their
    // face, where that face has it: a full stop after an English word in a Farsi zine is the Latin one, not Noto Naskh's
    const nearest = faces.some((face) => face !== f.face) ? nearestLetters(chars) : undefined;
    chars.forEach((ch, i) => {
      let face = faces[i];
      if (!face) throw missingGlyph(ch, this.input.locale, this.input.source);
      const by = nearest?.[i];
      const letter = by !== undefined && TEXT_LETTER.test(chars[by]!) ? faces[by] : undefined;
      if (letter && letter !== face && letter.font.hasGlyphForCodePoint(ch.codePointAt(0)!)) face = letter;
      const level = levels?.[i] ?? 0;
      const last = runs[runs.length - 1];
      if (last && last.face === face && last.level === level) last.to = i + 1;
      else runs.push({ face, level, from: i, to: i + 1, offsets: [] });
    });
    for (const run of runs) {
      const text = chars.slice(run.from, run.to);
      const measured = offsets(text, run.face, f.size, this.ctx.fonts, run.level % 2 === 1);
      // a font may map a character and still lack a glyph its shaping needs (Thai sara am taken apart into nikhahit and sara aa)
      const { notdef } = measured;
      if (notdef) throw missingGlyph(String.fromCodePoint(notdef.codePoints[0] ?? text[0]!.codePointAt(0)!), this.input.locale, this.input.source);
      run.offsets = measured.offsets;
    }
    return new MeasuredWord(chars, runs, f.size, this.ctx.fonts);
  }
}

/** A word as a message quotes it: a long one (a pasted blob, say) cut to its start, so that the warning stays one line. */
function shortened(word: string): string {
  const start = Array.from(word.slice(0, 2 * QUOTED_LENGTH)).slice(0, QUOTED_LENGTH).join('');
  return start.length < word.length ? `${start}…` : word;
}
const QUOTED_LENGTH = 40;

interface AnalysedWord {
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
  /** The widest stretch between the places a line may break the word: wider than the line, the word must break where it must. */
  widest: number;
  /** The whole word's width. */
  width: number;
}

/** Where two parts of a word meet: what a line ending there adds (`width`), and the gap between them in text without spaces. */
interface Join {
  kind: BreakKind;
  hyphen: boolean;
  width: number;
  gap: ScriptGap | undefined;
}

/** The gap at a break (or squeeze) between two characters of text set without spaces. */
interface ScriptGap {
  space: number;
  stretch: number;
  shrink: number;
}

/** Parts and joins, worked out once for each word and style: every line-breaking of the word uses them. */
function partsOf(measured: MeasuredWord, length: number, breaks: ReadonlyMap<number, BreakKind>, face: Face, address: boolean): SplitWord {
  const out: SplitWord = { parts: [], joins: [], widest: 0, width: 0 };
  /** Width since the last join a line may break at. */
  let unbroken = 0;
  for (const [from, to] of pieces(length, breaks)) {
    if (from > 0) {
      const kind = breaks.get(from)!;
      const [before, after] = [measured.codePoint(from - 1), measured.codePoint(from)];
      const forced = kind === 'emergency' && !address;
      // a word broken where it must be takes a hyphen like any other, so that it reads (and copies) as one: between letters, not of Chinese or Thai
      const hyphen = kind === 'hyphenate' || (forced && hyphenatedLetter(before) && hyphenatedLetter(after));
      // between two characters of text without spaces (or two marks), a gap, even where the word parts only because it must
      const seam = SEAMS.has(kind) || (forced && !hyphen);
      // a line ending after a closing mark loses its blank half
      const blankAfter = seam ? measured.blank(from - 1, 'after') : 0;
      const gap = seam ? seamGap(kind, before, after, blankAfter, measured.blank(from, 'before'), measured.size) : undefined;
      out.joins.push({ kind, hyphen, width: measured.breakWidth(from, hyphen ? face : undefined) - blankAfter, gap });
      unbroken = BREAK_COST[kind] < NO_BREAK ? 0 : unbroken + (gap?.space ?? 0);
    }
    const part = measured.piece(from, to);
    const width = part.reduce((w, r) => w + r.width, 0);
    unbroken += width;
    out.widest = Math.max(out.widest, unbroken);
    out.width += width;
    out.parts.push(part);
  }
  return out;
}

/**
 * A word's breaks with the last resort's: in each stretch between the
 * places a line may break it that is wider than the line (with what a line
 * ending after it adds, a hyphen), anywhere a glyph ends, even between two
 * marks that meet, against kinsoku (never in an address's scheme). `split`
 * is the word parted at its own breaks.
 */
function lastResort(word: AnalysedWord, split: SplitWord, measure: number): Map<number, BreakKind> {
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
    if (width + (next?.width ?? 0) > measure + 0.01) {
      for (let at = Math.max(from + 1, word.whole + 1); at < to; at++) {
        const kind = out.get(at);
        if ((kind === undefined || kind === 'squeeze' || kind === 'tie') && word.measured.canBreak(at)) out.set(at, 'emergency');
      }
    }
    [from, width] = [to, 0];
  });
  return out;
}

/** The joins between two characters of text without spaces, which leave a gap there (see `seamGap`). */
const SEAMS: ReadonlySet<BreakKind> = new Set<BreakKind>(['ideograph', 'word', 'syllable', 'tie', 'squeeze']);

/**
 * The gap where two characters of text without spaces meet, given the blank
 * side of each that faces the other (`blankAfter` of the first,
 * `blankBefore` of the second): a mark's blank closes up where the line
 * needs room; a quarter em stands between an ideograph and a Latin letter
 * or figure; a break between ideographs, or Thai words, may open a little.
 */
function seamGap(kind: BreakKind, before: number, after: number, blankAfter: number, blankBefore: number, size: number): ScriptGap | undefined {
  // the first mark's blank half after it (。」), or the second's before it (「『), also where a run of marks must break
  if (kind === 'squeeze' || (kind === 'emergency' && cjkPunctuation(before) && cjkPunctuation(after))) return { space: -(blankAfter || blankBefore), stretch: 0, shrink: 0 };
  if (!SEAMS.has(kind) && kind !== 'emergency') return undefined;
  const space = latinSeam(before, after) ? CJK_LATIN_SPACE * size : 0;
  return { space, stretch: kind === 'tie' ? 0 : CHARACTER_STRETCH * size, shrink: blankAfter + blankBefore + space };
}

/** Whether an ideograph meets a Latin letter or a figure, either way round. */
function latinSeam(before: number, after: number): boolean {
  const ideograph = (cp: number): boolean => isCjk(cp) && cjkPunctuation(cp) === undefined;
  const latin = (cp: number): boolean => !isCjk(cp) && LATIN_OR_DIGIT.test(String.fromCodePoint(cp));
  return (ideograph(before) && latin(after)) || (latin(before) && ideograph(after));
}
const LATIN_OR_DIGIT = /[\p{L}\p{N}]/u;
/** A letter or figure of a script whose words take a hyphen where a line parts them. */
const hyphenatedLetter = (cp: number): boolean => !partsWithoutHyphen(cp) && LATIN_OR_DIGIT.test(String.fromCodePoint(cp));
const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
/** Letters of the scripts a theme's own families set. */
const TEXT_LETTER = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]/u;

/**
 * The blank side of a full-width punctuation mark, from its ink: after a
 * closing mark (。」), before an opening one (「), either side of a middle
 * dot (・); no more than half an em (a quarter each side of a middle dot),
 * and nothing where Traditional Chinese centres its marks beyond what the
 * ink leaves. 0 for any other character, or a mark the font sets narrow.
 */
function punctuationBlank(cp: number, side: 'before' | 'after', width: number, size: number, ink: () => { left: number; right: number }): number {
  const kind = cjkPunctuation(cp);
  if (kind === undefined || (kind === 'closing' && side === 'before') || (kind === 'opening' && side === 'after')) return 0;
  if (!(width >= FULL_WIDTH * size)) return 0;
  const { left, right } = ink();
  const blank = side === 'before' ? left * size : width - right * size;
  return Math.max(0, Math.min(blank, kind === 'middle' ? size / 4 : size / 2));
}

/** Part of a word in one face and bidi level, measured. */
interface Piece {
  text: string;
  face: Face;
  level: number;
  width: number;
  /** The blank side of an opening mark it starts with (「), closed up where it starts a line. */
  lead: number;
}

/** Characters `from`–`to` of a word set in one face and level; `offsets[k]` is the width of its first k characters, NaN inside a glyph. */
interface FaceRun {
  face: Face;
  level: number;
  from: number;
  to: number;
  offsets: number[];
}

class MeasuredWord {
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
    return punctuationBlank(this.codePoint(i), side, width, this.size, () => this.fonts.ink(run.face, this.chars[i]!));
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
      ? this.fonts.width(run.face, `${last}-`, this.size, rtl)
      : this.fonts.width(run.face, last, this.size, rtl) + (hyphen ? this.fonts.width(hyphen, '-', this.size) : 0);
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
      out.push({ text: this.chars.slice(a, b).join(''), face: run.face, level: run.level, width, lead });
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

/** The level of each character (code point) of `text`, which starts at unit `at` of the paragraph; undefined where all are 0. */
function levelsOf(levels: Uint8Array, at: number, text: string): number[] | undefined {
  const out: number[] = [];
  let unit = at;
  for (const ch of characters(text)) {
    out.push(levels[unit] ?? 0);
    unit += ch.length;
  }
  return out.some((l) => l !== 0) ? out : undefined;
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

/**
 * Turns chosen breakpoints into lines of positioned runs. With bidi levels
 * (`baseLevel` given), each line's runs are put in display order, and a
 * right-to-left paragraph is set from the right: its indent, its ragged
 * last line and its left alignment go to the other side.
 */
function toLines(
  items: Item[], meta: ItemMeta[], breaks: number[], measure: number, align: ParagraphStyle['align'], baseLevel: number | undefined,
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
    let ratio = 0;
    // a line the breaker could not set within any tolerance (before a word wider than the line) keeps its natural spaces
    if (justified && natural < measure && stretch > 0 && (measure - natural) / stretch <= INFINITELY_LOOSE) ratio = (measure - natural) / stretch;
    if (justified && natural > measure && shrink > 0) ratio = Math.max(-1, (measure - natural) / shrink);

    const runs: Run[] = [];
    let x = 0 - lead;
    /** Room since the last box; null after material that no run can span (an indent, a note's gap). */
    let gap = null as number | null;
    /** Whether that room holds a space (not only a gap justification opened between ideographs). */
    let spaced = false;
    /** Whether it is a kashida's, inside a word. */
    let elongated = false;
    /** The lowest bidi level of the spaces in that room, if it holds any. */
    let spaceLevel: number | undefined;
    /** For each run, the level of the spaces before it (see `displayOrder`). */
    const spacesBefore: (number | undefined)[] = [];
    const place = (m: BoxMeta, width: number): void => {
      const last = runs[runs.length - 1];
      // a space of a lower level than the words around it parts them: two numbers in Arabic text are two runs, read from the right
      const same = last !== undefined && gap !== null && last.face === m.face && last.size === m.size && last.rise === m.rise && last.level === m.level
        && last.href === m.href && (spaceLevel === undefined || spaceLevel >= m.level);
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
        runs.push(textRun({ x, text: m.text, face: m.face, size: m.size, rise: m.rise, width, level: m.level, href: m.href }));
        spacesBefore.push(spaceLevel);
      }
      x += width;
      [gap, spaced, elongated, spaceLevel] = [0, false, false, undefined];
    };
    for (let i = start; i < end; i++) {
      const it = items[i]!;
      if (it.type === 'box') {
        const m = meta[i];
        if (typeof m === 'object') place(m, it.width);
        else {
          x += it.width;
          gap = null;
        }
      } else if (it.type === 'glue') {
        const width = justified ? it.width + ratio * (ratio >= 0 ? it.stretch : it.shrink) : it.width;
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
    if (baseLevel !== undefined) displayOrder(runs, spacesBefore, baseLevel, x);
    // a line too wide for the measure still starts at its start, so that it shows as overfull
    const shift = Math.max(baseLevel === 1 ? 0 : -Infinity, (measure - x) * endShare(align, baseLevel === 1));
    if (shift !== 0) for (const r of runs) r.x += shift;
    lines.push({ runs, hyphenated: hyphen !== undefined });
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
