import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
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
  const out = mkdtempSync(join(tmpdir(), 'zine-fallback-'));
  const pdf = (locale: string): string => join(out, locale, 'uprising-in-kazakhstan_screen_single_page_view.pdf');
  let english: ReturnType<typeof stretch> = [];
  let farsi: ReturnType<typeof stretch> = [];
  let farsiLines: ReadLine[] = [];

  beforeAll(async () => {
    await build({ projectDir: ROOT, outDir: out, locales: ['en', 'fa'], papers: ['letter'], warn: () => {}, cache: false });
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
