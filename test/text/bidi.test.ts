import { spawnSync } from 'node:child_process';
import bidiModule from 'bidi-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { textInline, type Inline } from '../../src/content/blocks.js';
import { bidiLevels, visualOrder } from '../../src/text/bidi.js';
import { glyphSpans } from '../../src/typeset/glyph-run.js';
import { lineEnd, type Run, type SetLine } from '../../src/typeset/lines.js';
import { setParagraph } from '../../src/typeset/paragraph.js';
import { bodyStyle, bookWith, fonts, placedGlyphs, textItem } from '../support/fixtures.js';
import { languageOf } from '../../src/lang/languages.js';
import { ParagraphAnalyses } from '../../src/text/paragraph.js';

/** The example's fonts and the test subsets of Noto Naskh Arabic and Noto Sans Arabic, set for the Arabic script. */
const book = bookWith({ naskh: 'NotoNaskhArabic-Regular.ttf', kufi: 'NotoSansArabic-Regular.ttf' }, { Arab: { serif: 'naskh', sans: 'kufi' } });
const naskh = { ...bodyStyle, font: 'naskh' };

function set(text: string, measure: number, firstIndent = 0, locale = 'ar'): readonly SetLine[] {
  return setParagraph(
    { inlines: [textInline(text)], style: naskh, measure, firstIndent, language: languageOf(locale), source: { file: 'test.md', line: 1 } },
    { fonts: book, hyphenator: undefined, words: new Map(), paragraphs: new ParagraphAnalyses(), warn: () => undefined },
  );
}

/** A line's runs from left to right, as a reader of the page sees them. */
const leftToRight = (line: SetLine): Run[] => [...line.runs].sort((a, b) => a.x - b.x);

describe('bidi levels', () => {
  it('runs no algorithm for left-to-right text without a right-to-left letter', () => {
    expect(bidiLevels('Plain text, 12 (words).', 'ltr')).toBeUndefined();
  });

  it('gives an Arabic paragraph starting with a Latin word the right-to-left base, its numbers and Latin words level 2', () => {
    const text = 'Zine كتاب 12 (ملف)';
    const levels = [...bidiLevels(text, 'rtl')!];
    expect(levels.slice(0, 4)).toEqual([2, 2, 2, 2]);
    expect(levels.slice(5, 9)).toEqual([1, 1, 1, 1]);
    expect(levels.slice(10, 12)).toEqual([2, 2]);
    // brackets around Arabic take its level: HarfBuzz mirrors them when it shapes the run right to left
    expect(levels[13]).toBe(1);
    expect(levels[text.length - 1]).toBe(1);
  });

  it('reverses runs, not what lies inside a run of higher level (UAX #9 L2)', () => {
    expect(visualOrder([0, 0, 0])).toEqual([0, 1, 2]);
    expect(visualOrder([1, 1, 1])).toEqual([2, 1, 0]);
    // two Latin words inside an Arabic line keep their order
    expect(visualOrder([1, 1, 2, 2, 2, 1])).toEqual([5, 2, 3, 4, 1, 0]);
    // an Arabic word inside an English line
    expect(visualOrder([0, 1, 1, 1, 0])).toEqual([0, 3, 2, 1, 4]);
  });
});

describe('a right-to-left paragraph', () => {
  const WORDS = 'كتاب مدرسة سلام الحرب بيت شمس قلم ورق نور باب';

  it('sets its words from the right, justified, its last line flush right', () => {
    const lines = set(`${WORDS} ${WORDS}`, 150);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) {
      const runs = leftToRight(line);
      // words in logical order go from right to left
      const logical = line.runs.map((r) => r.x);
      expect(logical).toEqual([...logical].sort((a, b) => b - a));
      expect(runs[runs.length - 1]!.x + runs[runs.length - 1]!.width).toBeCloseTo(150, 1);
      for (const r of line.runs) expect(r.level).toBe(1);
    }
    const first = leftToRight(lines[0]!)[0]!;
    expect(first.x).toBeCloseTo(0, 1);
    const last = leftToRight(lines[lines.length - 1]!)[0]!;
    expect(last.x).toBeGreaterThan(1);
  });

  it('indents its first line on the right', () => {
    const [line] = set(WORDS, 400, 12);
    const runs = leftToRight(line!);
    expect(runs[runs.length - 1]!.x + runs[runs.length - 1]!.width).toBeCloseTo(400 - 12, 1);
  });

  it('keeps Latin words and numbers left to right, in their order, between the Arabic ones', () => {
    const [line] = set('كتاب Kazakhstan Almaty 2022 سلام', 400);
    const runs = leftToRight(line!);
    const texts = runs.map((r) => r.text);
    // Arabic from the right: سلام is read last, so it stands leftmost
    expect(texts[0]).toBe('سلام');
    expect(texts[texts.length - 1]).toBe('كتاب');
    expect(texts.slice(1, -1).join(' ')).toBe('Kazakhstan Almaty 2022');
    expect(runs.filter((r) => r.level === 2).length).toBeGreaterThan(0);
  });

  it('sets a bracket in the right-to-left run mirrored, in the face that has it', () => {
    const [line] = set('سلام (كتاب)', 400);
    const open = line!.runs.find((r) => r.text === '(')!;
    expect(open.level).toBe(1);
    const shaped = book.shape(open.face, '(', true);
    // HarfBuzz draws the opening bracket of a right-to-left run as ")"
    expect(shaped.glyphs[0]!.id).toBe(book.shape(open.face, ')').glyphs[0]!.id);
  });

  it('sets text without an Arabic letter left to right: a section not yet translated, in the default language', () => {
    const [line] = set('Not yet translated, 12 words', 400);
    expect(line!.runs[0]!.x).toBe(0);
    expect(line!.runs.every((r) => r.level === 0)).toBe(true);
  });

  it('sets a stop or comma by a Latin word in the Latin face, not the Arabic one that also has it', () => {
    // the example's whole Noto Naskh Arabic, which has Latin punctuation (the test subset has not)
    const naskhFace = fonts.face('serif-arab', false, false);
    expect(naskhFace.font.hasGlyphForCodePoint('.'.codePointAt(0)!)).toBe(true);
    const setFa = (text: string): readonly SetLine[] => setParagraph(
      { inlines: [textInline(text)], style: { ...bodyStyle, font: 'serif-arab' }, measure: 400, firstIndent: 0, language: languageOf('fa'), source: { file: 'test.md', line: 1 } },
      { fonts, hyphenator: undefined, words: new Map(), paragraphs: new ParagraphAnalyses(), warn: () => undefined },
    );
    const [line] = setFa('Not yet translated, in (English).');
    expect(line!.runs.filter((r) => /[.,()]/.test(r.text)).every((r) => r.face !== naskhFace)).toBe(true);
    // by Farsi letters it stays in Naskh
    const [farsi] = setFa('کتاب سلام.');
    expect(farsi!.runs.find((r) => r.text.includes('.'))!.face).toBe(naskhFace);
  });

  it('keeps a web address whole, its closing slash at its end, and sets a note of only an address from the right', () => {
    const [line] = set('كتاب https://crimethinc.com/ سلام', 400);
    const runs = leftToRight(line!);
    expect(runs.map((r) => r.text)).toEqual(['سلام', 'https://crimethinc.com/', 'كتاب']);
    // without the isolate, the slash would take the paragraph's direction and stand at the address's left
    const [note] = set('https://crimethinc.com/', 400);
    expect(note!.runs.map((r) => r.text).join('')).toBe('https://crimethinc.com/');
    expect(lineEnd(note!)).toBeCloseTo(400, 6);
  });

  it('keeps code in its own order in right-to-left text: a file name\'s leading number stays before it', () => {
    const inlines = (code: boolean): Inline[] => [textInline('في '), textInline('02-next-part.md', false, false, undefined, undefined, code), textInline(' سلام')];
    const setIn = (code: boolean): string => {
      const [line] = setParagraph(
        { inlines: inlines(code), style: naskh, measure: 400, firstIndent: 0, language: languageOf('ar'), source: { file: 'test.md', line: 1 } },
        { fonts: book, hyphenator: undefined, words: new Map(), paragraphs: new ParagraphAnalyses(), warn: () => undefined },
      );
      return leftToRight(line!).map((r) => r.text).join('');
    };
    expect(setIn(true)).toContain('02-next-part.md');
    // as plain text, the number and its hyphen take the paragraph's direction, and stand after the name
    expect(setIn(false)).not.toContain('02-next-part.md');
  });

  it('sets code in the direction of its first letter: Arabic code\'s closing mark stays with its words', () => {
    const code = (text: string): Inline => textInline(text, false, false, undefined, undefined, true);
    const analysed = new ParagraphAnalyses().of([textInline('in '), code('ملف!'), textInline(' now')], languageOf('en'), { uppercase: false, phrases: false });
    const levels = analysed.levels!;
    const at = analysed.text.indexOf('!');
    // the mark at the level of the Arabic letters before it, not at the Latin text's
    expect(levels[at]).toBe(levels[at - 1]);
    expect(levels[at]! % 2).toBe(1);
  });

  it('leaves the sentence\'s full stop after an address to the sentence', () => {
    const [line] = set('راجع https://crimethinc.com. ثم', 400);
    const runs = leftToRight(line!);
    // the full stop ends the Arabic sentence: on the address's left, not inside it
    expect(runs.map((r) => r.text).join('|')).toMatch(/^ثم\|?\.?\|?https:\/\/crimethinc\.com\|/);
    expect(runs.find((r) => r.text.includes('https'))!.text).toBe('https://crimethinc.com');
  });

  it('isolates given stretches as UAX #9 does LRI … PDI', () => {
    const text = 'كتاب abc/ سلام';
    const plain = bidiLevels(text, 'rtl')!;
    const isolated = bidiLevels(text, 'rtl', [[5, 9]])!;
    // the slash after a Latin word before Arabic: plain, it is right to left; isolated with the word, left to right
    expect(plain[8]).toBe(1);
    expect(isolated[8]).toBe(2);
    expect([...isolated.slice(5, 9)]).toEqual([2, 2, 2, 2]);
  });

  it('isolates a stretch in its own direction, RLI … PDI, nested with a left-to-right one inside', () => {
    const text = 'He said «سلام»! then';
    // plain, the exclamation mark between Arabic and English takes the English paragraph's direction
    expect(bidiLevels(text, 'ltr')![14]).toBe(0);
    const isolated = bidiLevels(text, 'ltr', [[8, 15, 'rtl']])!;
    expect([...isolated.slice(8, 15)]).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(isolated[15]).toBe(0);
    const address = 'See [عن www.a.org] x';
    const nested = bidiLevels(address, 'ltr', [[4, 18, 'rtl'], [8, 17]])!;
    expect([...nested.slice(8, 17)]).toEqual(Array(9).fill(2));
    expect(nested[7]).toBe(1);
  });

  it('keeps a phrase\'s marks with it: an Arabic one in an English line, an English one in an Arabic line', () => {
    const setInlines = (inlines: ReturnType<typeof textInline>[], locale: string) => setParagraph(
      { inlines, style: naskh, measure: 400, firstIndent: 0, language: languageOf(locale), source: { file: 'test.md', line: 1 } },
      { fonts: book, hyphenator: undefined, words: new Map(), paragraphs: new ParagraphAnalyses(), warn: () => undefined },
    );
    /** The left-to-right place of the run holding `text`. */
    const place = (line: SetLine, text: string) => leftToRight(line).findIndex((r) => r.text.includes(text));
    const [english] = setInlines([textInline('He said '), textInline('«سلام»!', false, false, undefined, languageOf('ar')), textInline(' then.')], 'en');
    // the phrase read from the right: its exclamation mark on its left, right to left with it, the English around it
    expect(leftToRight(english!).find((r) => r.text.includes('!'))!.level).toBe(1);
    expect([place(english!, 'He'), place(english!, '!'), place(english!, 'سلام'), place(english!, 'then')]).toEqual([0, 1, 2, 4]);
    const [arabic] = setInlines([textInline('قال '), textInline('John Smith!', false, false, undefined, languageOf('en')), textInline(' أمس')], 'ar');
    // the name keeps its order and its exclamation mark after it, between the Arabic words
    const order = ['أمس', 'John', 'Smith', '!', 'قال'].map((t) => place(arabic!, t));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(new Set(order).size).toBeGreaterThan(2);
  });

  it('leaves an English paragraph with an Arabic word set as before, the word from the right', () => {
    const [line] = set('The word كتاب means book', 400, 0, 'en');
    const runs = leftToRight(line!);
    expect(runs[0]!.x).toBe(0);
    expect(runs.find((r) => r.text.includes('كتاب'))!.level).toBe(1);
  });
});

describe('a right-to-left run drawn', () => {
  it('shapes the word right to left, joined, and draws it from its last letter', () => {
    const face = book.face('naskh', false, false);
    const shaped = book.shape(face, 'سلام', true);
    // logical order: the first glyph stands for the first letter
    expect(shaped.glyphs[0]!.codePoints).toEqual(['س'.codePointAt(0)]);
    // joined forms differ from the isolated letters
    expect(shaped.glyphs[0]!.id).not.toBe(book.shape(face, 'س', true).glyphs[0]!.id);
    const item = textItem(book, face, 'سلام كتاب', { direction: 'rtl' });
    expect(item.spans.map((s) => s.text)).toEqual(['سلام', 'كتاب']);
    const placed = placedGlyphs(item.spans);
    // words in reading order, the first on the right, each drawn from its last letter
    const first = book.shape(face, 'سلام', true).glyphs.length;
    expect(placed[0]!.codePoints).toEqual(['م'.codePointAt(0)]);
    expect(placed[first - 1]!.codePoints).toEqual(['س'.codePointAt(0)]);
    expect(placed[first]!.codePoints).toEqual(['ب'.codePointAt(0)]);
    expect(Math.min(...placed.slice(0, first).map((g) => g.x))).toBeGreaterThan(Math.max(...placed.slice(first).map((g) => g.x)));
    // the last word starts at the item's left edge
    expect(placed[first]!.x).toBeCloseTo(0, 6);
  });

  it('takes lam-alef drawn as two glyphs, the alef without an advance, as one cluster standing for both letters', () => {
    const glyphs = book.shape(book.face('naskh', false, false), 'بالا', true).glyphs;
    expect(glyphs.map((g) => String.fromCodePoint(...g.codePoints))).toEqual(['ب', 'ا', 'لا', '']);
    expect(glyphs[3]!.advance).toBe(0);
  });

  it('takes lam-alef, where the font makes it one glyph, as standing for both letters in logical order', () => {
    const face = book.face('kufi', false, false);
    const glyphs = book.shape(face, 'سلام', true).glyphs.map((g) => String.fromCodePoint(...g.codePoints));
    expect(glyphs).toEqual(['س', 'لا', 'م']);
  });
});

describe('kashida', () => {
  const paragraph = Array.from({ length: 12 }, () => 'كتاب مدرسة سلام الحرب').join(' ');
  const setWith = (kashida: boolean): readonly SetLine[] => setParagraph(
    { inlines: [textInline(paragraph)], style: naskh, measure: 200, firstIndent: 0, language: languageOf('ar'), source: { file: 'test.md', line: 1 } },
    { fonts: book, hyphenator: undefined, words: new Map(), paragraphs: new ParagraphAnalyses(), warn: () => undefined, kashida },
  );
  const tatweel = book.shape(book.face('naskh', false, false), 'ـ', true).glyphs[0]!.id;

  it('lengthens joined words where HarfBuzz finds it safe, the lines as wide as before, every word read as written', () => {
    const lines = setWith(true);
    const spans = lines.slice(0, -1).flatMap((line) => line.runs.flatMap((run) => glyphSpans(run, book)));
    const strokes = spans.filter((s) => s.glyphs.some((g) => g.id === tatweel));
    expect(strokes.length).toBeGreaterThan(5);
    for (const span of strokes) {
      // the stroke stands for no text; the word's letters are all there, joined as in the word
      const read = span.glyphs.filter((g) => g.id !== tatweel).reverse().flatMap((g) => g.codePoints);
      expect(read).toEqual(Array.from(span.text, (c) => c.codePointAt(0)));
      expect(span.glyphs.filter((g) => g.id === tatweel).every((g) => g.codePoints.length === 0 && g.kashida === true)).toBe(true);
      expect(paragraph.split(' ')).toContain(span.text);
    }
    for (const line of lines.slice(0, -1)) expect(lineEnd(line)).toBeCloseTo(200, 6);
    // the spaces give up part of the stretch: more even than without kashida
    const widest = (ls: readonly SetLine[]): number => Math.max(...ls.slice(0, -1).flatMap((l) => l.runs.flatMap((r) => r.spans
      .flatMap((span, i) => (i > 0 && !span.joined ? [span.at - (r.spans[i - 1]!.at + r.spans[i - 1]!.width)] : [])))));
    expect(widest(lines)).toBeLessThan(widest(setWith(false)));
  });

  it('is not drawn without the theme asking for it, nor in ragged lines', () => {
    const spans = setWith(false).flatMap((line) => line.runs.flatMap((run) => glyphSpans(run, book)));
    expect(spans.some((s) => s.glyphs.some((g) => g.id === tatweel))).toBe(false);
    const ragged = setParagraph(
      { inlines: [textInline(paragraph)], style: { ...naskh, align: 'right' }, measure: 200, firstIndent: 0, language: languageOf('ar'), source: { file: 'test.md', line: 1 } },
      { fonts: book, hyphenator: undefined, words: new Map(), paragraphs: new ParagraphAnalyses(), warn: () => undefined, kashida: true },
    );
    expect(ragged.flatMap((line) => line.runs.flatMap((run) => glyphSpans(run, book))).some((s) => s.glyphs.some((g) => g.id === tatweel))).toBe(false);
  });
});

/**
 * Mixed lines of right-to-left text, each set as one line and read off the
 * page from left to right, against the order GNU FriBidi gives the same
 * text (Debian's libfribidi-bin, which .ci/run installs). An address the
 * typesetter sets as a left-to-right isolate is marked so (LRI … PDI) for
 * FriBidi, an English phrase (`[…]{lang=en}`) as FSI … PDI; the marks are
 * not part of the text set.
 */
describe('a right-to-left line in the order GNU FriBidi gives it', () => {
  const LINES: [locale: string, text: string][] = [
    ['ar', 'الأرقام بالترتيب 10 20 30 ثم النهاية.'],
    ['fa', 'شماره تلفن ۰۲۱ ۸۸۷۷ ۶۶۵۵ است.'],
    ['fa', '٪۵ 50%'],
    ['fa', 'تخفیف ٪۵ یا 50% است.'],
    ['ar', 'التاريخ 2022/01/05 أو 05.01.2022 في الملف.'],
    ['ar', 'العدد ١٢٣ و٤٥٦ في الصفحة ٧.'],
    ['fa', 'تاریخ ۱۴۰۱/۱۰/۱۵ و قیمت ۱۲٫۵ دلار'],
    ['ar', 'قال John Smith إن الكتاب جيد.'],
    ['ar', 'نظام Windows 10 أو macOS 14 جديد'],
    ['ar', 'Zine كتاب 12 (ملف)'],
    ['ar', 'زوروا \u2066https://crimethinc.com/\u2069 اليوم.'],
    ['ar', 'الموقع \u2066www.example.org\u2069 للمزيد'],
    ['ar', 'سلام (كتاب) [ملف] abc.'],
    ['ar', 'الكتاب (2022) صدر في 10 أيام.'],
    ['ar', 'قال: «السلام عليكم» ثم ذهب!'],
    ['ar', 'هل قرأت "The Book" أمس؟'],
    ['ar', 'الصفحات 12-15 و 3 - 1 في المباراة'],
    ['ar', 'الأعداد: 1, 2, 3 و 4، 5؛ 6.'],
    ['ar', 'رقم الهاتف +7 727 123 45 67 للاتصال'],
    ['ar', 'سعر 10\u00a0000 دينار أو 20 000 دينار'],
    ['ar', '!البداية 7 8 9'],
    ['he', 'שלום 10 20 30 עולם.'],
    ['he', 'הטלפון 03-1234567 בבית, או 050 123 4567.'],
    ['he', 'המחיר 50% מהסכום, 25% מהיתר.'],
    ['he', 'קראתי את Harry Potter (ספר) ב-2022!'],
    ['he', 'ראו \u2066https://example.com/page?id=5\u2069 עכשיו.'],
    ['ar', 'نظام \u2068Windows\u206910 جديد'],
    // the phrase's space is its own, on its right: the figures after it stand against its left
    ['fa', 'سلام \u2068Windows \u206910 پایان'],
    ['fa', 'سلام \u2068Windows \u2069 10 پایان'],
    ['he', 'שלום \u2068in English \u2069123 עולם.'],
  ];
  const ISOLATE = /[\u2066\u2068\u2069]/g;
  /** The line's inlines: a stretch marked FSI … PDI an English phrase. */
  const inlinesOf = (marked: string): Inline[] => marked.split(/\u2068([^\u2069]*)\u2069/).flatMap((text, i) =>
    text === '' ? [] : [textInline(text.replace(ISOLATE, ''), false, false, undefined, i % 2 === 1 ? languageOf('en') : undefined)]);
  const book = bookWith({ hebrew: 'NotoSerifHebrew-Regular.ttf' }, { Arab: { serif: 'serif-arab', sans: 'sans-arab' }, Hebr: { serif: 'hebrew' } });
  // bidi-js is CommonJS whose exports are its factory (see src/text/bidi.ts)
  const { getMirroredCharacter } = (bidiModule as unknown as typeof bidiModule.default)();
  const reference = new Map<string, string>();

  beforeAll(() => {
    const input = `${LINES.map(([, text]) => text).join('\n')}\n`;
    const fribidi = (...flags: string[]): string[] => {
      const r = spawnSync('fribidi', ['--rtl', '--nopad', '--nobreak', ...flags], { input, encoding: 'utf8' });
      expect(r.error, 'GNU FriBidi is installed (Debian: libfribidi-bin; .ci/run installs it)').toBeUndefined();
      return r.stdout.split('\n');
    };
    const shown = fribidi('--vtol');
    LINES.forEach(([, text], n) => {
      const [visual, vtol] = [Array.from(shown[2 * n]!), shown[2 * n + 1]!.trim().split(' ').map(Number)];
      const chars = Array.from(text);
      expect(visual).toHaveLength(chars.length);
      // the characters in FriBidi's visual order, a bracket as FriBidi mirrors it or not (its Arabic letters it shapes: taken from the text)
      const seen = vtol.map((i, v) => (getMirroredCharacter(chars[i]!) === null ? chars[i]! : visual[v]!)).join('');
      reference.set(text, seen.replace(ISOLATE, '').replace(/\s+/g, ' ').trim());
    });
  });

  /** The line's words from left to right where the typesetter puts them, each as its glyphs read from the left, a space where they stand apart. */
  function seen(line: SetLine): string {
    const words = line.runs.flatMap((run) => run.spans.map((span) => {
      const rtl = run.level % 2 === 1;
      const left = run.x + (rtl ? run.width - span.at - span.width : span.at);
      // a right-to-left run is drawn from its last glyph, its brackets mirrored (HarfBuzz, see above)
      const text = rtl ? Array.from(span.text).reverse().map((c) => getMirroredCharacter(c) ?? c).join('') : span.text;
      return { left, right: left + span.width, text };
    })).sort((a, b) => a.left - b.left);
    return words.map((w, i) => (i > 0 && w.left - words[i - 1]!.right > 0.5 ? ' ' : '') + w.text).join('');
  }

  it.each(LINES)('%s: %s', (locale, marked) => {
    // justified and ragged: the spaces are glue of either kind
    for (const align of ['justify', 'left'] as const) {
      const lines = setParagraph(
        { inlines: inlinesOf(marked), style: { ...bodyStyle, align }, measure: 1000, firstIndent: 0, language: languageOf(locale), source: { file: 'test.md', line: 1 } },
        { fonts: book, hyphenator: undefined, words: new Map(), paragraphs: new ParagraphAnalyses(), warn: () => undefined },
      );
      expect(lines).toHaveLength(1);
      expect(seen(lines[0]!), align).toBe(reference.get(marked));
    }
  });
});
