import { resolve } from 'node:path';
import { PNG } from 'pngjs';
import { ZineError, type SourceRef } from '../errors.js';
import { decodeJpeg, jpegFrame, type Pixels } from './jpeg.js';
import { isInside, readSourceBytes } from './source-files.js';

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
  /** Decoded RGBA pixels. */
  pixels: Uint8Array;
}

const MAX_BYTES = 25 * 1024 * 1024;
const MAX_PIXELS = 40_000_000;

/** Images by path, refused when missing, outside the project, not PNG or JPEG, or too large. */
export class ImageLibrary {
  private readonly images = new Map<string, ImageFile>();

  constructor(private readonly projectDir: string) {}

  /** The image at `src` (relative to the project folder); `where` names the file that asks for it. */
  get(src: string, where: SourceRef): ImageFile {
    const path = resolve(this.projectDir, src);
    if (!isInside(path, this.projectDir)) {
      throw new ZineError(`image ${src} is outside the project folder: refused`, where);
    }
    let image = this.images.get(path);
    if (!image) {
      image = load(path, src, this.projectDir, where);
      this.images.set(path, image);
    }
    return image;
  }
}

function load(path: string, src: string, projectDir: string, where: SourceRef): ImageFile {
  let data: Buffer;
  try {
    data = readSourceBytes(path, projectDir, MAX_BYTES, `image ${src}`);
  } catch (e) {
    // the section that asks for the image is where to look
    if (e instanceof ZineError) throw new ZineError(e.message, where);
    throw e;
  }
  const tooLarge = (): ZineError => new ZineError(`image ${src} has more than ${MAX_PIXELS / 1e6} million pixels`, where);
  const frame = jpegFrame(data);
  // refused before decoding: a small file can hold a huge image
  if (frame && frame.width * frame.height > MAX_PIXELS) throw tooLarge();
  let pixels: Pixels;
  let format: ImageFile['format'];
  try {
    if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
      [pixels, format] = [PNG.sync.read(data), 'png'];
    } else if (data[0] === 0xff && data[1] === 0xd8) {
      [pixels, format] = [decodeJpeg(data), 'jpeg'];
    } else {
      throw new ZineError(`image ${src} is not a PNG or JPEG file`, where);
    }
  } catch (e) {
    if (e instanceof ZineError) throw e;
    throw new ZineError(`image ${src} cannot be read: ${e instanceof Error ? e.message : String(e)}`, where);
  }
  if (pixels.width * pixels.height > MAX_PIXELS) throw tooLarge();
  return { path, width: pixels.width, height: pixels.height, data, format, colour: hasColour(pixels), pixels: pixels.data };
}

/** Whether any pixel of RGBA pixels is not grey. */
function hasColour({ data }: Pixels): boolean {
  for (let i = 0; i < data.length; i += 4) {
    if (Math.abs(data[i]! - data[i + 1]!) > 2 || Math.abs(data[i + 1]! - data[i + 2]!) > 2) return true;
  }
  return false;
}

/** Lightness of a colour from its red, green and blue (0–255): Rec. 601 luma, as black-and-white output prints it. */
export function luma(r: number, g: number, b: number): number {
  return 0.299 * r + 0.587 * g + 0.114 * b;
}
