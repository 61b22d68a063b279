import { deflateSync } from 'node:zlib';
import type { Memo } from '../memo.js';
import type { FontSubset } from './pdf-fonts.js';
import type { ImageStream } from './pdf-images.js';

/** A stream or dictionary object of a PDF being written, as pdfkit makes them. */
interface PdfObject {
  data: Record<string, unknown>;
  end(data?: Uint8Array | string): void;
}

/** A page's content stream as pdfkit keeps it. */
interface ContentStream extends PdfObject {
  compress: boolean;
  /** What has been written so far, each operator followed by a line break. */
  buffer: Uint8Array[];
  write(chunk: Uint8Array | string): void;
}

/** What pdfkit offers below its drawing methods: the current page's resources and content stream, and new objects. */
export interface PdfkitInternals {
  page: { height: number; fonts: Record<string, unknown>; xobjects: Record<string, unknown>; content: ContentStream };
  addContent(operators: string): void;
  ref(data?: Record<string, unknown>): PdfObject;
}

/**
 * A page's own content shorter than this is written as it is: it places the
 * page's drawings, some sixty bytes that deflating would not shrink, while
 * setting zlib up for them took longer than drawing the page (a fifth of a
 * one-paragraph rebuild went there). Marks and folds drawn on a sheet are
 * longer, and deflated.
 */
const DEFLATED_FROM = 256;

/**
 * Takes over the content stream of the page pdfkit has just added. pdfkit
 * turns each operator into bytes on its own; here a page's operators (the
 * placing of its drawings) are kept as text and turned into bytes, and
 * deflated where that pays, once, when the page ends.
 */
export function takePageContent(pdf: PdfkitInternals): void {
  const stream = pdf.page.content;
  const [write, end] = [stream.write.bind(stream), stream.end.bind(stream)];
  const text = (chunk: Uint8Array): string => Buffer.from(chunk).toString('latin1');
  // what pdfkit wrote when it added the page (its flip of the y axis) comes first
  const operators = stream.buffer.splice(0).map(text);
  stream.write = (chunk): void => void operators.push(typeof chunk === 'string' ? `${chunk}\n` : text(chunk));
  stream.end = (): void => {
    stream.compress = false;
    const content = Buffer.from(operators.join(''), 'latin1');
    // pdfkit made the stream to be deflated
    if (content.length < DEFLATED_FROM) {
      delete stream.data.Filter;
      write(content);
    } else {
      stream.data.Filter = 'FlateDecode';
      write(deflateSync(content));
    }
    end();
  };
}

/** What pdfkit keeps below its stream of a document being written: the bytes written so far (the cross-reference table's offsets), and the method each piece goes through. */
interface PdfkitOutput {
  _offset: number;
  _write(data: string | Uint8Array): void;
}

/**
 * The bytes of a pdfkit document, to be asked for once its `end()` has
 * returned: pdfkit writes the whole file within it, a line or a stream at
 * a time, each line turned into bytes on its own and every piece pushed
 * through the document's Readable stream, thousands a file. The pieces are
 * taken here as they come instead, the lines kept as text, and joined once.
 *
 * They are handed over on the next tick: the header pdfkit pushed when the
 * document was made left the stream a turn of its own in Node's tick queue,
 * which holds the document (its pages, fonts and images) until it runs. A
 * process that set PDFs one after another without waiting on anything else
 * (a test suite, a fuzzer) would hold every one it made.
 */
export function takeOutput(doc: PDFKit.PDFDocument): () => Promise<Buffer> {
  const output = doc as unknown as PdfkitOutput;
  // what the document wrote when it was made (the PDF's header, two lines) waits in its stream: read to its end,
  // since a read may give one piece of it (Node 26 gives the first line alone)
  const pieces: Uint8Array[] = [];
  for (let written = doc.read() as Buffer | null; written !== null; written = doc.read() as Buffer | null) pieces.push(written);
  let lines: string[] = [];
  const keepLines = (): void => {
    // each character a byte, as pdfkit writes its lines
    if (lines.length > 0) pieces.push(Buffer.from(lines.join(''), 'latin1'));
    lines = [];
  };
  let last = '';
  output._write = (data): void => {
    if (typeof data === 'string') {
      lines.push(`${data}\n`);
      output._offset += data.length + 1;
      last = data;
    } else {
      keepLines();
      pieces.push(data);
      output._offset += data.length;
    }
  };
  return () => new Promise((resolve, reject) => process.nextTick(() => {
    if (last !== '%%EOF') return reject(new Error('the PDF was asked for before pdfkit had written it whole'));
    keepLines();
    resolve(Buffer.concat(pieces));
  }));
}

/** A page drawn: its operators, the font subsets and images they name, and its bounding box in its own space. */
export interface PageDrawing {
  content: string;
  fonts: ReadonlySet<FontSubset>;
  /** Named by their place here (see imageName). */
  images: readonly ImageStream[];
  box: readonly number[];
}

/** The name a page's drawing gives a font subset: its face's number, the same in every PDF whichever fonts the pages before use. */
export function fontName(subset: FontSubset): string {
  return `F${subset.face.number}`;
}

/** The name a page's drawing gives the image it places `index`th (first at 0). */
export function imageName(index: number): string {
  return `Im${index + 1}`;
}

/** Each drawing's operators deflated, for the PDFs that place it: its key in `deflated` is all its operators. */
const deflatedDrawings = new WeakMap<PageDrawing, Buffer>();

/**
 * The fonts, images and drawn pages of one PDF: each font and image written
 * as objects the first time a page uses it, from streams encoded once per
 * build; each page drawn as a form XObject, named in the resources of the
 * PDF page that places it.
 */
export class DocumentResources {
  private readonly fonts = new Map<FontSubset, PdfObject>();
  private readonly images = new Map<ImageStream, PdfObject>();
  private readonly pdf: PdfkitInternals;
  private forms = 0;

  constructor(
    doc: PDFKit.PDFDocument,
    /** Drawings deflated, by their operators: once for all the PDFs of a locale (and, in a session, for the next build). */
    private readonly deflated?: Memo<Buffer>,
  ) {
    this.pdf = doc as unknown as PdfkitInternals;
  }

  /** A page's drawing as a form XObject, and the name the current PDF page knows it by. */
  form(drawing: PageDrawing): string {
    const font = Object.fromEntries([...drawing.fonts].map((subset) => [fontName(subset), this.font(subset)]));
    const image = Object.fromEntries(drawing.images.map((stream, i) => [imageName(i), this.image(stream)]));
    const resources = { ...(drawing.fonts.size > 0 ? { Font: font } : {}), ...(drawing.images.length > 0 ? { XObject: image } : {}) };
    let data = deflatedDrawings.get(drawing);
    if (!data) {
      const { content } = drawing;
      const deflate = (): Buffer => deflateSync(Buffer.from(content, 'latin1'));
      deflatedDrawings.set(drawing, (data = this.deflated ? this.deflated.get(content, deflate) : deflate()));
    }
    const form = this.stream({ Type: 'XObject', Subtype: 'Form', BBox: drawing.box, Resources: resources, Filter: 'FlateDecode' }, data);
    const name = `P${++this.forms}`;
    this.pdf.page.xobjects[name] = form;
    return name;
  }

  private font(subset: FontSubset): PdfObject {
    let font = this.fonts.get(subset);
    if (!font) this.fonts.set(subset, (font = this.embedFont(subset)));
    return font;
  }

  private image(stream: ImageStream): PdfObject {
    let image = this.images.get(stream);
    if (!image) this.images.set(stream, (image = this.embedImage(stream)));
    return image;
  }

  private embedImage(stream: ImageStream): PdfObject {
    const dictionary = { ...stream.dictionary };
    if (stream.mask) dictionary.SMask = this.embedImage(stream.mask);
    return this.stream(dictionary, stream.data);
  }

  /**
   * A font subset as a Type 0 font over a CID font, with its program,
   * descriptor and Unicode map (PDF 1.7, 9.7), for TrueType and CFF outlines.
   */
  private embedFont(subset: FontSubset): PdfObject {
    const { font } = subset.face;
    const streams = subset.streams();
    const program = this.stream(
      streams.cff ? { Subtype: 'CIDFontType0C', Filter: 'FlateDecode' } : { Length1: streams.length, Filter: 'FlateDecode' },
      streams.program,
    );
    const scale = 1000 / subset.face.unitsPerEm;
    const tables = font as unknown as { 'OS/2'?: { sFamilyClass?: number }; head: { macStyle: { italic: boolean } } };
    const familyClass = (tables['OS/2']?.sFamilyClass ?? 0) >> 8;
    const post = postHeader(subset.face.table('post'));
    // FixedPitch, Serif, Symbolic (glyphs beyond the standard Latin set), Script, Italic
    const flags = (post.fixedPitch ? 1 : 0) | (familyClass >= 1 && familyClass <= 7 ? 2 : 0) | 4
      | (familyClass === 10 ? 8 : 0) | (tables.head.macStyle.italic ? 64 : 0);
    const { bbox } = font;
    const descriptor = this.object({
      Type: 'FontDescriptor',
      FontName: subset.name,
      Flags: flags,
      FontBBox: [bbox.minX * scale, bbox.minY * scale, bbox.maxX * scale, bbox.maxY * scale],
      ItalicAngle: post.italicAngle,
      Ascent: font.ascent * scale,
      Descent: font.descent * scale,
      CapHeight: (font.capHeight || font.ascent) * scale,
      XHeight: (font.xHeight || 0) * scale,
      StemV: 0,
      [streams.cff ? 'FontFile3' : 'FontFile2']: program,
    });
    const cidFont = this.object({
      Type: 'Font',
      Subtype: streams.cff ? 'CIDFontType0' : 'CIDFontType2',
      BaseFont: subset.name,
      // pdfkit writes String objects as PDF strings, plain strings as names
      CIDSystemInfo: { Registry: new String('Adobe'), Ordering: new String('Identity'), Supplement: 0 },
      FontDescriptor: descriptor,
      W: subset.widthArray(),
      ...(streams.cff ? {} : { CIDToGIDMap: streams.cidToGid ? this.stream({ Filter: 'FlateDecode' }, streams.cidToGid) : 'Identity' }),
    });
    const toUnicode = this.stream({ Filter: 'FlateDecode' }, streams.toUnicode);
    return this.object({ Type: 'Font', Subtype: 'Type0', BaseFont: subset.name, Encoding: 'Identity-H', DescendantFonts: [cidFont], ToUnicode: toUnicode });
  }

  private object(dictionary: Record<string, unknown>): PdfObject {
    const ref = this.pdf.ref(dictionary);
    ref.end();
    return ref;
  }

  /** A stream whose data is already compressed (its dictionary names the filter, so pdfkit writes it as it is). */
  private stream(dictionary: Record<string, unknown>, data: Uint8Array): PdfObject {
    const ref = this.pdf.ref(dictionary);
    ref.end(data);
    return ref;
  }
}

/** The italic angle and fixed pitch from a post table's header (OpenType: version, italicAngle as 16.16, underline, isFixedPitch). */
function postHeader(table: Uint8Array | undefined): { italicAngle: number; fixedPitch: boolean } {
  if (!table || table.length < 16) return { italicAngle: 0, fixedPitch: false };
  const view = new DataView(table.buffer, table.byteOffset, table.byteLength);
  return { italicAngle: view.getInt32(4) / 65536, fixedPitch: view.getUint32(12) !== 0 };
}
