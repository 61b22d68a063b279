import { deflateSync } from 'node:zlib';
import type { ImageFile, ImageLibrary } from '../content/images.js';

/** A PDF image XObject's dictionary entries and its (compressed) data. */
export interface ImageStream {
  dictionary: Record<string, unknown>;
  data: Buffer;
  /** Transparency, as a grey image of its own. */
  mask?: ImageStream;
}

/**
 * Images as PDF image objects, each encoded once per build and embedded as
 * the same bytes in every PDF that shows it: in colour a JPEG as it is and a
 * PNG as deflated RGB with its transparency as a soft mask; in grey the
 * image's greys over white paper, one byte a pixel.
 */
export class ImageStreams {
  private readonly known = new Map<string, ImageStream>();

  constructor(private readonly images: ImageLibrary) {}

  of(src: string, ink: 'colour' | 'grey'): ImageStream {
    const key = `${ink}:${src}`;
    let stream = this.known.get(key);
    if (!stream) {
      const file = this.images.get(src, { file: src });
      stream = ink === 'grey' ? deflated(file, file.grey, 'DeviceGray', 1) : colour(file);
      this.known.set(key, stream);
    }
    return stream;
  }
}

function colour(file: ImageFile): ImageStream {
  const components = jpegComponents(file.data);
  if (components === 3 || components === 1) {
    return {
      dictionary: { ...image(file), ColorSpace: components === 3 ? 'DeviceRGB' : 'DeviceGray', Filter: 'DCTDecode' },
      data: file.data,
    };
  }
  // a PNG, or a JPEG in CMYK (which readers invert unless told how it was made): its pixels
  const pixels = file.width * file.height;
  const rgb = new Uint8Array(pixels * 3);
  const alpha = new Uint8Array(pixels);
  let transparent = false;
  for (let i = 0; i < pixels; i++) {
    rgb.set(file.pixels.subarray(i * 4, i * 4 + 3), i * 3);
    alpha[i] = file.pixels[i * 4 + 3]!;
    if (alpha[i] !== 255) transparent = true;
  }
  const stream = deflated(file, rgb, 'DeviceRGB', 3);
  if (transparent) stream.mask = deflated(file, alpha, 'DeviceGray', 1);
  return stream;
}

/** Samples compressed as PNG compresses them: each row as its difference from its neighbours (Paeth), then deflated. */
function deflated(file: ImageFile, samples: Uint8Array, colorSpace: string, colors: number): ImageStream {
  const row = file.width * colors;
  const out = new Uint8Array((row + 1) * file.height);
  for (let y = 0; y < file.height; y++) {
    const [at, to] = [y * row, y * (row + 1)];
    out[to] = 4;
    for (let i = 0; i < row; i++) {
      const a = i >= colors ? samples[at + i - colors]! : 0;
      const b = y > 0 ? samples[at + i - row]! : 0;
      const c = i >= colors && y > 0 ? samples[at + i - row - colors]! : 0;
      const [pa, pb, pc] = [Math.abs(b - c), Math.abs(a - c), Math.abs(a + b - 2 * c)];
      const predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      out[to + 1 + i] = (samples[at + i]! - predicted) & 0xff;
    }
  }
  return {
    dictionary: {
      ...image(file), ColorSpace: colorSpace, Filter: 'FlateDecode',
      DecodeParms: { Predictor: 15, Colors: colors, BitsPerComponent: 8, Columns: file.width },
    },
    data: deflateSync(out),
  };
}

function image(file: ImageFile): Record<string, unknown> {
  return { Type: 'XObject', Subtype: 'Image', Width: file.width, Height: file.height, BitsPerComponent: 8 };
}

/** How many colour components a JPEG has (from its frame header), or undefined for anything else. */
function jpegComponents(data: Buffer): number | undefined {
  if (data[0] !== 0xff || data[1] !== 0xd8) return undefined;
  let at = 2;
  while (at + 4 <= data.length && data[at] === 0xff) {
    const marker = data[at + 1]!;
    // start-of-frame markers: C0–CF except DHT (C4), JPG (C8) and DAC (CC)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return data[at + 9];
    at += 2 + data.readUInt16BE(at + 2);
  }
  return undefined;
}
