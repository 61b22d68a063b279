import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/fixtures.js';
import { projectWithLocales, zine } from '../support/cli.js';
import { bodyLines, lettersDrawn, readPdf } from '../support/pdf.js';
import { phraseBreaks } from '../../src/text/breaks.js';
import { languageOf } from '../../src/lang/languages.js';

const LANGUAGES = ['ja', 'zh', 'ko', 'th'] as const;
/**
 * The editions' titles, each longer than the cover's line at the title's
 * size; the Thai one ends in a name spelt in Thai letters, which ICU's
 * dictionary parts (คา|ซัค|สถาน).
 */
const TITLES = { ja: '明日のことを一緒に決める', zh: '我们不需要等谁批准', th: 'การลุกฮือในคาซัคสถาน' } as const;
/** The Thai edition's subtitle, italic in the theme: its figures come from the Latin face, the Thai one having none. */
const THAI_SUBTITLE = 'เหตุการณ์เดือนมกราคม 2022';
const text = (language: string): string => readFileSync(join(ROOT, 'test', 'fixtures', 'texts', `${language}.md`), 'utf8').trim();
/** Text as a reader compares it: without white space, which readers put in or leave out by the gaps they see. */
const letters = (t: string): string => t.replace(/\s+/g, '');

/**
 * Zines in Chinese, Japanese, Korean and Thai built as a translator would:
 * `zine locale add` finds the test subsets of Noto Serif CJK and Noto Serif
 * Thai, the build breaks lines without spaces, and the PDFs read back
 * character by character in the order written, with no hyphen added.
 */
describe('zines in scripts written without spaces', () => {
  let project = '';
  const pdfOf = (locale: string, variant = 'screen_single_page_view'): string => join(project, 'out', locale, `p_${variant}.pdf`);

  beforeAll(async () => {
    // the subsets made for these texts (the small CJK collection would be found first, and lacks their letters)
    project = await projectWithLocales(LANGUAGES, (f) => f.endsWith('-Subset.otf') || f.startsWith('NotoSerifThai'));
    for (const locale of LANGUAGES) {
      writeFileSync(join(project, 'locales', locale, 'sections', '01-introduction.md'), `---\ntitle: Zine\n---\n${text(locale)}\n\n${text(locale)}\n`);
    }
    for (const [locale, title] of Object.entries(TITLES)) {
      const strings = join(project, 'locales', locale, 'strings.json');
      const subtitle = locale === 'th' ? THAI_SUBTITLE : 'A pamphlet made with zine press';
      writeFileSync(strings, readFileSync(strings, 'utf8').replace('"My Zine"', `"${title}"`).replace('"A pamphlet made with zine press"', `"${subtitle}"`));
    }
    const r = await zine('build', '--project', project, '--locale', LANGUAGES.join(','), '--paper', 'letter');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
  }, 60_000);

  for (const language of LANGUAGES) {
    it(`${language}: reads back character by character in order, with pdf.js and with poppler, no hyphen added`, async () => {
      // the heading is set in capitals
      const expected = letters(`ZINE${text(language)}${text(language)}`);
      // the section's pages, folios aside
      const body = (t: string): string => letters(t).replace(/◆[\d۰-۹]+◆/g, '');
      const { pages } = await readPdf(pdfOf(language));
      expect(body(pages.slice(3, -1).map((p) => p.text).join(''))).toBe(expected);
      const poppler = execFileSync('pdftotext', ['-f', '4', '-l', String(pages.length - 1), pdfOf(language), '-'], { encoding: 'utf8' });
      expect(body(poppler)).toBe(expected);
    });
  }

  for (const [language, title] of Object.entries(TITLES)) {
    it(`${language}: sets the cover title at the theme's size in balanced lines, broken only between phrases`, async () => {
      const theme = JSON.parse(readFileSync(join(project, 'theme.json'), 'utf8')) as { styles: { title: { size: number } } };
      const cover = (await readPdf(pdfOf(language))).pages[0]!;
      // the title's type, and no smaller: larger than the kicker's and the subtitle's
      const runs = cover.runs.filter((r) => r.size > 30);
      expect(runs.map((r) => r.size)).toEqual(runs.map(() => theme.styles.title.size));
      const lines = [...new Set(runs.map((r) => Math.round(r.y)))].sort((a, b) => b - a).map((y) => runs.filter((r) => Math.round(r.y) === y));
      const texts = lines.map((line) => letters(line.map((r) => r.str).join('')));
      expect(texts.join('')).toBe(title);
      expect(lines.length).toBeGreaterThan(1);
      const phrases = new Set(phraseBreaks(title, languageOf(language)));
      let at = 0;
      for (const text of texts.slice(0, -1)) {
        at += text.length;
        expect(phrases.has(at), texts.join(' / ')).toBe(true);
      }
      // nearly equal lines: none, the last included, much shorter than the longest (a phrase alone below the rest)
      const widths = lines.map((line) => Math.max(...line.map((r) => r.x + r.width)) - Math.min(...line.map((r) => r.x)));
      expect(Math.min(...widths), texts.join(' / ')).toBeGreaterThan(0.65 * Math.max(...widths));
    });
  }

  it('sets the figures of an upright Thai subtitle upright, though the theme has it italic', async () => {
    const cover = (await readPdf(pdfOf('th'))).pages[0]!;
    const subtitle = cover.runs.filter((r) => r.size > 10 && r.size < 20 && r.y < Math.min(...cover.runs.filter((t) => t.size > 30).map((t) => t.y)));
    const thai = subtitle.find((r) => r.str.includes('มกราคม'));
    const figures = subtitle.find((r) => r.str.includes('2022'));
    // the Thai face has no italic, nor figures: they come from the Latin face the Thai one stands in for, in its upright face
    expect(thai?.font).toMatch(/NotoSerifThai/);
    expect(figures?.font).toMatch(/NotoSerif-Regular/);
  });

  it('embeds the script fonts it sets the text in', async () => {
    for (const [language, font] of [['ja', 'NotoSerifCJKjp'], ['zh', 'NotoSerifCJKsc'], ['ko', 'NotoSerifCJKkr'], ['th', 'NotoSerifThai']] as const) {
      const { fonts } = await readPdf(pdfOf(language));
      expect(fonts.some((f) => f.name.includes(font) && f.embedded), JSON.stringify(fonts)).toBe(true);
    }
  });

  it('justifies Chinese and Japanese lines to both margins', async () => {
    for (const language of ['ja', 'zh']) {
      const rights = bodyLines((await readPdf(pdfOf(language))).pages[3]!).map((l) => l.right);
      // most lines end at the right margin (a paragraph's last line is short; a closing mark's blank may stand past it)
      const margin = Math.max(...rights);
      expect(rights.filter((r) => Math.abs(r - margin) < 0.5 * 10 + 0.5).length).toBeGreaterThan(rights.length * 0.7);
    }
  });
});

/**
 * A Chinese phrase in a Japanese paragraph (`[直]{lang=zh}`), in a face that
 * has both languages' forms of 直: the phrase is drawn in the Chinese form,
 * the 直 around it in the Japanese one, and all read back as 直.
 */
describe('a phrase in a language of its own', () => {
  /**
   * An English zine whose section is `body`, built with the Japanese face
   * that keeps every language's forms of a few ideographs (the subset keeps
   * the Japanese only): the letters its page with 直 reads back as, and
   * those its outlines are drawn as in that face's own forms.
   */
  async function built(body: string): Promise<{ text: string; drawn: string }> {
    const project = await projectWithLocales(['ja'], (f) => f === 'NotoSerifCJKJP-Subset.otf');
    const locl = join(ROOT, 'test', 'fixtures', 'fonts', 'NotoSerifCJKJP-locl.otf');
    copyFileSync(locl, join(project, 'fonts', 'NotoSerifCJKJP-Subset.otf'));
    writeFileSync(join(project, 'locales', 'en', 'sections', '01-introduction.md'), `---\ntitle: Forms\n---\n${body}`);
    const r = await zine('build', '--project', project, '--locale', 'en', '--paper', 'letter');
    expect(r.code, r.stderr).toBe(0);
    const pdf = join(project, 'out', 'en', 'p_screen_single_page_view.pdf');
    const { pages } = await readPdf(pdf);
    const page = pages.findIndex((p) => p.text.includes('直'));
    return { text: letters(pages[page]!.text), drawn: letters((await lettersDrawn(pdf, locl))[page]!) };
  }

  it('is drawn in its language\'s form of an ideograph, the paragraph\'s in its own', async () => {
    const { text, drawn } = await built('::: {lang=ja}\n直直[直]{lang=zh}直\n:::\n');
    expect(text).toContain('直直直直');
    // told by its outline: the Japanese form reads as 直, the Chinese one, another glyph, does not
    expect(drawn).toBe('直直直');
  }, 60_000);

  it('draws a block marked in a language of its own in that language\'s forms, as it was measured', async () => {
    const { text, drawn } = await built('直骨\n\n::: {lang=zh}\n直骨\n:::\n');
    expect(text).toContain('直骨直骨');
    // the English paragraph's ideographs in the face's own (Japanese) forms, the Chinese paragraph's in others
    expect(drawn).toBe('直骨');
  }, 60_000);
});
