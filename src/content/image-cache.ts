import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { SignedFolder } from '../signed-cache.js';
import { GREY_TOLERANCE, MAX_IMAGE_BYTES, type KnownColours } from './images.js';
import { GREY_JPEG, jpegFrame, libjpegDecodes } from './jpeg.js';

/** The layout of the files. */
const FORMAT = 1;
/** The photographs' files (see name), and the bytes they may take together: a few hundred covers' grey JPEGs. */
export const PHOTOGRAPH_FILES = { names: /^image-[0-9a-f]{32}\.(?:colour|grey\.jpg)$/, mostBytes: 256 * 1024 * 1024 };

/** A photograph as the cache knows it: its file's bytes and its size in pixels. */
export interface Photograph {
  data: Buffer;
  width: number;
  height: number;
}

/**
 * What earlier builds learnt of the project's photographs (JPEGs that
 * libjpeg decodes: not CMYK, which jpeg-js reads), kept in the cache
 * folder: whether each has colour, and its grey JPEG for the
 * black-and-white files. A later build then neither decodes nor encodes a
 * photograph it has seen, which for a cover of twelve million pixels is the
 * better part of a second. Kept by the image's bytes and all that decides
 * what is kept of them (the JPEG codec's version, the grey JPEG's settings,
 * how far a grey pixel may stray), in files signed as the shapings are (see
 * signed-cache.ts); a grey JPEG read back must be one of the photograph's
 * size, else it is made again. What an earlier build accepted of the same
 * bytes is accepted.
 */
export class ImageCache implements KnownColours {
  private readonly folder: SignedFolder;
  /** Each photograph's name in the cache, by its bytes. */
  private readonly names = new WeakMap<Buffer, string>();

  constructor(dir: string) {
    this.folder = new SignedFolder(dir, PHOTOGRAPH_FILES);
  }

  /** Whether the photograph has colour, as a build found it; none when no build has. */
  colour(data: Buffer): boolean | undefined {
    const found = this.read(data, 'colour', 1);
    return found?.length === 1 && (found[0] === 0x30 || found[0] === 0x31) ? found[0] === 0x31 : undefined;
  }

  keepColour(data: Buffer, colour: boolean): void {
    this.write(data, 'colour', colour ? '1' : '0');
  }

  /** The photograph's grey JPEG as a build made it; none when no build has, or the one kept is not of its size. */
  greyJpeg(photo: Photograph): Buffer | undefined {
    const found = this.read(photo.data, 'grey.jpg', MAX_IMAGE_BYTES);
    if (!found) return undefined;
    const frame = jpegFrame(found);
    return frame?.components === 1 && frame.width === photo.width && frame.height === photo.height ? found : undefined;
  }

  keepGreyJpeg(photo: Photograph, grey: Buffer): void {
    this.write(photo.data, 'grey.jpg', grey);
  }

  private read(data: Buffer, what: string, maxBytes: number): Buffer | undefined {
    return libjpegDecodes(data) ? this.folder.read(this.name(data, what), maxBytes) : undefined;
  }

  private write(data: Buffer, what: string, body: string | Buffer): void {
    if (libjpegDecodes(data)) this.folder.write(this.name(data, what), body);
  }

  private name(data: Buffer, what: string): string {
    let name = this.names.get(data);
    if (name === undefined) {
      const image = createHash('sha256').update(data).digest('hex');
      const made = JSON.stringify([FORMAT, codecVersion(), GREY_JPEG, GREY_TOLERANCE]);
      name = createHash('sha256').update(`${image} ${made}`).digest('hex').slice(0, 32);
      this.names.set(data, name);
    }
    return `image-${name}.${what}`;
  }
}

let codec: string | undefined;
/** The JPEG codec's version: another may decode or encode otherwise. */
function codecVersion(): string {
  codec ??= (JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@jsquash/jpeg/package.json'), 'utf8')) as { version: string }).version;
  return codec;
}
