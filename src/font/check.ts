/**
 * A font file checked before fontkit and HarfBuzz read it. HarfBuzz checks
 * what it reads, but fontkit trusts the file: a cut-off font or a table
 * pointing past the file's end stops the build with an error of its own,
 * and a font whose outlines are damaged is embedded as it is and prints as
 * black bars. So the table directory is checked (each table inside the
 * file, clear of the directory), the tables a font needs are there and
 * large enough for what they declare, and each table's bytes sum to the
 * checksum the directory records for them.
 */

/** What is wrong with a font file, in words for the person who supplied it; undefined when nothing is. */
export type FontProblem = string | undefined;

/** A table as a face's directory lists it. */
export interface TableRecord {
  tag: string;
  offset: number;
  length: number;
  checksum: number;
}

/** sfnt versions of a single font: TrueType outlines (1.0 and Apple's 'true'), CFF outlines ('OTTO'). */
const VERSIONS = new Set([0x00010000, 0x74727565, 0x4f54544f]);
const REQUIRED = ['cmap', 'head', 'hhea', 'hmtx', 'maxp'];
/** The smallest each fixed-size table can be and still hold the fields read from it. */
const MIN_LENGTH: Record<string, number> = { head: 54, hhea: 36, maxp: 6 };

/**
 * The first problem found with the font whose table directory starts at
 * `at` (0 for a single font; a face of a collection has its own), or
 * undefined. Each table is read once, for its checksum; `sums` keeps the
 * checksums of tables read for other faces of a collection, which often
 * share them (and a damaged one may list one large table in each face).
 */
export function fontProblem(data: Uint8Array, at = 0, sums = new Map<string, number>()): FontProblem {
  const directory = tableDirectory(data, at);
  if (typeof directory === 'string') return directory;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const tables = new Map(directory.map((table) => [table.tag, table]));
  const missing = [...REQUIRED, ...(tables.has('CFF ') || tables.has('CFF2') ? [] : ['glyf', 'loca'])].filter((t) => !tables.has(t));
  if (missing.length > 0) return `it has no ${missing.join(', ')} table${missing.length > 1 ? 's' : ''}`;
  for (const [tag, table] of tables) {
    if (table.length < (MIN_LENGTH[tag] ?? 0)) return `its ${tag} table is too short`;
    const key = `${table.offset} ${table.length} ${tag === 'head'}`;
    const sum = sums.get(key) ?? checksum(data, table.offset, table.length, tag === 'head');
    sums.set(key, sum);
    if (sum !== table.checksum) return `its ${tag} table is damaged (checksum)`;
  }
  return layoutProblem(view, tables);
}

/**
 * The tables of the face whose directory starts at `at`, in the directory's
 * order; else the first problem with the directory: cut off, of no known
 * sfnt version, empty, or a table listed twice, running past the file's end
 * or over the directory.
 */
export function tableDirectory(data: Uint8Array, at = 0): TableRecord[] | string {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (at + 12 > data.length) return 'cut off before its table directory';
  if (!VERSIONS.has(view.getUint32(at))) return 'it does not start as one does';
  const count = view.getUint16(at + 4);
  const directoryEnd = at + 12 + 16 * count;
  if (count === 0) return 'it has no tables';
  if (directoryEnd > data.length) return 'cut off inside its table directory';
  const tables: TableRecord[] = [];
  const tags = new Set<string>();
  for (let i = 0; i < count; i++) {
    const record = at + 12 + 16 * i;
    const tag = String.fromCharCode(data[record]!, data[record + 1]!, data[record + 2]!, data[record + 3]!);
    const table = { tag, checksum: view.getUint32(record + 4), offset: view.getUint32(record + 8), length: view.getUint32(record + 12) };
    if (tags.has(tag)) return `its ${tag} table is listed twice`;
    if (table.offset + table.length > data.length) return `cut off: its ${tag} table runs past the end of the file`;
    if (table.offset < directoryEnd && table.offset + table.length > at) return `its ${tag} table overlaps its table directory`;
    tags.add(tag);
    tables.push(table);
  }
  return tables;
}

/** Whether the glyph count and the tables sized by it agree: metrics for every glyph, outlines' offsets inside their table. */
function layoutProblem(view: DataView, tables: Map<string, TableRecord>): FontProblem {
  const numGlyphs = view.getUint16(tables.get('maxp')!.offset + 4);
  if (numGlyphs === 0) return 'it has no glyphs';
  const metrics = view.getUint16(tables.get('hhea')!.offset + 34);
  const hmtx = tables.get('hmtx')!;
  if (metrics === 0 || metrics > numGlyphs || hmtx.length < 4 * metrics + 2 * (numGlyphs - metrics)) return 'its hmtx table does not cover its glyphs';
  const loca = tables.get('loca');
  const glyf = tables.get('glyf');
  if (!loca || !glyf) return undefined;
  const long = view.getInt16(tables.get('head')!.offset + 50) === 1;
  if (loca.length < (numGlyphs + 1) * (long ? 4 : 2)) return 'its loca table does not cover its glyphs';
  let previous = 0;
  for (let g = 0; g <= numGlyphs; g++) {
    const offset = long ? view.getUint32(loca.offset + 4 * g) : 2 * view.getUint16(loca.offset + 2 * g);
    if (offset < previous || offset > glyf.length) return 'its loca table points outside its glyf table';
    previous = offset;
  }
  return undefined;
}

/** A table's checksum: its bytes as big-endian 32-bit words, the last padded with zeros, summed modulo 2³²; the head table's checkSumAdjustment counts as zero. */
export function checksum(data: Uint8Array, offset: number, length: number, head = false): number {
  const whole = offset + (length & ~3);
  let sum = wordSum(data, offset, whole);
  let last = 0;
  for (let i = whole; i < offset + length; i++) last |= data[i]! << (24 - 8 * (i - whole));
  sum = (sum + last) >>> 0;
  if (head) sum = (sum - ((data[offset + 8]! << 24) | (data[offset + 9]! << 16) | (data[offset + 10]! << 8) | data[offset + 11]!)) >>> 0;
  return sum;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * The sum modulo 2³² of the big-endian words from `start` to `end`. A CJK
 * collection's outlines are 23 MB, so the bytes are summed a word at a time
 * where the words are aligned: each byte of a word in a 16-bit lane of its
 * own, 256 words to a round so that no lane overflows, the four byte sums
 * weighted as the big-endian word weighs them at the end.
 */
function wordSum(data: Uint8Array, start: number, end: number): number {
  if (!LITTLE_ENDIAN || (data.byteOffset + start) % 4 !== 0) {
    let sum = 0;
    for (let i = start; i < end; i += 4) sum = (sum + ((data[i]! << 24) | (data[i + 1]! << 16) | (data[i + 2]! << 8) | data[i + 3]!)) >>> 0;
    return sum;
  }
  const words = new Uint32Array(data.buffer, data.byteOffset + start, (end - start) / 4);
  // byte k of the word in memory is the word's k-th byte in the file
  let b0 = 0, b1 = 0, b2 = 0, b3 = 0;
  for (let i = 0; i < words.length;) {
    const round = Math.min(words.length, i + 256);
    let even = 0, odd = 0;
    for (; i < round; i++) {
      const w = words[i]!;
      even += w & 0x00ff00ff;
      odd += (w >>> 8) & 0x00ff00ff;
    }
    b0 += even & 0xffff;
    b2 += even >>> 16;
    b1 += odd & 0xffff;
    b3 += odd >>> 16;
  }
  // each weight times its sum taken modulo 2³² before they are added, within a double's exact integers
  return ((b0 % 0x100) * 0x1000000 + (b1 % 0x10000) * 0x10000 + (b2 % 0x1000000) * 0x100 + b3) % 0x100000000;
}

/** Noto CJK's collections hold ten faces, the largest system ones a few dozen. */
const MAX_FACES = 256;

/**
 * Where each face's table directory starts, for a collection (`ttcf`);
 * undefined for a single font; null for a collection whose header is cut
 * off or damaged, or claims more faces than any collection has: millions of
 * them, all pointing at one face, would each be parsed.
 */
export function collectionOffsets(data: Buffer): number[] | undefined | null {
  if (data.toString('latin1', 0, 4) !== 'ttcf') return undefined;
  if (data.length < 12) return null;
  const count = data.readUInt32BE(8);
  if (count === 0 || count > MAX_FACES || 12 + 4 * count > data.length) return null;
  return Array.from({ length: count }, (_, i) => data.readUInt32BE(12 + 4 * i));
}
