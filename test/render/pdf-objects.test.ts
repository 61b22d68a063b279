import { describe, expect, it } from 'vitest';
import { ImageLibrary } from '../../src/content/images.js';
import type { Page } from '../../src/display.js';
import { renderScreen } from '../../src/render/pdf.js';
import { FontSubsets } from '../../src/render/pdf-fonts.js';
import { ImageStreams } from '../../src/render/pdf-images.js';
import { fonts, ROOT, textItem } from '../support/fixtures.js';

describe('a PDF\'s bytes, as pdfkit writes them', () => {
  it('hold the header, every object where the cross-reference table says, and the end', async () => {
    const serif = fonts.face('serif', false, false);
    const page = (number: number): Page => ({ kind: 'body', number, width: 420, height: 595, items: [textItem(fonts, serif, `Page ${number}`, { x: 20, y: 40, size: 9 })] });
    const images = new ImageLibrary(ROOT);
    const bytes = await renderScreen([page(1), page(2)], { fonts, images, fontSubsets: new FontSubsets(fonts), imageStreams: new ImageStreams(images) }, { title: 'bytes', language: 'en', direction: 'ltr', creationDate: new Date(0) });
    const text = bytes.toString('latin1');
    // the header pdfkit writes when the document is made, before any page
    expect(text.startsWith('%PDF-1.3\n%\xff\xff\xff\xff\n')).toBe(true);
    expect(text.endsWith('%%EOF\n')).toBe(true);
    const xref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
    expect(text.slice(xref, xref + 5)).toBe('xref\n');
    const [, count] = /^xref\n0 (\d+)\n/.exec(text.slice(xref))!;
    const offsets = [...text.slice(xref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(offsets).toHaveLength(Number(count) - 1);
    // each object starts at the byte its entry names: the count of bytes written was kept through streams and lines alike
    offsets.forEach((offset, i) => expect(text.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`));
  });
});
