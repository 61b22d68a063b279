import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { luma } from '../../src/content/images.js';
import { decodeJpeg, greyJpeg, jpegFrame } from '../../src/content/jpeg.js';
import { ROOT } from '../support/fixtures.js';

const cover = readFileSync(join(ROOT, 'images', 'cover.jpg'));

describe('JPEG', () => {
  it('reads the frame header: size and colour components', () => {
    expect(jpegFrame(cover)).toEqual({ width: 825, height: 1275, components: 3 });
    expect(jpegFrame(readFileSync(join(ROOT, 'images', 'gas-price.png')))).toBeUndefined();
  });

  it('finds the frame header where libjpeg does, past fill and stray bytes, and only before the first scan', () => {
    const sof = cover.indexOf(Buffer.from([0xff, 0xc0]));
    // libjpeg skips fill bytes (FF) and, with a warning, stray bytes before a marker: a size hidden so must still be read
    const padded = Buffer.concat([cover.subarray(0, sof), Buffer.from([0x00, 0x17, 0xff, 0xff, 0xff]), cover.subarray(sof)]);
    expect(jpegFrame(padded)).toEqual({ width: 825, height: 1275, components: 3 });
    expect(decodeJpeg(padded).width).toBe(825);
    const sos = cover.indexOf(Buffer.from([0xff, 0xda]));
    expect(sos).toBeGreaterThan(sof);
    // a scan before any frame, a frame of no size, a file cut inside the frame header
    const scanFirst = Buffer.concat([cover.subarray(0, sof), cover.subarray(sos)]);
    expect(jpegFrame(scanFirst)).toBeUndefined();
    const empty = Buffer.from(cover);
    empty.fill(0, sof + 5, sof + 9);
    expect(jpegFrame(empty)).toBeUndefined();
    expect(jpegFrame(cover.subarray(0, sof + 8))).toBeUndefined();
  });

  it('decodes to RGBA pixels that stay as they are when the next image is decoded', () => {
    const first = decodeJpeg(cover);
    expect([first.width, first.height, first.data.length]).toEqual([825, 1275, 825 * 1275 * 4]);
    const copy = Uint8Array.from(first.data);
    const second = decodeJpeg(cover);
    expect(Buffer.compare(Buffer.from(first.data), Buffer.from(copy))).toBe(0);
    expect(Buffer.compare(Buffer.from(second.data), Buffer.from(copy))).toBe(0);
    // opaque
    expect(first.data.filter((_, i) => i % 4 === 3).every((a) => a === 255)).toBe(true);
  });

  it('says why a broken or cut-off JPEG cannot be read, leaves the exit code alone, and decodes the next one', () => {
    expect(() => decodeJpeg(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]))).toThrow(/JPEG datastream contains no image/);
    expect(() => decodeJpeg(cover.subarray(0, cover.length / 2))).toThrow(/Premature end of JPEG file/);
    expect(process.exitCode).toBeUndefined();
    expect(decodeJpeg(cover).width).toBe(825);
  });

  it('decodes a CMYK JPEG (as made for print) to its colour', () => {
    const cmyk = readFileSync(join(import.meta.dirname, 'fixtures', 'cmyk-red.jpg'));
    expect(jpegFrame(cmyk)?.components).toBe(4);
    const { width, height, data } = decodeJpeg(cmyk);
    expect([width, height]).toEqual([16, 16]);
    const [r, g, b] = [data[0]!, data[1]!, data[2]!];
    expect(r).toBeGreaterThan(150);
    expect(g).toBeLessThan(90);
    expect(b).toBeLessThan(90);
  });

  it('encodes a grey JPEG of one component whose greys are the picture\'s luma', () => {
    const pixels = decodeJpeg(cover);
    const grey = greyJpeg(pixels);
    expect(jpegFrame(grey)).toEqual({ width: 825, height: 1275, components: 1 });
    expect(grey.length).toBeLessThan(cover.length * 2);
    const back = decodeJpeg(grey);
    let [difference, coloured] = [0, 0];
    for (let p = 0; p < 825 * 1275; p++) {
      const i = p * 4;
      if (back.data[i] !== back.data[i + 1] || back.data[i] !== back.data[i + 2]) coloured++;
      difference += Math.abs(back.data[i]! - luma(pixels.data[i]!, pixels.data[i + 1]!, pixels.data[i + 2]!));
    }
    expect(coloured).toBe(0);
    expect(difference / (825 * 1275)).toBeLessThan(2);
  });
});
