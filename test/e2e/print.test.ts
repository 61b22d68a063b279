import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, preview, printTest } from '../../src/build.js';
import { initProject } from '../../src/cli/init.js';
import { PAPERS } from '../../src/content/paper.js';
import { ROOT } from '../support/fixtures.js';
import { readPdf } from '../support/pdf.js';
import { setConfig } from '../support/project.js';

const MM = 72 / 25.4;

/** Each page's own content stream (what /Contents names): whether it is deflated, and its operators. */
function contentsOf(file: string): { deflated: boolean; operators: string }[] {
  const raw = readFileSync(file);
  const text = raw.toString('latin1');
  return [...text.matchAll(/\/Contents (\d+) 0 R/g)].map((m) => {
    const object = new RegExp(`\\n${m[1]} 0 obj\\n<<([^]*?)>>\\nstream\\n`).exec(text)!;
    const length = Number(/\/Length (\d+)/.exec(object[1]!)![1]);
    const deflated = object[1]!.includes('/FlateDecode');
    const body = raw.subarray(object.index + object[0].length, object.index + object[0].length + length);
    return { deflated, operators: (deflated ? inflateSync(body) : body).toString('latin1') };
  });
}

describe('print production', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'zine-print-')), 'p');
  beforeAll(() => initProject(dir));

  it('makes the one-sheet mini zine: one side, eight cells, top row upside down', async () => {
    const out = join(dir, 'mini');
    await build({ projectDir: dir, outDir: out, papers: ['letter'], print: { scheme: 'onepagezine' }, warn: () => {} });
    const pdf = await readPdf(join(out, 'en', 'p_onepagezine_black_and_white.pdf'));
    expect(pdf.pages).toHaveLength(1);
    const sheet = pdf.pages[0]!;
    expect([sheet.width, sheet.height]).toEqual([792, 612]);
    // the cover (page 1) sits bottom right and upright; the colophon (page 2) above it, upside down
    const title = sheet.runs.filter((r) => r.str.includes('ZINE')).sort((a, b) => b.size - a.size)[0]!;
    expect(title.x).toBeGreaterThan(792 * 0.75);
    expect(title.y).toBeLessThan(612 / 2);
    const colophon = sheet.runs.find((r) => r.str.includes('exists in'))!;
    expect(colophon.x).toBeGreaterThan(792 * 0.75);
    expect(colophon.y).toBeGreaterThan(612 / 2);
  });

  it('adds bleed and marks around the sheet, with a TrimBox where to cut', async () => {
    const out = join(dir, 'marks');
    await build({ projectDir: dir, outDir: out, papers: ['a4'], print: { marks: true, bleed: '3mm', paperThickness: '0.1mm' }, warn: () => {} });
    const file = join(out, 'en', 'p_print_black_and_white_a4.pdf');
    const pdf = await readPdf(file);
    const sheet = PAPERS.a4!.sheet;
    const margin = (3 + 3 + 6) * MM;
    expect(pdf.pages[0]!.width).toBeCloseTo(sheet.width + 2 * margin, 1);
    const raw = readFileSync(file, 'latin1');
    const trim = /\/TrimBox \[([\d.\s]+)\]/.exec(raw)![1]!.trim().split(/\s+/).map(Number);
    expect(trim[0]).toBeCloseTo(margin, 1);
    expect(trim[2]! - trim[0]!).toBeCloseTo(sheet.width, 1);
    // the text stays inside the trim
    for (const page of pdf.pages) for (const r of page.runs) expect(r.x).toBeGreaterThan(margin);
    // the marks are stroked in black alone (DeviceGray), as type is: no colour space of three
    const pages = contentsOf(file);
    expect(pages.some((c) => /\b0 G\n/.test(c.operators) && / l\nS\n/.test(c.operators))).toBe(true);
    expect(pages.filter((c) => /\b(RG|SCN|CS)\b/.test(c.operators))).toEqual([]);
  });

  it('writes a page\'s own content as it is where deflating would not shrink it, and deflates marks', async () => {
    const out = join(dir, 'plain');
    await build({ projectDir: dir, outDir: out, papers: ['letter'], warn: () => {} });
    const plain = contentsOf(join(out, 'en', 'p_print_black_and_white.pdf'));
    expect(plain.length).toBeGreaterThan(2);
    // a sheet's side places its two pages' drawings, some sixty bytes
    for (const c of plain) expect([c.deflated, /^1 0 0 -1 0 612 cm\n(q\n(1 0 0 1 [\d.]+ 0 cm\n)?\/P\d+ Do\nQ\n){1,2}$/.test(c.operators)]).toEqual([false, true]);
    const marked = contentsOf(join(dir, 'marks', 'en', 'p_print_black_and_white_a4.pdf'));
    expect(marked.every((c) => c.deflated && / l\nS\n/.test(c.operators))).toBe(true);
  });

  it('writes the duplex test sheet of the zine\'s first paper when none is named, into out/', async () => {
    const project = join(dir, 'a4-only');
    initProject(project);
    setConfig(project, { papers: ['a4'] });
    const file = await printTest(project);
    expect(file).toBe(join(project, 'out', 'print-test_a4.pdf'));
    expect((await readPdf(file)).pages[0]!.width).toBeCloseTo(PAPERS.a4!.sheet.width, 1);
  });

  it('writes the duplex test sheet: two sides, the back with both answers, one upside down', async () => {
    const file = await printTest(ROOT, 'a4', join(dir, 'print-test.pdf'));
    const pdf = await readPdf(file);
    expect(pdf.pages).toHaveLength(2);
    expect(pdf.pages[0]!.width).toBeCloseTo(PAPERS.a4!.sheet.width, 1);
    const back = pdf.pages[1]!;
    const short = back.runs.find((r) => r.str.startsWith('SHORT EDGE'))!;
    const long = back.runs.find((r) => r.str.startsWith('LONG EDGE'))!;
    expect(short.y).toBeGreaterThan(back.height / 2);
    expect(long.y).toBeLessThan(back.height / 2);
    // in the PDF's standard Helvetica, embedding no font of the project (pdfkit would hand those to fontkit's layout)
    const raw = readFileSync(file, 'latin1');
    expect([...raw.matchAll(/\/BaseFont \/([\w+-]+)/g)].map((m) => m[1]).sort()).toEqual(['Helvetica', 'Helvetica-Bold']);
  });

  it('draws previews: one picture per sheet, front and back side by side', () => {
    const out = join(dir, 'preview');
    const files = preview({ projectDir: dir, outDir: out, papers: ['letter'], warn: () => {}, dpi: 30 });
    const names = readdirSync(join(out, 'en', 'preview'));
    expect(names.length).toBe(files.length);
    expect(names[0]).toBe('p_letter_sheet-01.png');
    const png = PNG.sync.read(readFileSync(join(out, 'en', 'preview', names[0]!)));
    // two sides of 11 in at 30 dpi, with gaps
    expect(png.width).toBeGreaterThan(2 * 11 * 30);
    expect(png.height).toBeGreaterThan(8.5 * 30);
    // ink on the paper: the pages were drawn
    let dark = 0;
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i]! < 60 && png.data[i + 1]! < 60) dark++;
    expect(dark).toBeGreaterThan(100);
  });

  it('draws previews anew: a sheet the zine no longer has is gone from them, other papers\' pictures and other files stay', () => {
    const out = join(dir, 'preview-again');
    const folder = join(out, 'en', 'preview');
    const drawn = preview({ projectDir: dir, outDir: out, papers: ['letter'], warn: () => {}, dpi: 10 }).map((f) => basename(f.path));
    // as an earlier preview of a longer zine, or of the other paper, would have left them, and a file of the user's
    const left = ['p_letter_sheet-09.png', 'p_letter_sheet-10.png', 'p_a4_sheet-09.png', 'notes.png'];
    for (const name of left) writeFileSync(join(folder, name), 'earlier');
    preview({ projectDir: dir, outDir: out, papers: ['letter'], warn: () => {}, dpi: 10 });
    expect(readdirSync(folder).sort()).toEqual([...drawn, 'p_a4_sheet-09.png', 'notes.png'].sort());
  });
});
