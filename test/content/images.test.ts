import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ZineError } from '../../src/errors.js';
import { ImageLibrary, type ImageBudgets } from '../../src/content/images.js';
import { ImageStreams } from '../../src/render/pdf-images.js';
import { filteredSize, pngHeader } from '../../src/content/png.js';
import { ROOT } from '../support/fixtures.js';

const SECTION = { file: 'locales/en/sections/01.md', line: 3 };

function chunk(type: string, data: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG of the declared size (RGBA, 8 bits) whose pixel data is `idat`, a zlib stream. */
function png(width: number, height: number, idat: Uint8Array, interlaced = false): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, interlaced ? 1 : 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', idat), chunk('IEND', new Uint8Array()),
  ]);
}

/** Rows of red pixels, each with its filter byte (none). */
function redRows(width: number, height: number): Buffer {
  const row = Buffer.alloc(1 + width * 4);
  for (let x = 0; x < width; x++) row.set([255, 0, 0, 255], 1 + x * 4);
  return Buffer.concat(Array.from({ length: height }, () => row));
}

/**
 * A progressive grey JPEG of `size`×`size` pixels, all mid-grey: a scan of
 * the DC coefficients, then `acScans` scans of the AC coefficients, each
 * saying only "the next 16384 blocks are empty" as often as there are blocks.
 */
function progressiveJpeg(size: number, acScans: number): Buffer {
  const segment = (marker: number, body: number[]): Buffer => Buffer.from([0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body]);
  // a Huffman table of one code, 0, for one symbol
  const huffman = (tableClass: number, symbol: number): number[] => [tableClass << 4, 1, ...new Array<number>(15).fill(0), symbol];
  const blocks = (size / 8) ** 2;
  // EOB14 (0xE0): code 0 and fourteen bits, 0: a run of 2^14 empty blocks; ones pad the scan to a whole byte
  const bits = '0'.repeat((15 * blocks) / 2 ** 14).padEnd(Math.ceil((15 * blocks) / 2 ** 14 / 8) * 8, '1');
  const emptyRuns = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const parts = [
    Buffer.from([0xff, 0xd8]),
    segment(0xdb, [0, ...new Array<number>(64).fill(1)]),
    segment(0xc2, [8, size >> 8, size & 0xff, size >> 8, size & 0xff, 1, 1, 0x11, 0]),
    segment(0xc4, huffman(0, 0)), segment(0xc4, huffman(1, 0xe0)),
    // the DC scan: every block's difference 0, one bit each
    segment(0xda, [1, 1, 0x00, 0, 0, 0]), Buffer.alloc(blocks / 8),
  ];
  for (let i = 0; i < acScans; i++) parts.push(segment(0xda, [1, 1, 0x00, 1, 63, 0]), emptyRuns);
  parts.push(Buffer.from([0xff, 0xd9]));
  return Buffer.concat(parts);
}

/** A project folder holding `files`, and its image library. */
function library(files: Record<string, Uint8Array>, budgets?: ImageBudgets): ImageLibrary {
  const dir = mkdtempSync(join(tmpdir(), 'zine-images-'));
  mkdirSync(join(dir, 'images'));
  for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), data);
  return new ImageLibrary(dir, undefined, budgets);
}

/** The one error loading `name` gives. */
function refusal(images: ImageLibrary, name: string): ZineError {
  try {
    images.get(name, SECTION);
  } catch (e) {
    expect(e).toBeInstanceOf(ZineError);
    return e as ZineError;
  }
  throw new Error(`${name} was not refused`);
}

describe('images from strangers', () => {
  it('loads a normal PNG, interlaced or not, and the example\'s images', () => {
    const plain = png(30, 20, deflateSync(redRows(30, 20)));
    const images = library({ 'red.png': plain });
    const red = images.get('red.png', SECTION);
    expect([red.width, red.height, red.format, red.colour]).toEqual([30, 20, 'png', true]);
    expect([...red.pixels.subarray(0, 4)]).toEqual([255, 0, 0, 255]);
    // an interlaced image's passes: 8×8 in Adam7 is 1×1, 1×1, 2×1, 2×2, 4×2, 4×4 and 8×4 pixels, each row with its filter byte
    const interlaced = pngHeader(png(8, 8, new Uint8Array(), true))!;
    expect(filteredSize(interlaced)).toBe(1 * 5 + 1 * 5 + 1 * 9 + 2 * 9 + 2 * 17 + 4 * 17 + 4 * 33);
    const passes = Buffer.alloc(filteredSize(interlaced), 0);
    expect(library({ 'i.png': png(8, 8, deflateSync(passes), true) }).get('i.png', SECTION).width).toBe(8);

    const example = new ImageLibrary(ROOT);
    expect(example.get('images/gas-price.png', SECTION).width).toBe(600);
    expect(example.get('images/cover.jpg', SECTION).width).toBe(825);
  });

  it('refuses an address, naming it as one: a build reads no network', () => {
    for (const src of ['https://example.org/a.png', 'HTTP://example.org/a.png', 'ftp://x/a.jpg', 'mailto:a@b.org']) {
      expect(refusal(library({}), src).message).toBe(`image ${src} is an address: a build sets only the project's own files (download it into images/ and name it there)`);
    }
    // a picture written into the text: named by its start
    const inline = `data:image/png;base64,${'A'.repeat(100_000)}`;
    expect(refusal(library({}), inline).message).toBe(`image ${inline.slice(0, 57)}… is an address: a build sets only the project's own files (download it into images/ and name it there)`);
  });

  it('refuses a tiny PNG declaring a huge image from its header, before decoding it', () => {
    // no pixel data at all: refused for its size, not for that, so its data was never looked at
    const images = library({ 'huge.png': png(20000, 20000, Buffer.from('not even zlib')) });
    const e = refusal(images, 'huge.png');
    expect(e.message).toBe('image huge.png has more than 40 million pixels');
    expect(e.where).toEqual(SECTION);
  });

  it('refuses, before decoding it, the image that takes a zine\'s images past 160 million pixels together', () => {
    // each under the limit of one image, with no pixel data: the fifth is refused for the sum, so its data was never looked at
    const names = [1, 2, 3, 4, 5].map((n) => `big-${n}.png`);
    const images = library(Object.fromEntries(names.map((name) => [name, png(6000, 6500, Buffer.from('not even zlib'))])));
    // asked for again, as a session's next build asks, an image refused is not counted twice
    for (const name of [...names.slice(0, 4), ...names.slice(0, 4)]) expect(refusal(images, name).message).toBe(`image ${name} is cut off or damaged`);
    const e = refusal(images, 'big-5.png');
    expect(e.message).toMatch(/^image big-5\.png brings the zine's images past 160 million pixels together/);
    expect(e.where).toEqual(SECTION);
    // the budget is each locale's: the next counts only what it asks for
    images.beginLocale();
    expect(refusal(images, 'big-5.png').message).toBe('image big-5.png is cut off or damaged');
  });

  it('refuses the image whose file takes a zine\'s image files past their budget in bytes together, each locale counting its own', () => {
    // few pixels in large files (a PNG may carry any chunk): the pixels alone would never stop them
    const padded = (n: number): Buffer => {
      const file = png(10, 10, deflateSync(redRows(10, 10)));
      return Buffer.concat([file.subarray(0, 33), chunk('tEXt', Buffer.alloc(400_000, n)), file.subarray(33)]);
    };
    const names = [1, 2, 3].map((n) => `padded-${n}.png`);
    const images = library(Object.fromEntries(names.map((name, n) => [name, padded(n)])), { pixels: 160_000_000, bytes: 1024 * 1024 });
    for (const name of names.slice(0, 2)) expect(images.get(name, SECTION).width).toBe(10);
    const e = refusal(images, 'padded-3.png');
    expect(e.message).toBe('image padded-3.png brings the zine\'s image files past 1 MB together: refused (save them smaller, or as JPEG)');
    expect(e.where).toEqual(SECTION);
    images.beginLocale();
    expect(images.get('padded-3.png', SECTION).width).toBe(10);
  });

  it('lets go of what earlier locales read but the last did not ask for, once it passes a quarter of a locale\'s budget, and the PDF streams made of it', () => {
    const red = png(10, 10, deflateSync(redRows(10, 10)));
    const images = library({ 'a.png': red, 'b.png': red }, { pixels: 400, bytes: 1_000_000 });
    const streams = new ImageStreams(images);
    const read = (): [unknown, unknown, unknown, unknown] => [images.get('a.png', SECTION), streams.of('a.png', 'colour'), images.get('b.png', SECTION), streams.of('b.png', 'grey')];
    const first = read();
    // 200 pixels held, past a quarter of 400, all asked for by the locale before: kept
    images.beginLocale();
    const second = read();
    second.forEach((made, i) => expect(made).toBe(first[i]));
    // a locale that asks for a alone: b is let go, and read again where asked for
    images.beginLocale();
    const [a, aStream] = [images.get('a.png', SECTION), streams.of('a.png', 'colour')];
    images.beginLocale();
    expect([images.get('a.png', SECTION), streams.of('a.png', 'colour')]).toEqual([a, aStream]);
    expect(images.get('a.png', SECTION)).toBe(first[0]);
    expect(streams.of('a.png', 'colour')).toBe(first[1]);
    const b = images.get('b.png', SECTION);
    expect(b).not.toBe(first[2]);
    expect(b.pixels).toEqual((first[2] as typeof b).pixels);
    expect(streams.of('b.png', 'grey')).not.toBe(first[3]);
  });

  it('refuses a zlib bomb without inflating it past the declared image', () => {
    // a quarter of a megabyte of stream that inflates to 256 MB, in images that need 40 kB
    const bomb = deflateSync(Buffer.alloc(256 * 1024 * 1024), { level: 9 });
    expect(bomb.length).toBeLessThan(300 * 1024);
    const images = library({ 'bomb.png': png(100, 100, bomb), 'bomb-interlaced.png': png(100, 100, bomb, true) });
    for (const name of ['bomb.png', 'bomb-interlaced.png']) {
      expect(refusal(images, name).message).toBe(`image ${name} is cut off or damaged`);
    }
  });

  it('refuses a PNG whose pixel data is cut off, short, or one whose file ends early, in its own words', () => {
    const rows = redRows(100, 100);
    const whole = deflateSync(rows);
    const file = png(100, 100, whole);
    const images = library({
      'short.png': png(100, 100, deflateSync(rows.subarray(0, rows.length / 2))),
      'cut-stream.png': png(100, 100, whole.subarray(0, whole.length - 10)),
      'cut-file.png': file.subarray(0, file.length - 30),
      'no-end.png': file.subarray(0, file.length - 12),
      'header-only.png': file.subarray(0, 20),
    });
    for (const name of ['short.png', 'cut-stream.png', 'cut-file.png', 'no-end.png', 'header-only.png']) {
      const e = refusal(images, name);
      expect(e.message).toBe(`image ${name} is cut off or damaged`);
      expect(e.where).toEqual(SECTION);
    }
  });

  it('refuses a cut-off JPEG and one whose frame header is missing', () => {
    const cover = readFileSync(join(ROOT, 'images', 'cover.jpg'));
    // the frame header (SOF0) blanked out: libjpeg would find no image; nothing to check its size by
    const sof = cover.indexOf(Buffer.from([0xff, 0xc0]));
    const noFrame = Buffer.from(cover);
    noFrame.fill(0, sof, sof + 19);
    const images = library({ 'cut.jpg': cover.subarray(0, cover.length / 2), 'no-frame.jpg': noFrame, 'only-start.jpg': cover.subarray(0, 40) });
    for (const name of ['cut.jpg', 'no-frame.jpg', 'only-start.jpg']) {
      expect(refusal(images, name).message).toBe(`image ${name} is cut off or damaged`);
    }
  });

  it('refuses a progressive JPEG of thousands of scans, each a pass over the whole image', () => {
    const images = library({ 'ten.jpg': progressiveJpeg(1024, 10), 'many.jpg': progressiveJpeg(1024, 2000) });
    expect(images.get('ten.jpg', SECTION).width).toBe(1024);
    expect(refusal(images, 'many.jpg').message).toBe('image many.jpg is a JPEG of more than 500 scans, too many to decode');
  });

  it('says in one line that an image path is a folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zine-images-'));
    mkdirSync(join(dir, 'images'));
    copyFileSync(join(ROOT, 'images', 'cover.jpg'), join(dir, 'images', 'cover.jpg'));
    const e = refusal(new ImageLibrary(dir), 'images');
    expect(e.message).toBe('image images is a folder');
    expect(e.where).toEqual(SECTION);
  });
});
