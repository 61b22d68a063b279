import { ZineError, type SourceRef, type Warn } from '../errors.js';
import { textInline, type Block, type Inline } from '../content/blocks.js';
import type { ImageLibrary } from '../content/images.js';
import type { Paper } from '../content/paper.js';
import { restyled, themeForScript, type Margins, type ParagraphStyle, type Theme, type VAlign } from '../content/theme.js';
import { ownRecord } from '../content/json.js';
import { coverFit, type Page, type PageKind } from '../display.js';
import type { SectionFlow, ZineLayout } from '../layouts/templates.js';
import { languageDigits } from '../lang/digits.js';
import type { Language } from '../lang/types.js';
import type { Hyphenator } from '../lang/liang.js';
import { hyphenatorFor } from '../lang/hyphenation.js';
import { bookletPlaces, boundEdge, facingAt, type Binding } from '../impose/sides.js';
import { phraseBreaks } from '../text/breaks.js';
import type { ParagraphAnalyses } from '../text/paragraph.js';
import type { FontBook } from '../font/book.js';
import { glyphSpans, runInk } from './glyph-run.js';
import { clearance, paginate, type Balance, type FlowItem, type Ink, type PlacedItem } from './paginate.js';
import { endShare, lineEnd, ROUNDING, textRun, trailingHyphens, type Run, type SetLine } from './lines.js';
import type { KeptParagraph, TypesetContext } from './items.js';
import { analysedOf, setParagraph } from './paragraph.js';
import { Memos, type Memo } from '../memo.js';

/** One printed edition of a locale: the pages as display lists, and where each section starts. */
export interface Edition {
  paper: Paper;
  pages: Page[];
  /** Page number on which each section starts, by section id: its place in the folded booklet, as its folio says. */
  sectionStarts: Record<string, number>;
}

export interface EditionInput {
  layout: ZineLayout;
  paper: Paper;
  /** The trimmed page of this edition (half the sheet for a booklet, an eighth for a mini zine). */
  page: { width: number; height: number };
  margins: Margins;
  theme: Theme;
  fonts: FontBook;
  images: ImageLibrary;
  /** The locale's language: capitals, direction, breaks and digits follow it. */
  language: Language;
  hyphenator: Hyphenator | undefined;
  /** The locale's words already split and measured (see TypesetContext). */
  words: TypesetContext['words'];
  /** The locale's paragraphs' items (see TypesetContext), for this build: a session keeps the paragraphs set instead. */
  items?: TypesetContext['items'];
  /** The locale's paragraphs analysed (see TypesetContext). */
  paragraphs: ParagraphAnalyses;
  /** Paragraphs already set in the locale's language, kept by a session (see TypesetContext). */
  set?: Memo<KeptParagraph> | undefined;
  /** What setting a block in another language than the locale's takes (a section standing in from the default locale). */
  inLanguage: (language: Language) => LanguageSetting;
  /** The bound edge of the booklet: the inner margin of each page goes there. */
  binding: Binding;
  /** Pages kept last in the booklet when blanks are added (see padBeforeBackCover): they may face the other way. */
  keepLast: number;
  /** How many pages the imposition makes of this many, blanks included: the kept-last pages' folios count the blanks before them. */
  padTo: (pageCount: number) => number;
  warn: Warn;
}

/**
 * What a block is set with that its language decides: the theme with the
 * fonts of its script, shaping, hyphenation, and the words so set. Its
 * direction, breaks, emphasis, digits and list numbers follow from these
 * (its quotation marks are its Markdown's, see layOut).
 */
export type LanguageSetting = Pick<EditionInput, 'language' | 'theme' | 'fonts' | 'hyphenator' | 'words' | 'set'>;

/**
 * What setting text in each language takes, made the first time a block in
 * it is set: the locale's own, and the default locale's for the sections that
 * stand in for missing translations. Each is kept while `memos` say it is
 * used: one that the last locale of a build (or, in a session, the last
 * build) did not use is dropped, with its words, when the next begins, so
 * that a build of many locales holds the words of two locales at most (the
 * one it sets and the one before), not of all of them. `set`, a
 * session's, keeps the paragraphs set in every language from one build to
 * the next.
 */
export function languageSettings(theme: Theme, fonts: FontBook, memos = new Memos(), set?: Memo<KeptParagraph>): (language: Language) => LanguageSetting {
  const made = memos.memo<LanguageSetting>();
  return (language) => made.get(language.tag, () => ({
    language, theme: spacedForScript(themeForScript(theme, language.script, language.tag), language.script, fonts),
    fonts: fonts.inLanguage(language.tag), hyphenator: hyphenatorFor(language), words: new Map(), set,
  }));
}

/**
 * The theme with each style's leading made larger (or smaller) as the
 * letters of `script` are set in its font (`FontBook.scriptSize`): an
 * edition in Bengali, its letters set larger than the Latin, is spaced for
 * them, evenly, not line by line as their ink would ask.
 */
function spacedForScript(theme: Theme, script: string, fonts: FontBook): Theme {
  const styles = Object.entries(theme.styles).map(([name, style]) => {
    const scale = fonts.scriptSize(fonts.face(style.font, style.bold, style.italic), script);
    return [name, scale === 1 ? style : restyled(style, { leading: style.leading * scale })] as const;
  });
  return styles.every(([name, style]) => style === theme.styles[name]) ? theme : { ...theme, styles: ownRecord(styles) };
}

/** The edition's input for setting a block: in the block's language where it has one of its own. */
function inputFor(block: Block, input: EditionInput): EditionInput {
  const language = block.kind === 'paragraph' || block.kind === 'figure' ? block.language : undefined;
  return language ? { ...input, ...input.inLanguage(language) } : input;
}

/** What a flow places on a page: a line of text, or a figure's image. */
type Placeable =
  | {
    kind: 'line'; runs: readonly Run[]; /** From the frame's left edge. */ x: number; style: ParagraphStyle; /** Section this line opens. */ opens?: string;
    /** The fonts it was set with, where its block is in a language of its own: drawn in that language's forms, as measured. */
    fonts?: FontBook;
  }
  | { kind: 'image'; src: string; x: number; width: number; height: number };

/** A text frame narrower or shorter than an inch (in points) holds no line worth setting. */
const SMALLEST_FRAME = 72;
/** The cover and the colophon come before the contents, which start on page 3. */
const FIRST_CONTENTS_PAGE = 3;
/** Between a list's number and its item, in ems. */
const MARKER_GAP = 0.5;
/** The contents' column of page numbers holds four figures. */
const WIDEST_PAGE_NUMBER = '0000';
/** Where the baseline is in the em box, from its top: where the fonts' ascenders and descenders leave it. */
const BASELINE = 0.8;
/** Largest share of the text frame's height a figure's image may take. */
const FIGURE_MAX_HEIGHT = 0.55;
/** A section's last page carrying less than this many lines of body text (in height) is nearly empty. */
const LIGHT_PAGE_LINES = 4;
/** The share of each space between paragraphs, headings and notes a section may give up so as not to end on a nearly empty page. */
const SHRINKABLE_SPACE = 0.5;

/**
 * Lays out every page of one edition: cover, colophon, contents, the sections
 * flowing over body pages, the back cover, and the folios. The page size
 * decides the measure, so each paper is reflowed, not scaled. Pages are
 * broken first and placed once their number is known: how many there are
 * decides which way the last ones face in the booklet, and so on which side
 * their inner margin is.
 */
export function typesetEdition(input: EditionInput): Edition {
  const { layout, paper, theme, margins } = input;
  const frame = { width: input.page.width - margins.inner - margins.outer, height: input.page.height - margins.top - margins.bottom };
  if (frame.width < SMALLEST_FRAME || frame.height < SMALLEST_FRAME) {
    throw new ZineError(`the margins for ${paper.name} leave no room for text`, { file: 'theme.json' });
  }
  const flow = (blocks: readonly Block[]): FlowItem<Placeable>[] => flowOf(blocks, frame, input);

  // a page carrying less than a few lines, or notes and captions alone (set smaller than the text), is nearly empty:
  // taken back by tighter spaces, or given lines
  const text = styleOf('body', { file: 'theme.json' }, input);
  const balance: Balance<Placeable> = {
    light: LIGHT_PAGE_LINES * text.leading,
    shrink: SHRINKABLE_SPACE,
    counts: (content) => content.kind === 'image' || content.style.size >= text.size,
  };
  const body = paginate(sectionsFlow(layout, flow, theme, frame.height, paper.name), frame.height, balance);
  refuseTooManyPages(body, layout, paper.name);
  const contents = layout.contents;
  const contentsPages = (starts: Record<string, number>): PlacedItem<Placeable>[][] => (contents
    ? paginate([...flow(contents.blocks), ...contentsEntries(contents.entries, starts, frame.width, input)], frame.height, balance)
    : []);
  // page numbers are set in a column of their own: how many pages the list fills does not depend on them
  const firstBodyPage = FIRST_CONTENTS_PAGE + contentsPages(sectionStartsIn(body, 0, (n) => n)).length;
  if (firstBodyPage - FIRST_CONTENTS_PAGE > MOST_PAGES) throw tooManyPages(paper.name, 'the contents', contents?.blocks[0]?.source);
  // the cover, the colophon, the contents, the body and the back cover: how many sheets they fill decides how many
  // blanks go in before the pages kept last, and so those pages' numbers
  const pageCount = firstBodyPage + body.length;
  // the cover stays first, whatever is kept last
  if (input.keepLast >= pageCount) {
    input.warn(`keeping ${input.keepLast} pages last (--keep-last, print.keepLast) keeps as many as the zine has, or more: the cover stays first, the ${pageCount - 1} after it kept last`);
  }
  const places = bookletPlaces(pageCount, input.padTo(pageCount), input.keepLast);
  const sectionStarts = sectionStartsIn(body, firstBodyPage, (n) => places[n - 1]!);

  const pages: Page[] = [];
  const newPage = (kind: PageKind): { page: Page; origin: FrameOrigin } => {
    const page: Page = { kind, number: places[pages.length]!, width: input.page.width, height: input.page.height, items: [] };
    pages.push(page);
    const left = boundEdge(facingAt(page.number), input.binding) === 'left' ? margins.inner : margins.outer;
    return { page, origin: { left, top: margins.top } };
  };

  const cover = newPage('cover');
  if (layout.coverImage) drawBackground(cover.page, layout.coverImage, input);
  placeFixed(cover, flow(layout.cover), frame.height, theme.pages.cover.valign, input, 'cover', layout.cover[0]?.source);
  placeFixed(newPage('colophon'), flow(layout.colophon), frame.height, theme.pages.colophon.valign, input, 'colophon', layout.colophon[0]?.source);
  // a list too long for a page goes on over the next
  for (const column of contentsPages(sectionStarts)) placeColumn(newPage('contents'), column, frame.height, theme.pages.contents.valign, input.fonts);
  for (const column of body) {
    const { page, origin } = newPage('body');
    for (const { content, y } of column) place(page, content, origin, y, input.fonts);
    drawFolio(page, origin, margins, input);
  }
  placeFixed(newPage('backCover'), flow(layout.backCover), frame.height, theme.pages.backCover.valign, input, 'back cover', layout.backCover[0]?.source);
  return { paper, pages, sectionStarts };
}

/**
 * More pages than any zine or book takes, in its body or in its contents: a
 * locale's text is bounded (see MAX_LOCALE_CHARACTERS), but type set very
 * large, or thousands of sections or page breaks each opening a page, would
 * still make pages past what memory holds (each is held whole until its
 * edition is drawn).
 */
const MOST_PAGES = 5_000;

/** Refuses a body of more than MOST_PAGES pages, naming the section in which it passes them. */
function refuseTooManyPages(body: readonly PlacedItem<Placeable>[][], layout: ZineLayout, paper: string): void {
  if (body.length <= MOST_PAGES) return;
  let opened: string | undefined;
  for (const column of body.slice(0, MOST_PAGES + 1)) for (const { content } of column) if (content.kind === 'line' && content.opens) opened = content.opens;
  const section = layout.sections.find((s) => s.id === opened);
  throw tooManyPages(paper, 'this section', section && sectionFile(section));
}

function tooManyPages(paper: string, what: string, where: SourceRef | undefined): ZineError {
  return new ZineError(
    `the zine comes to more than ${MOST_PAGES.toLocaleString('en')} pages on ${paper} paper, past them in ${what}: more than a build sets (make volumes of it, or set its type smaller)`,
    where && { file: where.file },
  );
}

/** A section's own file, not the template that opens it. */
function sectionFile(section: SectionFlow): SourceRef | undefined {
  return section.blocks.find((b) => b.source.file.endsWith('.md'))?.source;
}

/** Where a page's text frame starts: its left edge (past the inner margin where the page is bound on the left) and its top. */
interface FrameOrigin {
  left: number;
  top: number;
}

/**
 * The sections' text as one flow, each section opening a page where the
 * theme says so. A flow that would fill more than MOST_PAGES pages of
 * `frameHeight` is refused as soon as it must: before a section is set
 * where its page breaks are too many, once set where its lines are.
 */
function sectionsFlow(
  layout: ZineLayout, flow: (blocks: readonly Block[]) => FlowItem<Placeable>[], theme: Theme, frameHeight: number, paper: string,
): FlowItem<Placeable>[] {
  const flowItems: FlowItem<Placeable>[] = [];
  let [opened, height] = [0, 0];
  layout.sections.forEach((section, index) => {
    opened += (index === 0 || theme.sectionStartsPage ? 1 : 0) + section.blocks.filter((b) => b.kind === 'pageBreak').length;
    if (opened > MOST_PAGES) throw tooManyPages(paper, 'this section', sectionFile(section));
    const items = flow(section.blocks);
    for (const item of items) height += item.height;
    if (height > MOST_PAGES * frameHeight) throw tooManyPages(paper, 'this section', sectionFile(section));
    const first = items.find((i) => i.content.kind === 'line');
    if (!first || first.content.kind !== 'line') return;
    first.content.opens = section.id;
    if (index === 0 || theme.sectionStartsPage) items[0]!.newPage = true;
    // a section does not end with a lone line on a page of its own (a last note, say)
    if (items.length >= 2) items[items.length - 2]!.breakAfter = false;
    // one by one: spread into a call, a long section's lines would overflow the stack
    for (const item of items) flowItems.push(item);
  });
  return flowItems;
}

/** The page each section starts on, the body's first page being `first`, numbered as `folio` says (its place in the booklet). */
function sectionStartsIn(body: readonly PlacedItem<Placeable>[][], first: number, folio: (page: number) => number): Record<string, number> {
  const starts: Record<string, number> = {};
  body.forEach((column, i) => {
    for (const { content } of column) if (content.kind === 'line' && content.opens) starts[content.opens] = folio(first + i);
  });
  return starts;
}

/** Sets blocks into lines and figures with vertical spacing and page-break permissions. */
function flowOf(blocks: readonly Block[], frame: { width: number; height: number }, edition: EditionInput): FlowItem<Placeable>[] {
  const out: FlowItem<Placeable>[] = [];
  let previous: { style: string; depth: number; spaceAfter: number; hyphens?: number } | undefined;
  let breakPage = false;
  /** The block's fonts, where it is in a language of its own. */
  let fonts: FontBook | undefined;
  const push = (item: Omit<FlowItem<Placeable>, 'newPage' | 'ink'>): void => {
    const content = fonts && item.content.kind === 'line' ? { ...item.content, fonts } : item.content;
    const ink = content.kind === 'line' ? inkOf(content.runs, content.style, fonts ?? edition.fonts) : undefined;
    out.push({ ...item, content, newPage: breakPage, ink });
    breakPage = false;
  };
  for (const block of blocks) {
    const input = inputFor(block, edition);
    fonts = input === edition ? undefined : input.fonts;
    const { theme } = input;
    if (block.kind === 'pageBreak') {
      breakPage = true;
      previous = undefined;
      continue;
    }
    if (block.kind === 'rule') {
      const style = theme.styles.body!;
      const [line] = setText('*\u2003*\u2003*', restyled(style, { align: 'center' }), frame.width, block.source, input);
      const space = style.leading / 2 + (previous?.spaceAfter ?? 0);
      if (line) push({ height: style.leading, spaceBefore: space, breakAfter: true, content: { kind: 'line', runs: line.runs, x: 0, style } });
      previous = { style: 'rule', depth: 0, spaceAfter: style.leading / 2 };
      continue;
    }
    if (block.kind === 'figure') {
      const caption = styleOf('caption', block.source, input);
      const image = input.images.get(block.src, block.source);
      const scale = Math.min(frame.width / image.width, (frame.height * FIGURE_MAX_HEIGHT) / image.height);
      const width = image.width * scale;
      const height = image.height * scale;
      const lines = block.caption.length > 0 ? setInlines(block.caption, caption, frame.width, block.source, input) : [];
      push({
        height, spaceBefore: (previous?.spaceAfter ?? 0) + caption.spaceBefore, breakAfter: lines.length === 0,
        content: { kind: 'image', src: block.src, x: (frame.width - width) / 2, width, height },
      });
      lines.forEach((l, j) => push({
        height: caption.leading, spaceBefore: j === 0 ? caption.spaceBefore / 2 : 0, breakAfter: j === lines.length - 1,
        content: { kind: 'line', runs: l.runs, x: 0, style: caption },
      }));
      previous = { style: 'caption', depth: 0, spaceAfter: caption.spaceAfter };
      continue;
    }
    const themed = styleOf(block.style, block.source, input);
    const indent = themed.indent * (block.depth + 1);
    const style = themed.shrinkToFit ? shrunkToFit(themed, block.inlines, frame.width - indent, input) : themed;
    const continues = previous?.style === block.style && previous.depth === block.depth && !block.marker;
    const display = isDisplay(style, input.theme);
    const analysed = analysedOf({ inlines: block.inlines, style, language: input.language, phrases: display }, contextOf(input, input.warn));
    // a title in text without spaces (or Korean's) is balanced between its phrases
    const balanced = display && analysed.scriptBreaks.size > 0;
    const paragraph = { inlines: block.inlines, style, language: input.language, phrases: display, balanced };
    const setIn = (measure: number, warn = input.warn): readonly SetLine[] => setParagraph(
      { ...paragraph, measure, firstIndent: continues ? style.firstIndent : 0, source: block.source, hyphensBefore: previous?.hyphens ?? 0 },
      contextOf(input, warn),
    );
    const measure = frame.width - indent;
    const rtl = analysed.direction === 'rtl';
    const end = endShare(style.align, rtl);
    let lines = balanced ? balancedLines(setIn(measure), setIn, measure, widestUnbroken(style, block.inlines, input), end)
      : display ? evenDisplayLines(setIn(measure), setIn, measure, end) : setIn(measure);
    // an empty list item ("3." alone) is its number on a line of its own
    if (block.marker && lines.length === 0) lines = [{ runs: [], hyphenated: false, overstretched: false }];
    if (block.marker && lines[0]) {
      // a number in the language's digits, read from the right in a right-to-left paragraph ("۳." with its full stop
      // on the left), hung before the start of the item's first line
      const marker = restyled(style, { align: rtl ? 'right' : 'left', firstIndent: 0 });
      const number = setAside(digitsOf(input)(block.marker), marker, measure, block.source, input, (width) => (rtl ? measure + style.size * MARKER_GAP : -width - style.size * MARKER_GAP));
      lines = [{ ...lines[0], runs: [...number, ...lines[0].runs] }, ...lines.slice(1)];
    }
    const n = lines.length;
    lines.forEach((l, j) => {
      const number = j + 1;
      // no orphan, no widow, no page ending on a hyphen, headings kept with what follows
      const breakAfter = number === n
        ? !style.keepWithNext
        : !style.keepWithNext && !style.keepTogether && !l.hyphenated && number >= 2 && n - number >= 2;
      push({
        height: style.leading,
        spaceBefore: j === 0 ? (previous?.spaceAfter ?? 0) + style.spaceBefore : 0,
        breakAfter,
        // indented from the start: on the right of a right-to-left page
        content: { kind: 'line', runs: l.runs, x: rtl ? 0 : indent, style },
      });
    });
    previous = { style: block.style, depth: block.depth, spaceAfter: style.spaceAfter, hyphens: trailingHyphens(lines, previous?.hyphens ?? 0) };
  }
  return out;
}

/** What setting a paragraph of the edition takes besides the paragraph: the locale's fonts, hyphenation, words, emphasis, digits and kashida. */
function contextOf(input: EditionInput, warn: Warn): TypesetContext {
  return {
    fonts: input.fonts, hyphenator: input.hyphenator, words: input.words, items: input.items, paragraphs: input.paragraphs, set: input.set, warn,
    emphasis: input.theme.emphasis[input.language.script], digits: digitsOf(input), kashida: input.theme.kashida,
  };
}

/** Whether the locale's language is written from the right: its paragraphs, indents and page numbers start there. */
function rightToLeft(input: EditionInput): boolean {
  return input.language.direction === 'rtl';
}

/** A display style: set larger than the text and not justified (headings, pull quotes), where a last word alone on its line stands out. */
function isDisplay(style: ParagraphStyle, theme: Theme): boolean {
  return style.align !== 'justify' && style.size > (theme.styles.body?.size ?? Infinity);
}

/** Share of the measure by which a display paragraph is set narrower at each try, down to half the measure. */
const NARROWER_STEP = 0.05;

/**
 * A display paragraph whose last line would be a single word, set again
 * in a narrower measure, step by step, until that line has company in as
 * many lines, and placed in the full measure as its alignment says (`end`:
 * the share of the room left that goes before it, see `endShare`); as it
 * was where no narrower measure does it.
 */
function evenDisplayLines(lines: readonly SetLine[], setIn: (measure: number, warn: Warn) => readonly SetLine[], measure: number, end: number): readonly SetLine[] {
  if (lines.length < 2 || wordsOn(lines[lines.length - 1]!) > 1) return lines;
  for (let share = 1 - NARROWER_STEP; share >= 0.5; share -= NARROWER_STEP) {
    // a try that had anything to say (a word wider than the narrower measure) is no better
    let troubled = false;
    const narrower = setIn(measure * share, () => (troubled = true));
    if (troubled || narrower.length > lines.length) break;
    if (wordsOn(narrower[narrower.length - 1]!) < 2) continue;
    const shift = measure * (1 - share) * end;
    return narrower.map((l) => ({ ...l, runs: l.runs.map((r) => textRun({ ...r, x: r.x + shift })) }));
  }
  return lines;
}

/** How many times a balanced paragraph is set again, each time halving the range its measure is sought in: to a third of a point in a page's width. */
const BALANCING_TRIES = 10;

/**
 * A display paragraph in balanced lines, as CSS's `text-wrap: balance`: set
 * in the narrowest measure that takes no more lines and is no narrower than
 * its widest phrase (`widest`, where a phrase would part), its lines thus of
 * nearly equal width, and placed in the full measure as its alignment says
 * (see `evenDisplayLines`).
 */
function balancedLines(
  lines: readonly SetLine[], setIn: (measure: number, warn: Warn) => readonly SetLine[], measure: number, widest: number, end: number,
): readonly SetLine[] {
  if (lines.length < 2 || widest >= measure) return lines;
  let [narrow, wide, best] = [widest, measure, lines];
  for (let i = 0; i < BALANCING_TRIES; i++) {
    const tried = (narrow + wide) / 2;
    let troubled = false;
    const set = setIn(tried, () => (troubled = true));
    if (troubled || set.length > lines.length) narrow = tried;
    else [wide, best] = [tried, set];
  }
  if (best === lines) return lines;
  const shift = (measure - wide) * end;
  return best.map((l) => ({ ...l, runs: l.runs.map((r) => textRun({ ...r, x: r.x + shift })) }));
}

/** Words on a set line: its runs' text split at spaces (a word set in two faces counts twice, which display text hardly has). */
function wordsOn(line: SetLine): number {
  return line.runs.reduce((n, r) => n + r.text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length, 0);
}

function styleOf(name: string, source: SourceRef, input: EditionInput): ParagraphStyle {
  const style = input.theme.styles[name];
  if (!style) throw new ZineError(`no paragraph style "${name}" in theme.json`, source);
  return style;
}

function setInlines(inlines: readonly Inline[], style: ParagraphStyle, measure: number, source: SourceRef, input: EditionInput) {
  return setParagraph(
    { inlines, style, measure, firstIndent: 0, language: input.language, source },
    contextOf(input, input.warn),
  );
}

function setText(text: string, style: ParagraphStyle, measure: number, source: SourceRef, input: EditionInput) {
  return setInlines([textInline(text)], style, measure, source, input);
}

/**
 * A short text (a list's number, a contents entry's page) set as any text
 * is, each character in the face that has it, and moved to start where `at`
 * says for its width.
 */
function setAside(text: string, style: ParagraphStyle, measure: number, source: SourceRef, input: EditionInput, at: (width: number) => number): Run[] {
  const [line] = setText(text, style, measure, source, input);
  if (!line) return [];
  const start = Math.min(...line.runs.map((r) => r.x));
  const x = at(lineEnd(line) - start);
  return line.runs.map((r) => textRun({ ...r, x: r.x - start + x }));
}

/** Contents entries: each title at the start side of the zine, its page number at the end side on the title's last line. */
function contentsEntries(
  entries: { id: string; title: string }[], starts: Record<string, number>, measure: number, input: EditionInput,
): FlowItem<Placeable>[] {
  const style = styleOf('tocEntry', { file: 'theme.json' }, input);
  const face = input.fonts.face(style.font, style.bold, style.italic);
  const column = input.fonts.width(face, WIDEST_PAGE_NUMBER, style.size);
  // the title at the start, the page number at the end: on the left of a right-to-left page
  const rtl = rightToLeft(input);
  const out: FlowItem<Placeable>[] = [];
  for (const entry of entries) {
    const page = starts[entry.id];
    if (page === undefined) continue;
    const inlines = [textInline(entry.title)];
    // the contents are the zine's: a title read the other way (an English one in a Farsi zine) keeps its own order but stands at the zine's start
    const titleRtl = analysedOf({ inlines, style, language: input.language }, contextOf(input, input.warn)).direction === 'rtl';
    const set = setInlines(inlines, restyled(style, { align: titleRtl === rtl ? 'left' : 'right' }), measure - column, { file: entry.id }, input);
    const last = set[set.length - 1];
    if (!last) continue;
    const number = setAside(pageNumber(page, input), restyled(style, { align: 'left' }), column, { file: entry.id }, input, (width) => (rtl ? -column : measure - width));
    const lines = [...set.slice(0, -1), { ...last, runs: [...last.runs, ...number] }];
    lines.forEach((l, j) => out.push({
      height: style.leading, spaceBefore: j === 0 ? style.spaceBefore : 0, breakAfter: j === lines.length - 1, newPage: false,
      content: { kind: 'line', runs: l.runs, x: rtl ? column : 0, style }, ink: inkOf(l.runs, style, input.fonts),
    }));
  }
  return out;
}

/** The style made smaller, size and leading alike, until the widest word fits the measure. */
function shrunkToFit(style: ParagraphStyle, inlines: readonly Inline[], measure: number, input: EditionInput): ParagraphStyle {
  const widest = widestUnbroken(style, inlines, input);
  if (widest <= measure) return style;
  const scale = measure / widest;
  return restyled(style, { size: style.size * scale, leading: style.leading * scale });
}

/** The width of the widest stretch of a paragraph that a line cannot break: a word, words joined by no-break spaces, a title's phrase. */
function widestUnbroken(style: ParagraphStyle, inlines: readonly Inline[], input: EditionInput): number {
  let widest = 0;
  const { inlineTexts } = analysedOf({ inlines, style, language: input.language, phrases: isDisplay(style, input.theme) }, contextOf(input, input.warn));
  inlines.forEach((inline, i) => {
    if (inline.kind !== 'text') return;
    const face = input.fonts.face(style.font, style.bold || inline.bold, style.italic !== inline.italic);
    const text = inlineTexts[i]!;
    // what cannot break: words, words joined by no-break spaces, and in text without spaces the phrases a title breaks between
    for (const word of text.split(/[ \t\n\r]+/)) {
      let from = 0;
      for (const at of [...phraseBreaks(word, input.language), word.length]) {
        widest = Math.max(widest, input.fonts.width(face, word.slice(from, at), style.size));
        from = at;
      }
    }
  });
  return widest;
}

/**
 * Where a line's ink starts and ends from its top: the bounding boxes of
 * its glyphs as they are drawn, marks, raised figures and all; none for a
 * line that draws nothing.
 */
function inkOf(runs: readonly Run[], style: ParagraphStyle, fonts: FontBook): Ink | undefined {
  let [top, bottom] = [Infinity, -Infinity];
  for (const run of runs) {
    const ink = runInk(run, fonts);
    if (!ink) continue;
    top = Math.min(top, ink.top);
    bottom = Math.max(bottom, ink.bottom);
  }
  const baseline = baselineOffset(style);
  return top <= bottom ? { top: baseline + top, bottom: baseline + bottom } : undefined;
}

/** Distance from a line's top to its baseline: the em box centred in the leading, baseline at `BASELINE` em. */
function baselineOffset(style: ParagraphStyle): number {
  return (style.leading - style.size) / 2 + style.size * BASELINE;
}

function place(page: Page, item: Placeable, origin: FrameOrigin, top: number, fonts: FontBook): void {
  const left = origin.left + item.x;
  if (item.kind === 'image') {
    page.items.push({ kind: 'image', x: left, y: origin.top + top, width: item.width, height: item.height, src: item.src, role: 'figure' });
    return;
  }
  const baseline = origin.top + top + baselineOffset(item.style);
  for (const run of item.runs) pushRun(page, run, left, baseline, item.style.color, item.fonts ?? fonts);
}

/** A run's text on a page, and its link area where it is a link's. */
function pushRun(page: Page, run: Run, left: number, baseline: number, color: string | undefined, fonts: FontBook): void {
  const x = left + run.x;
  page.items.push({
    kind: 'text', x, y: baseline - run.rise, font: run.face.key, size: run.size, width: run.width, color,
    direction: run.level % 2 === 1 ? 'rtl' : 'ltr', spans: glyphSpans(run, fonts),
  });
  if (run.href) page.items.push({ kind: 'link', x, y: baseline - run.rise - run.size * BASELINE, width: run.width, height: run.size, url: run.href });
}

/** An image covering the whole page, cropped to it, under everything else. */
function drawBackground(page: Page, src: string, input: EditionInput): void {
  const clip = { x: 0, y: 0, width: page.width, height: page.height };
  page.items.push({ kind: 'image', role: 'background', src, ...coverFit(input.images.get(src, { file: 'zine.json' }), clip), clip });
}

function placeFixed(
  { page, origin }: { page: Page; origin: FrameOrigin }, items: FlowItem<Placeable>[], frameHeight: number, valign: VAlign, input: EditionInput,
  what: string, source: SourceRef | undefined,
): void {
  let y = 0;
  let inkAbove: number | undefined;
  const placed = items.map((l, i) => {
    y += i === 0 ? 0 : l.spaceBefore;
    y += clearance(inkAbove, y, l.ink);
    const at = y;
    inkAbove = l.ink && at + l.ink.bottom;
    y += l.height;
    return { item: l.content, y: at };
  });
  if (y > frameHeight + ROUNDING) {
    input.warn(
      `the ${what} does not fit its page in the ${input.paper.name} edition (${Math.round(y)} of ${Math.round(frameHeight)} pt): shorten its text`,
      source && { file: source.file },
    );
  }
  for (const p of placed) place(page, p.item, origin, p.y + valignShift(valign, frameHeight, y), input.fonts);
}

/** A page of a flow broken into pages, set as the theme sets that kind of page vertically. */
function placeColumn(
  { page, origin }: { page: Page; origin: FrameOrigin }, column: readonly PlacedItem<Placeable>[], frameHeight: number, valign: VAlign, fonts: FontBook,
): void {
  const last = column[column.length - 1];
  const height = last ? last.y + (last.content.kind === 'line' ? last.content.style.leading : last.content.height) : 0;
  for (const { content, y } of column) place(page, content, origin, y + valignShift(valign, frameHeight, height), fonts);
}

/** How far down text of `height` goes to sit as `valign` says in a frame; at the top if it does not fit. */
function valignShift(valign: VAlign, frameHeight: number, height: number): number {
  return Math.max(0, valign === 'top' ? 0 : valign === 'center' ? (frameHeight - height) / 2 : frameHeight - height);
}

function drawFolio(page: Page, origin: FrameOrigin, margins: Margins, input: EditionInput): void {
  const { folio } = input.theme;
  const style = styleOf(folio.style, { file: 'theme.json' }, input);
  const lines = setText(folio.format.replace('{n}', pageNumber(page.number, input)), restyled(style, { align: 'center' }), page.width - margins.inner - margins.outer, { file: 'theme.json' }, input);
  // one line at the foot of the page: more would be cut off
  if (lines.length > 1) throw new ZineError(`folio.format "${folio.format}" is wider than the page's text once filled in: shorten it to one line`, { file: 'theme.json' });
  const [line] = lines;
  if (!line) return;
  for (const run of line.runs) pushRun(page, run, origin.left, page.height - folio.baseline, style.color, input.fonts);
}

/** A page number in the language's digits: Farsi's and Pashto's ۱۲, Latin digits for most languages. */
function pageNumber(n: number, input: EditionInput): string {
  return digitsOf(input)(String(n));
}

/** Numbers in the language's digits: CLDR's default for it, or the numbering the theme names. */
const digitsOf = (input: EditionInput): ((text: string) => string) => languageDigits(input.language, input.theme.digits);
