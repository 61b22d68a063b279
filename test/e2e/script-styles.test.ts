import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/fixtures.js';
import { projectWithLocales, zine, zineWith } from '../support/cli.js';
import { readPdf } from '../support/pdf.js';

/** The Urdu test text, in the ten letters the Nastaliq test subset has (see test/fixtures/make-script-fonts.sh). */
const URDU = readFileSync(join(ROOT, 'test', 'fixtures', 'texts', 'ur.md'), 'utf8').trim();
const TATWEEL = '\u0640';
/** A font's name as the PDF gives it, without its subset's tag. */
const fontName = (name: string): string => name.replace(/^[A-Z]{6}\+/, '');

/**
 * Urdu is read in Nastaliq, Arabic and Farsi in Naskh: `zine locale add ur`
 * finds Noto Nastaliq Urdu among the installed fonts and records it for the
 * language (`languageFonts`), the script keeping its Naskh for Arabic.
 */
describe('Urdu in Nastaliq', () => {
  let project = '';
  let added = '';

  beforeAll(async () => {
    project = await projectWithLocales(['ar']);
    const r = await zineWith({ ZINE_FONT_DIRS: join(ROOT, 'test', 'fixtures', 'fonts') }, 'locale', 'add', 'ur', '--project', project);
    expect(r.code, r.stderr).toBe(0);
    added = r.stdout;
    const theme = JSON.parse(readFileSync(join(project, 'theme.json'), 'utf8')) as Record<string, unknown>;
    // lengthened words would show the joining stroke, which Nastaliq never takes
    writeFileSync(join(project, 'theme.json'), JSON.stringify({ ...theme, kashida: true }));
    writeFileSync(join(project, 'locales', 'ur', 'sections', '01-introduction.md'), `---\ntitle: اردو رسالہ\n---\n${URDU}\n\n${URDU} ${URDU}\n\n${URDU}\n`);
    // the colophon's date would be in month names the subset lacks the letters of
    writeFileSync(join(project, 'locales', 'ur', 'strings.json'), JSON.stringify({ title: 'اردو رسالہ', colophon: { published: '2026' } }));
    writeFileSync(join(project, 'locales', 'ar', 'sections', '01-introduction.md'), '---\ntitle: سلام\n---\nسلام و بت (ملي) 12.\n');
    const built = await zine('build', '--project', project, '--locale', 'ur,ar', '--paper', 'letter');
    expect(built.code, built.stderr).toBe(0);
  }, 120_000);

  it('picks Noto Nastaliq Urdu for Urdu, and keeps Noto Naskh Arabic for Arabic', () => {
    expect(added).toContain('Arabic script as ur is read for family serif: added Noto Nastaliq Urdu (NotoNastaliqUrdu-Subset.ttf)');
    const theme = JSON.parse(readFileSync(join(project, 'theme.json'), 'utf8')) as Record<string, Record<string, Record<string, string>>>;
    expect(theme.languageFonts).toEqual({ ur: { serif: 'serif-ur', sans: 'sans-ur' } });
    expect(theme.fonts!['serif-ur']).toEqual({ regular: 'NotoNastaliqUrdu-Subset.ttf' });
    expect(theme.scriptFonts!.Arab!.serif).toBe('serif-arab');
  });

  it('sets the Urdu edition in Nastaliq, without tatweel though the theme asks for kashida', async () => {
    const ur = await readPdf(join(project, 'out', 'ur', 'p_screen_single_page_view.pdf'));
    // the Urdu words; Naskh sets only the colophon's العربية, the name of Arabic in Arabic
    const urdu = ur.pages.flatMap((p) => p.runs).filter((r) => /[کہ]/u.test(r.str));
    expect(urdu.length).toBeGreaterThan(20);
    expect(new Set(urdu.map((r) => fontName(r.font)))).toEqual(new Set(['NotoNastaliqUrdu-Regular']));
    const text = ur.pages.map((p) => p.text).join('\n');
    expect(text).toContain('رسالہ');
    expect(text).not.toContain(TATWEEL);
    const ar = await readPdf(join(project, 'out', 'ar', 'p_screen_single_page_view.pdf'));
    expect(ar.fonts.map((f) => fontName(f.name))).toContain('NotoNaskhArabic-Regular');
    expect(ar.fonts.map((f) => fontName(f.name))).not.toContain('NotoNastaliqUrdu-Regular');
  });
});

describe('Urdu without Nastaliq installed', () => {
  it('is set in the script\'s Naskh meanwhile, and zine locale add says which font Urdu readers expect', async () => {
    const project = await projectWithLocales(['ur'], (file) => !file.startsWith('NotoNastaliq'));
    const listed = await zineWith({ ZINE_FONT_DIRS: join(project, 'nowhere') }, 'fonts', '--project', project);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain('Arabic script as ur is read for family serif: no font found; install Noto Nastaliq Urdu (Debian: fonts-noto-core; npm: @expo-google-fonts/noto-nastaliq-urdu), then run zine fonts');
    const theme = JSON.parse(readFileSync(join(project, 'theme.json'), 'utf8')) as Record<string, Record<string, Record<string, string>>>;
    expect(theme.scriptFonts!.Arab!.serif).toBe('serif-arab');
    expect(theme.languageFonts).toBeUndefined();
  }, 60_000);
});

/**
 * Devanagari and Bengali hang their letters from a headline, which at the
 * size of the Latin beside them stands at Noto's 0.622 em, under the Latin
 * capitals (0.714 em in Noto Serif): their letters look smaller than the
 * Latin words and figures beside them. They are set larger, their headline
 * as high as the Latin capitals, unless the theme says otherwise.
 */
describe('Devanagari and Bengali as large as the Latin beside them', () => {
  let project = '';
  const fixture = (file: string): string => join(ROOT, 'test', 'fixtures', 'fonts', file);
  /** How high a character's glyph reaches in a font file, in ems. */
  const height = (file: string, char: string): number => {
    const font = fontkit.openSync(file) as fontkit.Font;
    return font.glyphForCodePoint(char.codePointAt(0)!).bbox.maxY / font.unitsPerEm;
  };
  /** The size each text run of the body page is set at, by a word of it. */
  const sizes = async (): Promise<Map<string, number>> => {
    const pdf = await readPdf(join(project, 'out', 'en', 'p_screen_single_page_view.pdf'));
    return new Map(pdf.pages[3]!.runs.flatMap((r) => r.str.split(/\s+/).map((word) => [word, r.size] as const)));
  };
  const build = async (): Promise<void> => {
    const r = await zine('build', '--project', project, '--locale', 'en', '--paper', 'letter');
    expect(r.code, r.stderr).toBe(0);
  };

  beforeAll(async () => {
    project = await projectWithLocales([]);
    writeFileSync(join(project, 'locales', 'en', 'sections', '01-introduction.md'), '---\ntitle: Scripts\n---\nHere বাংলা stands by Hxx 2026 and नमस्ते by Hxx too.\n');
    const r = await zineWith({ ZINE_FONT_DIRS: join(ROOT, 'test', 'fixtures', 'fonts') }, 'fonts', '--project', project);
    expect(r.stdout).toContain('Noto Sans Bengali');
    expect(r.stdout).toContain('Noto Sans Devanagari');
    await build();
  }, 120_000);

  it('sets their headline as high as the Latin capitals, read back from the PDF', async () => {
    const set = await sizes();
    const latin = set.get('Hxx')!;
    const capitals = latin * height(join(ROOT, 'fonts', 'NotoSerif-Regular.ttf'), 'H');
    for (const [word, file, letter] of [['বাংলা', 'NotoSansBengali-Subset.ttf', 'ক'], ['नमस्ते', 'NotoSansDevanagari-Subset.ttf', 'न']] as const) {
      const size = set.get(word)!;
      expect(size, word).toBeGreaterThan(latin * 1.1);
      expect(size * height(fixture(file), letter), word).toBeCloseTo(capitals, 1);
    }
  });

  it('sets them at the size the theme names for their script', async () => {
    const theme = JSON.parse(readFileSync(join(project, 'theme.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(project, 'theme.json'), JSON.stringify({ ...theme, scriptSizes: { Beng: 1, Deva: 1.2 } }));
    await build();
    const set = await sizes();
    const latin = set.get('Hxx')!;
    expect(set.get('বাংলা')).toBeCloseTo(latin, 3);
    expect(set.get('नमस्ते')).toBeCloseTo(latin * 1.2, 3);
  });
});
