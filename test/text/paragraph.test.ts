import { describe, expect, it } from 'vitest';
import type { Inline } from '../../src/content/blocks.js';
import { ImageLibrary } from '../../src/content/images.js';
import { loadLocale, loadProject } from '../../src/content/project.js';
import { themeForScript } from '../../src/content/theme.js';
import { hyphenatorFor } from '../../src/lang/hyphenation.js';
import { languageOf } from '../../src/lang/languages.js';
import { compileTemplates, layOut } from '../../src/layouts/templates.js';
import { Memos } from '../../src/memo.js';
import { analyseParagraph, ParagraphAnalyses, type AnalysedParagraph, type Reading } from '../../src/text/paragraph.js';
import { languageSettings, typesetEdition } from '../../src/typeset/edition.js';
import { textInline } from '../../src/content/blocks.js';
import { fonts, ROOT } from '../support/fixtures.js';

describe('the analysed paragraph', () => {
  it.each(['en', 'fa'])('is made once per paragraph for every measure, retry and edition of %s', (locale) => {
    const project = loadProject(ROOT);
    const warn = (): void => {};
    const content = loadLocale(project, locale, warn);
    const theme = themeForScript(project.theme, content.language.script);
    const layout = layOut(project, compileTemplates(project.dir, warn), content, warn);
    const analyses: string[] = [];
    const kept = new Memos().memo<AnalysedParagraph>();
    const paragraphs = new ParagraphAnalyses({
      get: (key, make) => kept.get(key, () => {
        analyses.push(key);
        return make();
      }),
    });
    const words = new Map();
    const hyphenator = hyphenatorFor(content.language);
    const images = new ImageLibrary(project.dir);
    const edition = (name: string): number => {
      const paper = project.papers.find((p) => p.name === name)!;
      return typesetEdition({
        layout, paper, page: paper.page, margins: theme.margins[paper.name]!, theme, fonts, images, language: content.language,
        hyphenator, words, paragraphs, inLanguage: languageSettings(theme, fonts), binding: 'left', keepLast: 1, padTo: (pages) => pages, warn,
      }).pages.length;
    };
    expect(edition('letter')).toBeGreaterThan(4);
    const letter = analyses.length;
    expect(edition('a4')).toBeGreaterThan(4);
    // the a4 edition sets the same paragraphs: only its folios and contents' page numbers may be new
    expect(analyses.length - letter).toBeLessThan(letter / 4);
    expect(new Set(analyses).size).toBe(analyses.length);
  });

  it('reads a forced break, a note and capitals as the paragraph is set', () => {
    const fa = languageOf('fa');
    const inlines: Inline[] = [textInline('istanbul'), { kind: 'break' }, { kind: 'noteRef', number: 12 }];
    const digits = (text: string): string => text.replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
    const analysed = analyseParagraph(inlines, languageOf('tr'), { uppercase: true, phrases: false, digits });
    expect(analysed.inlineTexts).toEqual(['İSTANBUL', '\u2028', '۱۲']);
    expect(analysed.text).toBe('İSTANBUL\u2028۱۲');
    // code stays as written in capitals' style: another case would be another name
    const code = textInline('03-conclusion.md', false, false, undefined, undefined, true);
    expect(analyseParagraph([textInline('see '), code], languageOf('en'), { uppercase: true, phrases: false }).text).toBe('SEE 03-conclusion.md');
    // Latin words alone in a right-to-left language: a section not yet translated, left to right
    expect(analyseParagraph([textInline('Mutual aid')], fa, { uppercase: false, phrases: false }).direction).toBe('ltr');
    expect(analyseParagraph([textInline('کمک متقابل')], fa, { uppercase: false, phrases: false }).direction).toBe('rtl');
  });

  it('takes its direction from right-to-left letters alone: digits of any script, note numbers and punctuation never decide it', () => {
    const fa = languageOf('fa');
    const persian = (text: string): string => text.replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
    const reading: Reading = { uppercase: false, phrases: false, digits: persian };
    // English text with its note's number in Persian digits and Arabic punctuation
    const english: Inline[] = [textInline('Mutual aid، in the strike'), { kind: 'noteRef', number: 12 }, textInline('.')];
    const analysed = analyseParagraph(english, fa, reading);
    expect(analysed.text).toBe('Mutual aid، in the strike۱۲.');
    expect(analysed.direction).toBe('ltr');
    expect(analyseParagraph([textInline('Version ۳٫۲ of 12 May ۱۴۰۳؟')], fa, reading).direction).toBe('ltr');
    // Farsi that starts with a Latin name is still Farsi, right to left
    expect(analyseParagraph([textInline('Kropotkin در کتاب خود'), { kind: 'noteRef', number: 3 }], fa, reading).direction).toBe('rtl');
    expect(analyseParagraph([textInline('ZAPATA گفت')], fa, reading).direction).toBe('rtl');
  });
});
