import PDFDocument from 'pdfkit';
import { luma, type ImageLibrary } from '../content/images.js';
import { coverFit, rgbOf, type ImageItem, type Page, type TextItem } from '../display.js';
import { markMargin, sheetMarks, type MarkLine } from '../impose/marks.js';
import { pageOrigin, type ImpositionPlan, type Placement } from '../impose/plan.js';
import type { FontBook } from '../font/book.js';
import type { Memo } from '../memo.js';
import type { FontSubset, FontSubsets } from './pdf-fonts.js';
import type { ImageStream, ImageStreams } from './pdf-images.js';
import { DocumentResources, fontName, imageName, takeOutput, takePageContent, type PageDrawing, type PdfkitInternals } from './pdf-objects.js';

/** Document information written into every PDF. */
export interface PdfMeta {
  title: string;
  /** The locale, written as the document's language. */
  language: string;
  /** The language's direction: a right-to-left booklet's spreads are laid out from the right. */
  direction: 'ltr' | 'rtl';
  /** Fixed, so the same input gives the same file. */
  creationDate: Date;
}

/** What display lists refer to: fonts by key, images by path; and the PDF streams made of them, once per build. */
export interface Resources {
  fonts: FontBook;
  images: ImageLibrary;
  fontSubsets: FontSubsets;
  imageStreams: ImageStreams;
  /** Pages' drawings deflated, by their operators: once for all the PDFs of a locale (and, in a session, for the next build). */
  contents?: Memo<Buffer> | undefined;
}

/**
 * How a PDF uses ink: in colour; in black and white (images and coloured type
 * as their greys); or Ink Lite, black and white without the backgrounds, for
 * cheap toner.
 */
export type Ink = 'colour' | 'grey' | 'lite';

/** One page per PDF page, in reading order. */
export function renderScreen(pages: readonly Page[], res: Resources, meta: PdfMeta, ink: Ink = 'colour'): Promise<Buffer> {
  return write(pages, res, meta, (doc, draw) => {
    for (const page of pages) {
      doc.addPage({ size: [page.width, page.height], margin: 0 });
      draw(page, { links: true, ink });
    }
  });
}

/**
 * A reader's spreads, as `readerSpreads` gives them (the cover alone, the
 * openings in the booklet's order, the back cover alone), each on a PDF
 * page as wide as its pages; a blank page is left white.
 */
export function renderSpreads(pages: readonly Page[], spreads: readonly (number | null)[][], res: Resources, meta: PdfMeta): Promise<Buffer> {
  return write(pages, res, meta, (doc, draw) => {
    const [width, height] = [pages[0]?.width ?? 0, pages[0]?.height ?? 0];
    for (const spread of spreads) {
      doc.addPage({ size: [width * spread.length, height], margin: 0 });
      spread.forEach((page, i) => {
        if (page === null) return;
        doc.save().translate(i * width, 0);
        draw(pages[page]!, { links: true, ink: 'colour' });
        doc.restore();
      });
    }
  });
}

/** What a print file adds around the pages: bleed for backgrounds, and printers' marks. */
export interface SheetFinish {
  /** How far backgrounds run past the trim, in points. */
  bleed: number;
  /** Crop marks at the corners and fold marks at the folds, outside the trim. */
  marks: boolean;
}

/**
 * Sheets as an imposition plan lays them out: every side a PDF page, each
 * page drawn into its cell, turned and shifted for creep where the plan says.
 * With bleed or marks the PDF page is larger than the sheet by the room they
 * need, and its TrimBox says where to cut.
 */
export function renderImposed(
  pages: readonly Page[], plan: ImpositionPlan, sheet: { width: number; height: number }, res: Resources, meta: PdfMeta, ink: Ink,
  finish: SheetFinish = { bleed: 0, marks: false },
): Promise<Buffer> {
  const margin = markMargin(finish.bleed, finish.marks);
  const media = [sheet.width + 2 * margin, sheet.height + 2 * margin] as [number, number];
  const marks = sheetMarks(plan, sheet, margin, finish.bleed, finish.marks);
  return write(pages, res, meta, (doc, draw) => {
    for (const s of plan.sheets) {
      for (const side of s.back.length > 0 ? [s.front, s.back] : [s.front]) {
        doc.addPage({ size: media, margin: 0 });
        if (margin > 0) {
          // PDF boxes count from the bottom-left corner
          const box = (inset: number): number[] => [margin - inset, margin - inset, margin + sheet.width + inset, margin + sheet.height + inset];
          const dictionary = (doc.page as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data;
          dictionary.TrimBox = box(0);
          dictionary.BleedBox = box(finish.bleed);
        }
        for (const placement of side) {
          if (placement.page === null) continue;
          const page = pages[placement.page]!;
          const origin = pageOrigin(placement, plan, sheet, page);
          const [x, y] = [margin + origin.x, margin + origin.y];
          doc.save();
          if (placement.rotated) doc.rotate(180, { origin: [x + page.width / 2, y + page.height / 2] });
          doc.translate(x, y);
          draw(page, { links: false, ink, bleed: bleedSides(placement, plan, finish.bleed) });
          doc.restore();
        }
        for (const line of marks) drawMark(doc, line);
      }
    }
  });
}

/** A printer's line: cuts dashed, folds across the sheet dotted and grey (a guide, not a cut), marks solid; in DeviceGray, as type is (see inkOf). */
function drawMark(doc: PDFKit.PDFDocument, line: MarkLine): void {
  doc.save();
  (doc as unknown as PdfkitInternals).addContent(`${greyOf(line.kind === 'foldLine' ? '#808080' : '#000000')} G`);
  if (line.kind === 'cut') doc.lineWidth(0.75).dash(4, { space: 3 });
  else if (line.kind === 'foldLine') doc.lineWidth(0.5).dash(1, { space: 2 });
  else doc.lineWidth(0.5);
  doc.moveTo(line.x1, line.y1).lineTo(line.x2, line.y2).stroke();
  doc.restore();
}

/** How far a page's backgrounds may run past each of its edges: only where the edge is the sheet's. */
function bleedSides(p: Placement, plan: ImpositionPlan, bleed: number): Sides {
  const sheet = {
    left: p.column === 0 ? bleed : 0,
    right: p.column === plan.columns - 1 ? bleed : 0,
    top: p.row === 0 ? bleed : 0,
    bottom: p.row === plan.rows - 1 ? bleed : 0,
  };
  // a page turned upside down has its left on the sheet's right
  return p.rotated ? { left: sheet.right, right: sheet.left, top: sheet.bottom, bottom: sheet.top } : sheet;
}

/** Whether any page would print differently in colour: coloured type or a coloured image. */
export function usesColour(pages: readonly Page[], images: ImageLibrary): boolean {
  return pages.some((page) => page.items.some((item) =>
    colouredType(item) || (item.kind === 'image' && images.get(item.src, { file: item.src }).colour)));
}

interface DrawOptions {
  links: boolean;
  ink: Ink;
  /** Room for backgrounds past the page's edges. */
  bleed?: Sides;
}

interface Sides {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

type Draw = (page: Page, options: DrawOptions) => void;

/**
 * A PDF of the given pages, drawn as `body` places them. Each page is drawn
 * as a form XObject, placed where `body` has moved the pen: its content is
 * the same wherever it is placed (a screen page, a spread, a sheet), so the
 * PDFs of a locale turn it into bytes and deflate it once (see drawingOf).
 */
function write(pages: readonly Page[], res: Resources, meta: PdfMeta, body: (doc: PDFKit.PDFDocument, draw: Draw) => void): Promise<Buffer> {
  const doc = new PDFDocument({
    autoFirstPage: false,
    // no default font: every font is a subset of the edition's (pdfkit would load Helvetica's metrics)
    font: null as unknown as string,
    compress: true,
    lang: meta.language,
    displayTitle: true,
    info: { Title: meta.title, Producer: 'zine-press', Creator: 'zine-press', CreationDate: meta.creationDate, ModDate: meta.creationDate },
  });
  // a right-to-left booklet opens from the right: viewers show its spreads so
  if (meta.direction === 'rtl') (doc as unknown as PdfkitRoot)._root.data.ViewerPreferences.data.Direction = 'R2L';
  const output = takeOutput(doc);

  const subsets = res.fontSubsets.of(pages);
  const resources = new DocumentResources(doc, res.contents);
  const pdf = doc as unknown as PdfkitInternals;
  doc.on('pageAdded', () => takePageContent(pdf));
  body(doc, (page, options) => {
    pdf.addContent(`/${resources.form(drawingOf(page, options, subsets, res))} Do`);
    // pdfkit maps each area through the current transformation, as the page is drawn
    if (options.links) for (const item of page.items) if (item.kind === 'link') doc.link(item.x, item.y, item.width, item.height, item.url);
  });
  doc.end();
  return output();
}

/** Whether a colour is a grey (black, white, or between): one of no hue, as DeviceGray draws it. */
function isGrey(color: string): boolean {
  const [r, g, b] = rgbOf(color);
  return r === g && g === b;
}

/** Whether an item is type of a colour with a hue, drawn otherwise in colour than in black and white. */
const colouredType = (item: Page['items'][number]): boolean => item.kind === 'text' && item.color !== undefined && !isGrey(item.color);

/** Each page's drawing, by ink and bleed: the same in every PDF of a locale that draws the page so. */
const drawings = new WeakMap<Page, Map<string, PageDrawing>>();

/** A page's drawing as `draw` makes it, made once for all the PDFs that place it alike. */
function drawingOf(page: Page, options: DrawOptions, subsets: ReadonlyMap<string, FontSubset>, res: Resources): PageDrawing {
  // Ink Lite leaves out backgrounds alone: a page without one is drawn in black and white; a page of grey type
  // alone (most pages of a zine) is drawn in colour as in black and white
  const ink = (options.ink === 'lite' && !page.items.some((item) => item.kind === 'image' && item.role === 'background'))
    || (options.ink === 'colour' && page.items.every((item) => item.kind !== 'image' && !colouredType(item)))
    ? 'grey' : options.ink;
  // a page placed without bleed on a sheet is drawn as on a screen
  const bleed = options.bleed && (options.bleed.left || options.bleed.right || options.bleed.top || options.bleed.bottom) ? options.bleed : undefined;
  const key = bleed ? `${ink} ${bleed.left} ${bleed.right} ${bleed.top} ${bleed.bottom}` : ink;
  let byOptions = drawings.get(page);
  if (!byOptions) drawings.set(page, (byOptions = new Map()));
  let drawing = byOptions.get(key);
  // the subsets are the locale's PDFs' own: a page drawn with others (another build's) is drawn again
  if (!drawing || [...drawing.fonts].some((f) => subsets.get(f.face.key) !== f)) byOptions.set(key, (drawing = draw(page, ink, bleed, subsets, res)));
  return drawing;
}

/**
 * A page's operators in its own space (pdfkit's: y downward from its top
 * left corner), with the fonts and images they name and the box they draw
 * in: the page, and the bleed past its edges where it is printed with one.
 */
function draw(page: Page, ink: Ink, bleed: Sides | undefined, subsets: ReadonlyMap<string, FontSubset>, res: Resources): PageDrawing {
  const operators: string[] = [];
  const fonts = new Set<FontSubset>();
  const images: ImageStream[] = [];
  const text = new TextObject(operators, page.height);
  for (const item of page.items) {
    if (item.kind === 'text') {
      const subset = subsets.get(item.font)!;
      fonts.add(subset);
      text.show(item, fontName(subset), subset.show(item), inkOf(item.color ?? '#000000', ink));
      continue;
    }
    text.end();
    if (item.kind !== 'image' || (ink === 'lite' && item.role === 'background')) continue;
    const placed = item.role === 'background' && item.clip && bleed ? bled(item, bleed, res.images) : item;
    const stream = res.imageStreams.of(placed.src, ink === 'colour' ? 'colour' : 'grey');
    if (!images.includes(stream)) images.push(stream);
    const clip = placed.clip ? `${num(placed.clip.x)} ${num(placed.clip.y)} ${num(placed.clip.width)} ${num(placed.clip.height)} re W n ` : '';
    // an image fills the unit square: scaled to its place, the right way up in pdfkit's downward y
    operators.push(`q ${clip}${num(placed.width)} 0 0 ${num(-placed.height)} ${num(placed.x)} ${num(placed.y + placed.height)} cm /${imageName(images.indexOf(stream))} Do Q`);
  }
  text.end();
  const box = bleed ? [-bleed.left, -bleed.top, page.width + bleed.right, page.height + bleed.bottom] : [0, 0, page.width, page.height];
  return { content: `${operators.join('\n')}\n`, fonts, images, box };
}

/** The document catalog pdfkit keeps, with the viewer preferences `displayTitle` makes (pdfkit writes a string as a name). */
interface PdfkitRoot {
  _root: { data: { ViewerPreferences: { data: Record<string, unknown> } } };
}

/** A number as PDF content streams write it. */
const num = (n: number): string => String(Math.round(n * 1e4) / 1e4);

/**
 * Consecutive text items of a page in one text object, font, size and
 * colour set only when they change. The page's space has the y axis down
 * (pdfkit's); text is set in a y-up system of its own, left again with the
 * text object.
 */
class TextObject {
  private open = false;
  private font = '';
  private colour = '';

  constructor(private readonly operators: string[], private readonly height: number) {}

  show(item: TextItem, font: string, shown: string, colour: string): void {
    const { operators } = this;
    if (!this.open) {
      operators.push(`q 1 0 0 -1 0 ${num(this.height)} cm BT`);
      [this.open, this.font, this.colour] = [true, '', ''];
    }
    const tf = `/${font} ${num(item.size)} Tf`;
    if (tf !== this.font) operators.push((this.font = tf));
    if (colour !== this.colour) operators.push((this.colour = colour));
    operators.push(`1 0 0 1 ${num(item.x)} ${num(this.height - item.y)} Tm ${shown}`);
  }

  end(): void {
    if (this.open) this.operators.push('ET Q');
    this.open = false;
  }
}

const inks = new Map<string, string>();

/**
 * The fill colour operator for type of a colour: as it is in colour, as its
 * grey otherwise. Black and greys are greys in colour too (DeviceGray): a
 * colour printer prints them in black toner alone, not mixed of all four
 * (which leaves small type fringed where the colours miss their register),
 * and a page of black type is drawn the same in every ink (see drawingOf).
 */
function inkOf(color: string, ink: Ink): string {
  const key = `${ink} ${color}`;
  let operator = inks.get(key);
  if (operator === undefined) {
    const [r, g, b] = rgbOf(color);
    operator = ink === 'colour' && !isGrey(color) ? `${num(r / 255)} ${num(g / 255)} ${num(b / 255)} rg` : `${greyOf(color)} g`;
    inks.set(key, operator);
  }
  return operator;
}

/** A colour's grey, 0 (black) to 1 (white), as DeviceGray takes it. */
function greyOf(color: string): string {
  const [r, g, b] = rgbOf(color);
  return num(Math.round(luma(r, g, b)) / 255);
}

/** A background grown past its clip by the bleed, still covering it. */
function bled(item: ImageItem, bleed: Sides, images: ImageLibrary): ImageItem {
  const clip = item.clip!;
  const grown = { x: clip.x - bleed.left, y: clip.y - bleed.top, width: clip.width + bleed.left + bleed.right, height: clip.height + bleed.top + bleed.bottom };
  return { ...item, ...coverFit(images.get(item.src, { file: item.src }), grown), clip: grown };
}

