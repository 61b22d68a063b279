import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { initProject } from '../../src/cli/init.js';
import { checksum } from '../../src/font/check.js';
import { CLI, expectOneLineError, zineWith } from '../support/cli.js';
import { fonts, ROOT } from '../support/fixtures.js';
import { setConfig } from '../support/project.js';

/**
 * Files from strangers: images and fonts made to exhaust memory, cut off or
 * damaged. Each must be refused in one line naming the file, quickly and
 * without a stack trace.
 */
describe('hostile files', () => {
  let n = 0;
  const cache = mkdtempSync(join(tmpdir(), 'zine-hostile-cache-'));
  /** A fresh project, changed by `change`. */
  const project = (change: (dir: string) => void): string => {
    const dir = join(mkdtempSync(join(tmpdir(), 'zine-hostile-')), `p${n++}`);
    initProject(dir);
    mkdirSync(join(dir, 'images'));
    change(dir);
    return dir;
  };
  const run = (dir: string, command = 'build'): ReturnType<typeof zineWith> =>
    zineWith({ ZINE_CACHE_DIR: cache }, command, '--project', dir, '--paper', 'letter', ...(command === 'preview' ? ['--dpi', '10'] : []));
  const section = (dir: string, md: string): void => writeFileSync(join(dir, 'locales', 'en', 'sections', '02-pics.md'), md);
  const coverImage = (dir: string, src: string): void => setConfig(dir, { coverImage: src });

  beforeAll(() => {
    expect(readdirSync(join(ROOT, 'dist', 'cli')).length).toBeGreaterThan(0);
  });

  it('a PNG zlib bomb, and a tiny PNG declaring a huge image', async () => {
    const bomb = project((d) => {
      writeFileSync(join(d, 'images', 'bomb.png'), png(64, 64, deflateSync(Buffer.alloc(256 * 1024 * 1024)), true));
      section(d, '![](images/bomb.png)\n');
    });
    expectOneLineError(await run(bomb), '02-pics.md:1', 'image images/bomb.png is cut off or damaged');
    const huge = project((d) => {
      writeFileSync(join(d, 'images', 'huge.png'), png(20000, 20000, deflateSync(Buffer.alloc(1000))));
      section(d, 'Text.\n\n![](images/huge.png)\n');
    });
    expectOneLineError(await run(huge), '02-pics.md:3', 'image images/huge.png has more than 40 million pixels');
  });

  it('a cut-off cover image, and images that are folders', async () => {
    const cut = project((d) => {
      const jpeg = readFileSync(join(ROOT, 'images', 'cover.jpg'));
      writeFileSync(join(d, 'images', 'cover.jpg'), jpeg.subarray(0, jpeg.length / 3));
      coverImage(d, 'images/cover.jpg');
    });
    expectOneLineError(await run(cut), 'zine.json', 'image images/cover.jpg is cut off or damaged');
    const folder = project((d) => coverImage(d, 'images'));
    expectOneLineError(await run(folder), 'zine.json', 'image images is a folder');
    const figure = project((d) => section(d, '![](images/)\n'));
    expectOneLineError(await run(figure), '02-pics.md:1', 'is a folder');
  });

  it('a cut-off font, and one whose outlines were damaged', async () => {
    const serif = readFileSync(join(ROOT, 'fonts', 'NotoSerif-Regular.ttf'));
    const cut = project((d) => writeFileSync(join(d, 'fonts', 'NotoSerif-Regular.ttf'), serif.subarray(0, 300_000)));
    expectOneLineError(await run(cut), 'NotoSerif-Regular.ttf', 'not a usable TTF/OTF font: cut off');
    const damaged = project((d) => {
      const font = Buffer.from(serif);
      const glyf = table(font, 'glyf');
      font.fill(0xff, glyf.offset + 100_000, glyf.offset + 200_000);
      writeFileSync(join(d, 'fonts', 'NotoSerif-Regular.ttf'), font);
    });
    expectOneLineError(await run(damaged), 'NotoSerif-Regular.ttf', 'its glyf table is damaged');
  });

  it('a WOFF refused as a font that cannot be embedded; a collection whose header is damaged refused as such', async () => {
    const serif = readFileSync(join(ROOT, 'fonts', 'NotoSerif-Regular.ttf'));
    const messages = { wOFF: 'only TTF or OTF fonts and their collections (TTC, OTC) can be embedded (not WOFF or WOFF2)', ttcf: 'not a usable font collection: its header is cut off or damaged' };
    for (const [signature, message] of Object.entries(messages)) {
      const dir = project((d) => writeFileSync(join(d, 'fonts', 'NotoSerif-Regular.ttf'), Buffer.concat([Buffer.from(signature, 'latin1'), serif.subarray(4)])));
      expectOneLineError(await run(dir), 'NotoSerif-Regular.ttf', message);
    }
  });

  it('an output folder the project came with as a link out of it: nothing written there; --out elsewhere is the user\'s choice', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'zine-hostile-elsewhere-'));
    const dir = project((d) => symlinkSync(elsewhere, join(d, 'out')));
    expectOneLineError(await run(dir), 'the output folder is a link out of the project, to', 'remove the link, or name the folder with --out');
    expect(readdirSync(elsewhere)).toEqual([]);
    const chosen = await zineWith({ ZINE_CACHE_DIR: cache }, 'build', '--project', dir, '--paper', 'letter', '--out', elsewhere);
    expect(chosen.code, chosen.stderr).toBe(0);
    expect(readdirSync(elsewhere)).toEqual(['en']);
  });

  it('a forged glyph (made of itself, its checksums set right) in a preview', async () => {
    const dir = project((d) => {
      const font = Buffer.from(readFileSync(join(ROOT, 'fonts', 'NotoSerif-Regular.ttf')));
      const [glyf, loca] = [table(font, 'glyf'), table(font, 'loca')];
      const a = fonts.face('serif', false, false).font.glyphForCodePoint(0x61).id;
      const at = glyf.offset + font.readUInt32BE(loca.offset + 4 * a);
      // a composite glyph whose one component is itself
      font.writeInt16BE(-1, at);
      font.writeUInt16BE(0x0020, at + 10);
      font.writeUInt16BE(a, at + 12);
      font.writeUInt32BE(checksum(font, glyf.offset, glyf.length), glyf.record + 4);
      writeFileSync(join(d, 'fonts', 'NotoSerif-Regular.ttf'), font);
    });
    expectOneLineError(await run(dir, 'preview'), 'NotoSerif-Regular.ttf', 'cannot be drawn: the font is damaged');
  });

  it('compound glyphs of many of each other, which would come to millions of points: refused in a build', async () => {
    const started = performance.now();
    const dir = project((d) => {
      const font = Buffer.from(readFileSync(join(ROOT, 'fonts', 'NotoSerif-Regular.ttf')));
      const [glyf, loca] = [table(font, 'glyf'), table(font, 'loca')];
      const start = (id: number): number => font.readUInt32BE(loca.offset + 4 * id);
      const length = (id: number): number => start(id + 1) - start(id);
      const a = fonts.face('serif', false, false).font.glyphForCodePoint(0x61).id;
      // a chain of glyphs from the letter a, each made of as many of the next as its room holds (six bytes a
      // component), down to a simple glyph: tens of components at each of four steps
      const roomy = Array.from({ length: 3000 }, (_, id) => id).filter((id) => id !== a && length(id) >= 10 + 6 * 20 && font.readInt16BE(glyf.offset + start(id)) > 0);
      const chain = [a, ...roomy.slice(0, 4)];
      chain.slice(0, -1).forEach((id, step) => {
        const at = glyf.offset + start(id);
        const count = Math.min(30, Math.floor((length(id) - 10) / 6));
        font.writeInt16BE(-1, at);
        for (let k = 0; k < count; k++) {
          const record = at + 10 + 6 * k;
          // more components after it but for the last; byte offsets
          font.writeUInt16BE(k < count - 1 ? 0x0020 : 0, record);
          font.writeUInt16BE(chain[step + 1]!, record + 2);
          font.writeInt8(k % 7, record + 4);
          font.writeInt8(0, record + 5);
        }
      });
      font.writeUInt32BE(checksum(font, glyf.offset, glyf.length), glyf.record + 4);
      writeFileSync(join(d, 'fonts', 'NotoSerif-Regular.ttf'), font);
    });
    expectOneLineError(await run(dir), 'NotoSerif-Regular.ttf', 'cannot be drawn: the font is damaged');
    // the printer test is set in the PDF's standard Helvetica: it reads no font of the project
    const sheet = await run(dir, 'print-test');
    expect(sheet.code, sheet.stderr).toBe(0);
    expect(performance.now() - started).toBeLessThan(30_000);
  });

  it('a shaping cache changed by someone else: the same PDFs as without it; two builds at once into one cache', async () => {
    const dir = project(() => {});
    const shapings = mkdtempSync(join(tmpdir(), 'zine-hostile-shapings-'));
    const build = (out: string, ...options: string[]): ReturnType<typeof zineWith> =>
      zineWith({ ZINE_CACHE_DIR: shapings }, 'build', '--project', dir, '--paper', 'letter', '--out', join(dir, out), ...options);
    expect((await build('fresh', '--no-cache')).code).toBe(0);
    expect((await build('cached')).code).toBe(0);
    for (const file of readdirSync(shapings).filter((f) => f.endsWith('.json'))) {
      // after its signature line, which is kept: whoever changes the file has not the key to sign it again
      const [signature, body] = readFileSync(join(shapings, file), 'utf8').split(/\n(.*)/s);
      const stored = JSON.parse(body!) as { texts: Record<string, unknown[][]> };
      const texts = Object.keys(stored.texts);
      // every other text given its neighbour's glyphs, the rest glyphs past the font's end
      for (let i = 0; i + 1 < texts.length; i += 2) [stored.texts[texts[i]!], stored.texts[texts[i + 1]!]] = [stored.texts[texts[i + 1]!]!, stored.texts[texts[i]!]!];
      for (const glyphs of Object.values(stored.texts).filter((_, i) => i % 3 === 0)) for (const g of glyphs) g[0] = 70_000;
      writeFileSync(join(shapings, file), `${signature}\n${JSON.stringify(stored)}`);
    }
    const tampered = await build('tampered');
    expect(tampered.code).toBe(0);
    expect(tampered.stderr).toBe('');
    expect(hashes(join(dir, 'tampered', 'en'))).toEqual(hashes(join(dir, 'fresh', 'en')));

    rmSync(shapings, { recursive: true });
    const [a, b] = await Promise.all(['at-once-a', 'at-once-b'].map((out) => zineAsync({ ZINE_CACHE_DIR: shapings }, 'build', '--project', dir, '--paper', 'letter', '--out', join(dir, out))));
    expect([a, b]).toEqual([0, 0]);
    expect(hashes(join(dir, 'at-once-a', 'en'))).toEqual(hashes(join(dir, 'fresh', 'en')));
    expect(hashes(join(dir, 'at-once-b', 'en'))).toEqual(hashes(join(dir, 'fresh', 'en')));
    expect((await build('after')).code).toBe(0);
    expect(hashes(join(dir, 'after', 'en'))).toEqual(hashes(join(dir, 'fresh', 'en')));
  });
});

const hashes = (dir: string): string[] =>
  readdirSync(dir).sort().map((f) => createHash('sha256').update(readFileSync(join(dir, f))).digest('hex'));

/** The compiled `zine` command run without waiting for it: its exit code. */
function zineAsync(env: Record<string, string>, ...args: string[]): Promise<number> {
  return new Promise((done) => {
    spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: 'ignore' }).on('close', (code) => done(code ?? -1));
  });
}

/** A PNG of the declared size (RGBA, 8 bits) whose pixel data is the zlib stream `idat`. */
function png(width: number, height: number, idat: Uint8Array, interlaced = false): Buffer {
  const chunk = (type: string, data: Uint8Array): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, interlaced ? 1 : 0], 8);
  return Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), chunk('IHDR', header), chunk('IDAT', idat), chunk('IEND', new Uint8Array())]);
}

/** Where a font's table is: its directory record, offset and length. */
function table(font: Buffer, tag: string): { record: number; offset: number; length: number } {
  for (let i = 0; i < font.readUInt16BE(4); i++) {
    const record = 12 + 16 * i;
    if (font.toString('latin1', record, record + 4) === tag) return { record, offset: font.readUInt32BE(record + 8), length: font.readUInt32BE(record + 12) };
  }
  throw new Error(`no ${tag} table`);
}
