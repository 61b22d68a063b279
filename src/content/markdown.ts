import MarkdownIt, { type Token } from 'markdown-it';
import footnote from 'markdown-it-footnote';
import container from 'markdown-it-container';
import type { Warn } from '../errors.js';
import type { Language } from '../lang/languages.js';
import { applyTypography } from '../lang/typography.js';
import type { Block, Inline, Note, Paragraph } from './blocks.js';

export interface ParsedMarkdown {
  blocks: Block[];
  notes: Note[];
}

const STYLE_NAME = /^[A-Za-z][\w-]*$/;

/**
 * Parses CommonMark with footnotes into blocks, with the language's quotation
 * marks and spacing. `::: name` … `:::` containers
 * give their paragraphs the paragraph style `name` (how templates mark the
 * cover title, the kicker, a lead). `firstLine` is the file line of the
 * text's first line, so blocks point at the right place in the file.
 */
export function parseMarkdown(
  text: string,
  source: { file: string; firstLine: number },
  language: Language,
  warn: Warn,
): ParsedMarkdown {
  const md = new MarkdownIt('commonmark', { typographer: true, quotes: [...language.quotes], html: true })
    .enable(['replacements', 'smartquotes'])
    .use(footnote)
    .use(container, 'style', { validate: (params: string) => STYLE_NAME.test(params.trim()) });
  const tokens = md.parse(text, {});
  return new BlockBuilder(source, language, warn).build(tokens);
}

interface ListState {
  ordered: boolean;
  next: number;
}

class BlockBuilder {
  private readonly blocks: Block[] = [];
  private readonly notes: Note[] = [];
  /** Where paragraphs go now: the body, or the note being read. */
  private target: Block[] = this.blocks;
  private readonly styles: string[] = [];
  private readonly lists: ListState[] = [];
  private quoteDepth = 0;
  private pendingMarker: string | undefined;
  private line = 0;

  constructor(
    private readonly source: { file: string; firstLine: number },
    private readonly language: Language,
    private readonly warn: Warn,
  ) {}

  build(tokens: Token[]): ParsedMarkdown {
    for (const token of tokens) {
      if (token.map) this.line = token.map[0];
      this.block(token);
    }
    return { blocks: this.blocks, notes: this.notes };
  }

  private where() {
    return { file: this.source.file, line: this.source.firstLine + this.line };
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
        this.quoteDepth++;
        return;
      case 'blockquote_close':
        this.quoteDepth--;
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
        this.notes.push({ number: noteNumber(token), blocks: this.target });
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
        this.paragraph(this.paragraphStyle ?? this.currentStyle(), this.inlines(token.children ?? []));
        this.paragraphStyle = undefined;
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
      default:
        // *_close tokens of paragraphs and headings, footnote_block_open/close,
        // footnote_anchor, list_item_close: structure already handled above.
        return;
    }
  }

  private paragraphStyle: string | undefined;

  private currentStyle(): string {
    const explicit = this.styles[this.styles.length - 1];
    if (explicit) return explicit;
    if (this.target !== this.blocks) return 'note';
    if (this.lists.length > 0) return 'list';
    if (this.quoteDepth > 0) return 'quote';
    return 'body';
  }

  private paragraph(style: string, inlines: Inline[]): void {
    if (inlines.length === 0) return;
    const depth = Math.max(0, this.lists.length + this.quoteDepth - 1);
    const p: Paragraph = { kind: 'paragraph', style, inlines, depth, source: this.where() };
    if (this.pendingMarker !== undefined) {
      p.marker = this.pendingMarker;
      this.pendingMarker = undefined;
    }
    this.target.push(p);
  }

  private inlines(children: Token[]): Inline[] {
    const out: Inline[] = [];
    let italic = 0;
    let bold = 0;
    const hrefs: string[] = [];
    const text = (t: string): void => {
      if (t === '') return;
      const href = hrefs[hrefs.length - 1];
      const run: Inline = { kind: 'text', text: t, italic: italic > 0, bold: bold > 0 };
      if (href !== undefined) run.href = href;
      out.push(run);
    };
    for (const c of children) {
      switch (c.type) {
        case 'text':
        case 'code_inline':
          text(c.content);
          break;
        case 'softbreak':
          // kept as a newline so that a character can be traced to its line; set as a space
          text('\n');
          break;
        case 'hardbreak':
          out.push({ kind: 'break' });
          break;
        case 'em_open': italic++; break;
        case 'em_close': italic--; break;
        case 'strong_open': bold++; break;
        case 'strong_close': bold--; break;
        case 'link_open':
          hrefs.push(String(c.attrGet('href') ?? ''));
          break;
        case 'link_close':
          hrefs.pop();
          break;
        case 'image':
          text(c.content);
          break;
        case 'footnote_ref':
          out.push({ kind: 'noteRef', number: noteNumber(c) });
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

  /** Joins neighbouring runs of the same kind, then applies the language's spacing to whole runs. */
  private typeset(inlines: Inline[]): Inline[] {
    const out: Inline[] = [];
    for (const inline of inlines) {
      const last = out[out.length - 1];
      if (inline.kind === 'text' && last?.kind === 'text' && last.italic === inline.italic && last.bold === inline.bold && last.href === inline.href) {
        last.text += inline.text;
      } else out.push(inline.kind === 'text' ? { ...inline } : inline);
    }
    for (const inline of out) if (inline.kind === 'text') inline.text = applyTypography(inline.text, this.language);
    return out;
  }
}

/** Notes are numbered in order of first reference, from 1. */
function noteNumber(token: Token): number {
  return Number((token.meta as { id: number }).id) + 1;
}

/** Text whose line breaks are kept, as inlines with hard breaks. */
function lines(content: string): Inline[] {
  const out: Inline[] = [];
  content.split('\n').forEach((line, i) => {
    if (i > 0) out.push({ kind: 'break' });
    if (line !== '') out.push({ kind: 'text', text: line, italic: false, bold: false });
  });
  return out;
}
