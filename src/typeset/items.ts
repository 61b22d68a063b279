/**
 * A paragraph's line-breaking items (Knuth & Plass's boxes, glue and
 * penalties) built from its analysis: its words measured and split where
 * they may break, its spaces, the joins of text set without spaces.
 */
import { ZineError, type SourceRef, type Warn } from '../errors.js';
import type { Inline } from '../content/blocks.js';
import type { ParagraphStyle } from '../content/theme.js';
import { characters, lastCharacter } from '../lang/characters.js';
import { hyphenatorFor } from '../lang/hyphenation.js';
import type { Hyphenator } from '../lang/liang.js';
import type { Language } from '../lang/types.js';
import { isHangul, type ScriptBreak } from '../text/breaks.js';
import { ADDRESS } from '../text/addresses.js';
import type { AnalysedParagraph, ParagraphAnalyses } from '../text/paragraph.js';
import type { Memo } from '../memo.js';
import type { Face, FontBook } from '../font/book.js';
import { latinSeam, punctuationBlank, seamGap, type ScriptGap } from './cjk-spacing.js';
import { box, glue, INFINITE_PENALTY, isBreakpoint, penalty, type Item } from './knuth-plass.js';
import { KASHIDA, kashidaItems } from './kashida.js';
import { ROUNDING, type ItemMeta, type SetLine } from './lines.js';
import { analyseWord, BREAK_COST, hyphenatedLetter, lastResort, partsOf, type BreakKind, type Join, type SplitWord, type WordSetting } from './words.js';

/** Penalties that forbid and force a break. */
const NO_BREAK = INFINITE_PENALTY;
const FORCE_BREAK = -INFINITE_PENALTY;

export interface SetParagraphInput {
  inlines: readonly Inline[];
  style: ParagraphStyle;
  /** Width available to the lines. */
  measure: number;
  /** Indent of the first line (a paragraph following another). */
  firstIndent: number;
  language: Language;
  source: SourceRef;
  /** Lines ending in a hyphen just before this paragraph's first (the last full lines of the one before): they count toward the hyphen limit. */
  hyphensBefore?: number;
  /** A display paragraph (a title, a heading): text without spaces breaks between phrases, not anywhere a line may. */
  phrases?: boolean;
  /**
   * Its lines are to be balanced: the last one is weighed as the others are,
   * by the room it leaves, not left free to end anywhere, so that no phrase
   * stands alone below the rest.
   */
  balanced?: boolean;
}

export interface TypesetContext {
  fonts: FontBook;
  hyphenator: Hyphenator | undefined;
  /**
   * Words already split and measured, by face, size and how they are set,
   * then by text: a text repeats its words, and a locale's editions share
   * them. One per locale.
   */
  words: Map<string, Map<string, SplitWord>>;
  /**
   * Paragraphs' items, by their analysis: the same at every measure their
   * words fit unbroken (see ItemBuilder.reach), so a locale's papers build
   * them once. One per locale and build; without it, each is built anew.
   */
  items?: WeakMap<AnalysedParagraph, KeptItems[]>;
  /** The locale's paragraphs analysed, each once whatever the measure, the retries and the editions. */
  paragraphs: ParagraphAnalyses;
  warn: Warn;
  /** How the theme sets emphasis in the locale's script (`italic`, `bold` or a family); undefined: as its family can. */
  emphasis?: string | undefined;
  /** Writes numbers (note references) in the language's digits; as they are when not given. */
  digits?: (text: string) => string;
  /** Whether justified right-to-left lines also lengthen a joined word (kashida), where HarfBuzz finds it safe. */
  kashida?: boolean;
  /**
   * Paragraphs already set, by everything their setting depends on besides
   * this context (which is one language's): a session's, so that a rebuild
   * sets again only the paragraphs an edit changed.
   */
  set?: Memo<KeptParagraph>;
}

/** A paragraph's items as built in a style, with a first indent, and the narrowest measure they are the same for. */
export interface KeptItems {
  /** The style, as `styleKey` gives it. */
  style: string;
  firstIndent: number;
  balanced: boolean;
  breakAnySpace: boolean;
  reach: number;
  items: readonly Item[];
  meta: readonly ItemMeta[];
}

/**
 * A paragraph's items: those built before where they are the same at this
 * measure, else built. Only the measure decides how a word wider than the
 * line is broken; a paragraph without one has the same items at any
 * measure as wide.
 */
export function paragraphItems(
  input: SetParagraphInput, ctx: TypesetContext, breakAnySpace: boolean, analysed: AnalysedParagraph, kashida: boolean,
): { items: readonly Item[]; meta: readonly ItemMeta[] } {
  let kept = ctx.items?.get(analysed);
  const style = styleKey(input.style);
  const balanced = input.balanced === true;
  const found = kept?.find((k) => k.style === style && k.firstIndent === input.firstIndent && k.balanced === balanced && k.breakAnySpace === breakAnySpace
    && k.reach <= input.measure + ROUNDING);
  if (found) return found;
  const builder = new ItemBuilder(input, ctx, breakAnySpace, analysed, kashida);
  builder.add(input.inlines);
  const built = builder.finish();
  if (ctx.items && builder.reach <= input.measure + ROUNDING) {
    if (!kept) ctx.items.set(analysed, (kept = []));
    kept.push({ style, firstIndent: input.firstIndent, balanced, breakAnySpace, reach: builder.reach, ...built });
  }
  return built;
}

/** A style as its settings: each paper's edition styles its paragraphs alike, in styles of its own. */
function styleKey(style: ParagraphStyle): string {
  let key = styleKeys.get(style);
  if (key === undefined) styleKeys.set(style, (key = JSON.stringify(style)));
  return key;
}
const styleKeys = new WeakMap<ParagraphStyle, string>();

/** A paragraph as it was set: its lines, and the warnings setting it gave (each about the paragraph's source). */
export interface KeptParagraph {
  lines: readonly SetLine[];
  said: readonly string[];
}

/**
 * How far a space may stretch and shrink, as parts of its width. TeX's are a
 * half and a third; spaces that hardly shrink and stretch more readily keep
 * a page's spaces evener, since lines squeezed tight stand out as much as
 * loose ones. Where words are hyphenated, spaces stretch as far again as
 * their width and shrink a fifth before a hyphen is preferred: measured on
 * texts in English, Russian and German (bench/corpus), that takes English
 * under one hyphenated line in eight and evens the spaces of Russian. Where
 * they are not (Arabic, Farsi, a style without hyphenation), a line's
 * looseness is all in its spaces, and the smaller stretch weighs it more.
 */
const SPACE = { stretch: 0.7, shrink: 0.15 };
const HYPHENATED_SPACE = { stretch: 1, shrink: 0.2 };
/** The stretch that fills a line ended by force, as TeX's \parfillskip: beyond any other on the line. */
const FILL = 100000;
/** A note's number: a superior figure of this part of the text's size, raised this part of it, a hair space (in ems) before it. */
const NOTE_SCALE = 0.62;
const NOTE_RISE = 0.36;
const NOTE_GAP = 0.12;
/** The most characters (UTF-16 units) a word may run without a place a line may break: some fifty lines of it, broken by force. */
const MOST_UNBROKEN = 5000;
/** A run of letters past which a word is refused before it is analysed, however it might break. */
const MOST_UNANALYSED = 100_000;
const ZERO_WIDTH_SPACE = '\u200b';
/** What counts toward a fragment's length: letters and digits, not punctuation. */
const LETTERS = /[\p{L}\p{N}]/gu;
const NARROW_NBSP = '\u202f';
/** A narrow no-break space is half a space. */
const NARROW_SPACE = 0.5;
/** How far a ragged line's end may stretch, in ems: what its demerits are reckoned on, so that the breaker evens the rag. */
const RAG = 3;

class ItemBuilder {
  readonly items: Item[] = [];
  readonly meta: ItemMeta[] = [];
  /**
   * The narrowest measure the items hold for as built: the widest a line
   * must be for no word (with the first line's indent, or with what stands
   * unbroken before it) to be broken where it must be, nor an address said
   * to be wider than the line.
   */
  reach = 0;
  private readonly justified: boolean;
  /** Where in the paragraph's text (UTF-16 units) the next inline or token starts. */
  private at = 0;
  /** The bidi level of each unit of the paragraph's text; none for text all left to right. */
  private readonly levels: Uint8Array | undefined;
  /** Breaks inside runs without spaces (ideographs, Thai, Korean), by UTF-16 index in the paragraph's text. */
  private readonly scriptBreaks: ReadonlyMap<number, ScriptBreak>;
  private readonly setting: WordSetting;
  /** How far a space stretches and shrinks, as parts of its width (see SPACE). */
  private readonly spacing: { stretch: number; shrink: number };
  /** The language of the inline being added where it is a phrase's of its own (`[…]{lang=kk}`), and how its words are set. */
  private phrase: { language: Language; setting: WordSetting } | undefined;

  constructor(
    private readonly input: SetParagraphInput,
    private readonly ctx: TypesetContext,
    /** Treat no-break spaces as ordinary ones (the last resort for an overfull line). */
    private readonly breakAnySpace: boolean,
    private readonly analysed: AnalysedParagraph,
    /** Whether a right-to-left word may lengthen by a kashida. */
    private readonly kashida: boolean,
  ) {
    this.setting = {
      fonts: ctx.fonts, hyphenator: ctx.hyphenator, kashida, withoutSpaces: analysed.scriptBreaks.size > 0, language: input.language, source: input.source,
    };
    this.justified = input.style.align === 'justify';
    this.spacing = ctx.hyphenator !== undefined && input.style.hyphenate ? HYPHENATED_SPACE : SPACE;
    this.levels = analysed.levels;
    this.scriptBreaks = analysed.scriptBreaks;
    if (input.firstIndent > 0) this.push(box(input.firstIndent), undefined);
  }

  /** How a phrase's words are set: shaped in its language's forms where the faces have them, hyphenated by its patterns. */
  private phraseOf(language: Language): { language: Language; setting: WordSetting } {
    if (this.phrase?.language.tag === language.tag) return this.phrase;
    return { language, setting: { ...this.setting, fonts: this.ctx.fonts.inLanguage(language.tag), hyphenator: hyphenatorFor(language), language } };
  }

  add(inlines: readonly Inline[]): void {
    const { style } = this.input;
    inlines.forEach((inline, i) => {
      const text = this.analysed.inlineTexts[i]!;
      this.phrase = inline.kind === 'text' && inline.language ? this.phraseOf(inline.language) : undefined;
      if (inline.kind === 'break') {
        this.lineBreak();
        this.at += text.length;
        return;
      }
      const plain = { family: style.font, bold: style.bold || (inline.kind === 'text' && inline.bold), italic: style.italic };
      const { family, bold, italic } = inline.kind === 'text' && inline.italic ? this.emphasised(plain) : plain;
      const face = this.ctx.fonts.face(family, bold, italic);
      // an isolate's end parts it from the figure or the word right after it, though both be of its level
      const bound = this.analysed.bounds.get(this.at);
      if (inline.kind === 'noteRef') {
        // a hair space before the figure keeps it a word of its own when the text is copied out
        this.push(box(style.size * NOTE_GAP), bound);
        this.word(text, { face, bold, italic, size: style.size * NOTE_SCALE, rise: style.size * NOTE_RISE, href: undefined, code: false });
        this.at += text.length;
        return;
      }
      // after a space the phrase ends with too: the space is the phrase's, inside it (see displayOrder)
      const levels = this.levels;
      if (bound !== undefined && levels && levels[this.at - 1] === levels[this.at] && levels[this.at]! > bound) this.push(box(0), bound);
      for (const token of text.split(/([ \t\n\r\u00a0\u202f]+)/)) {
        if (token === '') continue;
        // the last resort takes no-break spaces as ordinary ones, and words as words
        if (/^[ \t\n\r]+$/.test(token) || (this.breakAnySpace && /^\s+$/.test(token))) this.space(face, style.size);
        else if (/^\s+$/.test(token)) this.noBreakSpace(face, style.size, token.includes(NARROW_NBSP));
        else {
          if (this.scriptBreaks.size > 0) this.beforeIsolateEnd(() => this.seam(token, face, bold, italic, style.size));
          this.word(token, { face, bold, italic, size: style.size, rise: 0, href: inline.href, code: inline.code });
        }
        this.at += token.length;
      }
    });
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
    this.lineBreak(this.input.balanced === true ? this.input.style.size * RAG : FILL);
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

  /** A line ended by force, the room it leaves filled by `fill` (a ragged line's stretch where it is weighed as the others). */
  private lineBreak(fill = FILL): void {
    this.trimTrailingSpace();
    this.push(penalty(0, NO_BREAK, false), undefined);
    this.push(glue(0, fill, 0), undefined);
    this.push(penalty(0, FORCE_BREAK, false), undefined);
  }

  private space(face: Face, size: number): void {
    if (this.lastIsSpace()) {
      // spaces in a row are one, of the lowest level among them: a phrase's last space and the text's after it part the phrase from what follows
      const [last, level] = [this.meta.length - 1, this.spaceLevel()];
      const was = this.meta[last];
      if (typeof was === 'number' && level !== undefined && level < was) this.meta[last] = level;
      return;
    }
    const width = this.ctx.fonts.spaceWidth(face, size);
    if (this.justified) {
      this.push(glue(width, width * this.spacing.stretch, width * this.spacing.shrink), this.spaceLevel());
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
    const rag = size * RAG;
    this.push(glue(0, rag, 0), level);
    this.push(penalty(width, cost, false), undefined);
    this.push(glue(space, -rag, 0), level);
  }

  /** A space that must not break (before a dash, after "в"); a narrow one is half a space. */
  private noBreakSpace(face: Face, size: number, narrow: boolean): void {
    const width = this.ctx.fonts.spaceWidth(face, size) * (narrow ? NARROW_SPACE : 1);
    this.push(penalty(0, NO_BREAK, false), undefined);
    this.push(glue(width, this.justified && !narrow ? width * this.spacing.stretch : 0, this.justified && !narrow ? width * this.spacing.shrink : 0), this.spaceLevel());
  }

  /** A word (no spaces): split at hyphenation points and explicit hyphens, each piece a box. */
  private word(text: string, f: { face: Face; bold: boolean; italic: boolean; size: number; rise: number; href: string | undefined; code: boolean }): void {
    // an address in the text is one whether or not it is a link's: its scheme stays whole, with what follows it; code
    // (a file name, a command) breaks as one does, after its punctuation, since a hyphen added would make it another
    const address = f.code || ADDRESS.test(text);
    const setting = this.phrase?.setting ?? this.setting;
    const hyphenate = setting.hyphenator !== undefined && this.input.style.hyphenate && !address;
    const levels = this.levels && levelsOf(this.levels, this.at, text);
    const splitOf = (inside: readonly [number, BreakKind][]): SplitWord => this.split(text, f, address, hyphenate, levels, inside);
    // Korean keeps its words whole, parting them between syllables only where one is wider than the line; so does Thai
    // what may be one word the dictionary parted (a name spelt in Thai letters)
    const all = this.breaksInside(text);
    if (all.length === 0 && text.length > MOST_UNANALYSED) this.refuseHugeRun(text);
    let inside: [number, BreakKind][] = all;
    if (all.some(([, kind]) => kind === 'syllable' || kind === 'part')) {
      const chars = characters(text);
      inside = all.flatMap(([at, kind]): [number, BreakKind][] => {
        if (kind !== 'syllable' && kind !== 'part') return [[at, kind]];
        const [before, after] = [chars[at - 1]!.codePointAt(0)!, chars[at]!.codePointAt(0)!];
        // no break, but the quarter em between an ideograph and a Latin letter stays, and a justified line may space the syllables
        if (latinSeam(before, after)) return [[at, 'tie']];
        return this.justified && (kind === 'part' || (isHangul(before) && isHangul(after))) ? [[at, 'letterspace']] : [];
      });
    }
    // the room a line gives the word: the first line's, less its indent, where nothing comes before the word
    const indent = this.items.length === (this.input.firstIndent > 0 ? 1 : 0) ? this.input.firstIndent : 0;
    const room = this.input.measure - indent;
    let split = splitOf(inside);
    this.reach = Math.max(this.reach, indent + (address ? split.width : split.widest));
    if (split.widest > room + ROUNDING && inside !== all) split = splitOf((inside = all));
    // an address wider than the line is said to be so, though it parts after its punctuation: it reads worse
    const unbreakable = split.widest > room + ROUNDING;
    if (unbreakable || (address && split.width > room + ROUNDING)) {
      this.ctx.warn(`"${shortened(text)}" is wider than the line: broken ${unbreakable ? 'where it must be' : 'after its punctuation'}`, this.input.source);
    }
    if (unbreakable) {
      this.refuseUnbroken(text, split);
      // rare: the analysis is done again rather than kept for every word
      const word = analyseWord(text, f, address, hyphenate, levels, inside, setting);
      split = partsOf(word.measured, word.length, lastResort(word, split, room), f.face, address);
    }
    this.beforeIsolateEnd(() => this.partFromBefore(text, split, f));
    for (let i = 0; i < split.parts.length; i++) {
      if (i > 0) {
        const join = split.joins[i - 1]!;
        const before = split.parts[i - 1]!;
        if (join.kind === 'kashida') {
          const [noBreak, stroke] = kashidaItems(this.ctx.fonts.spaceWidth(f.face, f.size) * this.spacing.stretch);
          this.push(noBreak, undefined);
          this.push(stroke, KASHIDA);
        } else if (join.gap) this.scriptJoin(join, join.gap, f.size);
        else {
          this.push(
            penalty(join.width, BREAK_COST[join.kind], join.kind !== 'address'),
            join.hyphen ? { text: '-', face: f.face, size: f.size, rise: f.rise, level: before[before.length - 1]!.level, href: f.href, language: this.phrase?.language.tag, lead: 0 } : undefined,
          );
        }
      }
      for (const run of split.parts[i]!) {
        this.push(box(run.width), { text: run.text, face: run.face, size: run.size, rise: f.rise, level: run.level, href: f.href, language: this.phrase?.language.tag, lead: run.lead });
      }
    }
  }

  /**
   * Adds what joins the word being added to the text before it (a seam, a
   * break where the two are wider than the line) as it would be with no
   * isolate's end between them: before the end's box of no width, which
   * stays where the word starts (see add).
   */
  private beforeIsolateEnd(join: () => void): void {
    const [last, end] = [this.items[this.items.length - 1], this.meta[this.meta.length - 1]];
    if (last?.type !== 'box' || last.width > 0 || typeof end !== 'number') {
      join();
      return;
    }
    this.items.pop();
    this.meta.pop();
    join();
    this.push(last, end);
  }

  /**
   * Where the word being added goes on from the inline before with no break
   * between (emphasis or a link starting inside a word, a Korean word after a
   * Latin one), and the two are wider than the line together though each
   * fits on its own: a break where they meet, as in a word broken where it
   * must be (a hyphen between two letters, else the gap text without spaces
   * leaves), said in a warning.
   */
  private partFromBefore(text: string, split: SplitWord, f: { face: Face; bold: boolean; italic: boolean; size: number }): void {
    const last = this.meta[this.meta.length - 1];
    if (this.items[this.items.length - 1]?.type !== 'box' || typeof last !== 'object') return;
    // what stands unbroken before the word: back to the last place a line may break
    let before = 0;
    let said = '';
    for (let i = this.items.length - 1; i >= 0 && !isBreakpoint(this.items, i); i--) {
      const it = this.items[i]!;
      if (it.type !== 'penalty') before += it.width;
      const m = this.meta[i];
      if (it.type === 'box' && typeof m === 'object') said = m.text + said;
    }
    this.reach = Math.max(this.reach, before + split.first);
    if (before + split.first <= this.input.measure + ROUNDING) return;
    this.ctx.warn(`"${shortened(said + text)}" is wider than the line: broken where it must be`, this.input.source);
    const [end, start] = [lastCharacter(last.text).codePointAt(0)!, text.codePointAt(0)!];
    if (!hyphenatedLetter(end) || !hyphenatedLetter(start)) {
      this.seam(text, f.face, f.bold, f.italic, f.size, 'emergency');
      return;
    }
    const hyphen = this.ctx.fonts.width(last.face, '-', last.size);
    this.push(penalty(hyphen, BREAK_COST.emergency, true), { ...last, text: '-', lead: 0 });
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
    if (join.kind === 'letterspace') {
      this.push(penalty(0, NO_BREAK, false), undefined);
      this.push(glue(0, gap.stretch, 0), undefined);
      return;
    }
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
    // kept by all of that, then by the word's text: a key of its own, not one made with the text, for each word of the paragraph
    let key = `${f.face.key}\u0000${f.size}\u0000${f.bold ? 'b' : ''}${f.italic ? 'i' : ''}${address ? 'a' : ''}${hyphenate ? 'h' : ''}${this.kashida ? 'k' : ''}`;
    if (levels) key += `\u0000${levels.join('')}`;
    if (inside.length > 0) key += `\u0000${inside.map(([at, kind]) => `${at}${kind[0]}`).join('')}`;
    if (this.phrase) key += `\u0000${this.phrase.language.tag}`;
    let words = this.ctx.words.get(key);
    if (!words) this.ctx.words.set(key, (words = new Map()));
    let split = words.get(text);
    if (!split) {
      const word = analyseWord(text, f, address, hyphenate, levels, inside, this.phrase?.setting ?? this.setting);
      split = partsOf(word.measured, word.length, word.breaks, f.face, address);
      words.set(text, split);
    }
    return split;
  }

  /**
   * Where text without spaces goes on in another inline (emphasis, a link)
   * with no space between: the break, the quarter em or the closing up that
   * the two characters would have inside one word. Korean words stay whole.
   */
  private seam(token: string, face: Face, bold: boolean, italic: boolean, size: number, kind: ScriptBreak | 'emergency' | undefined = this.scriptBreaks.get(this.at)): void {
    const last = this.meta[this.meta.length - 1];
    if (kind === undefined || kind === 'syllable' || this.items[this.items.length - 1]?.type !== 'box' || typeof last !== 'object') return;
    const [before, after] = [lastCharacter(last.text), Array.from(token)[0]!];
    const { fonts } = this.ctx;
    const next = fonts.faceFor(after.codePointAt(0)!, face, bold, italic) ?? face;
    const blankOf = (ch: string, f: Face, side: 'before' | 'after'): number =>
      punctuationBlank(ch.codePointAt(0)!, side, fonts.width(f, ch, size), size, () => fonts.ink(f, ch));
    const [blankAfter, blankBefore] = [blankOf(before, last.face, 'after'), blankOf(after, next, 'before')];
    this.scriptJoin({ kind, width: -blankAfter }, seamGap(kind, before.codePointAt(0)!, after.codePointAt(0)!, blankAfter, blankBefore, size), size);
  }

  /**
   * Refuses a word wider than the line whose longest stretch between the
   * places a line may break it (hyphens, an address's punctuation, a
   * script's own) runs more than MOST_UNBROKEN characters (a pasted blob):
   * each of its characters would be a place to break it by force, and
   * setting it would take time and memory past reason.
   */
  private refuseUnbroken(text: string, split: SplitWord): void {
    let [longest, run] = [0, 0];
    split.parts.forEach((part, i) => {
      for (const piece of part) {
        // a zero-width space is a place to break, by force or not
        const stretches = piece.text.split(ZERO_WIDTH_SPACE);
        run += stretches[0]!.length;
        for (const stretch of stretches.slice(1)) [longest, run] = [Math.max(longest, run), stretch.length];
      }
      const join = split.joins[i];
      if (join === undefined || BREAK_COST[join.kind] < NO_BREAK) [longest, run] = [Math.max(longest, run), 0];
    });
    if (longest > MOST_UNBROKEN) this.refuseRun(text, longest);
  }

  /**
   * Refuses, before it is analysed, a word of a script without breaks of
   * its own that holds a run of letters and digits longer than any the
   * analysis could take in memory (megabytes of "aaa…").
   */
  private refuseHugeRun(text: string): void {
    let [longest, run] = [0, 0];
    for (const ch of text) {
      run = /[\p{L}\p{M}\p{N}]/u.test(ch) ? run + ch.length : 0;
      if (run > longest) longest = run;
    }
    if (longest > MOST_UNANALYSED) this.refuseRun(text, longest);
  }

  private refuseRun(text: string, length: number): never {
    throw new ZineError(`"${shortened(text)}" runs ${length} characters with no place a line may break: more than ${MOST_UNBROKEN}, refused (break it with spaces)`, this.input.source);
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
}

/** A word as a message quotes it: a long one (a pasted blob, say) cut to its start, so that the warning stays one line. */
export function shortened(word: string): string {
  const start = Array.from(word.slice(0, 2 * QUOTED_LENGTH)).slice(0, QUOTED_LENGTH).join('');
  return start.length < word.length ? `${start}…` : word;
}
const QUOTED_LENGTH = 40;


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
