import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { readSigned, signingKey, writeSigned } from '../signed-cache.js';
import { jpegFrame } from './jpeg.js';

/** The layout of the files and the grey JPEG's settings (content/jpeg.ts): another is worked out afresh. */
const FORMAT = 1;
/** No image is larger (content/images.ts), nor its grey JPEG. */
const MAX_BYTES = 25 * 1024 * 1024;

/** A photograph as the cache knows it: its file's bytes and its size in pixels. */
export interface Photograph {
  data: Buffer;
  width: number;
  height: number;
}

/**
 * What earlier builds learnt of the project's photographs (JPEGs that
 * libjpeg decodes: not CMYK, which another decoder reads), kept in
 * the cache folder: whether each has colour, and its grey JPEG for the
 * black-and-white files. A later build then neither decodes nor encodes a
 * photograph it has seen, which for a cover of twelve million pixels is the
 * better part of a second. Kept by the image's bytes, the JPEG codec and
 * the grey JPEG's settings, in files signed as the shapings are (see
 * signed-cache.ts); a grey JPEG read back must be one of the photograph's
 * size, else it is made again.
 */
export class ImageCache {
  /** The key, once looked for; null when the user has none and can make none here (then nothing is kept). */
  private key: Buffer | null | undefined;
  /** Each photograph's name in the cache, by its bytes. */
  private readonly names = new WeakMap<Buffer, string>();

  constructor(private readonly dir: string) {}

  /** Whether the photograph has colour, as a build found it; none when no build has. */
  colour(data: Buffer): boolean | undefined {
    const kept = this.read(data, 'colour', 1);
    return kept?.length === 1 && (kept[0] === 0x30 || kept[0] === 0x31) ? kept[0] === 0x31 : undefined;
  }

  keepColour(data: Buffer, colour: boolean): void {
    this.write(data, 'colour', colour ? '1' : '0');
  }

  /** The photograph's grey JPEG as a build made it; none when no build has, or the one kept is not of its size. */
  greyJpeg(photo: Photograph): Buffer | undefined {
    const kept = this.read(photo.data, 'grey.jpg', MAX_BYTES);
    if (!kept) return undefined;
    const frame = jpegFrame(kept);
    return frame?.components === 1 && frame.width === photo.width && frame.height === photo.height ? kept : undefined;
  }

  keepGreyJpeg(photo: Photograph, grey: Buffer): void {
    this.write(photo.data, 'grey.jpg', grey);
  }

  private read(data: Buffer, what: string, maxBytes: number): Buffer | undefined {
    const key = kept(data) ? this.signing() : undefined;
    return key ? readSigned(this.file(data, what), key, maxBytes) : undefined;
  }

  private write(data: Buffer, what: string, body: string | Buffer): void {
    const key = kept(data) ? this.signing() : undefined;
    if (key) writeSigned(this.file(data, what), key, body);
  }

  private signing(): Buffer | undefined {
    this.key ??= signingKey(this.dir) ?? null;
    return this.key ?? undefined;
  }

  private file(data: Buffer, what: string): string {
    let name = this.names.get(data);
    if (name === undefined) {
      const image = createHash('sha256').update(data).digest('hex');
      name = createHash('sha256').update(`${image} ${codecVersion()} ${FORMAT}`).digest('hex').slice(0, 32);
      this.names.set(data, name);
    }
    return join(this.dir, `image-${name}.${what}`);
  }
}

/** Whether what is found of a photograph is kept: a JPEG libjpeg decodes, grey or RGB. */
const kept = (data: Buffer): boolean => {
  const components = jpegFrame(data)?.components;
  return components === 1 || components === 3;
};

let codec: string | undefined;
/** The JPEG codec's version: another may decode or encode otherwise. */
function codecVersion(): string {
  codec ??= (JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@jsquash/jpeg/package.json'), 'utf8')) as { version: string }).version;
  return codec;
}
