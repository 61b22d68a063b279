import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { expectOneLineError, zine, zineIn } from '../support/cli.js';
import { ROOT } from '../support/fixtures.js';
import { readPdf, words } from '../support/pdf.js';

/** A new zine project of `zine init`, in a folder of its own. */
async function newProject(prefix: string): Promise<string> {
  const dir = join(mkdtempSync(join(tmpdir(), prefix)), 'zine');
  expect((await zine('init', dir)).code).toBe(0);
  return dir;
}

const pdfText = async (file: string): Promise<string> =>
  (await readPdf(file)).pages.map((p) => p.runs.map((r) => r.str).join(' ')).join('\n');

describe('an untranslated section', () => {
  it('is set in the original\'s current text, not in the copy locale add made', async () => {
    const project = await newProject('zine-untranslated-');
    expect((await zine('locale', 'add', 'de', '--project', project)).code).toBe(0);
    appendFileSync(join(project, 'locales', 'en', 'sections', '01-introduction.md'), '\nA sentence written after the copy.\n');
    const r = await zine('build', '--project', project, '--locale', 'de', '--paper', 'letter');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('section 01-introduction is marked as not yet translated into de: set in en');
    const text = await pdfText(join(project, 'out', 'de', 'zine_screen_single_page_view.pdf'));
    expect(words(text).join(' ')).toContain('a sentence written after the copy');
  });
});

describe('--out', () => {
  it('print-test writes into an existing folder or a new one named with a slash, and a PDF named so', async () => {
    const project = await newProject('zine-out-');
    const here = dirname(project);
    mkdirSync(join(here, 'sheets'));
    expect((await zineIn(here, 'print-test', '--project', 'zine', '--out', 'sheets')).code).toBe(0);
    expect(readdirSync(join(here, 'sheets'))).toEqual(['print-test_letter.pdf']);
    expect((await zineIn(here, 'print-test', '--project', 'zine', '--paper', 'a4', '--out', 'new/deeper/')).code).toBe(0);
    expect(readdirSync(join(here, 'new', 'deeper'))).toEqual(['print-test_a4.pdf']);
    expect((await zineIn(here, 'print-test', '--project', 'zine', '--out', 'other/test.pdf')).code).toBe(0);
    expect(readFileSync(join(here, 'other', 'test.pdf'), 'latin1')).toMatch(/^%PDF-/);
  });

  it('build writes into a new folder named with a slash, and refuses a file, or a path through one, in one line', async () => {
    const project = await newProject('zine-out-');
    const here = dirname(project);
    const r = await zineIn(here, 'build', '--project', 'zine', '--paper', 'letter', '--out', 'pdfs/new/');
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(here, 'pdfs', 'new', 'en'))).toContain('zine_screen_single_page_view.pdf');
    writeFileSync(join(here, 'notes.txt'), 'mine');
    for (const command of ['build', 'preview']) {
      expectOneLineError(await zineIn(here, command, '--project', 'zine', '--out', 'notes.txt'), 'notes.txt', 'the output folder is a file');
      expectOneLineError(await zineIn(here, command, '--project', 'zine', '--out', 'notes.txt/zines'), 'the output folder lies inside a file', 'notes.txt');
    }
    expectOneLineError(await zineIn(here, 'print-test', '--project', 'zine', '--out', 'notes.txt/test.pdf'), 'notes.txt', 'the output folder is a file');
    expect(readFileSync(join(here, 'notes.txt'), 'utf8')).toBe('mine');
  });
});

/** Straight lines a PDF strokes (pdfkit's y downward, as drawn), with their dash pattern if any. */
function strokes(file: string): { x1: number; y1: number; x2: number; y2: number; dash: string | undefined }[] {
  const raw = readFileSync(file);
  const text = raw.toString('latin1');
  const found: { x1: number; y1: number; x2: number; y2: number; dash: string | undefined }[] = [];
  // deflated, or (a page's own short content) as it is
  for (const m of text.matchAll(/\/Length (\d+)\n(\/Filter \/FlateDecode\n)?>>\nstream\n/g)) {
    const start = m.index + m[0].length;
    const body = raw.subarray(start, start + Number(m[1]));
    let content: string;
    try {
      content = (m[2] ? inflateSync(body) : body).toString('latin1');
    } catch {
      continue;
    }
    for (const l of content.matchAll(/(?:(\[[\d. ]*\]) [\d.]+ d\n)?([\d.]+) ([\d.]+) m\n([\d.]+) ([\d.]+) l\nS/g)) {
      found.push({ x1: Number(l[2]), y1: Number(l[3]), x2: Number(l[4]), y2: Number(l[5]), dash: l[1] });
    }
  }
  return found;
}

describe('the one-page zine', () => {
  it('prints its folds, dotted, besides the dashed cut line; a booklet prints none', async () => {
    const project = await newProject('zine-mini-');
    const r = await zine('build', '--project', project, '--paper', 'letter', '--scheme', 'onepagezine');
    expect(r.code, r.stderr).toBe(0);
    // one sheet side: counted as one
    expect(r.stdout).toMatch(/wrote \S*zine_onepagezine_black_and_white\.pdf \(1 page\)\n/);
    const lines = strokes(join(project, 'out', 'en', 'zine_onepagezine_black_and_white.pdf'));
    const folds = lines.filter((l) => l.dash === '[1 2]').map(({ x1, y1, x2, y2 }) => [x1, y1, x2, y2]);
    // the sheet is 792 × 612: folds between the four columns, top to bottom, and across the middle beside the cut
    expect(folds).toEqual(expect.arrayContaining([[198, 0, 198, 612], [396, 0, 396, 612], [594, 0, 594, 612], [0, 306, 198, 306], [594, 306, 792, 306]]));
    expect(folds).toHaveLength(5);
    expect(lines.filter((l) => l.dash === '[4 3]').map(({ x1, y1, x2, y2 }) => [x1, y1, x2, y2])).toEqual([[198, 306, 594, 306]]);
    expect((await zine('build', '--project', project, '--paper', 'letter')).code).toBe(0);
    expect(strokes(join(project, 'out', 'en', 'zine_print_black_and_white.pdf'))).toEqual([]);
  });
});

describe('the spec data', () => {
  const specOf = (out: string, locale: string, slug: string): Record<string, unknown> =>
    JSON.parse(readFileSync(join(out, locale, `${slug}.json`), 'utf8')) as Record<string, unknown>;

  it('describes the print files written: sheets, pages and binding of each scheme', async () => {
    const project = await newProject('zine-spec-');
    const cases = [
      { args: ['--scheme', 'onepagezine'], file: 'onepagezine_black_and_white', binding: /^one sheet, folded and cut$/ },
      { args: ['--scheme', 'signatures', '--signature-sheets', '2'], file: 'print_black_and_white', binding: /^\d+ signatures of 2 sheets$/ },
      { args: [], file: 'print_black_and_white', binding: /^saddle stitch$/ },
    ];
    for (const { args, file, binding } of cases) {
      // the mini zine holds the project as zine init made it; the others a longer one
      if (args.includes('signatures')) {
        for (let i = 2; i <= 6; i++) writeFileSync(join(project, 'locales', 'en', 'sections', `0${i}-more.md`), `---\ntitle: Part ${i}\n---\nA short part.\n`);
      }
      const out = join(project, 'out', args.join('-') || 'saddle');
      const r = await zine('build', '--project', project, '--paper', 'letter', '--out', out, ...args);
      expect(r.code, r.stderr).toBe(0);
      const spec = specOf(out, 'en', 'zine');
      const pdf = await readPdf(join(out, 'en', `zine_${file}.pdf`));
      const sheets = file.startsWith('onepagezine') ? pdf.pages.length : pdf.pages.length / 2;
      const pages = file.startsWith('onepagezine') ? 8 : 4 * sheets;
      expect(spec, args.join(' ')).toMatchObject({ binding: expect.stringMatching(binding), pages: `${pages - 4} + cover`, spine: 'left' });
      expect((spec.editions as Record<string, unknown>[])[0], args.join(' ')).toMatchObject({ sheets, pages: `${pages - 4} + cover` });
      if (file.startsWith('onepagezine')) expect(spec).toMatchObject({ width: '2.75"', height: '4.25"' });
    }
  });

  it('says where the example carries colour, and which signatures it was given', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'zine-spec-')), 'out');
    const r = await zine('build', '--project', ROOT, '--locale', 'en', '--paper', 'letter', '--out', out, '--scheme', 'signatures');
    expect(r.code, r.stderr).toBe(0);
    // the cover image, and the red chart inside
    expect(specOf(out, 'en', 'uprising-in-kazakhstan')).toMatchObject({ ink: 'colour cover and inside', binding: '2 signatures of 3 sheets' });
  });
});

describe('a long contents list', () => {
  it('goes on over the next pages, and the sections\' page numbers follow', async () => {
    const project = await newProject('zine-contents-');
    const titles = Array.from({ length: 40 }, (_, i) => `Part number ${i + 2}`);
    titles.forEach((title, i) => writeFileSync(join(project, 'locales', 'en', 'sections', `${String(i + 2).padStart(2, '0')}-part.md`), `---\ntitle: ${title}\n---\nA short part.\n`));
    const r = await zine('build', '--project', project, '--paper', 'letter');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/does not fit/);
    const pages = (await readPdf(join(project, 'out', 'en', 'zine_screen_single_page_view.pdf'))).pages;
    const bottom = 0.7 * 72;
    const listed = new Map<string, number>();
    for (const page of pages.slice(2)) {
      const entries = page.runs.filter((run) => /^(Introduction|Part number \d+)$/.test(run.str.trim()));
      if (entries.length === 0) break;
      for (const entry of entries) {
        expect(entry.y, entry.str).toBeGreaterThan(bottom);
        const number = page.runs.find((run) => Math.abs(run.y - entry.y) < 1 && /^\d+$/.test(run.str.trim()))!;
        listed.set(entry.str.trim(), Number(number.str));
      }
    }
    expect([...listed.keys()]).toEqual(['Introduction', ...titles]);
    // each listed page opens with its section's heading
    for (const [title, number] of listed) {
      const heading = pages[number - 1]!.runs.filter((run) => run.size > 15).map((run) => run.str).join(' ');
      expect(heading, title).toBe(title.toUpperCase());
    }
    expect(listed.get('Introduction')).toBeGreaterThan(4);
  });
});
