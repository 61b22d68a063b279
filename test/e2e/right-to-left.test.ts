import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exampleBuild } from '../support/example.js';
import { ROOT } from '../support/fixtures.js';
import { projectWithLocales, zine } from '../support/cli.js';
import { bodyLines, lettersDrawn, readPdf, type PdfPage, type TextRun } from '../support/pdf.js';

/** The heading's Noto Sans Arabic makes lam-alef one glyph; Noto Naskh Arabic, in the Farsi example, makes it two (the alef without advance). */
const ARABIC = 'كتاب (ملف) 2022 Zine مدرسة، الحرب سلام.';
const HEBREW = 'שלום עולם (ספר) 12 Zine בית.';
/** Enough words to fill several justified lines. */
const many = (text: string, times: number): string => Array.from({ length: times }, () => text).join(' ');

/** The words of a page as a reader copies them out, in logical order. */
const words = (page: PdfPage): string[] => page.text.split(/\s+/).filter((w) => w !== '');

/**
 * Right-to-left zines built as a translator would: `zine locale add` finds
 * the script's fonts (the test subsets), the build sets the text from the
 * right, and the PDFs read back word by word in the order they were written.
 */
describe('right-to-left zines', () => {
  let project = '';
  const pdfOf = (locale: string, variant = 'screen_single_page_view'): string => join(project, 'out', locale, `p_${variant}.pdf`);

  beforeAll(async () => {
    project = await projectWithLocales(['ar', 'he']);
    // the heading is set in Noto Sans Arabic, which joins lam and alef into one glyph
    writeFileSync(join(project, 'locales', 'ar', 'sections', '01-introduction.md'), `---\ntitle: لا سلام\n---\n${ARABIC}\n\n${many(ARABIC, 120)}\n`);
    writeFileSync(join(project, 'locales', 'he', 'sections', '01-introduction.md'), `---\ntitle: שלום\n---\n${HEBREW}\n`);
    const r = await zine('build', '--project', project, '--locale', 'en,ar,he', '--paper', 'letter');
    expect(r.code, r.stderr).toBe(0);
  }, 60_000);

  it('reads Arabic back word by word in order: numbers, Latin words, brackets and lam-alef included', async () => {
    const page = (await readPdf(pdfOf('ar'))).pages[3]!;
    expect(words(page).slice(0, 2)).toEqual(['لا', 'سلام']);
    expect(words(page).slice(2, 2 + 7)).toEqual(ARABIC.split(' '));
  });

  it('reads Hebrew back word by word in order', async () => {
    const page = (await readPdf(pdfOf('he'))).pages[3]!;
    expect(words(page).slice(1, 1 + 6)).toEqual(HEBREW.split(' '));
  });

  it('asks viewers to show the spreads from the right', () => {
    for (const variant of ['screen_single_page_view', 'screen_two_page_view', 'print_black_and_white']) {
      expect(readFileSync(pdfOf('ar', variant), 'latin1')).toContain('/Direction /R2L');
    }
    expect(readFileSync(join(project, 'out', 'en', 'p_screen_single_page_view.pdf'), 'latin1')).not.toContain('/Direction');
  });

  it('sets justified lines flush with both margins, the gutter on the bound edge of a right-bound book', async () => {
    // bound on the right: page 4 is a right-hand page, its inner margin on its left; page 5 the other way
    const { pages } = await readPdf(pdfOf('ar'));
    const [inner, outer] = [0.6 * 72, 0.45 * 72];
    for (const [index, gutter] of [[3, 'left'], [4, 'right']] as const) {
      const page = pages[index]!;
      const body = page.runs.filter((r) => r.size < 12 && r.y > 72);
      expect(body.length).toBeGreaterThan(10);
      const left = Math.min(...body.map((r) => r.x));
      const right = Math.max(...body.map((r) => r.x + r.width));
      expect(left).toBeCloseTo(gutter === 'left' ? inner : outer, 0);
      expect(right).toBeCloseTo(page.width - (gutter === 'right' ? inner : outer), 0);
    }
  });

  it('starts a paragraph\'s lines on the right, its last line flush right, its first line indented on the right', async () => {
    const page = (await readPdf(pdfOf('ar'))).pages[3]!;
    const lines = bodyLines(page);
    const rights = lines.map((l) => l.right);
    const start = Math.max(...rights);
    // the second paragraph's first line, indented by the body style's 12 pt
    expect(rights.filter((r) => Math.abs(r - (start - 12)) < 0.5)).toHaveLength(1);
    expect(rights.filter((r) => Math.abs(r - start) < 0.5)).toHaveLength(rights.length - 1);
    // the first paragraph is one short line, set from the right
    expect(lines[0]!.left).toBeGreaterThan(page.width / 3);
  });
});

/**
 * The example's Farsi translation, built as it stands: its foreword reads
 * back word by word in the order it was written. pdf.js leaves out the
 * zero-width non-joiner (an invisible format character), which Farsi writes
 * inside words (خیابان‌ها), and gives a mark ending a word (the hamza of
 * هفتهٔ) to the word before (see the README): words are compared without
 * either. Words ending in lam-alef, which Noto Naskh Arabic sets as two
 * glyphs (the alef without an advance), are among them (بالا).
 */
const bare = (word: string): string => word.replace(/[\u200c\u064b-\u065f\u0670]/g, '');

describe('the Farsi example', () => {
  let out = '';

  beforeAll(async () => {
    out = await exampleBuild();
  }, 60_000);

  it('reads its foreword back in order, title, lead and first paragraph', async () => {
    const source = readFileSync(join(ROOT, 'locales', 'fa', 'sections', '01-foreword.md'), 'utf8');
    const field = (name: string): string => new RegExp(`^${name}: (.*)$`, 'm').exec(source)![1]!;
    const first = source.split('---\n')[2]!.split('\n\n')[0]!;
    const expected = [field('title'), field('lead'), first].join(' ').split(/\s+/).map(bare);
    const { pages } = await readPdf(join(out, 'fa', 'uprising-in-kazakhstan_screen_single_page_view.pdf'));
    const foreword = pages.find((p) => p.text.startsWith(field('title')))!;
    const read = words(foreword).slice(0, expected.length).map(bare);
    expect(read).toHaveLength(expected.length);
    expect(read).toEqual(expected);
    expect(expected.some((w) => w.endsWith('لا'))).toBe(true);
  });

  it('numbers its pages in Farsi digits, and binds on the right', async () => {
    const { pages } = await readPdf(join(out, 'fa', 'uprising-in-kazakhstan_screen_single_page_view.pdf'));
    expect(pages[3]!.text).toContain('۴');
    expect(readFileSync(join(out, 'fa', 'uprising-in-kazakhstan_print_black_and_white.pdf'), 'latin1')).toContain('/Direction /R2L');
  });
});

/**
 * What surrounds the text of an Arabic zine: numbers in the digits the theme
 * names (١٢ rather than CLDR's 12 for Arabic), a numbered list from the
 * right, emphasis in the bold the Naskh family has (it has no italic), a
 * note that is an address set from the right, the address in its order.
 */
describe('numbers, lists, notes and emphasis in an Arabic zine', () => {
  let project = '';
  const pdf = (): string => join(project, 'out', 'ar', 'p_screen_single_page_view.pdf');

  beforeAll(async () => {
    project = await projectWithLocales(['ar']);
    // the Naskh family with its bold (the test subset of the bold has the letters of سلام)
    copyFileSync(join(ROOT, 'test', 'fixtures', 'fonts', 'NotoNaskhArabic-Bold.ttf'), join(project, 'fonts', 'NotoNaskhArabic-Bold.ttf'));
    const theme = JSON.parse(readFileSync(join(project, 'theme.json'), 'utf8')) as { fonts: Record<string, Record<string, string>> };
    theme.fonts['serif-arab']!.bold = 'NotoNaskhArabic-Bold.ttf';
    writeFileSync(join(project, 'theme.json'), JSON.stringify({ ...theme, digits: { ar: 'arab' } }));
    writeFileSync(join(project, 'locales', 'ar', 'sections', '01-introduction.md'), [
      '---', 'title: سلام', '---', `${ARABIC} مدرسة *سلام*[^1]`, '', '1. كتاب ملف', '2. مدرسة سلام', '', '[^1]: https://crimethinc.com/', '',
    ].join('\n'));
    const r = await zine('build', '--project', project, '--locale', 'ar', '--paper', 'letter');
    expect(r.code, r.stderr).toBe(0);
  }, 60_000);

  it('numbers pages, list items and notes in the digits the theme names', async () => {
    const page = (await readPdf(pdf())).pages[3]!;
    const poppler = execFileSync('pdftotext', ['-f', '4', '-l', '4', pdf(), '-'], { encoding: 'utf8' });
    for (const text of [page.text, poppler]) {
      for (const digit of ['١', '٢', '٤']) expect(text).toContain(digit);
      // none of the list's numbers, nor the note's, in Western digits (the text's own 2022 stays as written)
      expect(text.replace('2022', '')).not.toMatch(/[0-9]/);
    }
  });

  it('sets the list\'s numbers and the note from the right, the address in its order', async () => {
    const page = (await readPdf(pdf())).pages[3]!;
    const body = page.runs.filter((r) => r.size < 12 && r.y > 72);
    const right = Math.max(...body.map((r) => r.x + r.width));
    // ٢ is only the second item's number (١ is the note's too)
    const marker = page.runs.find((r) => r.str.includes('٢'))!;
    expect(marker.x).toBeGreaterThan(right - 30);
    const address = page.runs.find((r) => r.str.includes('crimethinc'))!;
    expect(address.str.trim()).toBe('https://crimethinc.com/');
    expect(address.x + address.width).toBeGreaterThan(page.width / 2);
  });

  it('sets emphasis in the family\'s bold, where it has no italic', async () => {
    const { pages, fonts } = await readPdf(pdf());
    const emphasis = pages[3]!.runs.find((r) => r.str.includes('سلام') && /Bold/.test(r.font));
    expect(emphasis, JSON.stringify(fonts)).toBeDefined();
  });
});

describe('the Farsi example with kashida, and an Arabic edition of it', () => {
  const project = join(mkdtempSync(join(tmpdir(), 'zine-kashida-')), 'p');
  const ARABIC_FOREWORD = many('كل قسم من هذا الكتاب يحكي قصة الناس الذين خرجوا إلى الشوارع، وكل فصل منه يشرح ما حدث ولماذا حدث.', 4);
  /** A text's words of letters, as search finds them: punctuation and the embeddings poppler marks lines with are not part of them. */
  const letterWords = (text: string): string[] => text.match(/\p{L}+/gu) ?? [];

  beforeAll(async () => {
    mkdirSync(project);
    for (const entry of ['locales', 'templates', 'fonts', 'images', 'zine.json']) cpSync(join(ROOT, entry), join(project, entry), { recursive: true });
    const theme = JSON.parse(readFileSync(join(ROOT, 'theme.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(project, 'theme.json'), JSON.stringify({ ...theme, kashida: true }));
    expect((await zine('locale', 'add', 'ar', '--project', project)).code).toBe(0);
    writeFileSync(join(project, 'locales', 'ar', 'sections', '01-foreword.md'), `---\ntitle: مقدمة\ntranslated: true\n---\n${ARABIC_FOREWORD}\n`);
    const r = await zine('build', '--project', project, '--locale', 'fa,ar', '--paper', 'letter');
    expect(r.code, r.stderr).toBe(0);
  }, 60_000);

  it('reads an Arabic paragraph lengthened by kashida back word for word, with pdf.js and poppler', async () => {
    const file = join(project, 'out', 'ar', 'uprising-in-kazakhstan_screen_single_page_view.pdf');
    const { pages } = await readPdf(file);
    const at = pages.findIndex((p) => p.text.startsWith('مقدمة'));
    const drawn = (await lettersDrawn(file, join(ROOT, 'fonts', 'NotoNaskhArabic-Regular.ttf')))[at]!;
    expect(drawn.split('\u0640').length).toBeGreaterThan(10);
    const expected = letterWords(`مقدمة ${ARABIC_FOREWORD}`);
    expect(letterWords(pages[at]!.text).slice(0, expected.length)).toEqual(expected);
    const poppler = execFileSync('pdftotext', ['-f', String(at + 1), '-l', String(at + 1), file, '-'], { encoding: 'utf8' });
    expect(letterWords(poppler).slice(0, expected.length)).toEqual(expected);
  });

  it('draws joining strokes in justified lines, and its foreword reads back as written, without a tatweel, with pdf.js and poppler', async () => {
    const file = join(project, 'out', 'fa', 'uprising-in-kazakhstan_screen_single_page_view.pdf');
    const source = readFileSync(join(ROOT, 'locales', 'fa', 'sections', '01-foreword.md'), 'utf8');
    const field = (name: string): string => new RegExp(`^${name}: (.*)$`, 'm').exec(source)![1]!;
    const first = source.split('---\n')[2]!.split('\n\n')[0]!;
    const expected = [field('title'), field('lead'), first].join(' ').split(/\s+/).map(bare);
    const { pages } = await readPdf(file);
    const at = pages.findIndex((p) => p.text.startsWith(field('title')));
    // the strokes are drawn, told by their outlines: tatweels of the Naskh face
    const drawn = (await lettersDrawn(file, join(ROOT, 'fonts', 'NotoNaskhArabic-Regular.ttf')))[at]!;
    expect(drawn.split('\u0640').length).toBeGreaterThan(10);
    // and read as nothing: a word lengthened reads as the word
    expect(pages[at]!.text).not.toContain('\u0640');
    expect(words(pages[at]!).slice(0, expected.length).map(bare)).toEqual(expected);
    // poppler marks its right-to-left lines with embeddings (U+202B … U+202C)
    const poppler = execFileSync('pdftotext', ['-f', String(at + 1), '-l', String(at + 1), file, '-'], { encoding: 'utf8' });
    expect(poppler).not.toContain('\u0640');
    const read = poppler.replace(/[\u202a-\u202e]/g, ' ').split(/\s+/).map(bare);
    // its words of letters (poppler puts a comma after a number before it)
    for (const word of expected.filter((w) => /^[\u0621-\u064a\u067e-\u06cc]+$/.test(w))) expect(read).toContain(word);
  });
});

/**
 * Numbers in an Arabic zine: a space between two of them is right to left
 * (UAX #9), so that a reader going from the right meets them in the order
 * they were written. Read back from the PDF by where each word is drawn.
 */
describe('numbers in an Arabic line, in reading order from the right', () => {
  let page: PdfPage;

  beforeAll(async () => {
    const project = await projectWithLocales(['ar']);
    // the example's whole Noto Naskh Arabic: the test subset has no Arabic percent sign
    copyFileSync(join(ROOT, 'fonts', 'NotoNaskhArabic-Regular.ttf'), join(project, 'fonts', 'NotoNaskhArabic-Regular.ttf'));
    writeFileSync(join(project, 'locales', 'ar', 'sections', '01-introduction.md'), [
      '---', 'title: سلام', '---', 'الأرقام بالترتيب 10 20 30 ثم النهاية.', '', 'رقم الهاتف ۰۲۱ ۸۸۷۷ ۶۶۵۵ للاتصال.', '', '٪۵ 50%', '',
    ].join('\n'));
    const r = await zine('build', '--project', project, '--locale', 'ar', '--paper', 'letter');
    expect(r.code, r.stderr).toBe(0);
    page = (await readPdf(join(project, 'out', 'ar', 'p_screen_single_page_view.pdf'))).pages[3]!;
  }, 60_000);

  /** The pieces of text drawn on the line of `word`, from left to right. */
  const lineOf = (word: string): TextRun[] => {
    const { y } = page.runs.find((r) => r.str.includes(word))!;
    return page.runs.filter((r) => Math.abs(r.y - y) < 1).sort((a, b) => a.x - b.x);
  };
  /** The numbers of a line as they stand from left to right. */
  const numbers = (runs: readonly TextRun[]): string[] => runs.flatMap((r) => r.str.split(/\s+/)).filter((w) => /^[\d۰-۹٪%]+$/.test(w));
  const left = (runs: readonly TextRun[], word: string): number => runs.find((r) => r.str.includes(word))!.x;

  it('sets 10 20 30 with 10 on the right, between the words around them', () => {
    const line = lineOf('بالترتيب');
    expect(numbers(line)).toEqual(['30', '20', '10']);
    expect(left(line, 'ثم')).toBeLessThan(left(line, '30'));
    expect(left(line, '10')).toBeLessThan(left(line, 'بالترتيب'));
  });

  it('sets a Persian phone number with its first group on the right', () => {
    expect(numbers(lineOf('الهاتف'))).toEqual(['۶۶۵۵', '۸۸۷۷', '۰۲۱']);
  });

  it('sets ٪۵ 50% with ٪۵ on the right, each percentage in its own order', () => {
    const line = lineOf('50');
    // pieces that touch are one word
    const shown = line.map((r, i) => (i > 0 && r.x - (line[i - 1]!.x + line[i - 1]!.width) > 0.5 ? ' ' : '') + r.str).join('');
    expect(shown).toBe('50% ٪۵');
  });
});
