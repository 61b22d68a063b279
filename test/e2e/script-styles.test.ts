import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
