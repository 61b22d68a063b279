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
/**
 * The most bytes the image files of one locale's zine may come to together:
 * each file is held while its image is (a PNG of photographs at the pixel
 * budget is some 400 MB; a file of few pixels may still be 25 MB).
 */
const MAX_TOTAL_BYTES = 512 * 1024 * 1024;
/**
 * What a build keeps of the images earlier locales read, their files and
 * decoded pixels, when the next locale begins: past a quarter of a locale's
 * budgets, those the last locale did not ask for are let go, and read again
 * where a later locale asks for them. Locales with images of their own thus
 * do not add up in memory, while the images every locale shows (a zine's
 * photographs, its translations' own covers aside) are read once.
 */
const KEPT_BETWEEN_LOCALES = 1 / 4;

/** The budgets of one locale's images (see MAX_TOTAL_PIXELS, MAX_TOTAL_BYTES): smaller ones for tests. */
export interface ImageBudgets {
  pixels: number;
  bytes: number;
}
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
  /** The pixels and bytes of the images a locale has asked for, each path counted once, loaded or refused (see MAX_TOTAL_PIXELS). */
  private used = { pixels: 0, bytes: 0 };
  private readonly counted = new Set<string>();
  /** The pixels and bytes of the images held, whichever locale read them (see KEPT_BETWEEN_LOCALES). */
  private held = { pixels: 0, bytes: 0 };
  /** How many times images held have been let go: what is made of them elsewhere (PDF streams) is let go with them. */
  generation = 0;

  constructor(
    private readonly projectDir: string,
    /** What earlier builds found of the photographs; none to decode each afresh. */
    private readonly cache?: KnownColours,
    private readonly budgets: ImageBudgets = { pixels: MAX_TOTAL_PIXELS, bytes: MAX_TOTAL_BYTES },
  ) {}

  /** The image at `src` (relative to the project folder); `where` names the file that asks for it. */
  get(src: string, where: SourceRef): ImageFile {
    const path = resolve(this.projectDir, src);
    if (!isInside(path, this.projectDir)) {
      throw new ZineError(`image ${src} is outside the project folder: refused`, where);
    }
    const charge = (pixels: number, bytes: number): void => {
      if (this.counted.has(path)) return;
      this.counted.add(path);
      this.used.pixels += pixels;
      this.used.bytes += bytes;
      if (this.used.pixels > this.budgets.pixels) {
        throw new ZineError(`image ${src} brings the zine's images past ${this.budgets.pixels / 1e6} million pixels together, more than its pages can show: refused (a page of 5.5 × 8.5 in holds 4.2 million at 300 dpi; scale the images down)`, where);
      }
      if (this.used.bytes > this.budgets.bytes) {
        throw new ZineError(`image ${src} brings the zine's image files past ${this.budgets.bytes / 1024 / 1024} MB together: refused (save them smaller, or as JPEG)`, where);
      }
    };
    let image = this.images.get(path);
    if (image) charge(image.width * image.height, image.data.length);
    else {
      image = load(path, src, this.projectDir, where, this.cache, charge);
      this.images.set(path, image);
      this.held.pixels += image.width * image.height;
      this.held.bytes += image.data.length;
    }
    return image;
  }

  /**
   * Starts counting a locale's images afresh: the budgets are what one
   * locale asks for, whatever came before. What earlier locales read is let
   * go where it passes KEPT_BETWEEN_LOCALES, all but what the last asked for.
   */
  beginLocale(): void {
    const kept = (what: keyof ImageBudgets): boolean => this.held[what] <= this.budgets[what] * KEPT_BETWEEN_LOCALES;
    if (!kept('pixels') || !kept('bytes')) {
      for (const [path, image] of this.images) {
        if (this.counted.has(path)) continue;
        this.images.delete(path);
        this.held.pixels -= image.width * image.height;
        this.held.bytes -= image.data.length;
        this.generation++;
      }
    }
    this.used = { pixels: 0, bytes: 0 };
    this.counted.clear();
  }

  /** Whether the image at `src` is held, read and not let go. */
  holds(src: string): boolean {
    return this.images.has(resolve(this.projectDir, src));
  }
}

/** Loads and checks an image, telling `charge` its pixels and bytes before they are decoded. */
function load(path: string, src: string, projectDir: string, where: SourceRef, cache: KnownColours | undefined, charge: (pixels: number, bytes: number) => void): ImageFile {
  // a build reads no network: an address is said to be one, not looked for as a file of that name
  if (/^[a-z][a-z0-9+.-]+:/i.test(src)) {
    // a data: address may run to megabytes: its start names it
    const named = src.length > 60 ? `${src.slice(0, 57)}…` : src;
    throw new ZineError(`image ${named} is an address: a build sets only the project's own files (download it into images/ and name it there)`, where);
  }
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
  charge(size.width * size.height, data.length);
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
