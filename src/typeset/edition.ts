import type { Warn } from '../errors.js';
import type { Block, Inline } from '../content/blocks.js';
import type { Paper } from '../content/paper.js';
import type { Margins, ParagraphStyle, Theme, VAlign } from '../content/theme.js';
import type { DisplayItem, Page, PageKind } from '../display.js';
import type { ZineLayout } from '../layouts/templates.js';
import type { Hyphenator } from '../lang/liang.js';
import type { FontBook } from './fonts.js';
import { paginate, type FlowItem } from './paginate.js';
import { setParagraph, type Run, type SetLine } from './paragraph.js';
import { ZineError } from '../errors.js';

/** One printed edition of a locale: the pages as display lists, and where each section starts. */
export interface Edition {
  paper: Paper;
  pages: Page[];
  /** Page number on which each section starts, by section id. */
  sectionStarts: Record<string, number>;
}

export interface EditionInput {
  layout: ZineLayout;
  paper: Paper;
  theme: Theme;
  fonts: FontBook;
  locale: string;
  hyphenate: Hyphenator | undefined;
  warn: Warn;
}

/** A line of text ready to place: runs relative to the text frame's left edge. */
interface Line {
  runs: Run[];
  /** Offset from the frame's left edge (indents). */
  x: number;
  style: ParagraphStyle;
  /** Section that begins with this line, if any. */
  opens?: string;
}

/** Distance from a line's top to its baseline: the em box centred in the leading, baseline at 0.8 em. */
function baselineOffset(style: ParagraphStyle): number {
  return (style.leading - style.size) / 2 + style.size * 0.8;
}

/**
 * Lays out every page of one edition: the cover, the sections flowing over
 * body pages, the back cover, and the folios. The page size decides the
 * measure, so each paper is reflowed, not scaled.
 */
export function typesetEdition(input: EditionInput): Edition {
  const { layout, paper, theme } = input;
  const margins = theme.margins[paper.name]!;
  const frame = { width: paper.page.width - margins.inner - margins.outer, height: paper.page.height - margins.top - margins.bottom };
  if (frame.width < 72 || frame.height < 72) {
    throw new ZineError(`the margins for ${paper.name} leave no room for text`, { file: 'theme.json' });
  }

  const pages: Page[] = [];
  const newPage = (kind: PageKind): Page => {
    const page: Page = { kind, number: pages.length + 1, width: paper.page.width, height: paper.page.height, items: [] };
    pages.push(page);
    return page;
  };

  placeFixed(newPage('cover'), linesOf(layout.cover, frame.width, input), margins, frame.height, theme.pages.cover.valign, input, 'cover');
  placeFixed(newPage('colophon'), linesOf(layout.colophon, frame.width, input), margins, frame.height, theme.pages.colophon.valign, input, 'colophon');

  const flowItems: FlowItem<Line>[] = [];
  layout.sections.forEach((section, index) => {
    const lines = linesOf(section.blocks, frame.width, input);
    const first = lines[0];
    if (!first) return;
    first.content.opens = section.id;
    if (index === 0 || theme.sectionStartsPage) first.newPage = true;
    flowItems.push(...lines);
  });
  const sectionStarts: Record<string, number> = {};
  for (const column of paginate(flowItems, frame.height)) {
    const page = newPage('body');
    for (const { content, y } of column) {
      if (content.opens) sectionStarts[content.opens] = page.number;
      drawLine(page, content, margins, y);
    }
    drawFolio(page, margins, input);
  }

  placeFixed(newPage('backCover'), linesOf(layout.backCover, frame.width, input), margins, frame.height, theme.pages.backCover.valign, input, 'back cover');
  return { paper, pages, sectionStarts };
}

/** Sets blocks into lines with vertical spacing and page-break permissions. */
function linesOf(blocks: readonly Block[], measure: number, input: EditionInput): FlowItem<Line>[] {
  const { theme, fonts } = input;
  const out: FlowItem<Line>[] = [];
  let previous: { style: string; depth: number; spaceAfter: number } | undefined;
  for (const block of blocks) {
    if (block.kind === 'rule') {
      const style = theme.styles.body!;
      const lines = setParagraph(
        { inlines: [{ kind: 'text', text: '*\u2003*\u2003*', italic: false, bold: false }], style: { ...style, align: 'center' }, measure, firstIndent: 0, locale: input.locale, source: block.source },
        { fonts, hyphenate: undefined, warn: input.warn },
      );
      const space = style.leading / 2 + (previous?.spaceAfter ?? 0);
      lines.forEach((l) => out.push({ height: style.leading, spaceBefore: space, breakAfter: true, newPage: false, content: { runs: l.runs, x: 0, style } }));
      previous = { style: 'rule', depth: 0, spaceAfter: style.leading / 2 };
      continue;
    }
    const themed = theme.styles[block.style];
    if (!themed) throw new ZineError(`no paragraph style "${block.style}" in theme.json`, block.source);
    const indent = themed.indent * (block.depth + 1);
    const style = themed.shrinkToFit ? shrunkToFit(themed, block.inlines, measure - indent, input) : themed;
    const continues = previous?.style === block.style && previous.depth === block.depth && !block.marker;
    const lines: SetLine[] = setParagraph(
      { inlines: block.inlines, style, measure: measure - indent, firstIndent: continues ? style.firstIndent : 0, locale: input.locale, source: block.source },
      { fonts, hyphenate: input.hyphenate, warn: input.warn },
    );
    if (block.marker && lines[0]) {
      const face = fonts.face(style.font, style.bold, style.italic);
      const width = fonts.width(face, block.marker, style.size);
      const gap = style.size * 0.5;
      lines[0].runs.unshift({ x: -width - gap, text: block.marker, face, size: style.size, rise: 0, width });
    }
    const n = lines.length;
    lines.forEach((l, j) => {
      const number = j + 1;
      const breakAfter = !style.keepWithNext && !l.hyphenated && (number === n || (number >= 2 && n - number >= 2));
      out.push({
        height: style.leading,
        spaceBefore: j === 0 ? (previous?.spaceAfter ?? 0) + style.spaceBefore : 0,
        breakAfter,
        newPage: false,
        content: { runs: l.runs, x: indent, style },
      });
    });
    previous = { style: block.style, depth: block.depth, spaceAfter: style.spaceAfter };
  }
  return out;
}

/** The style made smaller, size and leading alike, until the widest word fits the measure. */
function shrunkToFit(style: ParagraphStyle, inlines: readonly Inline[], measure: number, input: EditionInput): ParagraphStyle {
  let widest = 0;
  for (const inline of inlines) {
    if (inline.kind !== 'text') continue;
    const face = input.fonts.face(style.font, style.bold || inline.bold, style.italic !== inline.italic);
    const text = style.uppercase ? inline.text.toLocaleUpperCase(input.locale) : inline.text;
    // what cannot break: words, and words joined by no-break spaces
    for (const word of text.split(/[ \t\n\r]+/)) widest = Math.max(widest, input.fonts.width(face, word, style.size));
  }
  if (widest <= measure) return style;
  const scale = measure / widest;
  return { ...style, size: style.size * scale, leading: style.leading * scale };
}

/** Left edge of the text frame: the inner margin is on the left of right-hand (odd) pages. */
function frameLeft(page: Page, margins: Margins): number {
  return page.number % 2 === 1 ? margins.inner : margins.outer;
}

function drawLine(page: Page, line: Line, margins: Margins, top: number): void {
  const left = frameLeft(page, margins) + line.x;
  const baseline = margins.top + top + baselineOffset(line.style);
  for (const run of line.runs) page.items.push(...runItems(run, left, baseline));
}

function runItems(run: Run, left: number, baseline: number): DisplayItem[] {
  const items: DisplayItem[] = [
    { kind: 'text', x: left + run.x, y: baseline - run.rise, text: run.text, font: run.face.key, size: run.size, width: run.width },
  ];
  if (run.href) {
    items.push({ kind: 'link', x: left + run.x, y: baseline - run.rise - run.size * 0.8, width: run.width, height: run.size, url: run.href });
  }
  return items;
}

function placeFixed(
  page: Page, lines: FlowItem<Line>[], margins: Margins, frameHeight: number, valign: VAlign, input: EditionInput, what: string,
): void {
  let y = 0;
  const placed = lines.map((l, i) => {
    y += i === 0 ? 0 : l.spaceBefore;
    const at = y;
    y += l.height;
    return { line: l.content, y: at };
  });
  if (y > frameHeight + 0.01) {
    input.warn(`the ${what} does not fit its page in the ${input.paper.name} edition (${Math.round(y)} of ${Math.round(frameHeight)} pt): shorten its text`);
  }
  const shift = Math.max(0, valign === 'top' ? 0 : valign === 'center' ? (frameHeight - y) / 2 : frameHeight - y);
  for (const p of placed) drawLine(page, p.line, margins, p.y + shift);
}

function drawFolio(page: Page, margins: Margins, input: EditionInput): void {
  const { folio } = input.theme;
  const style = input.theme.styles[folio.style]!;
  const text = folio.format.replace('{n}', String(page.number));
  const width = page.width - margins.inner - margins.outer;
  const [line] = setParagraph(
    { inlines: [{ kind: 'text', text, italic: false, bold: false }], style: { ...style, align: 'center' }, measure: width, firstIndent: 0, locale: input.locale, source: { file: 'theme.json' } },
    { fonts: input.fonts, hyphenate: undefined, warn: input.warn },
  );
  if (!line) return;
  const left = frameLeft(page, margins);
  for (const run of line.runs) page.items.push(...runItems(run, left, page.height - folio.baseline));
}
