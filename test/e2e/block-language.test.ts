import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { expectOneLineError, projectWithLocales, zine } from '../support/cli.js';
import { exampleBuild } from '../support/example.js';
import { ROOT } from '../support/fixtures.js';
import { readPdf, type TextRun } from '../support/pdf.js';

/** A line of a page as read back: its runs from left to right, its text, and where it starts and ends. */
interface ReadLine {
  page: number;
  runs: TextRun[];
  text: string;
  left: number;
  right: number;
}

/** How far apart two runs' baselines may be and still be one line: a note's number is raised above it. */
const SAME_LINE = 4.5;

/** The lines of a PDF in reading order down each page, a note's raised number on its line. */
async function linesOf(path: string): Promise<ReadLine[]> {
  const lines: ReadLine[] = [];
  (await readPdf(path)).pages.forEach((page, index) => {
    const rows: TextRun[][] = [];
    for (const run of [...page.runs].sort((a, b) => b.y - a.y)) {
      const row = rows[rows.length - 1];
      if (row && row[0]!.y - run.y < SAME_LINE) row.push(run);
      else rows.push([run]);
    }
    for (const row of rows) {
      const runs = row.sort((a, b) => a.x - b.x);
      lines.push({
        page: index, runs, text: runs.map((r) => r.str).join(' ').replace(/\s+/g, ' ').trim(),
        left: Math.min(...runs.map((r) => r.x)), right: Math.max(...runs.map((r) => r.x + r.width)),
      });
    }
  });
  return lines;
}

/** The lines from the one starting with `first` to the one ending with `last`, with the left edge of their page's text frame. */
function stretch(lines: readonly ReadLine[], first: string, last: string): (ReadLine & { frameLeft: number })[] {
  const from = lines.findIndex((l) => l.text.startsWith(first));
  const to = lines.findIndex((l, i) => i >= from && l.text.endsWith(last));
  expect(from, first).toBeGreaterThanOrEqual(0);
  expect(to, last).toBeGreaterThan(from);
  // the lines set in the section's language: the notes heading and the folios are the zine's (Farsi in the Farsi edition)
  const set = lines.slice(from, to + 1).filter((l) => /[a-z]/i.test(l.text) && l.text !== NOTES);
  return set.map((l) => ({ ...l, frameLeft: Math.min(...set.filter((o) => o.page === l.page).map((o) => o.left)) }));
}

/** The English edition's notes heading, as its style sets it. */
const NOTES = 'NOTES';
const lastWord = (line: ReadLine): string => line.text.split(' ').pop()!;
/** A font's name without its subset's tag. */
const family = (run: TextRun): string => run.font.replace(/^[A-Z]{6}\+/, '');

/**
 * The Farsi example falls back to English for its sections 02 to 05 and 07:
 * each is set as the English edition sets it at the same measure, not as
 * Farsi text: the same words end its lines, from the left, with English
 * quotation marks, hyphens and italics, and its notes as in English.
 */
describe('a section standing in from the default locale', () => {
  let out = '';
  const pdf = (locale: string): string => join(out, locale, 'uprising-in-kazakhstan_screen_single_page_view.pdf');
  let english: ReturnType<typeof stretch> = [];
  let farsi: ReturnType<typeof stretch> = [];
  let farsiLines: ReadLine[] = [];

  beforeAll(async () => {
    out = await exampleBuild();
    const [en, fa] = await Promise.all([linesOf(pdf('en')), linesOf(pdf('fa'))]);
    farsiLines = fa;
    // the body of 02-background and its notes, from its first paragraph to its last note
    english = stretch(en, 'Kazakhstan became independent', 'hiding bodies.');
    farsi = stretch(fa, 'Kazakhstan became independent', 'hiding bodies.');
  }, 120_000);

  it('ends its lines with the same words as the English edition, hyphens included', () => {
    expect(farsi.map(lastWord)).toEqual(english.map(lastWord));
    expect(english.filter((l) => l.text.endsWith('-')).length).toBeGreaterThan(0);
  });

  it('sets its lines from the left, indented and as wide as in the English edition', () => {
    const shape = (lines: typeof english): { indent: number; width: number }[] => lines.map((l) => ({
      indent: Math.round(l.left - l.frameLeft), width: Math.round(l.right - l.left),
    }));
    expect(shape(farsi)).toEqual(shape(english));
    // a first line indented on the left: the paragraphs read from the left
    expect(shape(farsi).some((s) => s.indent > 0)).toBe(true);
  });

  it('has the English quotation marks, italics and note numbers', () => {
    const text = farsi.map((l) => l.text).join(' ');
    expect(text).toContain('“Leader of the Nation”');
    expect(text).not.toMatch(/[«»۰-۹]/);
    const italic = (lines: typeof english): string[] => lines.flatMap((l) => l.runs).filter((r) => r.str.includes('Jeltoqsan')).map(family);
    expect(italic(farsi)).toEqual(italic(english));
    expect(farsi.map((l) => l.runs.map(family))).toEqual(english.map((l) => l.runs.map(family)));
  });

  it('stands at the right of the Farsi contents, its page number at the left, as the Farsi titles do', () => {
    // the contents page: the lines under its heading, each a title and its page number in Persian digits
    const contents = farsiLines.filter((l) => l.page === 2 && /[۰-۹]$|^[۰-۹]/.test(l.text) && /\p{L}/u.test(l.text));
    const number = (l: ReadLine): TextRun => l.runs.find((r) => /^[۰-۹]+$/.test(r.str.trim()))!;
    const titleRight = (l: ReadLine): number => Math.max(...l.runs.filter((r) => r !== number(l)).map((r) => r.x + r.width));
    expect(contents.length, contents.map((l) => l.text).join('\n')).toBe(8);
    const english = contents.filter((l) => /[a-z]/i.test(l.text));
    expect(english.length).toBeGreaterThan(0);
    expect(english.length).toBeLessThan(contents.length);
    // every title ends at the right margin, English and Farsi alike; every page number starts at the left
    const rights = contents.map(titleRight);
    const lefts = contents.map((l) => number(l).x);
    expect(Math.max(...rights) - Math.min(...rights), contents.map((l) => `${l.text}: ${titleRight(l)}`).join('\n')).toBeLessThan(1);
    expect(Math.max(...lefts) - Math.min(...lefts)).toBeLessThan(1);
    // the heading's right edge is the frame's right, the numbers' left edge the frame's left
    const page = farsiLines.filter((l) => l.page === 2);
    expect(Math.abs(Math.min(...rights) - Math.max(...page.map((l) => l.right)))).toBeLessThan(1);
    expect(Math.abs(Math.max(...lefts) - Math.min(...page.map((l) => l.left)))).toBeLessThan(1);
    for (const line of contents) expect(number(line).x + number(line).width).toBeLessThan(Math.min(...line.runs.filter((r) => r !== number(line)).map((r) => r.x)));
    // an English title reads from the left within itself
    const background = english.find((l) => l.text.includes('Background'));
    if (!background) throw new Error('no contents entry for 02-background');
    const words = background.runs.filter((r) => r !== number(background)).map((r) => r.str).join(' ').trim();
    expect(words).toBe('The Background to the Uprising');
  });
});

/**
 * A new project with Arabic, Hebrew, Japanese and Chinese locales made by
 * `zine locale add`, each with its introduction translated and a second
 * section left in English: in every one of those zines that section is set as
 * the English edition sets it at the same measure, its notes and list too.
 */
describe('an English section in zines made by locale add', () => {
  const LOCALES = ['ar', 'he', 'ja', 'zh'] as const;
  /** Each locale's introduction, translated: its title and a paragraph (the CJK ones in the test subsets' characters). */
  const INTRODUCTIONS: Record<(typeof LOCALES)[number], [string, string]> = {
    ar: ['مقدمة', 'هذه الصفحات ترجمة أولى، والباقي ما زال بالإنجليزية.'],
    he: ['הקדמה', 'הדפים האלה תורגמו ראשונים, והשאר עדיין באנגלית.'],
    ja: ['許可を待つ必要はない', '三年前、近所の人々十二人がコインランドリーの奥の部屋に集まった。'],
    zh: ['我们不需要等谁批准', '三年前，十二个邻居挤在一间洗衣店的后屋里。'],
  };
  const HELD = [
    '---', 'title: Holding the Copier', '---',
    'When the *Committee for Neighbourhood Self-Organisation* met for the first time, nobody expected the photocopier in the laundrette to become the centre of everything.[^1] Within a fortnight it had printed "Know Your Rights" leaflets, the timetables of the free kitchen and an uncompromising, extraordinarily detailed counter-surveillance handbook that circulated well beyond the neighbourhood.', '',
    'The organisers\' responsibilities were distributed informally: whoever arrived first unlocked the back room, whoever understood the machine\'s temperament repaired it, and whoever spoke the most languages translated the announcements into them.[^2]', '',
    '1. Translate the leaflet into every language spoken on the street.', '2. Print two hundred copies before the Thursday distribution.', '',
    '[^1]: The photocopier belonged to the laundrette\'s owner, who refused any payment for the paper or the toner.',
    '[^2]: Independent translators later formed their own collective.', '',
  ].join('\n');
  const pdf = (project: string, locale: string): string => join(project, 'out', locale, 'p_screen_single_page_view.pdf');
  const english: Record<string, ReturnType<typeof stretch>> = {};
  let arabic: ReadLine[] = [];
  const LICENCE = 'لا حقوق محفوظة: انسخوه ووزعوه.';

  beforeAll(async () => {
    const project = await projectWithLocales(LOCALES, (f) => !/locl|marks|\.ttc$/.test(f));
    // one string translated, the others as locale add copied them
    const strings = join(project, 'locales', 'ar', 'strings.json');
    const copied = JSON.parse(readFileSync(strings, 'utf8')) as { colophon: Record<string, string> };
    copied.colophon.licence = LICENCE;
    writeFileSync(strings, JSON.stringify(copied));
    writeFileSync(join(project, 'locales', 'en', 'sections', '02-holding.md'), HELD);
    for (const locale of LOCALES) {
      const [title, text] = INTRODUCTIONS[locale];
      writeFileSync(join(project, 'locales', locale, 'sections', '01-introduction.md'), `---\ntitle: ${title}\n---\n${text}\n`);
    }
    const r = await zine('build', '--project', project, '--paper', 'letter');
    expect(r.code, r.stderr).toBe(0);
    for (const locale of ['en', ...LOCALES]) {
      const lines = await linesOf(pdf(project, locale));
      english[locale] = stretch(lines, 'When the', 'own collective.');
      if (locale === 'ar') arabic = lines;
    }
  }, 180_000);

  it('sets the strings not yet translated as English sentences, from the left, their date and list in English; a translated one from the right', () => {
    const find = (pattern: RegExp): ReadLine => {
      const found = arabic.find((l) => pattern.test(l.text));
      expect(found, `${String(pattern)} in ${arabic.map((l) => l.text).join('\n')}`).toBeDefined();
      return found!;
    };
    const page = (l: ReadLine) => arabic.filter((o) => o.page === l.page);
    const left = (l: ReadLine): number => l.left - Math.min(...page(l).map((o) => o.left));
    const right = (l: ReadLine): number => Math.max(...page(l).map((o) => o.right)) - l.right;
    const published = find(/^Published in/);
    expect(published.text).toMatch(/^Published in [A-Z][a-z]+ \d{4}\.$/);
    const exists = find(/^This zine exists in/);
    const x = (text: string): number => exists.runs.find((r) => r.str.includes(text))!.x;
    // the names listed the English way, each read within the English sentence from the left, its full stop last
    expect(exists.text.replace(/ ([,.])/g, '$1')).toBe('This zine exists in العربية, English, עברית, 日本語, and 中文.');
    expect(x('exists')).toBeLessThan(x('العربية'));
    expect(x('العربية')).toBeLessThan(x('English'));
    expect(x('English')).toBeLessThan(x('עברית'));
    for (const english of [published, exists]) expect(left(english)).toBeLessThan(1);
    const licence = find(/محفوظة/);
    expect(right(licence)).toBeLessThan(1);
    expect(left(licence)).toBeGreaterThan(50);
  });

  it.each(LOCALES)('in the %s zine ends its lines with the English edition\'s words, from the left, as wide, in its faces', (locale) => {
    const [en, set] = [english.en!, english[locale]!];
    expect(en.filter((l) => l.text.endsWith('-')).length).toBeGreaterThan(0);
    expect(set.map(lastWord)).toEqual(en.map(lastWord));
    const shape = (lines: typeof en) => lines.map((l) => ({ indent: Math.round(l.left - l.frameLeft), width: Math.round(l.right - l.left) }));
    expect(shape(set)).toEqual(shape(en));
    expect(set.map((l) => l.runs.map(family))).toEqual(en.map((l) => l.runs.map(family)));
    const text = set.map((l) => l.text).join(' ');
    expect(text).toContain('“Know Your Rights”');
    expect(text).toContain('organisers’ responsibilities');
    // the list's and the notes' numbers as the English edition prints them, before their text
    expect(set.filter((l) => /^\d\.? /.test(l.text)).map((l) => l.text.slice(0, 2))).toEqual(en.filter((l) => /^\d\.? /.test(l.text)).map((l) => l.text.slice(0, 2)));
  });
});

/**
 * An English zine with a section its front matter marks as Farsi and a
 * paragraph a `::: {lang=ar}` div marks as Arabic: each is set from the
 * right, in the Arabic fonts, the Farsi one with Farsi digits in its list and
 * notes, the Arabic one with Arabic quotation marks, while the English text
 * around them is set from the left.
 */
describe('sections and runs of blocks a translator marks in a language of their own', () => {
  const ENGLISH = 'The English text around the marked blocks is set from the left, as the zine is, line after line until the frame is full.';
  let lines: ReadLine[] = [];
  /** The text frame's edges on a line's page: where its longest lines start and end. */
  let frame: (line: ReadLine) => { left: number; right: number } = () => ({ left: 0, right: 0 });
  const line = (pattern: RegExp): ReadLine => {
    const found = lines.find((l) => pattern.test(l.text));
    expect(found, String(pattern)).toBeDefined();
    return found!;
  };
  /** How far a line stands in from the frame's left and right edges. */
  const inset = (l: ReadLine) => ({ left: l.left - frame(l).left, right: frame(l).right - l.right });

  beforeAll(async () => {
    const project = await projectWithLocales(['ar']);
    const sections = join(project, 'locales', 'en', 'sections');
    writeFileSync(join(sections, '02-marked.md'), [
      '---', 'title: Marked', '---',
      `${ENGLISH} ${ENGLISH}`, '',
      '"Before" the div.', '',
      '::: {lang=ar}', '"سلام" عليكم يا أصدقاء.', ':::', '',
      '"After" the div.', '',
      'A friend wrote [«سلام»!]{lang=ar} and went on.', '',
      '::: {lang=ar}', 'قال [John Smith!]{lang=en} أمس.', ':::', '',
    ].join('\n'));
    writeFileSync(join(sections, '03-farsi.md'), [
      '---', 'title: سلام المترجم', 'lang: fa', '---',
      'از ما به شما.[^1]', '',
      '1. بند اول', '2. بند دوم', '',
      '[^1]: حاشية المترجم.', '',
    ].join('\n'));
    const r = await zine('build', '--project', project, '--locale', 'en', '--paper', 'letter');
    expect(r.code, r.stderr).toBe(0);
    lines = await linesOf(join(project, 'out', 'en', 'p_screen_single_page_view.pdf'));
    frame = (l) => {
      const page = lines.filter((o) => o.page === l.page);
      return { left: Math.min(...page.map((o) => o.left)), right: Math.max(...page.map((o) => o.right)) };
    };
  }, 120_000);

  /** Whether the runs that hold Arabic letters or digits are set in an Arabic font. */
  const inArabicFonts = (l: ReadLine): boolean => l.runs.filter((r) => /[\u0600-\u06FF]/.test(r.str)).every((r) => /Arabic/.test(family(r)));

  it('sets the Arabic div\'s paragraph from the right with Arabic quotation marks, the paragraphs around it from the left', () => {
    // lines read back from left to right: the Arabic words in reverse
    const arabic = line(/أصدقاء يا عليكم/);
    expect(inArabicFonts(arabic)).toBe(true);
    expect(inset(arabic).right).toBeLessThan(15);
    expect(inset(arabic).left).toBeGreaterThan(200);
    // ”سلام“ read from the right: its opening mark ” is the one on the right
    const at = (mark: string): number => arabic.runs.find((r) => r.str.includes(mark))!.x;
    expect(at('”')).toBeGreaterThan(at('سلام'));
    expect(at('“')).toBeLessThan(at('سلام'));
    for (const english of [line(/^“Before” the div\.$/), line(/^“After” the div\.$/)]) {
      expect(inset(english).left).toBeLessThan(15);
      expect(inset(english).right).toBeGreaterThan(200);
    }
  });

  it('keeps a phrase\'s marks with it: an Arabic one in an English line, an English name in an Arabic line', () => {
    const x = (l: ReadLine, text: string): number => {
      const run = l.runs.find((r) => r.str.includes(text));
      expect(run, `${text} in ${l.text}`).toBeDefined();
      return run!.x;
    };
    // the Arabic phrase read from the right: its exclamation mark on its left, the English on either side
    const english = line(/^A friend wrote/);
    expect(inArabicFonts(english)).toBe(true);
    expect(x(english, 'wrote')).toBeLessThan(x(english, '!'));
    expect(x(english, '!')).toBeLessThan(x(english, 'سلام'));
    expect(x(english, 'سلام')).toBeLessThan(x(english, 'went'));
    // the name from the left, its exclamation mark after it, between the Arabic words read from the right
    const arabic = line(/John/);
    expect(x(arabic, 'أمس')).toBeLessThan(x(arabic, 'John'));
    expect(arabic.runs.filter((r) => /[A-Z!]/.test(r.str)).map((r) => r.str).join(' ').replace(/\s+/g, ' ').trim()).toBe('John Smith!');
    expect(x(arabic, '!')).toBeLessThan(x(arabic, 'قال'));
  });

  it('sets the Farsi section from the right, its title, list and notes in the Arabic fonts with Farsi digits', () => {
    const farsi = [line(/^المترجم سلام$/), line(/شما به ما از/), line(/اول بند/), line(/دوم بند/), line(/المترجم حاشية/)];
    for (const l of farsi) {
      expect(inArabicFonts(l), l.text).toBe(true);
      expect(inset(l).left, l.text).toBeGreaterThan(100);
      expect(inset(l).right, l.text).toBeLessThan(15);
    }
    // a note's number in the text, the list's numbers and the note's own
    expect(farsi.slice(1).map((l) => l.text.replace(/[^0-9۰-۹]/g, ''))).toEqual(['۱', '۱', '۲', '۱']);
  });
});

/** The Farsi example's translated foreword with an English paragraph marked in it: that one is set from the left, in English quotation marks. */
describe('a run of blocks in the default locale\'s language in a translated section', () => {
  let lines: ReadLine[] = [];

  beforeAll(async () => {
    const project = mkdtempSync(join(tmpdir(), 'zine-marked-fa-'));
    for (const part of ['zine.json', 'theme.json', 'fonts', 'images', 'templates', 'locales/en', 'locales/fa']) {
      cpSync(join(ROOT, part), join(project, part), { recursive: true });
    }
    const foreword = join(project, 'locales', 'fa', 'sections', '01-foreword.md');
    const [first, ...rest] = readFileSync(foreword, 'utf8').split('\n\n');
    writeFileSync(foreword, [first, '::: {lang=en}\nThe "English" paragraph.\n:::', ...rest].join('\n\n'));
    await build({ projectDir: project, outDir: join(project, 'out'), locales: ['fa'], papers: ['letter'], warn: () => {}, cache: false });
    lines = await linesOf(join(project, 'out', 'fa', 'uprising-in-kazakhstan_screen_single_page_view.pdf'));
  }, 120_000);

  it('sets it from the left between Farsi paragraphs set from the right', () => {
    const at = lines.findIndex((l) => l.text === 'The “English” paragraph.');
    expect(at).toBeGreaterThan(0);
    const [before, english, after] = lines.slice(at - 1, at + 2);
    const page = lines.filter((l) => l.page === english!.page);
    const frame = { left: Math.min(...page.map((l) => l.left)), right: Math.max(...page.map((l) => l.right)) };
    expect(english!.left - frame.left).toBeLessThan(15);
    expect(frame.right - english!.right).toBeGreaterThan(150);
    // the Farsi paragraph's last line ends short of the left edge; the next one starts at the right edge
    expect(before!.left - frame.left).toBeGreaterThan(15);
    expect(frame.right - after!.right).toBeLessThan(15);
  });
});

describe('a language marked with what is not a tag', () => {
  it('is refused in one line naming the file, the line and the fix', async () => {
    const project = join(mkdtempSync(join(tmpdir(), 'zine-marked-')), 'p');
    expect((await zine('init', project)).code).toBe(0);
    const section = join(project, 'locales', 'en', 'sections', '02-marked.md');
    writeFileSync(section, '---\ntitle: Marked\nlang: en_US\n---\nText.\n');
    expectOneLineError(await zine('build', '--project', project, '--paper', 'letter'), '02-marked.md:3:', '"en_US" is not a language tag: write en-US');
    writeFileSync(section, '---\ntitle: Marked\n---\nText.\n\n::: {lang=xx_YY}\nText.\n:::\n');
    expectOneLineError(await zine('build', '--project', project, '--paper', 'letter'), '02-marked.md:6:', '"xx_YY" is not a language tag: write xx-YY');
  });
});
