import PDFDocument from 'pdfkit';
import type { ImageLibrary } from '../content/images.js';
import type { Page } from '../display.js';
import type { ImpositionPlan } from '../impose/plan.js';
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

/**
 * Sheets as an imposition plan lays them out: every side a PDF page of the
 * sheet's size, each page drawn into its cell, turned where the plan says.
 */
export function renderImposed(
  pages: readonly Page[], plan: ImpositionPlan, sheet: { width: number; height: number }, res: Resources, meta: PdfMeta, ink: Ink,
): Promise<Buffer> {
  const cellWidth = sheet.width / plan.columns;
  const cellHeight = sheet.height / plan.rows;
  return write(res, meta, (doc, draw) => {
    for (const s of plan.sheets) {
      for (const side of [s.front, s.back]) {
        doc.addPage({ size: [sheet.width, sheet.height], margin: 0 });
        for (const placement of side) {
          if (placement.page === null) continue;
          const page = pages[placement.page]!;
          const x = placement.column * cellWidth + (cellWidth - page.width) / 2;
          const y = placement.row * cellHeight + (cellHeight - page.height) / 2;
          doc.save();
          if (placement.rotated) doc.rotate(180, { origin: [x + page.width / 2, y + page.height / 2] });
          doc.translate(x, y);
          draw(page, { links: false, ink });
          doc.restore();
        }
      }
    }
  });
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
        doc.fillColor(color).font(item.font).fontSize(item.size).text(item.text, item.x, item.y, { lineBreak: false, baseline: 'alphabetic' });
      } else if (item.kind === 'image') {
        if (options.ink === 'lite' && item.role === 'background') continue;
        doc.save();
        if (item.clip) doc.rect(item.clip.x, item.clip.y, item.clip.width, item.clip.height).clip();
        doc.image(image(item.src, options.ink), item.x, item.y, { width: item.width, height: item.height });
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

/** A colour's grey of the same lightness (Rec. 601 luma). */
function grey(color: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16)) as [number, number, number];
  const y = Math.round(0.299 * r + 0.587 * g + 0.114 * b).toString(16).padStart(2, '0');
  return `#${y}${y}${y}`;
}
