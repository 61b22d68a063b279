import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { textInline, type Inline } from '../../src/content/blocks.js';
import type { ParagraphStyle } from '../../src/content/theme.js';
import { phraseBreaks } from '../../src/text/breaks.js';
import { glyphSpans } from '../../src/typeset/glyph-run.js';
import { lineEnd, ROUNDING, type SetLine } from '../../src/typeset/lines.js';
import { setParagraph } from '../../src/typeset/paragraph.js';
import { bodyStyle, bookWith, placedGlyphs, ROOT } from '../support/fixtures.js';
import { languageOf } from '../../src/lang/languages.js';
import { ParagraphAnalyses } from '../../src/text/paragraph.js';

const EM = bodyStyle.size;

/** The example's fonts with the test subsets of Noto Serif CJK and Noto Serif Thai, each set for its script. */
const book = bookWith(
  { jp: 'NotoSerifCJKJP-Subset.otf', sc: 'NotoSerifCJKSC-Subset.otf', kr: 'NotoSerifCJKKR-Subset.otf', thai: 'NotoSerifThai-Subset.ttf' },
  { Jpan: { serif: 'jp' }, Hans: { serif: 'sc' }, Kore: { serif: 'kr' }, Thai: { serif: 'thai' } },
);
const text = (language: string): string => readFileSync(join(ROOT, 'test', 'fixtures', 'texts', `${language}.md`), 'utf8').trim();
const FONT: Record<string, string> = { ja: 'jp', zh: 'sc', ko: 'kr', th: 'thai' };

/** The lines of a paragraph; a warning fails the test unless `warnings` is given to collect them. */
function set(language: string, measure: number, style: Partial<ParagraphStyle> = {}, body = text(language), warnings?: string[]): readonly SetLine[] {
  // a larger size in a ragged style is a display line, broken between phrases
  const phrases = style.size !== undefined && style.align !== 'justify';
  return setParagraph(
    {
      inlines: [textInline(body)], style: { ...bodyStyle, font: FONT[language]!, ...style }, measure, firstIndent: 0, language: languageOf(language),
      source: { file: 'test.md', line: 1 }, phrases,
    },
    { fonts: book, hyphenator: undefined, words: new Map(), paragraphs: new ParagraphAnalyses(), warn: (m) => { if (!warnings) throw new Error(m); warnings.push(m); } },
  );
}
/** What kinsoku keeps from a line's start and end (JLREQ, CLREQ). */
const NO_START = new Set([...'。、，．・：；！？」』）〕］｝〉》】〙〗〟’”ー…‥〜ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶゝゞ々ヽヾ）］｝，．：；！？'].map((c) => c.codePointAt(0)!));
const NO_END = new Set([...'「『（〔［｛〈《【〘〖〝‘“（［｛'].map((c) => c.codePointAt(0)!));
const lineText = (l: SetLine): string => l.runs.map((r) => r.text).join('');

describe('Chinese and Japanese lines', () => {
  for (const language of ['ja', 'zh']) {
    it(`${language}: breaks between characters, never before a closing mark nor after an opening one, with no hyphen`, () => {
      for (const measure of [150, 200, 233]) {
        const lines = set(language, measure);
        expect(lines.length).toBeGreaterThan(3);
        expect(lines.map(lineText).join('').replaceAll(' ', '')).toBe(text(language).replaceAll(' ', ''));
        for (const [i, line] of lines.entries()) {
          const t = lineText(line);
          expect(line.hyphenated).toBe(false);
          if (i > 0) expect(NO_START.has(t.codePointAt(0)!), t).toBe(false);
          if (i < lines.length - 1) expect(NO_END.has(t.codePointAt(t.length - 1)!), t).toBe(false);
        }
      }
    });
  }
});

/** Each gap between two spans of a line's runs, with the characters either side. */
function gaps(line: SetLine): { gap: number; before: string; after: string }[] {
  const out: { gap: number; before: string; after: string }[] = [];
  for (const run of line.runs) {
    for (let i = 1; i < run.spans.length; i++) {
      const [a, b] = [run.spans[i - 1]!, run.spans[i]!];
      out.push({ gap: b.at - (a.at + a.width), before: a.text.slice(-1), after: b.text[0]! });
    }
  }
  return out;
}

describe('inter-character justification', () => {
  for (const language of ['ja', 'zh']) {
    it(`${language}: fills every line but a paragraph's last to the measure by small gaps between characters`, () => {
      for (const measure of [150, 187, 233]) {
        const lines = set(language, measure);
        for (const line of lines.slice(0, -1)) {
          expect(lineEnd(line)).toBeCloseTo(measure, 2);
          for (const { gap, before, after } of gaps(line)) {
            // a quarter em beside a Latin word or a figure, a fifth of an em at most between two characters
            const latin = /[A-Za-z0-9]/.test(before + after);
            expect(gap, `${before}|${after} in ${lineText(line)}`).toBeLessThanOrEqual((latin ? 0.5 : 0.2) * EM);
          }
        }
      }
    });
  }

  it('sets a quarter em between an ideograph and a Latin word, and closes up two punctuation marks that meet', () => {
    const [line] = set('ja', 1000, { align: 'left' }, '古いコピー機でzineを刷った。「ちょっと」。');
    const spans = line!.runs.flatMap((r) => r.spans.map((s) => ({ ...s, x: r.x + s.at })));
    const zine = spans.find((s) => s.text.startsWith('zine'))!;
    const before = spans[spans.indexOf(zine) - 1]!;
    expect(zine.x - (before.x + before.width)).toBeCloseTo(0.25 * EM, 6);
    // 」 then 。: the closing bracket's blank half goes
    const stop = spans[spans.length - 1]!;
    expect(stop.text).toBe('。');
    const bracket = spans[spans.length - 2]!;
    expect(stop.x - (bracket.x + bracket.width)).toBeCloseTo(-0.5 * EM, 6);
  });

  it('lets a line start with an opening mark without its blank half', () => {
    let found = 0;
    for (let measure = 120; measure <= 240; measure += 3) {
      const lines = set('ja', measure);
      lines.slice(1, -1).forEach((line) => {
        if (!/^[「（]/.test(lineText(line))) return;
        found++;
        // the mark's ink at the measure's start, its blank in the margin; the line still full
        const first = line.runs[0]!;
        expect(first.x).toBeCloseTo(-0.5 * EM, 1);
        expect(lineEnd(line)).toBeCloseTo(measure, 2);
      });
    }
    expect(found).toBeGreaterThan(0);
  });

  it('lets a line end in a closing mark without its blank half', () => {
    const lines = set('ja', 150);
    const ending = lines.slice(0, -1).filter((l) => /[、。」）]$/.test(lineText(l)));
    expect(ending.length).toBeGreaterThan(0);
    for (const line of ending) {
      const last = line.runs[line.runs.length - 1]!;
      // the mark's glyph is a full em, its ink in the first half: the line ends half an em before the glyph's advance
      const span = last.spans[last.spans.length - 1]!;
      expect(last.x + span.at + book.width(last.face, span.text, last.size)).toBeCloseTo(150 + 0.5 * EM, 1);
    }
  });
});

/**
 * Where each line starts in the source text, found by its characters (spaces
 * aside: a line's runs in two faces do not say whether a space parted them).
 */
function lineStarts(lines: readonly SetLine[], source: string): number[] {
  const kept: number[] = [];
  for (let i = 0; i < source.length; i++) if (source[i] !== ' ') kept.push(i);
  const stripped = source.replaceAll(' ', '');
  const starts: number[] = [];
  let at = 0;
  for (const line of lines) {
    const t = lineText(line).replaceAll(' ', '');
    expect(stripped.startsWith(t, at), t).toBe(true);
    starts.push(kept[at]!);
    at += t.length;
  }
  expect(at).toBe(stripped.length);
  return starts;
}

describe('Korean lines', () => {
  it('break at spaces, keeping words whole', () => {
    for (const measure of [150, 200]) {
      // whole words in a measure of fifteen ems leave a line or two with few spaces, stretched far, as a warning says
      const warnings: string[] = [];
      const lines = set('ko', measure, {}, text('ko'), warnings);
      for (const w of warnings) expect(w).toMatch(/is spaced out far past its natural width/);
      const starts = lineStarts(lines, text('ko'));
      for (const at of starts.slice(1)) expect(text('ko')[at - 1]).toBe(' ');
      for (const line of lines.slice(0, -1)) expect(lineEnd(line)).toBeCloseTo(measure, 1);
    }
  });

  it('part a Korean word from the Latin one it follows where they meet, when they fit the line apart but not together', () => {
    const [latin, korean] = ['SPR3NksU8CruOR9JNE3TX5Rg9Ncou', '열웃함들동벽본군'];
    const measure = book.width(book.face('kr', false, false), latin, EM) + 20;
    const warnings: string[] = [];
    const lines = setParagraph(
      { inlines: [textInline(latin), textInline(korean, true)], style: { ...bodyStyle, font: 'kr' }, measure, firstIndent: 0, language: languageOf('ko'), source: { file: 'test.md', line: 1 } },
      { fonts: book, hyphenator: undefined, words: new Map(), paragraphs: new ParagraphAnalyses(), warn: (m) => warnings.push(m) },
    );
    for (const l of lines) expect(lineEnd(l), lineText(l)).toBeLessThanOrEqual(measure + ROUNDING);
    // the Korean word whole, and no hyphen
    expect(lines.map(lineText)).toEqual([latin, korean]);
    expect(warnings).toEqual([expect.stringContaining('is wider than the line: broken where it must be')]);
  });

  it('break between syllables only where a word is wider than the line, with no hyphen', () => {
    const word = '서로동등한사람들이함께내일을정하는일이다서로동등한사람들이함께';
    const source = `상호부조는 ${word} 일이다.`;
    const lines = set('ko', 120, {}, source);
    lineStarts(lines, source);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.every((l) => !l.hyphenated)).toBe(true);
    for (const line of lines) expect(lineEnd(line)).toBeLessThanOrEqual(120.01);
  });
});

describe('justified Korean lines', () => {
  it('share their room between spaces and syllables, so that no space opens much past its width', () => {
    const face = book.face('kr', false, false);
    const space = book.spaceWidth(face, EM);
    for (const measure of [280, 300, 320, 340]) {
      const lines = set('ko', measure);
      let syllables = 0;
      for (const line of lines.slice(0, -1)) {
        for (const run of line.runs) {
          // each span's text follows the one before with a space, or none where the syllables were spaced apart
          let at = 0;
          run.spans.forEach((span, i) => {
            at += span.text.length;
            const next = run.spans[i + 1];
            if (!next) return;
            const gap = next.at - span.at - span.width;
            if (run.text[at] === ' ') {
              at++;
              expect(gap / space, `${measure}: ${lineText(line)}`).toBeLessThan(1.85);
            } else if (gap > 0.01) syllables++;
          });
        }
      }
      expect(syllables).toBeGreaterThan(0);
    }
  });
});

describe('Thai lines', () => {
  it('keep a name spelt in Thai letters whole, which the dictionary parts, where a surer boundary will do', () => {
    const names = ['อักเตา', 'ชานาโอเซน', 'คาซัคสถาน', 'อัลมาตี', 'โตกาเยฟ'];
    const source = 'เมื่อต้นเดือนมกราคม 2022 คนงานน้ำมันในเมืองอักเตาและชานาโอเซนออกมาประท้วงราคาแก๊สที่สูงขึ้น '
      + 'การประท้วงลุกลามไปทั่วคาซัคสถาน ที่เมืองอัลมาตีผู้คนบุกเข้าไปในอาคารของรัฐ ประธานาธิบดีโตกาเยฟสั่งให้ทหารยิงผู้ประท้วงโดยไม่ต้องเตือน';
    // a measure a name barely fits in may leave a line loose, said in a warning; no other warning
    const warnings: string[] = [];
    for (let measure = 130; measure <= 340; measure += 10) {
      const starts = lineStarts(set('th', measure, {}, source, warnings), source);
      for (const name of names) {
        const from = source.indexOf(name);
        expect(starts.filter((at) => at > from && at < from + name.length), `${measure}: ${name}`).toEqual([]);
      }
    }
    expect(warnings.filter((w) => !/is spaced out far past its natural width/.test(w))).toEqual([]);
  });

  it('break at spaces and between words as the dictionary finds them, never inside one, with no hyphen', () => {
    const source = text('th');
    const words = new Set(Array.from(new Intl.Segmenter('th', { granularity: 'word' }).segment(source), (s) => s.index));
    const warnings: string[] = [];
    for (const measure of [150, 200]) {
      const lines = set('th', measure, {}, source, warnings);
      for (const at of lineStarts(lines, source)) expect(words.has(at), source.slice(at, at + 10)).toBe(true);
      expect(lines.every((l) => !l.hyphenated)).toBe(true);
    }
    expect(warnings.filter((w) => !/is spaced out far past its natural width/.test(w))).toEqual([]);
  });
});

describe('language forms', () => {
  it('shapes each language in its own forms: one face sets 直 and 骨 the Japanese, Chinese or Korean way', () => {
    const base = bookWith({ cjk: 'NotoSerifCJKJP-locl.otf' });
    const face = base.face('cjk', false, false);
    const ids = (language: string, text: string): number[] => {
      const fonts = base.inLanguage(language);
      const [line] = setParagraph(
        { inlines: [textInline(text)], style: { ...bodyStyle, font: 'cjk' }, measure: 300, firstIndent: 0, language: languageOf(language), source: { file: 'test.md', line: 1 } },
        { fonts, hyphenator: undefined, words: new Map(), paragraphs: new ParagraphAnalyses(), warn: () => undefined },
      );
      return glyphSpans(line!.runs[0]!, fonts).flatMap((s) => s.glyphs.map((g) => g.id));
    };
    const [ja, zh, tw] = [ids('ja', '直骨'), ids('zh-Hans', '直骨'), ids('zh-TW', '直骨')];
    expect(ja).toEqual(base.shape(face, '直骨').glyphs.map((g) => g.id));
    expect(zh[0]).not.toBe(ja[0]);
    expect(tw[1]).not.toBe(zh[1]);
  });
});

describe('a phrase in a language of its own', () => {
  it('is shaped in its language\'s forms, measured and drawn so: [直]{lang=zh} in Japanese text takes the Chinese 直', () => {
    const base = bookWith({ cjk: 'NotoSerifCJKJP-locl.otf' });
    const fonts = base.inLanguage('ja');
    const face = base.face('cjk', false, false);
    const [line] = setParagraph(
      {
        inlines: [textInline('直骨'), textInline('直', false, false, undefined, languageOf('zh-Hans')), textInline('直')],
        style: { ...bodyStyle, font: 'cjk' }, measure: 300, firstIndent: 0, language: languageOf('ja'), source: { file: 'test.md', line: 1 },
      },
      { fonts, hyphenator: undefined, words: new Map(), paragraphs: new ParagraphAnalyses(), warn: () => undefined },
    );
    const ids = line!.runs.flatMap((run) => glyphSpans(run, fonts).flatMap((s) => s.glyphs.map((g) => g.id)));
    const [japanese] = fonts.shape(face, '直').glyphs.map((g) => g.id);
    const [chinese] = base.inLanguage('zh-Hans').shape(face, '直').glyphs.map((g) => g.id);
    expect(chinese).not.toBe(japanese);
    expect([ids[0], ids[2], ids[3]]).toEqual([japanese, chinese, japanese]);
  });
});

describe('display lines', () => {
  it('break a Japanese title between phrases, not wherever a line may', () => {
    const title = '相互扶助は対等な者どうしが支え合うことだ';
    const phrases = new Set(phraseBreaks(title, languageOf('ja')));
    const display = { align: 'center' as const, size: 20, leading: 24 };
    for (const measure of [110, 150, 190]) {
      const lines = set('ja', measure, display, title);
      expect(lines.length).toBeGreaterThan(1);
      for (const at of lineStarts(lines, title).slice(1)) expect(phrases.has(at), `${measure}: ${lines.map(lineText).join(' / ')}`).toBe(true);
    }
    // body text breaks anywhere kinsoku allows: somewhere inside a phrase at one of these measures
    const body = [110, 150, 190].flatMap((m) => lineStarts(setParagraph(
      { inlines: [textInline(title)], style: { ...bodyStyle, font: 'jp', ...display }, measure: m, firstIndent: 0, language: languageOf('ja'), source: { file: 'test.md', line: 1 } },
      { fonts: book, hyphenator: undefined, words: new Map(), paragraphs: new ParagraphAnalyses(), warn: () => undefined },
    ), title).slice(1));
    expect(body.some((at) => !phrases.has(at))).toBe(true);
  });

  it('close up the quarter em before a Latin word where the breaker counted on it: a title broken where it must be stays within its measure', () => {
    // the Latin word is wider than the line: broken where it must be, the line before it full, its quarter ems shrunk
    const title = '描Z機自施PUL0FZVCZFHHW4WQDROCNFHEFS2JRXM';
    for (const measure of [280, 320.4, 360]) {
      const warnings: string[] = [];
      const lines = set('ja', measure, { align: 'left', size: 20, leading: 24, hyphenate: false }, title, warnings);
      expect(warnings).toEqual([expect.stringContaining('is wider than the line')]);
      expect(lines.length).toBeGreaterThan(1);
      for (const line of lines) expect(lineEnd(line), `${measure}: ${lines.map(lineText).join(' / ')}`).toBeLessThanOrEqual(measure + ROUNDING);
    }
  });
});

describe('text without spaces across inlines', () => {
  const setInlines = (inlines: Inline[], measure: number, style: Partial<ParagraphStyle> = {}, phrases = false): readonly SetLine[] => setParagraph(
    { inlines, style: { ...bodyStyle, font: 'sc', ...style }, measure, firstIndent: 0, language: languageOf('zh'), source: { file: 'test.md', line: 1 }, phrases },
    { fonts: book, hyphenator: undefined, words: new Map(), paragraphs: new ParagraphAnalyses(), warn: () => undefined },
  );
  const source = text('zh');

  it('breaks and spaces where emphasis starts and ends as it would inside one run', () => {
    // emphasis in a face without italics sets the same glyphs: the lines must be the same
    const [a, b] = [source.indexOf('我们没有老板'), source.indexOf('但每个人')];
    const emphasised = [textInline(source.slice(0, a)), textInline(source.slice(a, b), true), textInline(source.slice(b))];
    for (const measure of [95, 150, 233]) {
      expect(setInlines(emphasised, measure).map(lineText)).toEqual(setInlines([textInline(source)], measure).map(lineText));
    }
  });

  it('keeps the quarter em between an ideograph and an emphasised Latin word, and in a title\'s phrase', () => {
    const [plain] = setInlines([textInline('第一本zine只有')], 400, { align: 'left' });
    const [split] = setInlines([textInline('第一本'), textInline('zine', true), textInline('只有')], 400, { align: 'left' });
    expect(lineEnd(split!)).toBeCloseTo(lineEnd(plain!), 6);
    // in a title, "zineを" is one phrase: no break between them, but the quarter em
    const display = { align: 'center' as const, size: 20, leading: 24 };
    const title = '古いコピー機で最初のzineを刷った';
    expect(phraseBreaks(title, languageOf('ja'))).not.toContain(title.indexOf('を'));
    const setJa = (phrases: boolean): readonly SetLine[] => setParagraph(
      { inlines: [textInline(title)], style: { ...bodyStyle, font: 'jp', ...display }, measure: 400, firstIndent: 0, language: languageOf('ja'), source: { file: 'test.md', line: 1 }, phrases },
      { fonts: book, hyphenator: undefined, words: new Map(), paragraphs: new ParagraphAnalyses(), warn: () => undefined },
    );
    const [[phrased], [body]] = [setJa(true), setJa(false)];
    const width = (line: SetLine): number => lineEnd(line) - Math.min(...line.runs.map((r) => r.x));
    expect(width(phrased!)).toBeCloseTo(width(body!), 6);
  });
});

describe('Traditional Chinese punctuation', () => {
  const tc = bookWith({ tc: 'NotoSerifCJKTC-marks.otf' }, { Hant: { serif: 'tc' } });
  const face = tc.face('tc', false, false);

  it('closes up only the blank a centred mark\'s ink leaves, at a line\'s end and where two marks meet', () => {
    const text = '我們自己動手印刷小冊子。「歡迎」。我們自己動手，印刷小冊子、歡迎。';
    const ink = tc.ink(face, '。');
    // centred: ink on both sides of the middle, short of half an em from either edge
    expect(ink.left).toBeGreaterThan(0.2);
    expect(ink.right).toBeLessThan(0.8);
    for (const measure of [60, 75, 90, 105]) {
      const lines = setParagraph(
        { inlines: [textInline(text)], style: { ...bodyStyle, font: 'tc' }, measure, firstIndent: 0, language: languageOf('zh-TW'), source: { file: 'test.md', line: 1 } },
        { fonts: tc, hyphenator: undefined, words: new Map(), paragraphs: new ParagraphAnalyses(), warn: () => undefined },
      );
      for (const line of lines) {
        for (const run of line.runs) {
          for (const span of glyphSpans(run, tc)) {
            const glyphs = placedGlyphs([span]);
            for (const glyph of glyphs) {
              const [left, right] = [tc.ink(face, String.fromCodePoint(...glyph.codePoints)).left, tc.ink(face, String.fromCodePoint(...glyph.codePoints)).right];
              // no ink past the measure, none over another glyph's
              expect(run.x + glyph.x + right * run.size, lineText(line)).toBeLessThanOrEqual(measure + 0.01);
              expect(run.x + glyph.x + left * run.size).toBeGreaterThanOrEqual(-0.01);
            }
            for (let i = 1; i < glyphs.length; i++) {
              const [a, b] = [glyphs[i - 1]!, glyphs[i]!];
              const inkOf = (g: typeof a): { left: number; right: number } => tc.ink(face, String.fromCodePoint(...g.codePoints));
              expect(a.x + inkOf(a).right * run.size).toBeLessThanOrEqual(b.x + inkOf(b).left * run.size + 0.01);
            }
          }
        }
      }
    }
  });
});
