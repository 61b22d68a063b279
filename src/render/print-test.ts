import PDFDocument from 'pdfkit';
import type { Paper } from '../content/paper.js';
import { takeOutput } from './pdf-objects.js';

/**
 * One sheet that tells, after a single duplex print, how a printer turns its
 * paper. The back carries two messages, one upside down: whichever reads the
 * right way up once the sheet is turned over like a page of a book names the
 * edge the printer flips on. The zine's print files expect the short edge.
 */
export function renderPrintTest(paper: Paper, creationDate: Date): Promise<Buffer> {
  const { width, height } = paper.sheet;
  const doc = new PDFDocument({
    autoFirstPage: false, compress: true,
    info: { Title: 'Duplex printer test', Producer: 'zine-press', Creator: 'zine-press', CreationDate: creationDate, ModDate: creationDate },
  });
  // the PDF's standard Helvetica, which every reader has: the sheet is English, and pdfkit would lay out and embed a
  // project's fonts with fontkit, which runs a forged glyph without end
  doc.registerFont('heading', 'Helvetica-Bold');
  doc.registerFont('text', 'Helvetica');
  const output = takeOutput(doc);
  const margin = 54;
  const column = { width: width - 2 * margin };

  doc.addPage({ size: [width, height], margin: 0 });
  doc.font('heading').fontSize(26).text('PRINTER TEST: WHICH EDGE DOES IT FLIP ON?', margin, margin, column);
  doc.moveDown(0.8).font('text').fontSize(14);
  for (const step of [
    `1. Print this file double-sided (duplex) on one ${paper.name === 'a4' ? 'A4' : 'letter'} sheet, at actual size, with the settings you mean to use for the zine.`,
    '2. Lay the printed sheet in front of you with this side up and these lines the right way up.',
    '3. Turn the sheet over from left to right, the way you turn the page of a book.',
    '4. Of the two messages on the back, read the one that is the right way up.',
  ]) doc.text(step, column).moveDown(0.5);
  // an arrow: turn the sheet over this way
  const y = height - margin - 60;
  doc.lineWidth(6).moveTo(margin + 40, y).lineTo(width - margin - 80, y).stroke();
  doc.moveTo(width - margin - 80, y - 24).lineTo(width - margin - 30, y).lineTo(width - margin - 80, y + 24).fill();
  doc.font('heading').fontSize(14).text('TURN OVER THIS WAY', margin + 40, y - 40, { lineBreak: false });

  doc.addPage({ size: [width, height], margin: 0 });
  const message = (title: string, body: string): void => {
    doc.font('heading').fontSize(30).text(title, margin, margin, column);
    doc.moveDown(0.4).font('text').fontSize(14).text(body, column);
  };
  message('SHORT EDGE: ready to print zines', 'Your printer flips on the short edge, as the print files of the zine expect. Print them double-sided with these settings, fold the stack, staple along the fold.');
  doc.save().rotate(180, { origin: [width / 2, height / 2] });
  message('LONG EDGE: change one setting', 'Your printer flips on the long edge. In its duplex settings choose “flip on short edge” (also called “short-edge binding” or “tablet”), or build the print files for this printer with: zine build --duplex long');
  doc.restore();
  doc.lineWidth(1).dash(6, { space: 6 }).moveTo(margin, height / 2).lineTo(width - margin, height / 2).stroke();
  doc.end();
  return output();
}
