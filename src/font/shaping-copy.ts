/**
 * What HarfBuzz is given of a font file. HarfBuzz keeps a copy of its own of
 * what it shapes with, and nine tenths of a CJK collection's 20–27 MB are
 * its CFF outlines. Shaping horizontally reads no outlines in HarfBuzz as
 * harfbuzzjs builds it, which places marks by GPOS alone (test/font/
 * shaping-copy.test.ts holds it to that). A HarfBuzz with its fallback mark
 * positioning would read them for a face without GPOS positioning: so the
 * CFF table is left out only of a face with a GPOS table that lists a
 * script, and no AAT tables, which HarfBuzz may apply instead of GPOS.
 * Everything else is copied as it is. fontkit, which reads the outlines,
 * keeps the whole file.
 */

import { tableDirectory, type TableRecord } from './check.js';

/** Tables that may make HarfBuzz shape with AAT rather than GPOS. */
const AAT = ['morx', 'mort', 'kerx'];

/**
 * The file as HarfBuzz is given it: without the CFF tables no face needs to
 * shape (see above), each face's directory moved to match; the file itself
 * when it has none to leave out, or a face's directory is damaged (see
 * `tableDirectory`).
 * `faces` are where the faces' directories start (one at 0 for a single font).
 */
export function shapingCopy(data: Uint8Array, faces: readonly number[]): Uint8Array {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const directories = faces.map((at) => tableDirectory(data, at));
  if (directories.some((d) => typeof d === 'string')) return data;
  const kept = (records: readonly TableRecord[]): readonly TableRecord[] => (shapesWithoutOutlines(view, records) ? records.filter((r) => r.tag !== 'CFF ') : records);
  const reduced = (directories as TableRecord[][]).map(kept);
  if (reduced.every((r, i) => r.length === directories[i]!.length)) return data;

  // each table's bytes once, however many faces list them, 4-byte aligned after the header and the directories
  const collection = data.length >= 4 && view.getUint32(0) === 0x74746366;
  const header = collection ? 12 + 4 * faces.length : 0;
  let end = header;
  const starts = reduced.map((records) => {
    const at = end;
    end += 12 + 16 * records.length;
    return at;
  });
  const placed = new Map<string, number>();
  for (const records of reduced) {
    for (const r of records) {
      const key = `${r.offset} ${r.length}`;
      if (placed.has(key)) continue;
      placed.set(key, end);
      end += (r.length + 3) & ~3;
    }
  }

  // tables that overlap in a damaged collection could add up to more than the file: it is given as it is
  if (end > data.length) return data;
  const out = new Uint8Array(end);
  const write = new DataView(out.buffer);
  if (collection) {
    write.setUint32(0, 0x74746366);
    write.setUint32(4, 0x00010000);
    write.setUint32(8, faces.length);
    starts.forEach((at, i) => write.setUint32(12 + 4 * i, at));
  }
  reduced.forEach((records, i) => {
    const at = starts[i]!;
    write.setUint32(at, view.getUint32(faces[i]!));
    write.setUint16(at + 4, records.length);
    // the binary search fields the sfnt header carries, for the new number of tables
    const power = 2 ** Math.floor(Math.log2(records.length));
    write.setUint16(at + 6, power * 16);
    write.setUint16(at + 8, Math.log2(power));
    write.setUint16(at + 10, records.length * 16 - power * 16);
    records.forEach((r, k) => {
      const record = at + 12 + 16 * k;
      for (let c = 0; c < 4; c++) out[record + c] = r.tag.charCodeAt(c);
      const offset = placed.get(`${r.offset} ${r.length}`)!;
      write.setUint32(record + 4, r.checksum);
      write.setUint32(record + 8, offset);
      write.setUint32(record + 12, r.length);
    });
  });
  for (const records of reduced) {
    for (const r of records) out.set(data.subarray(r.offset, r.offset + r.length), placed.get(`${r.offset} ${r.length}`)!);
  }
  return out;
}

/**
 * Whether HarfBuzz positions this face's glyphs by its GPOS table, so never
 * by their outlines: a GPOS table of version 1 whose script list lists a
 * script, and no AAT tables.
 */
function shapesWithoutOutlines(view: DataView, records: readonly TableRecord[]): boolean {
  if (records.some((r) => AAT.includes(r.tag))) return false;
  const gpos = records.find((r) => r.tag === 'GPOS');
  if (!gpos || gpos.length < 10 || view.getUint16(gpos.offset) !== 1) return false;
  const scripts = gpos.offset + view.getUint16(gpos.offset + 4);
  return scripts + 2 <= gpos.offset + gpos.length && view.getUint16(scripts) > 0;
}
