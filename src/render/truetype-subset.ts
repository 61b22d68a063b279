/**
 * A TrueType font's subset for a PDF: the glyphs a document draws, renumbered
 * in the order they are asked for (.notdef first, then each glyph, a compound
 * glyph's components after the glyphs asked before them), with the tables a
 * PDF reader needs: head, hhea, loca, maxp, cvt, prep, glyf, hmtx and fpgm.
 *
 * The bytes are those fontkit's TTFSubset writes (no checksums, the tables
 * unpadded, in that order, under the tag `true`): fontkit decodes every glyph
 * and writes each table by its generic structures, a sixth of a locale's
 * drawing; this copies what it can. Fonts with variations (which fontkit
 * writes from their outlines) and tables too short to be what they say are
 * left to fontkit: undefined.
 */
import { componentSize, glyfOf, MORE_COMPONENTS, view, type TableOf } from '../font/glyf.js';

/** The tables a subset holds, in the order fontkit writes them. */
const ORDER = ['head', 'hhea', 'loca', 'maxp', 'cvt ', 'prep', 'glyf', 'hmtx', 'fpgm'] as const;

/** The subset's program, and each asked glyph's number in it. */
export interface TrueTypeSubset {
  program: Uint8Array;
  numbers: number[];
}

export function trueTypeSubset(table: TableOf, glyphs: readonly number[]): TrueTypeSubset | undefined {
  const [head, hhea, maxp, hmtx] = ['head', 'hhea', 'maxp', 'hmtx'].map((tag) => table(tag));
  const located = glyfOf(table);
  if (!located || !head || !hhea || !maxp || !hmtx || table('fvar') || hhea.length < 36 || maxp.length < 32) return undefined;
  // copies, never views: a Buffer's slice is a view of the font file
  const copy = (bytes: Uint8Array, start: number, end: number): Uint8Array => new Uint8Array(bytes.subarray(start, end));
  const { glyf, numGlyphs, longLoca, offset } = located;
  const metricsCount = view(hhea).getUint16(34);
  if (hmtx.length < metricsCount * 4 + Math.max(0, numGlyphs - metricsCount) * 2) return undefined;
  const hmtxView = view(hmtx);
  /** A glyph's advance and left side bearing, as fontkit reads them: past the metrics, the last advance and the bearings after them. */
  const metric = (id: number): [number, number] => {
    if (id < metricsCount) return [hmtxView.getUint16(id * 4), hmtxView.getInt16(id * 4 + 2)];
    const advance = metricsCount > 0 ? hmtxView.getUint16((metricsCount - 1) * 4) : 0;
    return [advance, hmtxView.getInt16(metricsCount * 4 + (id - metricsCount) * 2)];
  };

  const order: number[] = [];
  const number = new Map<number, number>();
  const include = (id: number): number => {
    let n = number.get(id);
    if (n === undefined) {
      number.set(id, (n = order.length));
      order.push(id);
    }
    return n;
  };
  include(0);
  const numbers = glyphs.map(include);
  const outlines: Uint8Array[] = [];
  const offsets: number[] = [];
  let length = 0;
  for (let i = 0; i < order.length; i++) {
    const id = order[i]!;
    if (id >= numGlyphs) return undefined;
    const [start, end] = [offset(id), offset(id + 1)];
    if (end < start || end > glyf.length) return undefined;
    const outline = copy(glyf, start, end);
    // a glyph's header is ten bytes; a compound glyph's components take their numbers in the subset
    if (outline.length > 0 && outline.length < 10) return undefined;
    if (outline.length > 0 && view(outline).getInt16(0) < 0 && !renumberComponents(outline, include)) return undefined;
    outlines.push(outline);
    offsets.push(length);
    length += outline.length;
  }
  offsets.push(length);

  const tables = new Map<string, Uint8Array>();
  // fontkit writes the head it read: macStyle's seven named flags alone
  const newHead = copy(head, 0, 54);
  view(newHead).setUint16(44, view(head).getUint16(44) & 0x7f);
  tables.set('head', newHead);
  // the reserved words written as zeros, the metrics one per glyph
  const newHhea = copy(hhea, 0, 36);
  newHhea.fill(0, 24, 32);
  view(newHhea).setUint16(34, order.length);
  tables.set('hhea', newHhea);
  const newLoca = new Uint8Array(offsets.length * (longLoca ? 4 : 2));
  const locaOut = view(newLoca);
  offsets.forEach((o, i) => (longLoca ? locaOut.setUint32(i * 4, o) : locaOut.setUint16(i * 2, o >>> 1)));
  tables.set('loca', newLoca);
  const newMaxp = copy(maxp, 0, 32);
  view(newMaxp).setUint16(4, order.length);
  tables.set('maxp', newMaxp);
  const cvt = table('cvt ');
  // read as 16-bit values: an odd last byte is dropped
  if (cvt) tables.set('cvt ', copy(cvt, 0, cvt.length & ~1));
  const prep = table('prep');
  if (prep) tables.set('prep', copy(prep, 0, prep.length));
  const newGlyf = new Uint8Array(length);
  outlines.forEach((o, i) => newGlyf.set(o, offsets[i]!));
  tables.set('glyf', newGlyf);
  const newHmtx = new Uint8Array(order.length * 4);
  const hmtxOut = view(newHmtx);
  order.forEach((id, i) => {
    const [advance, bearing] = metric(id);
    hmtxOut.setUint16(i * 4, advance);
    hmtxOut.setInt16(i * 4 + 2, bearing);
  });
  tables.set('hmtx', newHmtx);
  const fpgm = table('fpgm');
  if (fpgm) tables.set('fpgm', copy(fpgm, 0, fpgm.length));
  return { program: fontFile(ORDER.filter((tag) => tables.has(tag)).map((tag) => [tag, tables.get(tag)!])), numbers };
}

/** A compound glyph's components given their numbers in the subset, in place; false where its records run past the glyph. */
function renumberComponents(outline: Uint8Array, include: (id: number) => number): boolean {
  const data = view(outline);
  let at = 10;
  let flags = MORE_COMPONENTS;
  while (flags & MORE_COMPONENTS) {
    if (at + 4 > outline.length) return false;
    flags = data.getUint16(at);
    data.setUint16(at + 2, include(data.getUint16(at + 2)));
    at += componentSize(flags);
  }
  return true;
}

/** The tables under a table directory (tag `true`, as fontkit writes it), each right after the one before, checksums 0. */
function fontFile(tables: readonly [string, Uint8Array][]): Uint8Array {
  const count = tables.length;
  const power = 2 ** Math.floor(Math.log2(count));
  const headerLength = 12 + 16 * count;
  const out = new Uint8Array(headerLength + tables.reduce((n, [, t]) => n + t.length, 0));
  const view = new DataView(out.buffer);
  const tag = (at: number, text: string): void => {
    for (let i = 0; i < 4; i++) out[at + i] = text.charCodeAt(i);
  };
  tag(0, 'true');
  view.setUint16(4, count);
  view.setUint16(6, power * 16);
  view.setUint16(8, Math.log2(power));
  view.setUint16(10, count * 16 - power * 16);
  let offset = headerLength;
  tables.forEach(([name, bytes], i) => {
    const entry = 12 + 16 * i;
    tag(entry, name);
    view.setUint32(entry + 8, offset);
    view.setUint32(entry + 12, bytes.length);
    out.set(bytes, offset);
    offset += bytes.length;
  });
  return out;
}
