import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { initProject } from '../../src/cli/init.js';
import { ImageCache, PHOTOGRAPH_FILES } from '../../src/content/image-cache.js';
import { ImageLibrary } from '../../src/content/images.js';
import { greyJpeg, jpegFrame } from '../../src/content/jpeg.js';
import { SignedFolder } from '../../src/signed-cache.js';
import { ImageStreams } from '../../src/render/pdf-images.js';
import { ROOT } from '../support/fixtures.js';
import { withCoverPhotograph } from '../support/outputs.js';

/** The example's cover: a colour photograph of 825 × 1275 pixels. */
const COVER = join(ROOT, 'images', 'cover.jpg');
const cover = readFileSync(COVER);
const tmp = (name: string): string => mkdtempSync(join(tmpdir(), `zine-${name}-`));

/** A grey JPEG of the given size, all one grey. */
function plainGrey(width: number, height: number, level: number): Buffer {
  return greyJpeg({ width, height, data: new Uint8Array(width * height * 4).fill(level) });
}

/** The cache's files for images, by what each keeps. */
const imageFiles = (dir: string): string[] => readdirSync(dir).filter((f) => f.startsWith('image-')).map((f) => f.replace(/^image-[0-9a-f]+\./, '')).sort();

describe('ImageCache', () => {
  const photo = { data: cover, width: 825, height: 1275 };

  it('gives back what a build kept: a photograph\'s colour and its grey JPEG', () => {
    const dir = tmp('image-cache');
    const cache = new ImageCache(dir);
    expect(cache.colour(cover)).toBeUndefined();
    expect(cache.greyJpeg(photo)).toBeUndefined();
    const grey = plainGrey(825, 1275, 128);
    cache.keepColour(cover, true);
    cache.keepGreyJpeg(photo, grey);
    // a later build's cache, on the same folder
    const later = new ImageCache(dir);
    expect(later.colour(cover)).toBe(true);
    expect(later.greyJpeg(photo)?.equals(grey)).toBe(true);
    expect(imageFiles(dir)).toEqual(['colour', 'grey.jpg']);
    // named as the cache's pruning knows them
    for (const name of readdirSync(dir).filter((f) => f.startsWith('image-'))) expect(name).toMatch(PHOTOGRAPH_FILES.names);
    // another image's bytes find nothing
    expect(later.colour(Buffer.concat([cover, Buffer.from([0])]))).toBeUndefined();
  });

  it('reads no file the user\'s builds did not sign, and no grey JPEG of another size', () => {
    const [mine, theirs] = [tmp('image-cache'), tmp('image-cache')];
    new ImageCache(theirs).keepGreyJpeg(photo, plainGrey(825, 1275, 0));
    new ImageCache(theirs).keepColour(cover, false);
    // another user's files (signed with their key) put in the user's folder
    new ImageCache(mine).keepColour(cover, true);
    for (const f of readdirSync(theirs).filter((n) => n.startsWith('image-'))) copyFileSync(join(theirs, f), join(mine, f));
    const cache = new ImageCache(mine);
    expect(cache.colour(cover)).toBeUndefined();
    expect(cache.greyJpeg(photo)).toBeUndefined();
    // signed with the user's key, yet not a grey JPEG of the photograph's size
    cache.keepGreyJpeg(photo, plainGrey(824, 1275, 0));
    expect(new ImageCache(mine).greyJpeg(photo)).toBeUndefined();
    cache.keepGreyJpeg(photo, cover);
    expect(new ImageCache(mine).greyJpeg(photo)).toBeUndefined();
  });

  it('keeps nothing of a CMYK JPEG, which another decoder reads', () => {
    const dir = tmp('image-cache');
    const cmyk = readFileSync(join(import.meta.dirname, 'fixtures', 'cmyk-red.jpg'));
    const frame = jpegFrame(cmyk)!;
    const cache = new ImageCache(dir);
    cache.keepColour(cmyk, true);
    cache.keepGreyJpeg({ data: cmyk, width: frame.width, height: frame.height }, plainGrey(frame.width, frame.height, 90));
    expect(cache.colour(cmyk)).toBeUndefined();
    expect(imageFiles(dir)).toEqual([]);
  });

  it('is no cache where the folder cannot be written', () => {
    const file = join(tmp('image-cache'), 'a-file');
    writeFileSync(file, '');
    const cache = new ImageCache(join(file, 'cache'));
    cache.keepColour(cover, true);
    expect(cache.colour(cover)).toBeUndefined();
  });
});

describe('photographs an earlier build has seen', () => {
  it('are not decoded for their colour, and their pixels are still there when asked for', () => {
    const dir = tmp('image-cache');
    // a cache that says the colour photograph has none: only a library that did not decode it would believe that
    new ImageCache(dir).keepColour(cover, false);
    const file = new ImageLibrary(ROOT, new ImageCache(dir)).get('images/cover.jpg', { file: 'zine.json' });
    expect(file.colour).toBe(false);
    expect(file.pixels.length).toBe(825 * 1275 * 4);
    // without the cache, decoded: it has colour, and the cache learns so
    const fresh = tmp('image-cache');
    expect(new ImageLibrary(ROOT, new ImageCache(fresh)).get('images/cover.jpg', { file: 'zine.json' }).colour).toBe(true);
    expect(new ImageCache(fresh).colour(cover)).toBe(true);
  });

  it('are printed in black and white from the grey JPEG the cache keeps', () => {
    const dir = tmp('image-cache');
    const kept = plainGrey(825, 1275, 200);
    new ImageCache(dir).keepGreyJpeg({ data: cover, width: 825, height: 1275 }, kept);
    const stream = new ImageStreams(new ImageLibrary(ROOT), new ImageCache(dir)).of('images/cover.jpg', 'grey');
    expect(stream.data.equals(kept)).toBe(true);
    // with no cache, the grey JPEG is made from the photograph
    const made = new ImageStreams(new ImageLibrary(ROOT)).of('images/cover.jpg', 'grey').data;
    expect(jpegFrame(made)).toEqual({ width: 825, height: 1275, components: 1 });
    expect(made.equals(kept)).toBe(false);
  });

  it('build the same files from the cache as without it, and what the cache says is what the build prints', async () => {
    const project = join(tmp('image-cache'), 'zine');
    initProject(project);
    withCoverPhotograph(project);
    const cache = tmp('image-cache');
    const files = async (out: string): Promise<Map<string, Buffer>> => {
      const built = await build({ projectDir: project, outDir: join(project, out), papers: ['letter'], cache, parallel: false, warn: () => {} });
      return new Map(built.map((f) => [f.path.slice(join(project, out).length), readFileSync(f.path)]));
    };
    const first = await files('first');
    expect(imageFiles(cache)).toEqual(['colour', 'grey.jpg']);
    const second = await files('second');
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [name, data] of second) expect(data.equals(first.get(name)!), name).toBe(true);
    // the cache's word is taken, signed with the user's key: a grey JPEG of its own, and no colour
    const folder = new SignedFolder(cache, PHOTOGRAPH_FILES);
    const named = (what: string): string => readdirSync(cache).find((f) => f.endsWith(`.${what}`))!;
    const planted = plainGrey(825, 1275, 60);
    expect(folder.write(named('grey.jpg'), planted) && folder.write(named('colour'), '0')).toBe(true);
    expect(folder.read(named('colour'), 1)?.toString()).toBe('0');
    const third = await files('third');
    const blackAndWhite = [...third].find(([name]) => name.endsWith('_print_black_and_white.pdf'))![1];
    expect(blackAndWhite.includes(planted)).toBe(true);
    // a cover without colour: no colour print file
    expect([...first.keys()].some((name) => name.endsWith('_print_color.pdf'))).toBe(true);
    expect([...third.keys()].some((name) => name.endsWith('_print_color.pdf'))).toBe(false);
  }, 60_000);
});
