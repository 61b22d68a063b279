import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textInline, type Inline } from '../../src/content/blocks.js';
import { restyled } from '../../src/content/theme.js';
import { hyphenatorFor } from '../../src/lang/hyphenation.js';
import { languageOf } from '../../src/lang/languages.js';
import { breakLines, INFINITE_PENALTY, TEX_DEFAULTS, type Item } from '../../src/typeset/knuth-plass.js';
import { lineEnd, type SetLine } from '../../src/typeset/lines.js';
import { setParagraph } from '../../src/typeset/paragraph.js';
import { bodyStyle, bookWith, fonts } from '../support/fixtures.js';
import { ParagraphAnalyses } from '../../src/text/paragraph.js';

function set(inlines: Inline[], measure: number, locale = 'en', style = bodyStyle, warnings: string[] = []): readonly SetLine[] {
  return setParagraph(
    { inlines, style, measure, firstIndent: 0, language: languageOf(locale), source: { file: 'test.md', line: 7 } },
    { fonts, hyphenator: hyphenatorFor(languageOf(locale)), words: new Map(), paragraphs: new ParagraphAnalyses(), warn: (m) => warnings.push(m) },
  );
}
const lineText = (l: SetLine): string => l.runs.map((r) => r.text).join(' ');

/** The most lines in a row that end in a hyphen. */
function longestHyphenRun(lines: readonly SetLine[]): number {
  let [run, best] = [0, 0];
  for (const l of lines) {
    run = l.hyphenated ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return best;
}

describe('the hyphen limit in the breaker', () => {
  /** Park and Miller's generator: the same trials every run. */
  const random = (seed: number): (() => number) => () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
  /** Words of random widths, each with free hyphen points between its pieces: hyphens are as cheap as can be. */
  const paragraph = (seed: number): Item[] => {
    const r = random(seed);
    const items: Item[] = [];
    for (let w = 0; w < 40; w++) {
      if (w > 0) items.push({ type: 'glue', width: 3, stretch: 2, shrink: 1 });
      // at most three pieces of at most 9: a word always fits a line, and any limit can be kept
      const pieces = 1 + Math.floor(r() * 3);
      for (let p = 0; p < pieces; p++) {
        if (p > 0) items.push({ type: 'penalty', width: 1, cost: 0, flagged: true });
        items.push({ type: 'box', width: 4 + Math.floor(r() * 6) });
      }
    }
    items.push({ type: 'penalty', width: 0, cost: INFINITE_PENALTY, flagged: false });
    items.push({ type: 'glue', width: 0, stretch: 1e5, shrink: 0 });
    items.push({ type: 'penalty', width: 0, cost: -INFINITE_PENALTY, flagged: false });
    return items;
  };
  const flagged = (items: Item[], b: number): boolean => {
    const it = items[b]!;
    return it.type === 'penalty' && it.flagged;
  };
  const runOf = (items: Item[], breaks: number[]): number => {
    let [run, best] = [0, 0];
    for (const b of breaks) {
      run = flagged(items, b) ? run + 1 : 0;
      best = Math.max(best, run);
    }
    return best;
  };
  const free = { ...TEX_DEFAULTS, doubleHyphenDemerits: 0, finalHyphenDemerits: 0 };

  it('never ends more lines in a row at hyphens than the limit, however cheap they are', () => {
    let ladders = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const items = paragraph(seed);
      if (runOf(items, breakLines(items, 40, { ...free, hyphenLimit: 10 })) > 2) ladders++;
      for (const limit of [0, 1, 2]) expect(runOf(items, breakLines(items, 40, { ...free, hyphenLimit: limit })), `seed ${seed}`).toBeLessThanOrEqual(limit);
    }
    // without the limit, cheap hyphens do make ladders
    expect(ladders).toBeGreaterThan(0);
  });

  it('counts the hyphens that lead up to the paragraph', () => {
    let tried = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const items = paragraph(seed);
      const options = { ...free, hyphenLimit: 2 };
      if (!flagged(items, breakLines(items, 40, options)[0]!)) continue;
      tried++;
      expect(flagged(items, breakLines(items, 40, options, 2)[0]!), `seed ${seed}`).toBe(false);
    }
    expect(tried).toBeGreaterThan(0);
  });
});

describe('line breaking a typesetter would sign', () => {
  it('ends a paragraph on no scrap of a word', () => {
    // a measure at which "tyrant" would otherwise part as "ty-/rant." or "tyr-/ant."
    for (let measure = 100; measure <= 260; measure += 3) {
      const lines = set([textInline('The neighbours gathered outside the office of the provincial administration and shouted at the tyrant.')], measure);
      const last = lines[lines.length - 1]!;
      if (lines[lines.length - 2]?.hyphenated) expect((lineText(last).match(/\p{L}/gu) ?? []).length, `${measure}: ${lines.map(lineText).join(' / ')}`).toBeGreaterThanOrEqual(bodyStyle.shortestFragment);
    }
  });

  it('breaks an address after its punctuation, never inside :// nor after the scheme alone, with no hyphen', () => {
    const url = 'https://ru.wikipedia.org/wiki/Protests_in_Kazakhstan_2022?lang=en&page=2#events';
    const warnings: string[] = [];
    for (const measure of [60, 90, 120, 150]) {
      const lines = set([textInline('See '), textInline(url, false, false, url), textInline(' for more.')], measure, 'en', bodyStyle, warnings);
      const texts = lines.map(lineText);
      expect(texts.join('').replace(/\s/g, ''), texts.join(' | ')).toContain(url);
      for (const t of texts) {
        expect(t, texts.join(' | ')).not.toMatch(/https?:\/?$|^\/\/|^\/?ru\.wikipedia/);
        expect(t).not.toMatch(/^https:\/\/$/);
      }
      // no hyphen added: the address has none of its own
      for (const t of texts) expect(t, texts.join(' | ')).not.toMatch(/-$/);
      for (const l of lines) expect(lineEnd(l)).toBeLessThanOrEqual(measure + 0.01);
    }
    expect(warnings.some((w) => /wider than the line: broken after its punctuation/.test(w))).toBe(true);
  });

  it('breaks code as an address, after its punctuation, adding no hyphen, where it hyphenates the same words as text', () => {
    const name = 'conclusions-and-consequences.md';
    const whole = `Putitin${name},thenbuildit.`;
    /** Each measure's lines, joined with their spaces taken out: the text itself where no line added a hyphen. */
    const joined = (code: boolean): string[] => [100, 110, 120, 130, 140, 150, 160].map((measure) => {
      const lines = set([textInline('Put it in '), textInline(name, false, false, undefined, undefined, code), textInline(', then build it.')], measure);
      for (const l of lines) expect(lineEnd(l)).toBeLessThanOrEqual(measure + 0.01);
      return lines.map(lineText).join('').replace(/\s/g, '');
    });
    // as text, a line ends inside a word of the name, with a hyphen it does not have
    expect(joined(false).filter((t) => t !== whole)).not.toEqual([]);
    expect(joined(true).filter((t) => t !== whole)).toEqual([]);
  });

  it('warns of a word wider than the line, and justifies the line before it to the measure, saying so', () => {
    const warnings: string[] = [];
    const lines = set([textInline('A few words before 4731953884261075394820117364958201 end it.')], 120, 'en', bodyStyle, warnings);
    expect(warnings.join('\n')).toMatch(/"4731953884261075394820117364958201" is wider than the line: broken where it must be/);
    expect(warnings.join('\n')).toMatch(/the justified line "[^"]+" is spaced out far past its natural width/);
    expect(lineText(lines[0]!)).toBe('A few words before');
    // the lines with spaces to stretch (not the number's broken-off start)
    const spaced = lines.slice(0, -1).filter((l) => lineText(l).includes(' '));
    expect(spaced.length).toBeGreaterThanOrEqual(2);
    for (const line of spaced) expect(lineEnd(line), lines.map(lineText).join(' | ')).toBeCloseTo(120, 1);
  });
});

const WORDS: Record<string, string[]> = {
  en: 'people organised neighbours workplaces through strike government protesters uprising independent information ordinary everything against remember solidarity'.split(' '),
  ru: 'люди организовывались через соседей рабочие места забастовка правительство протестующие восстание независимые информация обычные против помнить солидарность'.split(' '),
  kk: 'адамдар көршілер арқылы ұйымдасты жұмысшылар ереуіл үкімет наразылық көтеріліс тәуелсіз ақпарат қарапайым қарсы есте сақтау ынтымақтастық студенттер'.split(' '),
};

describe('random paragraphs in en, ru and kk', () => {
  it('never set more hyphenated lines in a row than the limit, never end on a scrap, never pass the measure', () => {
    fc.assert(fc.property(
      fc.constantFrom('en', 'ru', 'kk'),
      fc.array(fc.nat(15), { minLength: 8, maxLength: 60 }),
      fc.integer({ min: 110, max: 300 }),
      fc.integer({ min: 1, max: 3 }),
      (locale, picks, measure, limit) => {
        const words = WORDS[locale]!;
        const paragraph = `${picks.map((i) => words[i % words.length]).join(' ')}.`;
        const style = restyled(bodyStyle, { hyphenLimit: limit });
        const lines = set([textInline(paragraph)], measure, locale, style);
        expect(longestHyphenRun(lines)).toBeLessThanOrEqual(limit);
        for (const l of lines) expect(lineEnd(l)).toBeLessThanOrEqual(measure + 0.01);
        if (lines.length > 1 && lines[lines.length - 2]!.hyphenated) {
          expect((lineText(lines[lines.length - 1]!).match(/\p{L}/gu) ?? []).length).toBeGreaterThanOrEqual(style.shortestFragment);
        }
      },
    ), { numRuns: 150 });
  });
});

describe('an address written in the text, no link\'s, among Korean, Arabic or English words', () => {
  /** The example's fonts with the test subset of Noto Serif CJK KR for Korean. */
  const korean = bookWith({ kr: 'NotoSerifCJKKR-Subset.otf' }, { Kore: { serif: 'kr' } });
  it.each([
    ['ko', '우리 모임이 처음 모였을 때 https://crimethinc.com/ 벽에 적은 문장이다', korean],
    ['ko', '우리 모임이 처음 모였을 때 https://crimethinc.com/에서 벽에 적은 문장이다', korean],
    ['ar', 'زوروا الموقع https://crimethinc.com/ اليوم للقراءة', fonts],
    ['en', 'The whole zine can be read at https://crimethinc.com/ today', fonts],
  ])('never leaves the scheme alone at a line\'s end (%s: %s)', (locale, text, book) => {
    // the slashes are no dashes after which the next word may start a line
    const url = 'https://crimethinc.com/';
    const inlines = [textInline(text)];
    let broken = 0;
    for (let measure = 40; measure <= 200; measure += 2) {
      const texts = setParagraph(
        { inlines, style: bodyStyle, measure, firstIndent: 0, language: languageOf(locale), source: { file: 'test.md', line: 7 } },
        { fonts: book, hyphenator: hyphenatorFor(languageOf(locale)), words: new Map(), paragraphs: new ParagraphAnalyses(), warn: () => {} },
      ).map(lineText);
      if (!texts.some((t) => t.includes(url))) broken++;
      for (const t of texts) expect(t, `${measure}: ${texts.join(' | ')}`).not.toMatch(/https?:\/?\/? ?$/);
    }
    // the measures part the address somewhere
    expect(broken).toBeGreaterThan(0);
  });
});
