import { describe, expect, it } from 'vitest';
import { textInline, type Inline } from '../../src/content/blocks.js';
import { ZineError } from '../../src/errors.js';
import { hyphenatorFor } from '../../src/lang/hyphenation.js';
import { Hyphenator, PatternTrie } from '../../src/lang/liang.js';
import { languageOf } from '../../src/lang/languages.js';
import { glyphSpans } from '../../src/typeset/glyph-run.js';
import { lineEnd, ROUNDING, type SetLine } from '../../src/typeset/lines.js';
import { analysedOf, setParagraph } from '../../src/typeset/paragraph.js';
import { paragraphItems, type SetParagraphInput, type TypesetContext } from '../../src/typeset/items.js';
import { bodyStyle, bookWith, fonts, placedGlyphs } from '../support/fixtures.js';
import { ParagraphAnalyses } from '../../src/text/paragraph.js';

const text = (t: string): Inline[] => [textInline(t)];
const PARAGRAPH = 'People organised the way people do when there is no legal space for politics: through neighbours, workplaces, chat groups and word of mouth. In the oil towns, workers who had learned from the strike of 2011 played an important role. In the big cities, the crowds were younger, poorer and angrier, and far harder to negotiate with.';

function set(inlines: Inline[], measure: number, style = bodyStyle, warnings: string[] = []): readonly SetLine[] {
  return setParagraph(
    { inlines, style, measure, firstIndent: 0, language: languageOf('en'), source: { file: 'test.md', line: 1 } },
    { fonts, hyphenator: hyphenatorFor(languageOf('en')), words: new Map(), paragraphs: new ParagraphAnalyses(), warn: (m) => warnings.push(m) },
  );
}
const lineText = (l: SetLine): string => l.runs.map((r) => r.text).join(' ');

describe('setParagraph', () => {
  it('justifies every line but the last to the measure', () => {
    const lines = set(text(PARAGRAPH), 200);
    expect(lines.length).toBeGreaterThan(4);
    for (const line of lines.slice(0, -1)) expect(lineEnd(line)).toBeCloseTo(200, 1);
    expect(lineEnd(lines[lines.length - 1]!)).toBeLessThan(200);
  });

  it('keeps every word, in order, hyphenated words whole again', () => {
    const lines = set(text(PARAGRAPH), 150);
    const joined = lines.map(lineText).join('\n').replace(/-\n/g, '').replace(/\s+/g, ' ');
    expect(joined.replace(/ /g, '')).toBe(PARAGRAPH.replace(/ /g, ''));
  });

  it('hyphenates where the patterns allow and marks the line', () => {
    const lines = set(text(PARAGRAPH), 120);
    const hyphenated = lines.filter((l) => l.hyphenated);
    expect(hyphenated.length).toBeGreaterThan(0);
    for (const l of hyphenated) expect(l.runs[l.runs.length - 1]!.text.endsWith('-')).toBe(true);
  });

  it('marks a line ending at a word\'s own hyphen as ending inside the word, one ending at a space not', () => {
    const style = { ...bodyStyle, hyphenate: false };
    const face = fonts.face(style.font, false, false);
    // room for "see the well-" and not for "known" after it
    const measure = fonts.width(face, 'see the well-know', style.size);
    const lines = set(text('see the well-known zine'), measure, style);
    expect(lines.map(lineText)).toEqual(['see the well-', 'known zine']);
    expect(lines.map((l) => l.hyphenated)).toEqual([true, false]);
    const spaced = set(text('see the well known zine'), measure, style);
    expect(spaced[0]!.hyphenated).toBe(false);
  });

  it('hyphenates a phrase in a language of its own by that language\'s patterns', () => {
    const words = Array(6).fill('достопримечательности').join(' ');
    const russian = languageOf('ru');
    expect(hyphenatorFor(russian)!.breaks('достопримечательности').length).toBeGreaterThan(0);
    // the English patterns have nothing for Cyrillic words: unmarked, they are not hyphenated
    expect(set([textInline('See '), textInline(words)], 200).some((l) => l.hyphenated)).toBe(false);
    const marked = set([textInline('See '), textInline(words, false, false, undefined, russian)], 200);
    expect(marked.some((l) => l.hyphenated)).toBe(true);
    expect(marked.map(lineText).join('\n').replace(/-\n/g, '').replace(/\s+/g, ' ')).toBe(`See ${words}`);
  });

  it('sets ragged lines at natural word spacing', () => {
    const lines = set(text(PARAGRAPH), 200, { ...bodyStyle, align: 'left' });
    const space = fonts.width(fonts.face('serif', false, false), ' ', bodyStyle.size);
    for (const line of lines) {
      const runs = line.runs;
      for (let i = 1; i < runs.length; i++) {
        expect(runs[i]!.x - (runs[i - 1]!.x + runs[i - 1]!.width)).toBeCloseTo(space, 3);
      }
    }
  });

  it('centres lines', () => {
    const [line] = set(text('Short'), 200, { ...bodyStyle, align: 'center' });
    const run = line!.runs[0]!;
    expect(run.x + run.width / 2).toBeCloseTo(100, 3);
  });

  it('breaks a long address after its slashes and hyphens, within the measure', () => {
    const address = 'https://example.org/a-very-long-address/that-never-ends/and-goes-on-and-on';
    const warnings: string[] = [];
    const lines = set(text(`see ${address}`), 100, bodyStyle, warnings);
    for (const l of lines) expect(lineEnd(l)).toBeLessThanOrEqual(100.01);
    expect(lines.map(lineText).join('').replace(/ /g, '')).toBe(`see${address}`);
    // no link's, it is an address all the same: wider than the line, it is said to be, and parted only after its punctuation
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/is wider than the line: broken after its punctuation/);
    for (const l of lines.slice(0, -1)) expect(lineText(l)).toMatch(/[/.-]$/);
  });

  it('breaks a word wider than the line anywhere, with a warning, instead of running past the margin', () => {
    const word = 'Averylongwordthatnohyphenationpatternknowsandthatneverends';
    const warnings: string[] = [];
    const lines = set(text(`see ${word}`), 100, { ...bodyStyle, hyphenate: false }, warnings);
    for (const l of lines) expect(lineEnd(l)).toBeLessThanOrEqual(100.01);
    // broken with hyphens, so that it reads as one word
    expect(lines.slice(1, -1).every((l) => lineText(l).endsWith('-'))).toBe(true);
    expect(lines.map(lineText).join('\n').replace(/-\n/g, '').replace(/\s/g, '')).toBe(`see${word}`);
    expect(warnings.some((w) => w.includes('wider than the line'))).toBe(true);
  });

  it('breaks a first word that a full line holds but the indented first line does not', () => {
    const word = 'Averylongwordthatnohyphenationpatternknows';
    const style = { ...bodyStyle, hyphenate: false };
    const measure = fonts.width(fonts.face(style.font, false, false), word, style.size) + 4;
    const warnings: string[] = [];
    const lines = setParagraph(
      { inlines: text(`${word} and more`), style, measure, firstIndent: 12, language: languageOf('en'), source: { file: 'test.md', line: 1 } },
      { fonts, hyphenator: undefined, words: new Map(), paragraphs: new ParagraphAnalyses(), warn: (m) => warnings.push(m) },
    );
    for (const l of lines) expect(lineEnd(l), lineText(l)).toBeLessThanOrEqual(measure + 0.01);
    expect(lines.map(lineText).join('').replace(/-/g, '').replace(/\s/g, '')).toBe(`${word}andmore`);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^"Averylongword.*" is wider than the line: broken where it must be$/);
  });

  it('breaks a stretch of a word that fits the line only without the hyphen a break there adds', () => {
    // hyphenated only after its first 37 letters: that stretch fills the line, and the hyphen after it would not fit
    const [head, tail] = ['Averylongwordthatnohyphenationpattern', 'knows'];
    const hyphenator = new Hyphenator(new PatternTrie(), 1, 1, new Map([[`${head}${tail}`.toLowerCase(), [head.length]]]));
    const face = fonts.face(bodyStyle.font, false, false);
    const measure = fonts.width(face, head, bodyStyle.size) + fonts.width(face, '-', bodyStyle.size) / 2;
    const warnings: string[] = [];
    const lines = setParagraph(
      { inlines: text(`${head}${tail}`), style: bodyStyle, measure, firstIndent: 0, language: languageOf('en'), source: { file: 'test.md', line: 1 } },
      { fonts, hyphenator, words: new Map(), paragraphs: new ParagraphAnalyses(), warn: (m) => warnings.push(m) },
    );
    for (const l of lines) expect(lineEnd(l), lineText(l)).toBeLessThanOrEqual(measure + 0.01);
    expect(lines.map(lineText).join('').replace(/-/g, '')).toBe(`${head}${tail}`);
    expect(warnings).toHaveLength(1);
  });

  it('parts a word whose emphasis starts inside it where the two meet, when they fit the line apart but not together', () => {
    const [plain, emphasised] = ['Averylongwordthatnohyphenation', 'patternknowsandthatneverends'];
    const style = { ...bodyStyle, hyphenate: false };
    const face = fonts.face(style.font, false, false);
    const measure = fonts.width(face, plain, style.size) + 20;
    const warnings: string[] = [];
    const lines = set([textInline(`see ${plain}`), textInline(emphasised, true)], measure, style, warnings);
    for (const l of lines) expect(lineEnd(l), lineText(l)).toBeLessThanOrEqual(measure + 0.01);
    // with a hyphen, where the emphasis starts
    expect(lines.map(lineText)).toEqual(['see', `${plain}-`, emphasised]);
    expect(warnings).toEqual([`"${plain}${emphasised.slice(0, 40 - plain.length)}…" is wider than the line: broken where it must be`]);
  });

  it('parts a word whose emphasis starts inside it where the two meet, when the hyphen of its first break is what would not fit', () => {
    const [plain, head, tail] = ['Some', 'verylongwordthatnohyphenationpattern', 'knows'];
    const hyphenator = new Hyphenator(new PatternTrie(), 1, 1, new Map([[`${head}${tail}`, [head.length]]]));
    const [regular, italic] = [fonts.face(bodyStyle.font, false, false), fonts.face(bodyStyle.font, false, true)];
    const measure = fonts.width(regular, plain, bodyStyle.size) + fonts.width(italic, head, bodyStyle.size) + fonts.width(italic, '-', bodyStyle.size) / 2;
    const warnings: string[] = [];
    const lines = setParagraph(
      { inlines: [textInline(plain), textInline(`${head}${tail}`, true)], style: bodyStyle, measure, firstIndent: 0, language: languageOf('en'), source: { file: 'test.md', line: 1 } },
      { fonts, hyphenator, words: new Map(), paragraphs: new ParagraphAnalyses(), warn: (m) => warnings.push(m) },
    );
    for (const l of lines) expect(lineEnd(l), lineText(l)).toBeLessThanOrEqual(measure + 0.01);
    expect(lines.map(lineText).join('').replace(/-/g, '')).toBe(`${plain}${head}${tail}`);
    expect(warnings).toHaveLength(1);
  });

  it('quotes only the start of a huge word in its warning, and keeps all of it', () => {
    const word = 'x'.repeat(5000);
    const warnings: string[] = [];
    const lines = set(text(word), 100, { ...bodyStyle, hyphenate: false }, warnings);
    expect(warnings).toEqual([`"${'x'.repeat(40)}…" is wider than the line: broken where it must be`]);
    expect(lines.map(lineText).join('').replace(/-/g, '')).toBe(word);
  });

  it('keeps words joined by a no-break space together, and parts them only when they cannot fit', () => {
    const joined = set(text('aaaa bbbb cccc dddd eeee ffff gggg in\u00a0Almaty hhhh iiii'), 60, { ...bodyStyle, hyphenate: false });
    for (const l of joined) expect(lineText(l).endsWith('in')).toBe(false);
    const warnings: string[] = [];
    const lines = set(text('Wide\u00a0words\u00a0held\u00a0together'), 60, bodyStyle, warnings);
    for (const l of lines) expect(lineEnd(l)).toBeLessThanOrEqual(60.01);
    expect(warnings.some((w) => w.includes('no-break spaces'))).toBe(true);
    // parted, not lost
    expect(lines.map(lineText).join(' ').replace(/-\s/g, '')).toMatch(/Wide\s+words\s+held\s+together/);
  });

  it('keeps a paragraph whose last word has no letters and is wider than the line', () => {
    for (const last of ['1'.repeat(150), `${'('.repeat(60)}x${')'.repeat(60)}`]) {
      const lines = set(text(`hello ${last}`), 120);
      expect(lines.length).toBeGreaterThan(1);
      expect(lines.map(lineText).join('').replace(/-/g, '')).toContain(last.slice(0, 50));
      for (const l of lines) expect(lineEnd(l)).toBeLessThanOrEqual(120.01);
    }
  });

  it('honours hard line breaks', () => {
    const lines = set([...text('first line'), { kind: 'break' }, ...text('second line')], 300);
    expect(lines.map(lineText)).toEqual(['first line', 'second line']);
  });

  it('sets note numbers small and raised', () => {
    const [line] = set([...text('word'), { kind: 'noteRef', number: 3 }], 300);
    const note = line!.runs.find((r) => r.text === '3')!;
    expect(note.size).toBeLessThan(bodyStyle.size);
    expect(note.rise).toBeGreaterThan(0);
  });

  it('takes characters the body font lacks from a fallback font', () => {
    const [line] = set(text('◆ 8 ◆'), 300);
    expect(line!.runs.map((r) => r.face.key)).toContain('symbols-regular');
  });

  it('refuses a character no font has, naming its code point and the file', () => {
    expect(() => set(text('a \u{1F9A4} b'), 300)).toThrow(ZineError);
    expect(() => set(text('a \u{1F9A4} b'), 300)).toThrow(/U\+1F9A4/);
  });

  it('measures a word from one shaping: its pieces add up to the whole word, ligatures and kerning included', () => {
    const serif = fonts.face('serif', false, false);
    // "dif-fi-cult" may break; measured piece by piece it would lose its ffi ligature
    const [line] = set(text('difficult'), 300);
    expect(line!.runs.map((r) => r.text).join('')).toBe('difficult');
    expect(lineEnd(line!)).toBeCloseTo(fonts.width(serif, 'difficult', bodyStyle.size), 6);
    expect(fonts.width(serif, 'dif', bodyStyle.size) + fonts.width(serif, 'fi', bodyStyle.size)).not.toBeCloseTo(fonts.width(serif, 'diffi', bodyStyle.size), 3);
  });

  it('never breaks a word inside a ligature', () => {
    // the patterns allow dif-fi-cult and of-fi-cials, but ffi is one glyph
    expect(hyphenatorFor(languageOf('en'))!.breaks('difficult')).toContain(3);
    const lines = set(text(Array(4).fill('difficult officials').join(' ')), 30);
    const ends = lines.filter((l) => l.hyphenated).map((l) => l.runs[l.runs.length - 1]!.text);
    expect(ends).toContain('diffi-');
    expect(ends).toContain('offi-');
    for (const end of ends) expect(end).not.toMatch(/^(dif|of)-$/);
  });

  it('spaces the letters of a line a little where its spaces alone would stretch loose, and draws them so', () => {
    const warnings: string[] = [];
    // no hyphenation, and a long word after a short one: the first line has one space to stretch across most of the measure
    const lines = set(text('Go unquestionably further than before, unquestionably.'), 110, { ...bodyStyle, hyphenate: false }, warnings);
    expect(warnings.join('\n')).toMatch(/the justified line "Go unquestionably" is spaced out far past its natural width/);
    const [first] = lines;
    expect(first!.overstretched).toBe(true);
    expect(lineEnd(first!)).toBeCloseTo(110, 1);
    for (const run of first!.runs) {
      expect(run.tracking).toBeGreaterThan(0);
      expect(run.tracking).toBeLessThanOrEqual(0.04 * bodyStyle.size + 1e-9);
      // the renderer's glyphs end where the span was measured to end, each letter the same room further on
      for (const span of glyphSpans(run, fonts)) {
        const glyphs = placedGlyphs([span]);
        const last = glyphs[glyphs.length - 1]!;
        const measured = run.spans.find((s) => s.text === span.text)!;
        const advance = fonts.shape(run.face, span.text, false).glyphs.at(-1)!.advance * run.size;
        expect(last.x + advance + run.tracking).toBeCloseTo(measured.at + measured.width, 3);
      }
    }
    // the last line, set at its natural width, is not spaced
    expect(lines[lines.length - 1]!.runs.every((r) => r.tracking === 0)).toBe(true);
  });

  it('never spaces the letters of a joined script', () => {
    const arabic = languageOf('ar');
    const lines = setParagraph(
      { inlines: text('من اجل التضامن والمساعدة المتبادلة بين الجيران'), style: { ...bodyStyle, font: 'serif-arab', hyphenate: false }, measure: 80, firstIndent: 0, language: arabic, source: { file: 'test.md', line: 1 } },
      { fonts, hyphenator: undefined, words: new Map(), paragraphs: new ParagraphAnalyses(), warn: () => undefined },
    );
    expect(lines.some((l) => l.overstretched)).toBe(true);
    for (const line of lines) for (const run of line.runs) expect(run.tracking).toBe(0);
    // set from the right, every line but the last still reaches across the measure, by its spaces alone
    for (const line of lines.slice(0, -1)) {
      expect(lineEnd(line)).toBeCloseTo(80, 1);
      expect(Math.min(...line.runs.map((r) => r.x))).toBeCloseTo(0, 1);
    }
  });

  it('refuses a word running past 5000 characters with no place to break, naming the paragraph\'s line; sets one as long where it may break', () => {
    expect(() => set(text(`Before ${'a'.repeat(5001)} after.`), 200)).toThrow(/^"a{40}…" runs 5001 characters with no place a line may break: more than 5000, refused/);
    expect(() => set(text(`Before ${'a'.repeat(200_000)} after.`), 200)).toThrow(/runs 200000 characters/);
    expect(set(text(`Before ${'a'.repeat(5000)} after.`), 200).length).toBeGreaterThan(10);
    // longer words that break at their hyphens, an address's slashes, zero-width spaces
    for (const word of ['well-'.repeat(1100), `https://example.org/${'part/'.repeat(1100)}`, 'word\u200b'.repeat(1100)]) {
      expect(set(text(`Before ${word} after.`), 200).length, word.slice(0, 10)).toBeGreaterThan(10);
    }
    let error: unknown;
    try {
      set(text('x'.repeat(6000)), 200);
    } catch (e) {
      error = e;
    }
    expect((error as ZineError).where).toEqual({ file: 'test.md', line: 1 });
  });

  it('parts an English phrase in Arabic text from the note number and the digits right after it, read from the right as UAX #9 reads the isolate', () => {
    const arabic = languageOf('ar');
    const inlines: Inline[] = [
      textInline('سلام '), { ...textInline('All art is propaganda'), language: languageOf('en') }, { kind: 'noteRef', number: 2 },
      textInline(' ثم '), { ...textInline('Windows'), language: languageOf('en') }, textInline('10 نهاية'),
    ];
    const [line] = setParagraph(
      { inlines, style: { ...bodyStyle, font: 'serif-arab', hyphenate: false }, measure: 400, firstIndent: 0, language: arabic, source: { file: 'test.md', line: 1 } },
      { fonts, hyphenator: undefined, words: new Map(), paragraphs: new ParagraphAnalyses(), warn: () => undefined },
    );
    const at = (t: string): number => line!.runs.find((r) => r.text === t)!.x;
    // as FriBidi sets "سلام ⁦All art is propaganda⁩2 ثم ⁦Windows⁩10 نهاية": ".ﺔﻳﺎﻬﻧ 10⁩Windows⁦ ﻢﺛ 2⁩All art is propaganda⁦ ﻡﻼﺳ"
    expect(at('2')).toBeLessThan(at('All art is propaganda'));
    expect(at('All art is propaganda')).toBeLessThan(at('سلام'));
    expect(at('10')).toBeLessThan(at('Windows'));
  });

  it('keeps an English phrase\'s last space inside it in Arabic text, on its right: the note number after it stands against its left', () => {
    const inlines: Inline[] = [textInline('سلام '), { ...textInline('All art is propaganda '), language: languageOf('en') }, { kind: 'noteRef', number: 2 }, textInline(' نهاية')];
    const [line] = setParagraph(
      { inlines, style: { ...bodyStyle, font: 'serif-arab', hyphenate: false, align: 'left' }, measure: 400, firstIndent: 0, language: languageOf('ar'), source: { file: 'test.md', line: 1 } },
      { fonts, hyphenator: undefined, words: new Map(), paragraphs: new ParagraphAnalyses(), warn: () => undefined },
    );
    const run = (t: string) => line!.runs.find((r) => r.text === t)!;
    const space = fonts.spaceWidth(run('All art is propaganda').face, bodyStyle.size);
    // as FriBidi sets "سلام ⁦All art is propaganda ⁩2 نهاية": "ﺔﻳﺎﻬﻧ 2⁩All art is propaganda ⁦ ﻡﻼﺳ"
    expect(run('All art is propaganda').x - (run('2').x + run('2').width)).toBeLessThan(space / 2);
    expect(run('سلام').x - (run('All art is propaganda').x + run('All art is propaganda').width)).toBeGreaterThan(1.5 * space);
  });

  describe('a word right after a phrase in a language of the other direction', () => {
    const book = bookWith({ jp: 'NotoSerifCJKJP-Subset.otf' }, { Jpan: { serif: 'jp' }, Arab: { serif: 'serif-arab' } });
    const setIn = (inlines: Inline[], locale: string, measure: number, warnings: string[] = []): readonly SetLine[] => setParagraph(
      { inlines, style: { ...bodyStyle, hyphenate: false }, measure, firstIndent: 0, language: languageOf(locale), source: { file: 'test.md', line: 1 } },
      { fonts: book, hyphenator: undefined, words: new Map(), paragraphs: new ParagraphAnalyses(), warn: (m) => warnings.push(m) },
    );
    const phrase = (t: string, locale: string): Inline => textInline(t, false, false, undefined, languageOf(locale));
    const run = (line: SetLine, t: string) => line.runs.find((r) => r.text === t)!;

    it('keeps the quarter em and the break between an ideograph and a Latin phrase before it, the phrase parted from it as UAX #9 parts the isolate', () => {
      const [marked] = setIn([textInline('سلام '), phrase('Tokyo', 'en'), textInline('日本語 پایان')], 'fa', 400);
      const [plain] = setIn([textInline('سلام Tokyo日本語 پایان')], 'fa', 400);
      // FriBidi sets "سلام ⁦Tokyo⁩日本語 پایان" as "ﻥﺎﯾﺎﭘ 日本語⁩Tokyo⁦ ﻡﻼﺳ", the plain text as "ﻥﺎﯾﺎﭘ Tokyo日本語 ﻡﻼﺳ"
      const [tokyo, japanese] = [run(marked!, 'Tokyo'), run(marked!, '日本語')];
      expect(japanese.x).toBeLessThan(tokyo.x);
      expect(tokyo.x - (japanese.x + japanese.width)).toBeCloseTo(run(plain!, '日本語').x - (run(plain!, 'Tokyo').x + run(plain!, 'Tokyo').width), 6);
      // where the two do not fit the line together, the line breaks between them
      const measure = tokyo.width + 5;
      const lines = setIn([textInline('سلام '), phrase('Tokyo', 'en'), textInline('日本語 پایان')], 'fa', measure);
      for (const l of lines) expect(lineEnd(l), lines.map(lineText).join('|')).toBeLessThanOrEqual(measure + ROUNDING);
      expect(lines.map(lineText)).toContain('Tokyo');
    });

    it('parts a Latin word run on from a Latin phrase where the two do not fit the line together, with a hyphen on the phrase\'s side', () => {
      const warnings: string[] = [];
      const measure = fonts.width(fonts.face('serif', false, false), 'Windows-', bodyStyle.size) + 5;
      const lines = setIn([textInline('سلام '), phrase('Windows', 'en'), textInline('Server پایان')], 'fa', measure, warnings);
      for (const l of lines) expect(lineEnd(l), lines.map(lineText).join('|')).toBeLessThanOrEqual(measure + ROUNDING);
      const [parted] = lines.filter((l) => l.runs.some((r) => r.text.startsWith('Windows')));
      expect(parted!.runs.map((r) => r.text).join('')).toBe('Windows-');
      expect(warnings).toEqual(['"WindowsServer" is wider than the line: broken where it must be']);
    });

    it('sets a Japanese paragraph with a Farsi phrase as the same text unmarked', () => {
      const [marked] = setIn([textInline('日本語'), phrase('عربی', 'fa'), textInline('日本語です。')], 'ja', 400);
      const [plain] = setIn([textInline('日本語عربی日本語です。')], 'ja', 400);
      expect(marked!.runs.map((r) => [r.text, r.x, r.width])).toEqual(plain!.runs.map((r) => [r.text, r.x, r.width]));
    });
  });

  it('gives each run the width its text has when set on its own, as the renderer sets it: words cut at a line end included', () => {
    // kerning inside a word ("Yd") is not there when the line ends between the pair
    const texts = ['a aaaaaaaaaaaaaaaaaaaaYdaaaaaaaaaaaaaaaaaaaaaaҚaaaaaaaaӘa a.', PARAGRAPH, 'AVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAV well-known To-Wa-Yo'];
    for (const t of texts) {
      for (const measure of [60, 120, 200]) {
        for (const line of set(text(t), measure)) {
          for (const run of line.runs) {
            // a letterspaced line's letters each take its room after them
            for (const span of run.spans) expect(span.width, span.text).toBeCloseTo(fonts.width(run.face, span.text, run.size) + run.tracking * [...span.text].length, 6);
            const last = run.spans[run.spans.length - 1]!;
            expect(run.width, run.text).toBeCloseTo(last.at + last.width, 6);
          }
          expect(lineEnd(line)).toBeLessThanOrEqual(measure + 0.01);
        }
      }
    }
  });
});

describe('a paragraph set at several measures (a locale\'s papers)', () => {
  const source = { file: 'test.md', line: 1 };
  const context = (warnings: string[]): TypesetContext => ({
    fonts, hyphenator: hyphenatorFor(languageOf('en')), words: new Map(), items: new WeakMap(), paragraphs: new ParagraphAnalyses(), warn: (m) => warnings.push(m),
  });
  const input = (inlines: Inline[], measure: number, style = bodyStyle): SetParagraphInput => ({ inlines, style, measure, firstIndent: 0, language: languageOf('en'), source });

  it('has its items built once for every measure its words fit, and set at each as it would be alone', () => {
    const ctx = context([]);
    const inlines = text(PARAGRAPH);
    const itemsAt = (measure: number): readonly unknown[] => {
      const at = input(inlines, measure);
      return paragraphItems(at, ctx, false, analysedOf(at, ctx), false).items;
    };
    expect(itemsAt(200)).toBe(itemsAt(300));
    // a style alike in every setting, though another object (each paper's edition styles its paragraphs)
    const [wide, narrow] = [setParagraph(input(inlines, 300, { ...bodyStyle }), ctx), setParagraph(input(inlines, 200, { ...bodyStyle }), ctx)];
    expect(wide.map(lineText)).toEqual(set(inlines, 300).map(lineText));
    expect(narrow.map(lineText)).toEqual(set(inlines, 200).map(lineText));
  });

  it('has its items built apart for a balanced setting (a title\'s) and one that is not', () => {
    const ctx = context([]);
    const inlines = text(PARAGRAPH);
    const style = { ...bodyStyle, align: 'left' as const };
    const at = (balanced: boolean): SetParagraphInput => ({ ...input(inlines, 180, style), balanced });
    const fresh = (balanced: boolean): string[] => setParagraph(at(balanced), context([])).map(lineText);
    expect(fresh(true)).not.toEqual(fresh(false));
    expect(setParagraph(at(true), ctx).map(lineText)).toEqual(fresh(true));
    expect(setParagraph(at(false), ctx).map(lineText)).toEqual(fresh(false));
  });

  it('breaks a word wider than a narrower measure, though its items were built at a wider one', () => {
    const warnings: string[] = [];
    const ctx = context(warnings);
    const style = { ...bodyStyle, hyphenate: false };
    const inlines = text('the word Antidisestablishmentarianism stands alone');
    const measure = fonts.width(fonts.face(style.font, false, false), 'Antidisestablishment', style.size);
    setParagraph(input(inlines, 300, style), ctx);
    expect(warnings).toEqual([]);
    const lines = setParagraph(input(inlines, measure, style), ctx);
    expect(warnings).toEqual(['"Antidisestablishmentarianism" is wider than the line: broken where it must be']);
    expect(lines.map(lineText)).toEqual(set(inlines, measure, style).map(lineText));
    for (const line of lines) expect(lineEnd(line)).toBeLessThanOrEqual(measure + 0.01);
  });
});
