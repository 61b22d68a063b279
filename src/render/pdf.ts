import PDFDocument from 'pdfkit';
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

/** One page per PDF page, in reading order (the screen edition). */
export function renderScreen(pages: readonly Page[], fonts: FontBook, meta: PdfMeta): Promise<Buffer> {
  return write(fonts, meta, (doc) => {
    for (const page of pages) {
      doc.addPage({ size: [page.width, page.height], margin: 0 });
      drawPage(doc, page, { links: true });
    }
  });
}

/**
 * Sheets as an imposition plan lays them out: every side a PDF page of the
 * sheet's size, each page drawn into its cell, turned where the plan says.
 */
export function renderImposed(
  pages: readonly Page[], plan: ImpositionPlan, sheet: { width: number; height: number }, fonts: FontBook, meta: PdfMeta,
): Promise<Buffer> {
  const cellWidth = sheet.width / plan.columns;
  const cellHeight = sheet.height / plan.rows;
  return write(fonts, meta, (doc) => {
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
          drawPage(doc, page, { links: false });
          doc.restore();
        }
      }
    }
  });
}

function drawPage(doc: PDFKit.PDFDocument, page: Page, options: { links: boolean }): void {
  for (const item of page.items) {
    if (item.kind === 'text') {
      doc.font(item.font).fontSize(item.size).text(item.text, item.x, item.y, { lineBreak: false, baseline: 'alphabetic' });
    } else if (options.links) {
      doc.link(item.x, item.y, item.width, item.height, item.url);
    }
  }
}

function write(fonts: FontBook, meta: PdfMeta, draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const doc = new PDFDocument({
    autoFirstPage: false,
    compress: true,
    lang: meta.language,
    displayTitle: true,
    info: { Title: meta.title, Producer: 'zine-press', Creator: 'zine-press', CreationDate: meta.creationDate, ModDate: meta.creationDate },
  });
  // pdfkit takes fontkit fonts as they are, so each font file is parsed once per build, not once per PDF
  for (const face of fonts.all()) doc.registerFont(face.key, face.font as unknown as PDFKit.Mixins.PDFFontSource);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  draw(doc);
  doc.end();
  return done;
}
