import { deflateSync } from 'node:zlib';
import { luma, type ImageFile, type ImageLibrary } from '../content/images.js';
import { greyJpeg, jpegFrame } from '../content/jpeg.js';

/** Photographs' grey JPEGs as earlier builds made them (see ImageCache). */
export interface KnownGreyJpegs {
  greyJpeg(photo: ImageFile): Buffer | undefined;
  keepGreyJpeg(photo: ImageFile, grey: Buffer): void;
}

/** A PDF image XObject's dictionary entries and its (compressed) data. */
export interface ImageStream {
  dictionary: Record<string, unknown>;
  data: Buffer;
  /** Transparency, as a grey image of its own. */
  mask?: ImageStream;
}

/**
 * Images as PDF image objects, each encoded once per build (or again after
 * the library let go of its image between locales) and embedded as the same
 * bytes in every PDF that shows it: in colour a JPEG as it is and a
 * PNG as deflated RGB with its transparency as a soft mask; in grey a JPEG
 * as a grey JPEG, and a PNG (drawings, charts: sharp edges) as its greys
 * over white paper, deflated without loss.
 */
export class ImageStreams {
  private readonly known = new Map<string, { src: string; stream: ImageStream }>();
  /** The library's images these streams are made from: let go with them (see ImageLibrary.beginLocale). */
  private generation = 0;

  constructor(
    private readonly images: ImageLibrary,
    /** Grey JPEGs earlier builds made; none to make each afresh. */
    private readonly cache?: KnownGreyJpegs,
  ) {}

  of(src: string, ink: 'colour' | 'grey'): ImageStream {
    if (this.images.generation !== this.generation) {
      for (const [key, made] of this.known) if (!this.images.holds(made.src)) this.known.delete(key);
      this.generation = this.images.generation;
    }
    const key = `${ink}:${src}`;
    let made = this.known.get(key);
    if (!made) {
      const file = this.images.get(src, { file: src });
      made = { src, stream: ink === 'colour' ? colour(file) : grey(file, this.cache) };
      this.known.set(key, made);
    }
    return made.stream;
  }
}

function colour(file: ImageFile): ImageStream {
  const components = jpegFrame(file.data)?.components;
  if (components === 3 || components === 1) return jpegStream(file, file.data, components);
  // a PNG, or a JPEG in CMYK (which readers invert unless told how it was made): its pixels
  const pixels = file.width * file.height;
  const rgba = file.pixels;
  const rgb = new Uint8Array(pixels * 3);
  const alpha = new Uint8Array(pixels);
  let transparent = false;
  for (let i = 0; i < pixels; i++) {
    rgb[i * 3] = rgba[i * 4]!;
    rgb[i * 3 + 1] = rgba[i * 4 + 1]!;
    rgb[i * 3 + 2] = rgba[i * 4 + 2]!;
    alpha[i] = rgba[i * 4 + 3]!;
    if (alpha[i] !== 255) transparent = true;
  }
  const stream = deflated(file, rgb, 'DeviceRGB', 3);
  if (transparent) stream.mask = deflated(file, alpha, 'DeviceGray', 1);
  return stream;
}

/** A photograph as a grey JPEG, as an earlier build made it where the cache has it; a drawing (PNG) as its greys, without loss. */
function grey(file: ImageFile, cache: KnownGreyJpegs | undefined): ImageStream {
  if (file.format === 'png') return deflated(file, greys(file.pixels), 'DeviceGray', 1);
  let data = cache?.greyJpeg(file);
  if (!data) {
    data = greyJpeg({ width: file.width, height: file.height, data: file.pixels });
    cache?.keepGreyJpeg(file, data);
  }
  return jpegStream(file, data, 1);
}

/** RGBA pixels as greys (Rec. 601 luma) over white paper, one byte a pixel: transparent pixels print as nothing. */
function greys(rgba: Uint8Array): Uint8Array {
  const grey = new Uint8Array(rgba.length / 4);
  for (let p = 0; p < grey.length; p++) {
    const i = p * 4;
    grey[p] = Math.round(255 - ((255 - luma(rgba[i]!, rgba[i + 1]!, rgba[i + 2]!)) * rgba[i + 3]!) / 255);
  }
  return grey;
}

function jpegStream(file: ImageFile, data: Buffer, components: 1 | 3): ImageStream {
  return { dictionary: { ...image(file), ColorSpace: components === 3 ? 'DeviceRGB' : 'DeviceGray', Filter: 'DCTDecode' }, data };
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
      const pa = Math.abs(b - c);
      const pb = Math.abs(a - c);
      const pc = Math.abs(a + b - 2 * c);
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
