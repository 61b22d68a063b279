import type { SourceRef, Warn } from '../errors.js';
import type { Inline } from '../content/blocks.js';
import type { ParagraphStyle } from '../content/theme.js';
import type { Hyphenator } from '../lang/liang.js';
import { missingGlyph } from './coverage.js';
import type { Face, FontBook } from './fonts.js';
import { breakLines, INFINITE_PENALTY, type Item } from './knuth-plass.js';

/** Penalties that forbid and force a break. */
const NO_BREAK = INFINITE_PENALTY;
const FORCE_BREAK = -INFINITE_PENALTY;

/** A piece of a line set in one face: `x` from the line's start. */
export interface Run {
  x: number;
  text: string;
  face: Face;
  size: number;
  /** Baseline shift upwards (superior figures of note numbers). */
  rise: number;
  width: number;
  href?: string;
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
}

export interface TypesetContext {
  fonts: FontBook;
  hyphenate: Hyphenator | undefined;
  warn: Warn;
}

// Penalties as TeX sets them (plain.tex): a hyphen costs 50.
const HYPHEN_PENALTY = 50;
const EXPLICIT_HYPHEN_PENALTY = 50;
/** A last resort for a word wider than the line: break anywhere, dearly. */
const EMERGENCY_PENALTY = 1000;
const FILL = 100000;
const NOTE_SCALE = 0.62;
const NOTE_RISE = 0.36;
/** Words shorter than this are never hyphenated. */
const MIN_HYPHENATED_WORD = 5;
const NARROW_NBSP = '\u202f';

interface BoxMeta { text: string; face: Face; size: number; rise: number; href: string | undefined }
/** What each line-breaking item carries for drawing: boxes their text, hyphen penalties the hyphen. */
type ItemMeta = BoxMeta | undefined;

/**
 * Sets a paragraph into lines: shapes and measures words with fontkit,
 * hyphenates them, and chooses breaks for the whole paragraph at once
 * (Knuth–Plass), justified or ragged as the style says.
 */
export function setParagraph(input: SetParagraphInput, ctx: TypesetContext): SetLine[] {
  const builder = new ItemBuilder(input, ctx);
  builder.add(input.inlines);
  const { items, meta } = builder.finish();
  if (items.length <= 3) return [];
  const breaks = breakLines(items, input.measure);
  return toLines(items, meta, breaks, input.measure, input.style.align);
}

class ItemBuilder {
  readonly items: Item[] = [];
  readonly meta: ItemMeta[] = [];
  private readonly justified: boolean;

  constructor(
    private readonly input: SetParagraphInput,
    private readonly ctx: TypesetContext,
  ) {
    this.justified = input.style.align === 'justify';
    if (input.firstIndent > 0) this.push({ type: 'box', width: input.firstIndent }, undefined);
  }

  add(inlines: readonly Inline[]): void {
    const { style } = this.input;
    for (const inline of inlines) {
      if (inline.kind === 'break') {
        this.lineBreak();
        continue;
      }
      const bold = style.bold || (inline.kind === 'text' && inline.bold);
      const italic = style.italic !== (inline.kind === 'text' && inline.italic);
      const face = this.ctx.fonts.face(style.font, bold, italic);
      if (inline.kind === 'noteRef') {
        this.word(String(inline.number), { face, bold, italic, size: style.size * NOTE_SCALE, rise: style.size * NOTE_RISE, href: undefined });
        continue;
      }
      const text = style.uppercase ? inline.text.toLocaleUpperCase(this.input.locale) : inline.text;
      for (const token of text.split(/([ \t\n\r\u00a0\u202f]+)/)) {
        if (token === '') continue;
        if (/^[ \t\n\r]+$/.test(token)) this.space(face, style.size);
        else if (/^\s+$/.test(token)) this.noBreakSpace(face, style.size, token.includes(NARROW_NBSP));
        else this.word(token, { face, bold, italic, size: style.size, rise: 0, href: inline.href });
      }
    }
  }

  finish(): { items: Item[]; meta: ItemMeta[] } {
    this.trimTrailingSpace();
    this.push({ type: 'penalty', width: 0, cost: NO_BREAK, flagged: false }, undefined);
    this.push({ type: 'glue', width: 0, stretch: FILL, shrink: 0 }, undefined);
    this.push({ type: 'penalty', width: 0, cost: FORCE_BREAK, flagged: false }, undefined);
    return { items: this.items, meta: this.meta };
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
    this.push({ type: 'penalty', width: 0, cost: NO_BREAK, flagged: false }, undefined);
    this.push({ type: 'glue', width: 0, stretch: FILL, shrink: 0 }, undefined);
    this.push({ type: 'penalty', width: 0, cost: FORCE_BREAK, flagged: false }, undefined);
  }

  private space(face: Face, size: number): void {
    if (this.lastIsSpace()) return;
    const width = this.ctx.fonts.width(face, ' ', size);
    if (this.justified) {
      this.push({ type: 'glue', width, stretch: width / 2, shrink: width / 3 }, undefined);
    } else {
      // ragged setting (Knuth & Plass): the line end may stretch, the spaces may not
      const rag = size * 3;
      this.push({ type: 'glue', width: 0, stretch: rag, shrink: 0 }, undefined);
      this.push({ type: 'penalty', width: 0, cost: 0, flagged: false }, undefined);
      this.push({ type: 'glue', width, stretch: -rag, shrink: 0 }, undefined);
    }
  }

  /** A space that must not break (before a dash, after "в"); a narrow one is half a space. */
  private noBreakSpace(face: Face, size: number, narrow: boolean): void {
    const width = this.ctx.fonts.width(face, ' ', size) * (narrow ? 0.5 : 1);
    this.push({ type: 'penalty', width: 0, cost: NO_BREAK, flagged: false }, undefined);
    this.push({ type: 'glue', width, stretch: this.justified && !narrow ? width / 2 : 0, shrink: this.justified && !narrow ? width / 3 : 0 }, undefined);
  }

  /** A word (no spaces): split at hyphenation points and explicit hyphens, each piece a box. */
  private word(text: string, f: { face: Face; bold: boolean; italic: boolean; size: number; rise: number; href: string | undefined }): void {
    const chars = Array.from(text);
    const breaks = new Map<number, 'hyphenate' | 'explicit' | 'emergency'>();
    // after a hyphen or dash inside a word ("well-known", "Almaty—Astana")
    chars.forEach((c, i) => {
      if (i > 0 && i < chars.length - 1 && /[-\u2010\u2013\u2014/]/.test(c) && /[\p{L}\p{N}]/u.test(chars[i + 1]!)) {
        breaks.set(i + 1, 'explicit');
      }
    });
    if (this.ctx.hyphenate && this.input.style.hyphenate) {
      for (const m of text.matchAll(/\p{L}+/gu)) {
        const letters = Array.from(m[0]);
        if (letters.length < MIN_HYPHENATED_WORD) continue;
        const offset = Array.from(text.slice(0, m.index)).length;
        for (const p of this.ctx.hyphenate(m[0])) breaks.set(offset + p, 'hyphenate');
      }
    }
    const whole = this.measure(chars.join(''), f);
    if (whole > this.input.measure) {
      const widest = pieces(chars, breaks).some((p) => this.measure(p.join(''), f) > this.input.measure);
      if (widest) {
        this.ctx.warn(`"${text}" is wider than the line: broken where it must be`, this.input.source);
        for (let i = 1; i < chars.length; i++) if (!breaks.has(i)) breaks.set(i, 'emergency');
      }
    }
    let at = 0;
    for (const piece of pieces(chars, breaks)) {
      if (at > 0) {
        const kind = breaks.get(at)!;
        const hyphenWidth = kind === 'hyphenate' ? this.ctx.fonts.width(f.face, '-', f.size) : 0;
        const cost = kind === 'hyphenate' ? HYPHEN_PENALTY : kind === 'explicit' ? EXPLICIT_HYPHEN_PENALTY : EMERGENCY_PENALTY;
        this.push(
          { type: 'penalty', width: hyphenWidth, cost, flagged: kind !== 'emergency' },
          kind === 'hyphenate' ? { text: '-', face: f.face, size: f.size, rise: f.rise, href: f.href } : undefined,
        );
      }
      for (const run of this.faceRuns(piece, f)) {
        this.push({ type: 'box', width: this.ctx.fonts.width(run.face, run.text, f.size) }, { ...run, size: f.size, rise: f.rise, href: f.href });
      }
      at += piece.length;
    }
  }

  private measure(text: string, f: { face: Face; bold: boolean; italic: boolean; size: number }): number {
    return this.faceRuns(Array.from(text), f).reduce((w, r) => w + this.ctx.fonts.width(r.face, r.text, f.size), 0);
  }

  /** Splits text into runs by the face that has each character (the style's, else a fallback). */
  private faceRuns(chars: string[], f: { face: Face; bold: boolean; italic: boolean }): { text: string; face: Face }[] {
    const runs: { text: string; face: Face }[] = [];
    for (const ch of chars) {
      const cp = ch.codePointAt(0)!;
      const face = this.ctx.fonts.faceFor(cp, f.face, f.bold, f.italic);
      if (!face) throw missingGlyph(ch, this.input.locale, this.input.source);
      const last = runs[runs.length - 1];
      if (last && last.face === face) last.text += ch;
      else runs.push({ text: ch, face });
    }
    return runs;
  }
}

function pieces(chars: string[], breaks: Map<number, unknown>): string[][] {
  const cuts = [...breaks.keys()].sort((a, b) => a - b);
  const out: string[][] = [];
  let from = 0;
  for (const c of [...cuts, chars.length]) {
    if (c > from) out.push(chars.slice(from, c));
    from = c;
  }
  return out;
}

/** Turns chosen breakpoints into lines of positioned runs. */
function toLines(items: Item[], meta: ItemMeta[], breaks: number[], measure: number, align: ParagraphStyle['align']): SetLine[] {
  const lines: SetLine[] = [];
  for (let l = 0; l < breaks.length; l++) {
    const end = breaks[l]!;
    let start = l === 0 ? 0 : breaks[l - 1]! + 1;
    // what follows a break up to the next box is discarded, as in TeX
    while (start < end && items[start]!.type !== 'box') start++;
    const breakItem = items[end]!;
    const hyphen = breakItem.type === 'penalty' ? meta[end] : undefined;

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
    if (hyphen) natural += breakItem.width;
    const justified = align === 'justify';
    let ratio = 0;
    if (justified && natural < measure && stretch > 0) ratio = (measure - natural) / stretch;
    if (justified && natural > measure && shrink > 0) ratio = Math.max(-1, (measure - natural) / shrink);

    const runs: Run[] = [];
    let x = 0;
    let joined = false;
    const place = (m: BoxMeta, width: number): void => {
      const last = runs[runs.length - 1];
      if (joined && last && last.face === m.face && last.size === m.size && last.rise === m.rise && last.href === m.href) {
        last.text += m.text;
        last.width += width;
      } else {
        const run: Run = { x, text: m.text, face: m.face, size: m.size, rise: m.rise, width };
        if (m.href !== undefined) run.href = m.href;
        runs.push(run);
      }
      x += width;
      joined = true;
    };
    for (let i = start; i < end; i++) {
      const it = items[i]!;
      if (it.type === 'box') {
        const m = meta[i];
        if (m) place(m, it.width);
        else {
          x += it.width;
          joined = false;
        }
      } else if (it.type === 'glue') {
        const width = justified ? it.width + ratio * (ratio >= 0 ? it.stretch : it.shrink) : it.width;
        if (width !== 0) joined = false;
        x += width;
      }
    }
    if (hyphen) place(hyphen, breakItem.width);
    const shift = align === 'right' ? measure - x : align === 'center' ? (measure - x) / 2 : 0;
    if (shift !== 0) for (const r of runs) r.x += shift;
    lines.push({ runs, hyphenated: hyphen !== undefined });
  }
  return lines;
}
