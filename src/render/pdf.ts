import PDFDocument from 'pdfkit';
import type { ImageLibrary } from '../content/images.js';
import { coverFit, rgbOf, type ImageItem, type Page, type TextItem } from '../display.js';
import { markMargin, sheetMarks } from '../impose/marks.js';
import { pageOrigin, type ImpositionPlan, type Placement } from '../impose/plan.js';
import type { FontBook } from '../typeset/fonts.js';

/** Document information written into every PDF. */
export interface PdfMeta {
  title: string;
  language: string;
  /** Fixed, so the same input gives the same file. */
  creationDate: Date;
}

/** What display lists refer to: fonts by key, images by path. */
export interface Resources {
  fonts: FontBook;
  images: ImageLibrary;
}

/**
 * How a PDF uses ink: in colour; in black and white (images and coloured type
 * as their greys); or Ink Lite, black and white without the backgrounds, for
 * cheap toner.
 */
export type Ink = 'colour' | 'grey' | 'lite';

/** One page per PDF page, in reading order. */
export function renderScreen(pages: readonly Page[], res: Resources, meta: PdfMeta, ink: Ink = 'colour'): Promise<Buffer> {
  return write(res, meta, (doc, draw) => {
    for (const page of pages) {
      doc.addPage({ size: [page.width, page.height], margin: 0 });
      draw(page, { links: true, ink });
    }
  });
}

/**
 * A reader's spreads: the cover alone, then pages 2–3, 4–5 … side by side on
 * landscape pages, the back cover alone.
 */
export function renderSpreads(pages: readonly Page[], res: Resources, meta: PdfMeta): Promise<Buffer> {
  return write(res, meta, (doc, draw) => {
    const single = (page: Page): void => {
      doc.addPage({ size: [page.width, page.height], margin: 0 });
      draw(page, { links: true, ink: 'colour' });
    };
    const [cover, ...rest] = pages;
    const back = rest.pop();
    if (cover) single(cover);
    for (let i = 0; i < rest.length; i += 2) {
      const [left, right] = [rest[i]!, rest[i + 1]];
      doc.addPage({ size: [left.width * 2, left.height], margin: 0 });
      draw(left, { links: true, ink: 'colour' });
      if (right) {
        doc.save().translate(left.width, 0);
        draw(right, { links: true, ink: 'colour' });
        doc.restore();
      }
    }
    if (back) single(back);
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
  return write(res, meta, (doc, draw) => {
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
        for (const line of marks) {
          doc.save().lineWidth(line.kind === 'cut' ? 0.75 : 0.5).strokeColor('#000000');
          if (line.kind === 'cut') doc.dash(4, { space: 3 });
          doc.moveTo(line.x1, line.y1).lineTo(line.x2, line.y2).stroke();
          doc.restore();
        }
      }
    }
  });
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
    (item.kind === 'text' && item.color !== undefined && item.color !== grey(item.color))
    || (item.kind === 'image' && images.get(item.src, { file: item.src }).colour)));
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

function write(res: Resources, meta: PdfMeta, body: (doc: PDFKit.PDFDocument, draw: Draw) => void): Promise<Buffer> {
  const doc = new PDFDocument({
    autoFirstPage: false,
    compress: true,
    lang: meta.language,
    displayTitle: true,
    info: { Title: meta.title, Producer: 'zine-press', Creator: 'zine-press', CreationDate: meta.creationDate, ModDate: meta.creationDate },
  });
  // pdfkit takes fontkit fonts as they are, so each font file is parsed once per build, not once per PDF
  for (const face of res.fonts.all()) doc.registerFont(face.key, face.font as unknown as PDFKit.Mixins.PDFFontSource);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  // each image embedded once per document, however often it is drawn: pdfkit's
  // openImage (missing from its type definitions) gives an image doc.image takes
  const opener = doc as unknown as { openImage(src: Buffer): Buffer };
  const embedded = new Map<string, Buffer>();
  const image = (src: string, ink: Ink): Buffer => {
    const key = `${ink === 'colour' ? 'colour' : 'grey'}:${src}`;
    let img = embedded.get(key);
    if (!img) {
      const file = res.images.get(src, { file: src });
      img = opener.openImage(ink === 'colour' ? file.data : file.grey);
      embedded.set(key, img);
    }
    return img;
  };

  body(doc, (page, options) => {
    for (const item of page.items) {
      if (item.kind === 'text') {
        const color = item.color === undefined ? '#000000' : options.ink === 'colour' ? item.color : grey(item.color);
        doc.fillColor(color).font(item.font).fontSize(item.size);
        showText(doc, item);
      } else if (item.kind === 'image') {
        if (options.ink === 'lite' && item.role === 'background') continue;
        const placed = item.role === 'background' && item.clip && options.bleed ? bled(item, options.bleed, res.images) : item;
        doc.save();
        if (placed.clip) doc.rect(placed.clip.x, placed.clip.y, placed.clip.width, placed.clip.height).clip();
        doc.image(image(placed.src, options.ink), placed.x, placed.y, { width: placed.width, height: placed.height });
        doc.restore();
      } else if (options.links) {
        // pdfkit maps the area through the current transformation, as it does drawing
        doc.link(item.x, item.y, item.width, item.height, item.url);
      }
    }
  });
  doc.end();
  return done;
}

/** What pdfkit's embedded fonts offer below its text layout: glyph codes, and the font's place on the page. */
interface PdfkitFont {
  id: string;
  ref(): unknown;
  encode(text: string): [string[], { xAdvance: number; advanceWidth: number; xOffset: number; yOffset: number }[]];
}

interface PdfkitInternals {
  _font: PdfkitFont;
  page: { height: number; fonts: Record<string, unknown> };
  addContent(operators: string): void;
}

/** A number as PDF content streams write it. */
const num = (n: number): string => String(Math.round(n * 1e6) / 1e6);

/**
 * Sets a text item's glyphs with one text operator: the words as pdfkit
 * encodes them (adding the glyphs to the font's subset), each space as an
 * adjustment of the face's space plus the item's word spacing. pdfkit's own
 * text() would lay the text out again, measure it again and wrap it, none of
 * which display lists need. Text with positioned marks (accents set apart)
 * goes through text(), which places each mark.
 */
function showText(doc: PDFKit.PDFDocument, item: TextItem): void {
  const pdf = doc as unknown as PdfkitInternals;
  const font = pdf._font;
  const words = item.text.split(' ');
  const encoded = words.map((w) => font.encode(w));
  if (encoded.some(([, positions]) => positions.some((p) => p.xOffset !== 0 || p.yOffset !== 0))) {
    doc.text(item.text, item.x, item.y, { lineBreak: false, baseline: 'alphabetic', wordSpacing: item.wordSpacing ?? 0 });
    return;
  }
  pdf.page.fonts[font.id] ??= font.ref();
  const perMille = 1000 / item.size;
  const space = (doc.widthOfString(' ') + (item.wordSpacing ?? 0)) * perMille;
  const parts: string[] = [];
  encoded.forEach(([glyphs, positions], w) => {
    let run = '';
    glyphs.forEach((glyph, i) => {
      run += glyph;
      const kern = positions[i]!.xAdvance - positions[i]!.advanceWidth;
      const last = i === glyphs.length - 1;
      if (kern !== 0 && !last) {
        parts.push(`<${run}> ${num(-kern)}`);
        run = '';
      } else if (last) {
        // after a word: its kerning, then the space to the next word
        const gap = kern + (w < words.length - 1 ? space : 0);
        parts.push(gap !== 0 ? `<${run}> ${num(-gap)}` : `<${run}>`);
      }
    });
  });
  doc.save();
  // pdfkit draws with the y axis down; text operators want it up
  doc.transform(1, 0, 0, -1, 0, pdf.page.height);
  pdf.addContent('BT');
  pdf.addContent(`1 0 0 1 ${num(item.x)} ${num(pdf.page.height - item.y)} Tm`);
  pdf.addContent(`/${font.id} ${num(item.size)} Tf`);
  pdf.addContent(`[${parts.join(' ')}] TJ`);
  pdf.addContent('ET');
  doc.restore();
}

/** A background grown past its clip by the bleed, still covering it. */
function bled(item: ImageItem, bleed: Sides, images: ImageLibrary): ImageItem {
  const clip = item.clip!;
  const grown = { x: clip.x - bleed.left, y: clip.y - bleed.top, width: clip.width + bleed.left + bleed.right, height: clip.height + bleed.top + bleed.bottom };
  return { ...item, ...coverFit(images.get(item.src, { file: item.src }), grown), clip: grown };
}

/** A colour's grey of the same lightness (Rec. 601 luma). */
function grey(color: string): string {
  const [r, g, b] = rgbOf(color);
  const y = Math.round(0.299 * r + 0.587 * g + 0.114 * b).toString(16).padStart(2, '0');
  return `#${y}${y}${y}`;
}
