import MarkdownIt, { type StateInline, type Token } from 'markdown-it';
import footnote from 'markdown-it-footnote';
import container from 'markdown-it-container';
import { ZineError, type Warn } from '../errors.js';
import { markedLanguage } from '../lang/languages.js';
import type { Language } from '../lang/types.js';
import { pairQuotes } from '../lang/paired-quotes.js';
import { lastCharacter } from '../lang/characters.js';
import { applyTypography } from '../lang/typography.js';
import { textInline, type Block, type Inline, type Note, type Paragraph } from './blocks.js';
import { stripControls } from './controls.js';

export interface ParsedMarkdown {
  blocks: Block[];
  /** Footnotes, and link addresses when they are printed as notes, by number. */
  notes: Note[];
  /** Every link with an address a reader could type. */
  links: { text: string; url: string }[];
}

export interface MarkdownOptions {
  /** Print each link's address as a numbered note (a printed page cannot be clicked). */
  linkNotes: boolean;
  /**
   * The language a paragraph or heading on these lines (from, to: zero-based,
   * the last excluded) is written in where it is not the text's: a filled
   * template's paragraph that is one string the default locale's stands in for.
   */
  writtenIn?: (lines: readonly [number, number]) => Language | undefined;
}

const STYLE_NAME = /^[A-Za-z][\w-]*$/;
/** A div's attributes, pandoc's and markdown-it-attrs' way: `::: {lang=ar}`. */
const ATTRIBUTES = /\{/;
/** The one attribute understood: `lang=ar`, `lang="ar"`, `lang='ar'`; a value with spaces but no other attribute is a tag mistyped. */
const LANG_ATTRIBUTE = /^\{\s*lang=(?:"([^"]*)"|'([^']*)'|([^"'{}=]*?))\s*\}$/;
/** A bracketed span's attributes, pandoc's way (`[…]{lang=kk}`): right after its closing bracket, on its line. */
const SPAN_ATTRIBUTES = /^\{[^{}\n]*\}/;
/** What Markdown would read as anything but text, escaped in a text written into it. */
const MARKDOWN_SIGNS = /[\\`*_[\]{}<>&!#|~^]/g;

/**
 * A text as a phrase in its own language in Markdown (`[日本語]{lang=ja}`),
 * as a template's filling writes one: a language's name set in its
 * language's forms, and as an isolate in text of the other direction.
 */
export function languagePhrase(text: string, tag: string): string {
  return `[${text.replace(MARKDOWN_SIGNS, '\\$&')}]{lang=${tag}}`;
}

/** A phrase as `languagePhrase` writes one: a split on it gives each phrase's text and language tag after the text before it. */
export const LANGUAGE_PHRASE = /\[((?:\\.|[^\\\]])*)\]\{lang=([^{}\n]*)\}/;

/** AsciiDoc's page break, on a line of its own. */
const PAGE_BREAK = '<<<';
const PRINTABLE_URL = /^(https?:|mailto:)/;
/**
 * How deeply markdown-it lets blocks and inlines nest (a list level counts
 * two). Its own limit, 20, drops everything after a list nested ten deep
 * without a word; this one is generous and still far from the stack's limit,
 * and text nested past it is refused by name.
 */
const MAX_NESTING = 100;
/** Levels of lists and quotes that indent; deeper ones are set at this depth, so text keeps a usable measure. */
const MAX_DEPTH = 3;
/** A footnote reference markdown-it left as text: its definition is missing. */
const UNDEFINED_FOOTNOTE = /\[\^[^\]\s]+\]/;
/** A link or image markdown-it refuses to read as one (`[x](javascript:…)`, `![x](file:///…)`): it stays as text. */
const REFUSED_LINK = /!?\[[^\]\n]*\]\(\s*<?((?:file|javascript|vbscript|data):[^)\s>]*)/gi;

/**
 * More notes than any section has. markdown-it-footnote gathers notes in
 * time that grows with their square: ten thousand took seconds, a hundred
 * thousand would take hours.
 */
const MAX_NOTES = 2_000;
const NOTE = /^ {0,3}\[\^[^\]\s]+\]:|\^\[/gm;

function refuseTooManyNotes(text: string, source: { file: string; firstLine: number }): void {
  let count = 0;
  for (const m of text.matchAll(NOTE)) {
    if (++count > MAX_NOTES) {
      const line = source.firstLine + text.slice(0, m.index).split('\n').length - 1;
      throw new ZineError(`more than ${MAX_NOTES} notes in one section: refused (split the section)`, { file: source.file, line });
    }
  }
}

/**
 * Parses CommonMark with footnotes into blocks, with the language's quotation
 * marks and spacing, and the zine's conventions:
 * - `::: name` … `:::` gives the paragraphs inside the paragraph style `name`
 *   (how templates mark a cover title or a lead); in `::: verse` line breaks stay;
 * - `::: {lang=ar}` … `:::` marks the blocks inside as written in that language
 *   (its quotation marks and spacing; the innermost such div wins);
 * - a paragraph wholly in bold is an interview question;
 * - `>>` (a quote within a quote) is a pull quote;
 * - a quote's last paragraph starting with a dash is its attribution;
 * - an image alone in its paragraph is a figure, its title the caption;
 * - `<<<` alone on a line breaks the page.
 * `firstLine` is the file line of the text's first line, so blocks point at
 * the right place in the file.
 */
export function parseMarkdown(
  text: string,
  source: { file: string; firstLine: number },
  language: Language,
  warn: Warn,
  options: MarkdownOptions = { linkNotes: false },
): ParsedMarkdown {
  refuseTooManyNotes(text, source);
  const env: ParseEnv = { source, language, warn, options, languages: new Map(), spanLanguages: new Map() };
  const stripped = stripControls(text, { file: source.file, line: source.firstLine }, warn);
  const tokens = markdown().parse(stripped, env);
  refuseLostText(tokens, source);
  warnUnclosedDivs(tokens, stripped, source, warn);
  warnMarksSetAsText(tokens, source, warn);
  return new BlockBuilder(source, language, env.languages, env.spanLanguages, warn, options).build(tokens);
}

/** What one parse tells the parser's rules, and they tell the blocks built after it: markdown-it's `env` (a record). */
type ParseEnv = {
  source: { file: string; firstLine: number };
  language: Language;
  warn: Warn;
  options: MarkdownOptions;
  /** The language of each token inside a `::: {lang=…}` div. */
  languages: Map<Token, Language>;
  /** The language of each `[…]{lang=…}` span's opening token. */
  spanLanguages: Map<Token, Language>;
};

let parser: ReturnType<typeof newParser> | undefined;

/**
 * The one markdown-it parser, made on first use (its rules are compiled
 * when made: once per process, not once per section); what a parse needs
 * to know of its text comes in its `env`.
 */
function markdown(): ReturnType<typeof newParser> {
  parser ??= newParser();
  return parser;
}

/** The line in the file a block token starts on (the text's first where markdown-it gave the token none). */
const lineOf = (token: Token | undefined, source: { firstLine: number }): number => source.firstLine + (token?.map?.[0] ?? 0);

/** Warns of each footnote definition that a later one of the same label replaces, naming its line: its text is not set. */
function warnNotesDefinedTwice(tokens: readonly Token[], source: { file: string; firstLine: number }, warn: Warn): void {
  const last = new Map<string, number>();
  tokens.forEach((token, i) => {
    if (token.type !== 'footnote_reference_open') return;
    // the definition's own token has no line: its first block, on the definition's line, has
    let at = i + 1;
    while (at < tokens.length && !tokens[at]!.map) at++;
    const line = lineOf(tokens[at], source);
    const label = String((token.meta as { label: string }).label);
    const before = last.get(label);
    if (before !== undefined) {
      warn(`footnote [^${label}] is defined again on line ${line}: this definition is not set (give each note a label of its own)`, { file: source.file, line: before });
    }
    last.set(label, line);
  });
}

/** The parser's env as `parseMarkdown` gave it (markdown-it types it as any record). */
const envOf = (state: { env: unknown }): ParseEnv => state.env as ParseEnv;

function newParser() {
  const md = new MarkdownIt('commonmark', { typographer: true, html: true, maxNesting: MAX_NESTING })
    .enable(['replacements', 'smartquotes'])
    // escaped characters stay tokens of their own, so that an escaped `\[^1]` is not taken for a footnote reference
    .disable('text_join')
    .use(footnote)
    .use(container, 'style', { validate: (params: string) => STYLE_NAME.test(params.trim()) })
    .use(container, 'lang', { validate: (params: string) => ATTRIBUTES.test(params) });
  // before links, which would take `[…]` followed by anything but `(` or `[` as text
  md.inline.ruler.before('link', 'lang_span', languageSpan);
  // before footnote definitions are moved to the end, out of the divs they were written in
  md.core.ruler.before('footnote_tail', 'div_languages', (state) => {
    const env = envOf(state);
    markDivLanguages(state.tokens, env.languages, env.source, env.warn);
    if (env.options.writtenIn) markWrittenBlocks(state.tokens, env.languages, env.options.writtenIn);
    markSpanLanguages(state.tokens, env.spanLanguages, env.source, env.warn);
  });
  // markdown-it-footnote keeps a label's last definition alone: the others would be dropped without a word
  md.core.ruler.before('footnote_tail', 'notes_defined_twice', (state) => {
    const env = envOf(state);
    warnNotesDefinedTwice(state.tokens, env.source, env.warn);
  });
  // markdown-it takes every paragraph's quotation marks from one option: each is given its own language's
  const smartquotes = md.core.ruler.__rules__.find((rule) => rule.name === 'smartquotes')!.fn;
  md.core.ruler.at('smartquotes', (state) => {
    const env = envOf(state);
    const all = state.tokens;
    const setQuotes = (inline: Token, written: Language): void => {
      if (written.pairsQuotes) {
        pairQuotesIn(inline.children ?? [], written);
        return;
      }
      md.options.quotes = [...written.quotes];
      state.tokens = [inline];
      smartquotes(state);
    };
    for (const token of all) {
      if (token.type !== 'inline') continue;
      // each span's quotation marks first, innermost first: the paragraph's then find no straight quote inside a span
      const open: number[] = [];
      const children = token.children ?? [];
      children.forEach((child, i) => {
        if (child.type === 'lang_span_open') open.push(i);
        else if (child.type === 'lang_span_close') {
          const start = open.pop()!;
          const span = new state.Token('inline', '', 0);
          span.children = children.slice(start + 1, i);
          span.content = span.children.map((c) => c.content).join('');
          setQuotes(span, env.spanLanguages.get(children[start]!)!);
        }
      });
      setQuotes(token, env.languages.get(token) ?? env.language);
    }
    state.tokens = all;
  });
  return md;
}

/**
 * Sets the straight quotes of an inline's text in a language whose quotations
 * spaces do not tell (`paired-quotes.ts`). Code, escaped quotes and the
 * phrases of spans inside (whose marks are set already) stand beside them,
 * and a line break is a space.
 */
function pairQuotesIn(children: readonly Token[], written: Language): void {
  const pieces: { token: Token | undefined; text: string; set: boolean }[] = [];
  let spans = 0;
  for (const child of children) {
    if (child.type === 'lang_span_open') spans++;
    else if (child.type === 'lang_span_close') spans--;
    else if (child.type === 'softbreak' || child.type === 'hardbreak') pieces.push({ token: undefined, text: '\n', set: false });
    else if (child.content) pieces.push({ token: child, text: child.content, set: spans === 0 && child.type === 'text' });
  }
  pairQuotes(pieces, written.quotes).forEach((text, i) => {
    const { token, set } = pieces[i]!;
    if (token && set) token.content = text;
  });
}

/**
 * A phrase in its own language, pandoc's bracketed span: `[Қазақ тілі]{lang=kk}`.
 * Any attributes right after the closing bracket make a span, checked as a
 * div's are (markSpanLanguages); its text is parsed as any other, emphasis
 * and links included.
 */
function languageSpan(state: StateInline, silent: boolean): boolean {
  const start = state.pos;
  // `[^1]` is a footnote's reference; a link's label being measured (silent) counts a span's brackets as brackets,
  // else it would take the span for a link inside a link and give up the link
  if (silent || state.src.charCodeAt(start) !== 0x5b || state.src.charCodeAt(start + 1) === 0x5e) return false;
  const labelEnd = state.md.helpers.parseLinkLabel(state, start, false);
  if (labelEnd < 0) return false;
  const attributes = SPAN_ATTRIBUTES.exec(state.src.slice(labelEnd + 1, state.posMax));
  if (!attributes) return false;
  state.push('lang_span_open', 'span', 1).info = attributes[0];
  const max = state.posMax;
  state.pos = start + 1;
  state.posMax = labelEnd;
  state.md.inline.tokenize(state);
  state.posMax = max;
  state.push('lang_span_close', 'span', -1);
  state.pos = labelEnd + 1 + attributes[0].length;
  return true;
}

/** The language a div's or a span's attributes name, or the refusal of any other attributes, naming the place. */
function attributeLanguage(info: string, where: { file: string; line: number }, warn: Warn, what: string): Language {
  const attribute = LANG_ATTRIBUTE.exec(info);
  if (!attribute) {
    const style = info.split(/[\s{]/)[0]!;
    // markdown-it-container closes a div at the first fence as long as its own: the outer one is written longer
    throw new ZineError(what === 'div' && STYLE_NAME.test(style)
      ? `a div takes a style or a language, not both: put ::: ${style} … ::: inside :::: {lang=…} … :::: (${JSON.stringify(info)})`
      : what === 'div'
        ? `a div's attributes can only be a language, such as ::: {lang=ar}: ${JSON.stringify(info)} is not understood`
        : `a span's attributes can only be a language, such as [سلام]{lang=ar}: ${JSON.stringify(info)} is not understood`, where);
  }
  return markedLanguage(attribute[1] ?? attribute[2] ?? attribute[3]!, where, warn);
}

/** Records the language of each `[…]{lang=…}` span's opening token; other attributes are refused on the span's line. */
function markSpanLanguages(tokens: Token[], languages: Map<Token, Language>, source: { file: string; firstLine: number }, warn: Warn): void {
  for (const token of tokens) {
    if (token.type !== 'inline') continue;
    let line = lineOf(token, source);
    for (const child of token.children ?? []) {
      if (child.type === 'softbreak' || child.type === 'hardbreak') line++;
      else if (child.type === 'lang_span_open') languages.set(child, attributeLanguage(child.info, { file: source.file, line }, warn, 'span'));
    }
  }
}

/**
 * Records the language of each token inside a `::: {lang=…}` div, the
 * innermost div's; a div with attributes other than `lang` alone is refused
 * on its line.
 */
function markDivLanguages(tokens: Token[], languages: Map<Token, Language>, source: { file: string; firstLine: number }, warn: Warn): void {
  const open: Language[] = [];
  for (const token of tokens) {
    if (token.type === 'container_lang_open') {
      const where = { file: source.file, line: lineOf(token, source) };
      open.push(attributeLanguage(token.info.trim(), where, warn, 'div'));
    } else if (token.type === 'container_lang_close') open.pop();
    else {
      const language = open[open.length - 1];
      if (language) languages.set(token, language);
    }
  }
}

/** Records the language of each paragraph or heading outside a div that `writtenIn` says is written in one: its opening, text and closing. */
function markWrittenBlocks(tokens: Token[], languages: Map<Token, Language>, writtenIn: NonNullable<MarkdownOptions['writtenIn']>): void {
  tokens.forEach((token, i) => {
    if ((token.type !== 'paragraph_open' && token.type !== 'heading_open') || !token.map || languages.has(token)) return;
    const language = writtenIn([token.map[0], token.map[1]]);
    if (language) for (const written of tokens.slice(i, i + 3)) languages.set(written, language);
  });
}

/**
 * markdown-it silently drops what is inside a block opened at its nesting
 * limit (and, in a list, what follows it): a token at the limit means text
 * was lost.
 */
function refuseLostText(tokens: Token[], source: { file: string; firstLine: number }): void {
  let line = 0;
  for (const token of tokens) {
    if (token.map) line = token.map[0];
    if (token.level >= MAX_NESTING - 1) {
      throw new ZineError('lists and block quotes nested too deeply here: their text would be lost', {
        file: source.file, line: source.firstLine + line,
      });
    }
  }
}

/**
 * Says where a div (`::: verse`) is never closed: it runs to the end of the
 * text, taking every paragraph after it into its style or language, which a
 * forgotten `:::` rarely means.
 */
function warnUnclosedDivs(tokens: readonly Token[], text: string, source: { file: string; firstLine: number }, warn: Warn): void {
  const lines = text.split('\n');
  // a text ending in a line break has no line after it
  const count = lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
  for (const token of tokens) {
    if (!token.type.startsWith('container_') || !token.type.endsWith('_open') || token.level !== 0 || !token.map) continue;
    if (token.map[1] < count) continue;
    warn(`${token.markup} ${token.info.trim()} is never closed: it runs to the end of the text (close it with a line of ${token.markup})`, {
      file: source.file, line: source.firstLine + token.map[0],
    });
  }
}

/**
 * Says where a div's or a span's marks are set as text, misspelt: a line
 * `::: lang=de` (no braces) is no div, and `[Hola]{lang=es` (never closed)
 * no span; both would print as they are.
 */
function warnMarksSetAsText(tokens: readonly Token[], source: { file: string; firstLine: number }, warn: Warn): void {
  for (const token of tokens) {
    if (token.type !== 'inline') continue;
    token.content.split('\n').forEach((line, i) => {
      const where = { file: source.file, line: lineOf(token, source) + i };
      if (i === 0 && /^\s*:{3,}/.test(line)) {
        warn(`"${line.trim().slice(0, 40)}" is set as text, not read as a div: a div opens with ::: and a style (::: verse) or a language in braces (::: {lang=de}), alone on its line`, where);
      }
      // after the line's last "}": searched once, not from every "]{" to the line's end
      const tail = line.slice(line.lastIndexOf('}') + 1);
      const span = /\]\{\s*lang\s*=/.exec(tail);
      if (span) warn(`"${tail.slice(span.index + 1, span.index + 40)}" is set as text: a span's language ends with "}" ([Hola]{lang=es})`, where);
    });
  }
}

/**
 * An image's path as its file is named: markdown-it writes a link's
 * address as a URL, `images/gas price.png` as `images/gas%20price.png`.
 * Reserved characters stay as written (`%2F` is no slash); a sequence that
 * decodes to nothing is kept as it is.
 */
function filePath(src: string): string {
  try {
    return decodeURI(src);
  } catch {
    return src;
  }
}

interface ListState {
  ordered: boolean;
  next: number;
}

class BlockBuilder {
  private readonly blocks: Block[] = [];
  private readonly notes: Note[] = [];
  private readonly links: { text: string; url: string }[] = [];
  /** Note numbers in order of first reference, footnotes and links together. */
  private readonly footnoteNumbers = new Map<number, number>();
  private lastNumber = 0;
  /** Where paragraphs go now: the body, or the note being read. */
  private target: Block[] = this.blocks;
  private readonly styles: string[] = [];
  private readonly lists: ListState[] = [];
  /** Block quotes open, and where the blocks of each began. */
  private readonly quotes: number[] = [];
  private pendingMarker: string | undefined;
  private paragraphStyle: string | undefined;
  private line = 0;
  /** The language of the token being read: a div's, or the text's. */
  private written: Language;
  /** Paragraphs nested past MAX_DEPTH, set at it. */
  private readonly flattened: Paragraph[] = [];

  constructor(
    private readonly source: { file: string; firstLine: number },
    private readonly language: Language,
    private readonly divLanguages: ReadonlyMap<Token, Language>,
    private readonly spanLanguages: ReadonlyMap<Token, Language>,
    private readonly warn: Warn,
    private readonly options: MarkdownOptions,
  ) {
    this.written = language;
  }

  build(tokens: Token[]): ParsedMarkdown {
    for (const token of tokens) {
      if (token.map) this.line = token.map[0];
      this.written = this.divLanguages.get(token) ?? this.language;
      this.block(token);
    }
    this.notes.sort((a, b) => a.number - b.number);
    // once a section is enough; pull quotes, set at depth 0, do not count
    const flattened = this.flattened.find((p) => p.depth === MAX_DEPTH);
    if (flattened) {
      this.warn(`lists and block quotes nested more than ${MAX_DEPTH + 1} deep are indented as if ${MAX_DEPTH + 1} deep, to leave the text room`, flattened.source);
    }
    return { blocks: this.blocks, notes: this.notes, links: this.links };
  }

  /** The file line of the current block, or of a line `offset` lines into it. */
  private where(offset = 0) {
    return { file: this.source.file, line: this.source.firstLine + this.line + offset };
  }

  private block(token: Token): void {
    switch (token.type) {
      case 'container_style_open':
        this.styles.push(token.info.trim());
        return;
      case 'container_style_close':
        this.styles.pop();
        return;
      case 'blockquote_open':
        this.quotes.push(this.target.length);
        return;
      case 'blockquote_close':
        this.closeQuote();
        return;
      case 'bullet_list_open':
        this.lists.push({ ordered: false, next: 1 });
        return;
      case 'ordered_list_open':
        this.lists.push({ ordered: true, next: Number(token.attrGet('start') ?? 1) });
        return;
      case 'bullet_list_close':
      case 'ordered_list_close':
        this.lists.pop();
        return;
      case 'list_item_open': {
        const list = this.lists[this.lists.length - 1];
        if (list) this.pendingMarker = list.ordered ? `${list.next++}.` : '•';
        return;
      }
      case 'footnote_open':
        this.target = [];
        this.notes.push({ number: this.footnoteNumber(token), blocks: this.target });
        return;
      case 'footnote_close':
        this.target = this.blocks;
        return;
      case 'heading_open':
        this.paragraphStyle = `heading${Math.min(3, Number(token.tag.slice(1)))}`;
        return;
      case 'paragraph_open':
        this.paragraphStyle = this.currentStyle();
        return;
      case 'inline':
        this.inline(token);
        return;
      case 'fence':
      case 'code_block':
        this.paragraph(this.currentStyle(), lines(token.content.replace(/\n$/, '')));
        return;
      case 'html_block':
        this.warn('raw HTML is set as text, not interpreted', this.where());
        this.paragraph(this.currentStyle(), lines(token.content.replace(/\n$/, '')));
        return;
      case 'hr':
        this.target.push({ kind: 'rule', source: this.where() });
        return;
      case 'list_item_close':
        // an item with nothing in it ("3." alone on its line) still shows its number, and gives it to no paragraph after it
        if (this.pendingMarker !== undefined) this.paragraph(this.currentStyle(), []);
        return;
      default:
        // *_close tokens of paragraphs and headings, footnote_block_open/close,
        // footnote_anchor: structure already handled above.
        return;
    }
  }

  private inline(token: Token): void {
    const children = token.children ?? [];
    const style = this.paragraphStyle ?? this.currentStyle();
    this.paragraphStyle = undefined;
    if (token.content.trim() === PAGE_BREAK) {
      this.target.push({ kind: 'pageBreak', source: this.where() });
      return;
    }
    const visible = children.filter((c) => !(c.type === 'text' && c.content.trim() === '') && c.type !== 'softbreak');
    if (visible.length === 1 && visible[0]!.type === 'image') {
      const image = visible[0]!;
      const caption = image.attrGet('title');
      this.target.push({
        kind: 'figure',
        src: filePath(String(image.attrGet('src') ?? '')),
        alt: image.content,
        caption: caption ? this.typeset([textInline(stripControls(String(caption), this.where(), this.warn))]) : [],
        source: this.where(),
        ...this.marked(),
      });
      return;
    }
    const inlines = this.inlines(children, style === 'verse');
    const words = inlines.filter((i) => i.kind !== 'text' || i.text.trim() !== '');
    const question = style === 'body' && words.length > 0 && words.every((i) => i.kind === 'text' && i.bold);
    this.paragraph(question ? 'question' : style, inlines);
  }

  /** A quote's last paragraph beginning with a dash is its attribution; `>>` makes a pull quote. */
  private closeQuote(): void {
    const start = this.quotes.pop()!;
    const blocks = this.target.slice(start);
    const last = blocks[blocks.length - 1];
    if (last?.kind === 'paragraph' && last.style === 'quote' && blocks.length > 1) {
      const first = last.inlines[0];
      // an em or en dash, or the horizontal bar Japanese writes twice (――)
      if (first?.kind === 'text' && /^[—–―]/.test(first.text)) last.style = 'attribution';
    }
    const nested = this.quotes.length > 0;
    if (nested && blocks.every((b) => b.kind === 'paragraph' && b.style === 'quote')) {
      // `>>`: the inner quote is lifted out as a pull quote, in the language's quotation marks
      const [open, close] = this.written.quotes;
      blocks.forEach((b, i) => {
        if (b.kind !== 'paragraph') return;
        b.style = 'pullQuote';
        b.depth = 0;
        if (i === 0) b.inlines.unshift(textInline(open.trim()));
        if (i === blocks.length - 1) b.inlines.push(textInline(close.trim()));
      });
    }
  }

  private currentStyle(): string {
    const explicit = this.styles[this.styles.length - 1];
    if (explicit) return explicit;
    if (this.target !== this.blocks) return 'note';
    if (this.lists.length > 0) return 'list';
    if (this.quotes.length > 0) return 'quote';
    return 'body';
  }

  private paragraph(style: string, inlines: Inline[]): void {
    // nothing to set, but for an empty list item's number
    if (inlines.length === 0 && this.pendingMarker === undefined) return;
    const nesting = this.lists.length + this.quotes.length - 1;
    const depth = Math.max(0, Math.min(MAX_DEPTH, nesting));
    const p: Paragraph = { kind: 'paragraph', style, inlines, depth, source: this.where(), ...this.marked() };
    if (nesting > MAX_DEPTH) this.flattened.push(p);
    if (this.pendingMarker !== undefined) {
      p.marker = this.pendingMarker;
      this.pendingMarker = undefined;
    }
    this.target.push(p);
  }

  private footnoteNumber(token: Token): number {
    const id = Number((token.meta as { id: number }).id);
    let n = this.footnoteNumbers.get(id);
    if (n === undefined) {
      n = ++this.lastNumber;
      this.footnoteNumbers.set(id, n);
    }
    return n;
  }

  private inlines(children: Token[], keepLines: boolean): Inline[] {
    const out: Inline[] = [];
    let italic = 0;
    let bold = 0;
    const links: { href: string; start: number }[] = [];
    /** The languages of the spans open, the innermost last. */
    const spans: Language[] = [];
    /** Lines into the paragraph, for warnings. */
    let offset = 0;
    const text = (t: string, code = false): void => {
      // entities (`&#x202E;`) are decoded by now: controls typed as such were removed before parsing
      const clean = stripControls(t, this.where(offset), this.warn);
      if (clean === '') return;
      const link = links[links.length - 1];
      const span = spans[spans.length - 1];
      out.push(textInline(clean, italic > 0, bold > 0, link?.href, span && span.tag !== this.written.tag ? span : undefined, code));
    };
    for (const c of children) {
      switch (c.type) {
        case 'text': {
          const ref = UNDEFINED_FOOTNOTE.exec(c.content);
          if (ref) this.warn(`footnote ${ref[0]} has no definition (${ref[0]}: …): printed as it stands`, this.where(offset));
          for (const refused of c.content.matchAll(REFUSED_LINK)) {
            this.warn(`a link or image to ${refused[1]!.slice(0, 40)} is of a kind a zine does not follow (file:, javascript:, vbscript:, data:): printed as written`, this.where(offset));
          }
          text(c.content);
          break;
        }
        case 'code_inline':
          text(c.content, true);
          break;
        case 'softbreak':
          // a newline, so that a character can be traced to its line; set as a space
          if (keepLines) out.push({ kind: 'break' });
          else text('\n');
          offset++;
          break;
        case 'hardbreak':
          out.push({ kind: 'break' });
          offset++;
          break;
        case 'lang_span_open': spans.push(this.spanLanguages.get(c)!); break;
        case 'lang_span_close': spans.pop(); break;
        case 'em_open': italic++; break;
        case 'em_close': italic--; break;
        case 'strong_open': bold++; break;
        case 'strong_close': bold--; break;
        case 'link_open':
          links.push({ href: String(c.attrGet('href') ?? ''), start: out.length });
          break;
        case 'link_close': {
          const link = links.pop()!;
          this.linkClosed(link.href, out.slice(link.start), out);
          break;
        }
        case 'image':
          text(c.content);
          break;
        case 'footnote_ref':
          out.push({ kind: 'noteRef', number: this.footnoteNumber(c) });
          break;
        case 'html_inline':
          this.warn(`raw HTML ${c.content} is set as text, not interpreted`, this.where());
          text(c.content);
          break;
        default:
          text(c.content);
      }
    }
    return this.typeset(out);
  }

  /** A link with an address a reader could type: noted, and numbered as a note when so printed. */
  private linkClosed(url: string, linked: Inline[], out: Inline[]): void {
    if (!PRINTABLE_URL.test(url)) return;
    const text = linked.map((i) => (i.kind === 'text' ? i.text : '')).join('');
    const address = readableAddress(url);
    this.links.push({ text, url });
    // an address already shown as the link's text needs no note
    if (!this.options.linkNotes || text === url || text === address) return;
    const number = ++this.lastNumber;
    out.push({ kind: 'noteRef', number });
    this.notes.push({
      number,
      blocks: [{ kind: 'paragraph', style: 'note', depth: 0, source: this.where(), inlines: [textInline(address, false, false, url)], ...this.marked() }],
    });
  }

  /** Joins neighbouring runs of the same kind, then applies the language's spacing to whole runs. */
  private typeset(inlines: Inline[]): Inline[] {
    const out: Inline[] = [];
    for (const inline of inlines) {
      const last = out[out.length - 1];
      if (inline.kind === 'text' && last?.kind === 'text' && last.italic === inline.italic && last.bold === inline.bold && last.href === inline.href && last.language?.tag === inline.language?.tag && last.code === inline.code) {
        last.text += inline.text;
      } else out.push(inline.kind === 'text' ? textInline(inline.text, inline.italic, inline.bold, inline.href, inline.language, inline.code) : inline);
    }
    // each run read after the character before it: French spaces a ? after code or emphasis too
    let before = '';
    for (const inline of out) {
      if (inline.kind !== 'text') {
        before = inline.kind === 'break' ? '\n' : '0';
        continue;
      }
      if (!inline.code) inline.text = applyTypography(inline.text, inline.language ?? this.written, before);
      before = lastCharacter(inline.text);
    }
    return out;
  }

  /** A block's language where a div marks it as written in another than the text's. */
  private marked(): { language?: Language } {
    return this.written.tag === this.language.tag ? {} : { language: this.written };
  }
}

/** A link's address as a reader would type it: no `mailto:`, letters instead of %-escapes. */
export function readableAddress(url: string): string {
  const bare = url.replace(/^mailto:/, '');
  try {
    return decodeURI(bare);
  } catch {
    return bare;
  }
}

/** Text whose line breaks are kept, as inlines with hard breaks. */
function lines(content: string): Inline[] {
  const out: Inline[] = [];
  content.split('\n').forEach((line, i) => {
    if (i > 0) out.push({ kind: 'break' });
    if (line !== '') out.push(textInline(line));
  });
  return out;
}
