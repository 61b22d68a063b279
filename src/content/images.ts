import { resolve } from 'node:path';
import { PNG } from 'pngjs';
import { ZineError, type SourceRef } from '../errors.js';
import { decodeJpeg, jpegFrame, jpegScans, type Pixels } from './jpeg.js';
import { checkedPng, isPng, pngHeader, type PngHeader } from './png.js';
import { readSourceBytes } from './source-files.js';
import { isInside } from '../files.js';

/** An image file of the project, checked and decoded once per build. */
export interface ImageFile {
  path: string;
  /** Pixels. */
  width: number;
  height: number;
  /** The file as it is, for colour output. */
  data: Buffer;
  format: 'png' | 'jpeg';
  /** Whether any pixel has colour (not grey). */
  colour: boolean;
  /** Decoded RGBA pixels (a photograph the cache knows is decoded only when they are asked for). */
  readonly pixels: Uint8Array;
}

export const MAX_IMAGE_BYTES = 25 * 1024 * 1024;
const MAX_PIXELS = 40_000_000;
/**
 * The most pixels the images of one locale's zine may hold together, each
 * decoded into four bytes a pixel and kept while the build lasts: some
 * thirty-five full pages of photographs at 300 dpi.
 */
const MAX_TOTAL_PIXELS = 160_000_000;
/** A progressive JPEG has about ten scans, rarely more than a few dozen (see jpegScans). */
const MAX_SCANS = 500;

/** Whether photographs have colour, as earlier builds found (see ImageCache). */
export interface KnownColours {
  colour(data: Buffer): boolean | undefined;
  keepColour(data: Buffer, colour: boolean): void;
}

/** Images by path, refused when missing, outside the project, not PNG or JPEG, cut off or damaged, or too large to decode. */
export class ImageLibrary {
  private readonly images = new Map<string, ImageFile>();
  /** The pixels of the images a locale has asked for, each path counted once, loaded or refused (see MAX_TOTAL_PIXELS). */
  private pixels = 0;
  private readonly counted = new Set<string>();

  constructor(
    private readonly projectDir: string,
    /** What earlier builds found of the photographs; none to decode each afresh. */
    private readonly cache?: KnownColours,
  ) {}

  /** The image at `src` (relative to the project folder); `where` names the file that asks for it. */
  get(src: string, where: SourceRef): ImageFile {
    const path = resolve(this.projectDir, src);
    if (!isInside(path, this.projectDir)) {
      throw new ZineError(`image ${src} is outside the project folder: refused`, where);
    }
    const charge = (pixels: number): void => {
      if (this.counted.has(path)) return;
      this.counted.add(path);
      this.pixels += pixels;
      if (this.pixels > MAX_TOTAL_PIXELS) {
        throw new ZineError(`image ${src} brings the zine's images past ${MAX_TOTAL_PIXELS / 1e6} million pixels together, more than its pages can show: refused (a page of 5.5 × 8.5 in holds 4.2 million at 300 dpi; scale the images down)`, where);
      }
    };
    let image = this.images.get(path);
    if (image) charge(image.width * image.height);
    else {
      image = load(path, src, this.projectDir, where, this.cache, charge);
      this.images.set(path, image);
    }
    return image;
  }

  /** Starts counting a locale's images afresh (see MAX_TOTAL_PIXELS): the budget is what one locale asks for, whatever came before. */
  beginLocale(): void {
    this.pixels = 0;
    this.counted.clear();
  }
}

/** Loads and checks an image, telling `charge` its pixels before they are decoded. */
function load(path: string, src: string, projectDir: string, where: SourceRef, cache: KnownColours | undefined, charge: (pixels: number) => void): ImageFile {
  let data: Buffer;
  try {
    data = readSourceBytes(path, projectDir, MAX_IMAGE_BYTES, `image ${src}`);
  } catch (e) {
    // the section that asks for the image is where to look
    if (e instanceof ZineError) throw new ZineError(e.message, where);
    throw e;
  }
  const jpeg = data[0] === 0xff && data[1] === 0xd8;
  if (!jpeg && !isPng(data)) throw new ZineError(`image ${src} is not a PNG or JPEG file`, where);
  const damaged = (): ZineError => new ZineError(`image ${src} is cut off or damaged`, where);
  // the size its header declares, refused before decoding: a small file can hold a huge image
  const png = jpeg ? undefined : pngHeader(data);
  const size = jpeg ? jpegFrame(data) : png;
  if (!size) throw damaged();
  if (size.width * size.height > MAX_PIXELS) throw new ZineError(`image ${src} has more than ${MAX_PIXELS / 1e6} million pixels`, where);
  if (jpeg && jpegScans(data) > MAX_SCANS) throw new ZineError(`image ${src} is a JPEG of more than ${MAX_SCANS} scans, too many to decode`, where);
  charge(size.width * size.height);
  const decode = (): Pixels => {
    let pixels: Pixels;
    try {
      pixels = png ? decodePng(data, png) : decodeJpeg(data);
    } catch {
      // the decoders' own words (pngjs, libjpeg) say little to whoever made the file
      throw damaged();
    }
    if (pixels.width !== size.width || pixels.height !== size.height || pixels.data.length !== size.width * size.height * 4) throw damaged();
    return pixels;
  };
  const format = jpeg ? 'jpeg' : 'png';
  // a photograph as an earlier build found it: decoded again only where its pixels are asked for
  const cached = jpeg ? cache : undefined;
  const colour = cached?.colour(data);
  if (colour !== undefined) {
    let pixels: Uint8Array | undefined;
    return { path, width: size.width, height: size.height, data, format, colour, get pixels() { return (pixels ??= decode().data); } };
  }
  const pixels = decode();
  const file = { path, width: pixels.width, height: pixels.height, data, format, colour: hasColour(pixels), pixels: pixels.data } as const;
  cached?.keepColour(data, file.colour);
  return file;
}

/** A PNG's pixels, once its chunks and pixel data are found whole and no larger than its header says. */
function decodePng(data: Buffer, header: PngHeader): Pixels {
  const whole = checkedPng(data, header);
  if (!whole) throw new Error('cut off or damaged');
  return PNG.sync.read(whole);
}

/** How far a pixel's red, green and blue may differ and it still be grey (the image cache keeps what was found so). */
export const GREY_TOLERANCE = 2;

/** Whether any pixel of RGBA pixels is not grey. */
function hasColour({ data }: Pixels): boolean {
  for (let i = 0; i < data.length; i += 4) {
    if (Math.abs(data[i]! - data[i + 1]!) > GREY_TOLERANCE || Math.abs(data[i + 1]! - data[i + 2]!) > GREY_TOLERANCE) return true;
  }
  return false;
}

/** Lightness of a colour from its red, green and blue (0–255): Rec. 601 luma, as black-and-white output prints it. */
export function luma(r: number, g: number, b: number): number {
  return 0.299 * r + 0.587 * g + 0.114 * b;
}
