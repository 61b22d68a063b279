/**
 * JPEG in and out with libjpeg-turbo/MozJPEG compiled to WebAssembly (as
 * packaged by @jsquash/jpeg): decoding is several times faster than in
 * JavaScript, and black-and-white editions get their photographs as grey
 * JPEGs, a sixth of the size of deflated greys. JPEGs in CMYK, which libjpeg
 * cannot turn into RGB, are decoded by jpeg-js.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import decoderFactory from '@jsquash/jpeg/codec/dec/mozjpeg_dec.js';
import encoderFactory from '@jsquash/jpeg/codec/enc/mozjpeg_enc.js';
import jpegJs from 'jpeg-js';

// Node's WebAssembly, as far as it is used here (its types come with the DOM library, which this project does without)
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
};

/** RGBA pixels, four bytes a pixel. */
export interface Pixels {
  width: number;
  height: number;
  data: Uint8Array;
}

interface Decoder {
  decode(data: Uint8Array, preserveOrientation: boolean): Pixels | null;
}
interface Encoder {
  encode(data: Uint8Array, width: number, height: number, options: Record<string, number | boolean>): Uint8Array;
}

/** Grey, one byte a pixel (libjpeg's grey is Rec. 601 luma, as black-and-white output prints colour). */
const GRAYSCALE = 1;
/** Good enough for any photocopier or office printer; photographs are already lossy. */
const QUALITY = 90;

/**
 * An Emscripten module instantiated at once, on first use: with its
 * WebAssembly compiled and instantiated synchronously it is ready when the
 * factory returns. libjpeg's messages are kept, not printed, and its exit on
 * an error becomes an exception.
 */
function instantiate<T>(factory: unknown, wasm: string): { module: T; messages: string[] } {
  const messages: string[] = [];
  const compiled = new WebAssembly.Module(readFileSync(createRequire(import.meta.url).resolve(`@jsquash/jpeg/codec/${wasm}`)));
  const options = {
    noInitialRun: true,
    print: (): void => {},
    printErr: (message: string): void => void messages.push(message),
    quit: (_status: number, error: Error): never => {
      throw error;
    },
    instantiateWasm: (imports: object, ready: (instance: { exports: object }) => void): object => {
      const instance = new WebAssembly.Instance(compiled, imports);
      ready(instance);
      return instance.exports;
    },
  };
  // the factory's promise is left alone: the module is `options`, filled in by now
  void (factory as (o: typeof options) => Promise<unknown>)(options);
  if (!('decode' in options || 'encode' in options)) throw new Error(`${wasm} did not start synchronously`);
  return { module: options as unknown as T, messages };
}

let decoder: { module: Decoder; messages: string[] } | undefined;
let encoder: { module: Encoder; messages: string[] } | undefined;

/** Whether libjpeg (MozJPEG's) decodes a JPEG file: grey or RGB; jpeg-js reads CMYK, which libjpeg leaves inverted. */
export function libjpegDecodes(data: Uint8Array): boolean {
  return jpegFrame(data)?.components !== 4;
}

/** A JPEG file's pixels (check its size with jpegFrame first); throws with libjpeg's (or jpeg-js's) reason when it cannot be read. */
export function decodeJpeg(data: Uint8Array): Pixels {
  if (!libjpegDecodes(data)) {
    return jpegJs.decode(data, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: 1000, maxMemoryUsageInMB: 4096 });
  }
  decoder ??= instantiate<Decoder>(decoderFactory, 'dec/mozjpeg_dec.wasm');
  decoder.messages.length = 0;
  let pixels: Pixels | null = null;
  try {
    pixels = decoder.module.decode(data, false);
  } catch {
    // libjpeg stopped; its last message says why
  }
  // libjpeg fills in what a cut-off file lacks with grey, and only warns
  const cutOff = decoder.messages.find((m) => m.startsWith('Premature end of JPEG file'));
  if (!pixels) throw new Error(decoder.messages.at(-1) ?? 'not a readable JPEG');
  if (cutOff) throw new Error(cutOff);
  return { width: pixels.width, height: pixels.height, data: new Uint8Array(pixels.data.buffer, pixels.data.byteOffset, pixels.data.byteLength) };
}

/** How MozJPEG encodes a grey JPEG (the image cache keeps those made so, and only those). */
export const GREY_JPEG: Readonly<Record<string, number | boolean>> = {
  quality: QUALITY, baseline: true, arithmetic: false, progressive: false, optimize_coding: true, smoothing: 0,
  color_space: GRAYSCALE, quant_table: 3, trellis_multipass: false, trellis_opt_zero: false, trellis_opt_table: false,
  trellis_loops: 1, auto_subsample: true, chroma_subsample: 2, separate_chroma_quality: false, chroma_quality: QUALITY,
};

/** RGBA pixels as a baseline grey JPEG (one component). */
export function greyJpeg(pixels: Pixels): Buffer {
  encoder ??= instantiate<Encoder>(encoderFactory, 'enc/mozjpeg_enc.wasm');
  const encoded = encoder.module.encode(pixels.data, pixels.width, pixels.height, { ...GREY_JPEG });
  return Buffer.from(encoded.buffer, encoded.byteOffset, encoded.byteLength);
}

/**
 * A JPEG's size and number of colour components, from its frame header;
 * undefined for anything else, and for a JPEG whose frame header is missing,
 * cut off or of no size. Markers are found as libjpeg finds them (stray
 * bytes and fill bytes before a marker skipped), so that this is the frame
 * libjpeg decodes and its size can be refused before decoding.
 */
export function jpegFrame(data: Uint8Array): { width: number; height: number; components: number } | undefined {
  if (data[0] !== 0xff || data[1] !== 0xd8) return undefined;
  const u16 = (at: number): number => (data[at]! << 8) | data[at + 1]!;
  let at = 2;
  for (;;) {
    while (at < data.length && data[at] !== 0xff) at++;
    while (at < data.length && data[at] === 0xff) at++;
    if (at + 2 >= data.length) return undefined;
    const marker = data[at]!;
    // the first scan, or the image's end, comes before any frame: none
    if (marker === 0xda || marker === 0xd9) return undefined;
    // markers that stand alone: TEM, restarts
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at++;
      continue;
    }
    const length = u16(at + 1);
    // start-of-frame markers: C0–CF except DHT (C4), JPG (C8) and DAC (CC)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (length < 8 || at + 1 + length > data.length) return undefined;
      const [height, width, components] = [u16(at + 4), u16(at + 6), data[at + 8]!];
      return width > 0 && height > 0 ? { width, height, components } : undefined;
    }
    at += 1 + length;
  }
}

const START_OF_SCAN = Buffer.from([0xff, 0xda]);

/**
 * How many scans a JPEG has. Each scan of a progressive JPEG is a pass over
 * the whole image, a few bytes each: a small file of thousands of them keeps
 * libjpeg busy for minutes. (Inside a scan's data every FF byte is followed
 * by 00 or a restart marker, so the count is exact but for a thumbnail's.)
 */
export function jpegScans(data: Uint8Array): number {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  let scans = 0;
  for (let at = bytes.indexOf(START_OF_SCAN); at >= 0; at = bytes.indexOf(START_OF_SCAN, at + 2)) scans++;
  return scans;
}
