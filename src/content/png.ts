/**
 * A PNG's structure, checked before pngjs decodes it. A file of a few
 * hundred bytes can declare a huge image or hold a zlib bomb, and pngjs 7
 * trusts both: it inflates an interlaced image's data without any limit,
 * and on Node 20 its own bounded inflate hands back a buffer of the full
 * declared size whatever the stream held, the part the stream did not fill
 * being uninitialised memory. So the header is read first, for the size to
 * be refused before anything is inflated, and the pixel data is inflated
 * here, never past what the header declares, and must fill exactly that.
 */
import { inflateSync } from 'node:zlib';

/** What a PNG's header (its IHDR chunk) declares. */
export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  interlaced: boolean;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Samples a pixel has, and the bit depths allowed, by colour type (PNG specification, 11.2.2). */
const COLOUR_TYPES: Partial<Record<number, { samples: number; depths: readonly number[] }>> = {
  0: { samples: 1, depths: [1, 2, 4, 8, 16] },
  2: { samples: 3, depths: [8, 16] },
  3: { samples: 1, depths: [1, 2, 4, 8] },
  4: { samples: 2, depths: [8, 16] },
  6: { samples: 4, depths: [8, 16] },
};

/** Adam7's passes: first column and row, and steps across and down. */
const ADAM7 = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]] as const;

/** Whether the file starts as every PNG does. */
export function isPng(data: Uint8Array): boolean {
  return SIGNATURE.every((b, i) => data[i] === b);
}

/** The header of a PNG file, when it starts with a valid one (PNG 11.2.2: size 1 to 2³¹−1, a known colour type and depth). */
export function pngHeader(data: Uint8Array): PngHeader | undefined {
  if (!isPng(data) || data.length < 33) return undefined;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (view.getUint32(8) !== 13 || chunkType(data, 12) !== 'IHDR') return undefined;
  const [width, height] = [view.getUint32(16), view.getUint32(20)];
  const [bitDepth, colourType, compression, filter, interlace] = [data[24]!, data[25]!, data[26]!, data[27]!, data[28]!];
  const valid = width > 0 && height > 0 && width < 2 ** 31 && height < 2 ** 31
    && (COLOUR_TYPES[colourType]?.depths.includes(bitDepth) ?? false)
    && compression === 0 && filter === 0 && interlace <= 1;
  return valid ? { width, height, bitDepth, colourType, interlaced: interlace === 1 } : undefined;
}

/**
 * The file up to the end of its IEND chunk, when every chunk is whole, a
 * palette image has its palette, and the pixel data inflates to exactly
 * what `header` declares; undefined when the file is cut off or damaged.
 * Nothing is inflated past the declared size, so a zlib bomb costs no more
 * than the image it claims to be.
 */
export function checkedPng(data: Buffer, header: PngHeader): Buffer | undefined {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const compressed: Buffer[] = [];
  let palette = false;
  for (let at = SIGNATURE.length; at + 12 <= data.length;) {
    const length = view.getUint32(at);
    const end = at + 12 + length;
    if (end > data.length) return undefined;
    const type = chunkType(data, at + 4);
    if (type === 'IDAT') compressed.push(data.subarray(at + 8, at + 8 + length));
    else if (type === 'PLTE') palette = true;
    else if (type === 'IEND') {
      if (header.colourType === 3 && !palette) return undefined;
      return inflatesToSize(Buffer.concat(compressed), filteredSize(header)) ? data.subarray(0, end) : undefined;
    }
    at = end;
  }
  return undefined;
}

/** Bytes of the filtered rows the header declares: each row one filter byte and its packed samples, for each pass of an interlaced image. */
export function filteredSize({ width, height, bitDepth, colourType, interlaced }: PngHeader): number {
  const bitsPerPixel = COLOUR_TYPES[colourType]!.samples * bitDepth;
  const rows = (w: number, h: number): number => (w === 0 ? 0 : h * (1 + Math.ceil((w * bitsPerPixel) / 8)));
  if (!interlaced) return rows(width, height);
  let size = 0;
  for (const [x0, y0, dx, dy] of ADAM7) size += rows(Math.max(0, Math.ceil((width - x0) / dx)), Math.max(0, Math.ceil((height - y0) / dy)));
  return size;
}

/** Whether the zlib stream inflates to exactly `size` bytes; it is stopped as soon as it would give more. */
function inflatesToSize(stream: Buffer, size: number): boolean {
  try {
    return inflateSync(stream, { maxOutputLength: size }).length === size;
  } catch {
    // more than the image needs (ERR_BUFFER_TOO_LARGE), cut off, or not zlib at all
    return false;
  }
}

function chunkType(data: Uint8Array, at: number): string {
  return String.fromCharCode(data[at]!, data[at + 1]!, data[at + 2]!, data[at + 3]!);
}
