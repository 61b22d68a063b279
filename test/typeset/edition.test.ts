import { describe, expect, it } from 'vitest';
import { textInline, textParagraph, type Block } from '../../src/content/blocks.js';
import { ImageLibrary } from '../../src/content/images.js';
import { paperNamed } from '../../src/content/paper.js';
import type { ZineLayout } from '../../src/layouts/templates.js';
import { hyphenatorFor } from '../../src/lang/hyphenation.js';
import { languageOf } from '../../src/lang/languages.js';
import { languageSettings, typesetEdition } from '../../src/typeset/edition.js';
import { bodyStyle, fonts, itemText, ROOT, theme } from '../support/fixtures.js';
import { ParagraphAnalyses } from '../../src/text/paragraph.js';
import { Memos } from '../../src/memo.js';
import type { Language } from '../../src/lang/types.js';
import type { KeptParagraph } from '../../src/typeset/items.js';
import { setParagraph } from '../../src/typeset/paragraph.js';

const SENTENCE = 'People organised the way people do when there is no legal space for politics. ';

describe('typesetEdition', () => {
  it('sets a section of megabytes: one very long paragraph and a hundred and fifty thousand short ones', () => {
    const file = 'locales/en/sections/02-long.md';
    const long = SENTENCE.repeat(Math.ceil(1_000_000 / SENTENCE.length));
    const blocks: Block[] = [textParagraph('body', long, { file, line: 4 })];
    for (let i = 0; i < 150_000; i++) blocks.push(textParagraph('body', 'Yes, they did.', { file, line: 6 + 2 * i }));
    const layout: ZineLayout = { cover: [], coverImage: undefined, colophon: [], contents: undefined, sections: [{ id: '02-long', title: undefined, blocks }], backCover: [] };
    const paper = paperNamed('letter')!;
    const margins = theme.margins.letter!;
    const warnings: string[] = [];
    const edition = typesetEdition({
      layout, paper, page: paper.page, margins, theme, fonts, images: new ImageLibrary(ROOT), language: languageOf('en'),
      hyphenator: hyphenatorFor(languageOf('en')), words: new Map(), paragraphs: new ParagraphAnalyses(), inLanguage: languageSettings(theme, fonts), binding: 'left', keepLast: 1, padTo: (pages) => pages, warn: (m) => warnings.push(m),
    });
    // more lines than a call takes arguments: they were once spread into one
    let lines = 0;
    let replies = 0;
    for (const page of edition.pages) {
      for (const item of page.items) {
        if (item.kind !== 'text' || item.y > page.height - margins.bottom) continue;
        lines++;
        if (itemText(item) === 'Yes, they did.') replies++;
      }
    }
    expect(replies).toBe(150_000);
    expect(lines).toBeGreaterThan(160_000);
    expect(edition.sectionStarts['02-long']).toBe(3);
    expect(warnings).toEqual([]);
  });

  /** The edition of `layout` on A4, in `styled` (the theme's styles, some changed), its warnings into `warnings`. */
  const onA4 = (layout: ZineLayout, warnings: string[] = [], styled = theme): unknown => {
    const paper = paperNamed('a4')!;
    return typesetEdition({
      layout, paper, page: paper.page, margins: styled.margins.a4!, theme: styled, fonts, images: new ImageLibrary(ROOT), language: languageOf('en'),
      hyphenator: hyphenatorFor(languageOf('en')), words: new Map(), paragraphs: new ParagraphAnalyses(), inLanguage: languageSettings(styled, fonts),
      binding: 'left', keepLast: 1, padTo: (pages) => pages, warn: (m) => warnings.push(m),
    });
  };
  const tooMany = (where: string): string => `the zine comes to more than 5,000 pages on a4 paper, past them in ${where}: more than a build sets (make volumes of it, or set its type smaller)`;

  it('refuses more than 5,000 pages of page breaks before it sets the section that has them, naming it', () => {
    const file = 'locales/en/sections/03-breaks.md';
    const blocks: Block[] = [];
    for (let i = 0; i < 5_001; i++) blocks.push(textParagraph('body', 'A page.', { file, line: 1 + 2 * i }), { kind: 'pageBreak', source: { file, line: 2 + 2 * i } });
    // set, this word would be said to be wider than the line
    blocks.push(textParagraph('body', 'x'.repeat(400), { file, line: 10_004 }));
    const layout: ZineLayout = {
      cover: [], coverImage: undefined, colophon: [], contents: undefined, backCover: [],
      sections: [{ id: '01-short', title: undefined, blocks: [textParagraph('body', 'Short.', { file: 'locales/en/sections/01-short.md' })] }, { id: '03-breaks', title: undefined, blocks }],
    };
    const warnings: string[] = [];
    expect(() => onA4(layout, warnings)).toThrow(expect.objectContaining({ message: tooMany('this section'), where: { file } }));
    expect(warnings).toEqual([]);
  });

  it('refuses more than 5,000 pages of lines, and of contents, naming where they pass them', () => {
    const file = 'locales/en/sections/01-large.md';
    const large = { ...theme, styles: { ...theme.styles, body: { ...theme.styles.body!, size: 100, leading: 300 } } };
    // two lines a page, three words a line: some twelve thousand lines
    const words = Array.from({ length: 36_000 }, (_, i) => `w${i % 10}`).join(' ');
    const sections = (n: number, text: string): ZineLayout['sections'] => Array.from({ length: n }, (_, i) => ({
      id: `s${i}`, title: `Section ${i}`, blocks: [textParagraph('body', text, { file: i === 0 ? file : `locales/en/sections/s${i}.md` })],
    }));
    const layout = (contents: boolean, n: number, text: string): ZineLayout => {
      const all = sections(n, text);
      return {
        cover: [], coverImage: undefined, colophon: [], backCover: [], sections: all,
        contents: contents ? { blocks: [], entries: all.map((s) => ({ id: s.id, title: `${s.title} ${words.slice(0, 600)}` })) } : undefined,
      };
    };
    expect(() => onA4(layout(false, 1, words), [], large)).toThrow(expect.objectContaining({ message: tooMany('this section'), where: { file } }));
    const toc = { ...theme, styles: { ...theme.styles, tocEntry: { ...theme.styles.tocEntry!, size: 60, leading: 300 } } };
    expect(() => onA4(layout(true, 120, 'Short.'), [], toc)).toThrow(expect.objectContaining({ message: tooMany('the contents') }));
  });
});

describe('languageSettings', () => {
  it('keeps a language\'s words while locales use it, and drops them when the next locale begins without it', () => {
    const memos = new Memos();
    const inLanguage = languageSettings(theme, fonts, memos);
    const [en, ru, kk] = ['en', 'ru', 'kk'].map(languageOf) as [Language, Language, Language];
    // the first locale, Russian, with a section standing in from English
    const [russian, english] = [inLanguage(ru), inLanguage(en)];
    expect(inLanguage(ru)).toBe(russian);
    memos.nextBuild();
    // the next, Kazakh, also with a section in English
    inLanguage(kk);
    expect(inLanguage(en)).toBe(english);
    memos.nextBuild();
    // the Kazakh locale did not use Russian: its words went when the locale after it began, and a setting is made anew
    expect(inLanguage(ru)).not.toBe(russian);
    expect(inLanguage(ru).words).not.toBe(russian.words);
    // English, which the Kazakh locale used, is kept
    expect(inLanguage(en)).toBe(english);
  });

  it('shares a session\'s paragraphs kept among the languages, whose keys name each', () => {
    const memos = new Memos();
    const set = memos.memo<KeptParagraph>();
    const inLanguage = languageSettings(theme, fonts, memos, set);
    // the same words set in two languages whose patterns part them differently: each kept apart, neither taken for the other
    const paragraph = [textInline('revolutionary organisations communicating internationally')];
    const lines = (tag: string): string[] => {
      const { language, fonts: book, hyphenator, words, set: kept } = inLanguage(languageOf(tag));
      expect(kept).toBe(set);
      return setParagraph(
        { inlines: paragraph, style: bodyStyle, measure: 60, firstIndent: 0, language, source: { file: 'test.md', line: 1 } },
        { fonts: book, hyphenator, words, paragraphs: new ParagraphAnalyses(), warn: () => {}, set: kept },
      ).map((line) => line.runs.map((r) => r.text).join(' '));
    };
    const [english, german] = [lines('en'), lines('de')];
    expect(set.size).toBe(2);
    expect(german).not.toEqual(english);
    // set again, each is the one kept for its language
    expect([lines('en'), lines('de')]).toEqual([english, german]);
    expect(set.size).toBe(2);
  });
});
