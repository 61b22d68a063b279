import type { SourceRef } from '../errors.js';
import type { Language } from '../lang/types.js';

/**
 * The block tree the typesetter consumes: what Markdown sections and filled
 * templates both become. Flat on purpose: nesting (block quotes, lists) is
 * kept as a depth, which is all a one-column page needs.
 */
export type Inline =
  | TextInline
  /** A line break the author asked for (poetry, addresses). */
  | { kind: 'break' }
  /** The number of a note, set as a superior figure. */
  | { kind: 'noteRef'; number: number };

/** Text in one style; `href` where it is a link's. */
export interface TextInline {
  kind: 'text';
  text: string;
  italic: boolean;
  bold: boolean;
  href: string | undefined;
  /** The language of a phrase marked as written in its own (`[…]{lang=kk}`), where it is not its paragraph's. */
  language: Language | undefined;
  /** Code (`` `03-conclusion.md` ``): set as written, its quotes and dashes not made typographic, its words not hyphenated. */
  code: boolean;
}

/**
 * Text as a style sets it: in capitals by the language's rules where the
 * style says so (`uppercase`), code as written, since 03-CONCLUSION.MD is
 * another file. What is set and what the fonts are checked for alike.
 */
export function inStyleCase(text: string, uppercase: boolean | undefined, code: boolean, language: string): string {
  return uppercase && !code ? text.toLocaleUpperCase(language) : text;
}

/**
 * A text inline. Every one is made here, with the same fields in the same
 * order: the typesetter's loops then meet one shape of object, which V8
 * optimizes once rather than again for each locale's mix of links and text.
 */
export function textInline(text: string, italic = false, bold = false, href?: string, language?: Language, code = false): TextInline {
  return { kind: 'text', text, italic, bold, href, language, code };
}

export interface Paragraph {
  kind: 'paragraph';
  /** Name of a paragraph style in the theme. */
  style: string;
  inlines: Inline[];
  /** List marker ("•", "3.") hung in the indent before the first line. */
  marker?: string;
  /** Nesting level of block quotes and lists; each level indents. */
  depth: number;
  source: SourceRef;
  /** What a template filled in, when it did. */
  filling?: Filling;
  /** The language it is written in, where it is not the zine's (a section set in the default locale's). */
  language?: Language;
}

/** A thematic break (`***`): a gap with an ornament. */
export interface Rule {
  kind: 'rule';
  source: SourceRef;
}

/** An image on a line of its own, with its caption; never split from it. */
export interface Figure {
  kind: 'figure';
  /** Path of the image file inside the project. */
  src: string;
  alt: string;
  caption: Inline[];
  source: SourceRef;
  /** What a template filled in, when it did. */
  filling?: Filling;
  /** The language its caption is written in, where it is not the zine's. */
  language?: Language;
}

/** The author's page break (`<<<` on a line of its own). */
export interface PageBreak {
  kind: 'pageBreak';
  source: SourceRef;
}

export type Block = Paragraph | Rule | Figure | PageBreak;

/** Where a text filled into a template comes from: a file, and what in it (`string "title"`, `front matter "lead"`). */
export interface TextOrigin {
  source: SourceRef;
  what: string;
  /** The language it is written in where that is not the zine's: a string the default locale's stands in for. */
  written?: Language;
}

/**
 * A template's output, with the texts filled into it and where each comes
 * from (`start` and `end` are offsets into `text`; a text filled into another,
 * a section's title into a string, starts after it), and where in it a block
 * begins. A problem with a character is then told where the character was
 * written, not where the template put it.
 */
export interface Filling {
  text: string;
  values: readonly { start: number; end: number; origin: TextOrigin }[];
  /** Where the block's first line begins in `text`. */
  at: number;
}

/** A footnote of a section, or the address of a link, gathered as an endnote. */
export interface Note {
  number: number;
  blocks: Block[];
}

/**
 * Blocks written in `language`, where it is not the zine's: each paragraph and
 * figure is set in it, but for those marked in a language of their own (a
 * `::: {lang=…}` div's).
 */
export function inLanguage(blocks: Block[], language: Language | undefined): Block[] {
  if (!language) return blocks;
  return blocks.map((b) => ((b.kind === 'paragraph' || b.kind === 'figure') && !b.language ? { ...b, language } : b));
}

/** The plain text of some inlines, for titles and messages. */
export function inlineText(inlines: readonly Inline[]): string {
  return inlines.map((i) => (i.kind === 'text' ? i.text : i.kind === 'break' ? ' ' : String(i.number))).join('');
}

/** A paragraph of one run of plain text. */
export function textParagraph(style: string, text: string, source: SourceRef): Paragraph {
  return { kind: 'paragraph', style, depth: 0, source, inlines: [textInline(text)] };
}
