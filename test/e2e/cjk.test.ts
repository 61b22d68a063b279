import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
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
 * A Chinese phrase in a Japanese zine (`[直]{lang=zh}`), in a face that has
 * both languages' forms of 直: the phrase is drawn in the Chinese form, the
 * 直 around it in the Japanese one, and all read back as 直.
 */
describe('a phrase in a language of its own', () => {
  const locl = join(ROOT, 'test', 'fixtures', 'fonts', 'NotoSerifCJKJP-locl.otf');

  /**
   * A Japanese zine made by `zine locale add ja` with the face that keeps
   * every language's forms of a few ideographs (the other subsets keep the
   * Japanese only), its section `body`: the letters its page with 直 reads
   * back as, and those its outlines are drawn as in that face's own forms.
   */
  async function built(body: string): Promise<{ text: string; drawn: string }> {
    const project = await projectWithLocales(['ja'], (f) => f === basename(locl));
    writeFileSync(join(project, 'locales', 'ja', 'sections', '01-introduction.md'), `---\ntitle: Forms\n---\n${body}`);
    const r = await zine('build', '--project', project, '--locale', 'ja', '--paper', 'letter');
    expect(r.code, r.stderr).toBe(0);
    const pdf = join(project, 'out', 'ja', 'p_screen_single_page_view.pdf');
    const { pages, fonts } = await readPdf(pdf);
    expect(fonts.map((f) => f.name).join(' ')).toContain('NotoSerifCJKjp');
    const page = pages.findIndex((p) => p.text.includes('直骨') || p.text.includes('直直'));
    // the ideographs, not the folio's figures (in the same face, which a Japanese zine sets them in)
    const ideographs = (t: string): string => t.replace(/[^\p{Script=Han}]/gu, '');
    return { text: ideographs(pages[page]!.text), drawn: ideographs((await lettersDrawn(pdf, locl))[page]!) };
  }

  it('is drawn in its language\'s form of an ideograph, the paragraph\'s in its own', async () => {
    const { text, drawn } = await built('直直[直]{lang=zh}直\n');
    expect(text).toContain('直直直直');
    // told by its outline: the Japanese form reads as 直, the Chinese one, another glyph, does not
    expect(drawn).toBe('直直直');
  }, 60_000);

  it('draws a block marked in a language of its own in that language\'s forms, as it was measured', async () => {
    const { text, drawn } = await built('直骨\n\n::: {lang=zh}\n直骨\n:::\n');
    expect(text).toContain('直骨直骨');
    // the Japanese paragraph's ideographs in the face's own (Japanese) forms, the Chinese paragraph's in others
    expect(drawn).toBe('直骨');
  }, 60_000);
});

/**
 * Quotes typed straight, as translators are told to, in text whose
 * quotations no space tells apart: each language's marks, opening and
 * closing, read back from the PDFs with pdf.js and with poppler. A Chinese
 * phrase in a Japanese paragraph takes the Chinese marks.
 */
describe('straight quotes in Chinese, Japanese and Korean', () => {
  const SECTIONS: Record<string, { typed: string; set: readonly string[] }> = {
    ja: {
      typed: `"許可を待つ必要はない。"それが、私たちの'小さな'グループが最初の集まりで壁に書いた言葉だった。`
        + `"見知らぬ人が'ちょっと手伝いたい'と訪ねてくる"ようになった。[三年前"十二人"]{lang=zh}のzine'sは"施し"ではない。`,
      set: ['「許可を待つ必要はない。」それが、私たちの『小さな』グループ', '「見知らぬ人が『ちょっと手伝いたい』と訪ねてくる」ように', '三年前“十二人”のzine’sは「施し」ではない。'],
    },
    zh: {
      typed: `"我们不需要等谁批准。"这是我们小组第一次开会时写在墙上的话。陌生人开始敲门，说"我也想帮忙"。互助不是'慈善'：它是平等的人彼此照顾。`,
      set: ['“我们不需要等谁批准。”这是', '说“我也想帮忙”。互助不是‘慈善’：它是'],
    },
    ko: {
      typed: `"허락을 기다릴 필요는 없다"고 우리 모임이 처음 모였을 때 벽에 적었다. 낯선 사람들이 "나도 돕고 싶어요"라며 문을 두드렸다. 상호부조는 '자선'이 아니다.`,
      set: ['“허락을기다릴필요는없다”고', '“나도돕고싶어요”라며', '‘자선’이아니다.'],
    },
  };
  let project = '';

  beforeAll(async () => {
    project = await projectWithLocales(Object.keys(SECTIONS), (f) => f.endsWith('-Subset.otf'));
    for (const [locale, { typed }] of Object.entries(SECTIONS)) {
      writeFileSync(join(project, 'locales', locale, 'sections', '01-introduction.md'), `---\ntitle: Zine\n---\n${typed}\n`);
    }
    const r = await zine('build', '--project', project, '--locale', Object.keys(SECTIONS).join(','), '--paper', 'letter');
    expect(r.code, r.stderr).toBe(0);
  }, 60_000);

  for (const [locale, { set }] of Object.entries(SECTIONS)) {
    it(`${locale}: sets the language's marks, opening and closing, read back with pdf.js and with poppler`, async () => {
      const pdf = join(project, 'out', locale, 'p_screen_single_page_view.pdf');
      const { pages } = await readPdf(pdf);
      const poppler = execFileSync('pdftotext', ['-f', '4', '-l', '4', pdf, '-'], { encoding: 'utf8' });
      for (const read of [letters(pages[3]!.text), letters(poppler)]) {
        for (const passage of set) expect(read).toContain(letters(passage));
        expect(read).not.toMatch(/["']/);
      }
    });
  }
});
