import { describe, expect, it } from 'vitest';
import { textInline } from '../../src/content/blocks.js';
import { languageOf } from '../../src/lang/languages.js';
import { scriptBreaks } from '../../src/text/breaks.js';
import { ParagraphAnalyses } from '../../src/text/paragraph.js';
import { lineEnd, type SetLine } from '../../src/typeset/lines.js';
import { setParagraph } from '../../src/typeset/paragraph.js';
import { refusal } from '../support/errors.js';
import { bodyStyle, bookWith } from '../support/fixtures.js';

/**
 * Paragraphs no writer would write, which a stranger's file may hold: text
 * without spaces a megabyte long, a run of marks wider than the line, a
 * letter under thousands of marks. Each is set in time that grows with its
 * length and inside the measure, or refused naming file and line.
 */
const book = bookWith(
  { jp: 'NotoSerifCJKJP-Subset.otf', thai: 'NotoSerifThai-Subset.ttf', naskh: 'NotoNaskhArabic-Regular.ttf' },
  { Jpan: { serif: 'jp' }, Thai: { serif: 'thai' }, Arab: { serif: 'naskh' } },
);
const SOURCE = { file: 'test.md', line: 3 };

function set(body: string, font: string, locale: string, measure: number, warn: (m: string) => void = () => undefined): readonly SetLine[] {
  return setParagraph(
    { inlines: [textInline(body)], style: { ...bodyStyle, font }, measure, firstIndent: 0, language: languageOf(locale), source: SOURCE },
    { fonts: book, hyphenator: undefined, words: new Map(), paragraphs: new ParagraphAnalyses(), warn },
  );
}
const lineText = (l: SetLine): string => l.runs.map((r) => r.text).join('');
/** `unit` repeated up to `length` UTF-16 units. */
const repeat = (unit: string, length: number): string => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
/** Seconds a call takes. */
function seconds(run: () => unknown): number {
  const start = performance.now();
  run();
  return (performance.now() - start) / 1000;
}

/** Thai words, no spaces or punctuation between them. */
const THAI = 'เราไม่ต้องรอให้ใครอนุญาตคือประโยคที่เราเขียนไว้บนผนังในการประชุมครั้งแรกเมื่อสามปีก่อนเพื่อนบ้านสิบสองคนใช้เครื่องถ่ายเอกสารเก่าพิมพ์';
const JAPANESE = '相互扶助は対等な者どうしが支え合うことだ私たちは古いコピー機で最初の冊子を刷った';

describe('a long paragraph without spaces', () => {
  // a megabyte of Thai is 333,000 units; the time to find its breaks went up with the square of its length and more
  for (const [name, unit, language] of [
    ['Thai', THAI, 'th'],
    // one character that is not a cluster of its own sends the paragraph to the grapheme segmenter
    ['Japanese with a character beyond the basic plane', `${JAPANESE}\u{2000B}`, 'ja'],
  ] as const) {
    it(`${name}: finds its breaks in time that grows with its length`, () => {
      const [short, long] = [repeat(unit, 80_000), repeat(unit, 320_000)];
      seconds(() => scriptBreaks(unit, languageOf(language)));
      const [a, b] = [seconds(() => scriptBreaks(short, languageOf(language))), seconds(() => scriptBreaks(long, languageOf(language)))];
      expect(b).toBeLessThan(8 * a + 3);
    }, 120_000);
  }

  it('Thai: the breaks found window by window are the dictionary\'s over the whole text', () => {
    const text = repeat(THAI, 30_000);
    const words = Array.from(new Intl.Segmenter('th', { granularity: 'word' }).segment(text), (s) => s.index).filter((i) => i > 0);
    expect([...scriptBreaks(text, languageOf('th')).keys()]).toEqual(words);
  });

  it('Japanese with clusters of several characters: never breaks inside one', () => {
    // a base and its combining mark, an ideograph and its variation selector, a flag: one cluster each
    const text = repeat('相互か\u3099扶\u{E0100}助🇯🇵は', 20_000);
    const clusters = new Set(Array.from(new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(text), (s) => s.index));
    const breaks = [...scriptBreaks(text, languageOf('ja')).keys()];
    expect(breaks.length).toBeGreaterThan(10_000);
    for (const at of breaks) expect(clusters.has(at), String(at)).toBe(true);
  });

  it('a paragraph whose characters alternate between two faces is set in time that grows with its length', () => {
    // each character a run of its own face: finding a piece's runs went through all of them
    set(repeat('相€', 1_000), 'jp', 'ja', 200);
    const [a, b] = [seconds(() => set(repeat('相€', 8_000), 'jp', 'ja', 200)), seconds(() => set(repeat('相€', 64_000), 'jp', 'ja', 200))];
    // eight times the text: linear work takes about eight times as long, quadratic sixty-four; the bound leaves room for a busy machine
    expect(b).toBeLessThan(32 * a + 3);
  }, 120_000);
});

describe('a run of marks wider than the line', () => {
  for (const [name, run] of [['full stops', '。'], ['prolonged sound marks', 'ー'], ['ellipses', '…']] as const) {
    it(`eighty ${name} in a row: broken between them, as a last resort, inside the measure, with no hyphen`, () => {
      const body = `相互扶助は${run.repeat(80)}対等な者どうし`;
      const warnings: string[] = [];
      const lines = set(body, 'jp', 'ja', 200, (m) => warnings.push(m));
      expect(lines.map(lineText).join('')).toBe(body);
      for (const line of lines) {
        expect(lineEnd(line), lineText(line)).toBeLessThanOrEqual(200.01);
        expect(Math.min(...line.runs.map((r) => r.x))).toBeGreaterThanOrEqual(-0.01);
        expect(line.hyphenated).toBe(false);
      }
      // the warning says what was done: the run was broken where it had to be, no no-break space was
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/is wider than the line: broken where it must be/);
      // the text around the run keeps its own breaks: only the run is broken against kinsoku
      const starts = lines.slice(1).map((l) => lineText(l)[0]);
      expect(starts.every((c) => c === run || !'。ー…'.includes(c!))).toBe(true);
    });
  }
});

describe('a letter under too many marks', () => {
  for (const [name, body, font, locale] of [
    ['2,000 fathas on an Arabic letter', `نص ب${'\u064e'.repeat(2000)} نص`, 'naskh', 'ar'],
    ['5,000 combining acute accents on a Latin letter', `Text a${'\u0301'.repeat(5000)} text`, bodyStyle.font, 'en'],
  ] as const) {
    it(`${name}: refused in one line naming file and line`, () => {
      const message = refusal(() => set(body, font, locale, 200), '');
      expect(message).toMatch(/^test\.md:3: .*combining marks on one letter.*more than 32/);
      expect(message).not.toContain('\n');
    });
  }

  it('32 marks on a letter are set', () => {
    expect(set(`a${'\u0301'.repeat(32)} b`, bodyStyle.font, 'en', 200).length).toBe(1);
  });
});
