import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initProject } from '../../src/cli/init.js';
import { collectionClaiming, ROOT } from '../support/fixtures.js';
import { CLI, expectOneLineError, zine, zineWith, type Run } from '../support/cli.js';
import { readPdf } from '../support/pdf.js';

/**
 * A translator's way: `zine locale add` finds the fonts a script needs among
 * the installed ones (here only the test fonts, by ZINE_FONT_DIRS), copies
 * them with their licence and records them in theme.json; the build then
 * sets the script, falling back per character for what its fonts lack.
 */
describe('fonts for every script', () => {
  const base = mkdtempSync(join(tmpdir(), 'zine-fonts-'));
  const project = join(base, 'p');
  const installed = join(base, 'installed');
  const env = { ZINE_FONT_DIRS: installed };
  const added: Record<string, Run> = {};

  beforeAll(async () => {
    mkdirSync(installed);
    const fixtures = join(ROOT, 'test', 'fixtures', 'fonts');
    for (const f of readdirSync(fixtures)) copyFileSync(join(fixtures, f), join(installed, f));
    writeFileSync(join(installed, 'Broken-Regular.ttf'), Buffer.from('not a font at all'));
    expect((await zine('init', project)).code).toBe(0);
    for (const locale of ['ar', 'zh', 'ja']) added[locale] = await zineWith(env, 'locale', 'add', locale, '--project', project);
  }, 60_000);

  it('copies the fonts the script needs with their licence, and says so', () => {
    expect(added.ar!.code, added.ar!.stderr).toBe(0);
    expect(added.ar!.stdout).toContain('ar fonts: Arabic script for family serif: added Noto Naskh Arabic (NotoNaskhArabic-Regular.ttf)');
    expect(added.ar!.stdout).toContain('Arabic script for family sans: added Noto Sans Arabic (NotoSansArabic-Regular.ttf)');
    expect(added.ar!.stderr).toMatch(/^warning: skipped .*Broken-Regular\.ttf: not a usable font/m);
    for (const f of ['NotoNaskhArabic-Regular.ttf', 'NotoSansArabic-Regular.ttf', 'NotoSerifCJK-Regular.ttc']) {
      expect(readFileSync(join(project, 'fonts', f))).toEqual(readFileSync(join(installed, f)));
    }
    for (const f of ['NotoNaskhArabic-LICENSE.txt', 'NotoSansArabic-LICENSE.txt', 'NotoSerifCJKSC-LICENSE.txt']) {
      expect(readFileSync(join(project, 'fonts', f), 'utf8')).toContain('SIL OPEN FONT LICENSE Version 1.1');
    }
    for (const f of ['NotoNaskhArabic-Bold.ttf', 'NotoSerifHebrew-Regular.ttf']) expect(existsSync(join(project, 'fonts', f))).toBe(false);
  });

  it('records them in theme.json: a family per role, scriptFonts for the script, a collection face by its place', () => {
    const theme = JSON.parse(readFileSync(join(project, 'theme.json'), 'utf8')) as Record<string, Record<string, unknown>>;
    // the bold test font has a few letters only: passed over, as a face lacking the script's letters is
    expect(theme.fonts!['serif-arab']).toEqual({ regular: 'NotoNaskhArabic-Regular.ttf' });
    expect(theme.fonts!['sans-arab']).toEqual({ regular: 'NotoSansArabic-Regular.ttf' });
    expect(theme.fonts!['serif-hans']).toEqual({ regular: 'NotoSerifCJK-Regular.ttc#1' });
    // Japanese gets the collection's Japanese face, though the Chinese one has its kana
    expect(theme.fonts!['serif-jpan']).toEqual({ regular: 'NotoSerifCJK-Regular.ttc#0' });
    expect(theme.scriptFonts).toEqual({
      Arab: { serif: 'serif-arab', sans: 'sans-arab' }, Hans: { serif: 'serif-hans', sans: 'sans-hans' }, Jpan: { serif: 'serif-jpan', sans: 'sans-jpan' },
    });
  });

  it('builds the translations: Arabic letters from Naskh, its parentheses and digits from the serif; Chinese from the collection', async () => {
    writeFileSync(join(project, 'locales', 'ar', 'sections', '01-introduction.md'), '---\ntitle: سلام\n---\nسلام و بت (ملي) 12.\n');
    writeFileSync(join(project, 'locales', 'zh', 'sections', '01-introduction.md'), '---\ntitle: 中国\n---\n中国人\n');
    const r = await zine('build', '--project', project, '--locale', 'ar,zh', '--paper', 'letter');
    expect(r.code, r.stderr).toBe(0);
    const ar = await readPdf(join(project, 'out', 'ar', 'p_screen_single_page_view.pdf'));
    const text = ar.pages.map((p) => p.text).join('\n');
    expect(text).toContain('(');
    expect(text).toContain('12.');
    expect(ar.fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, ''))).toEqual(expect.arrayContaining(['NotoNaskhArabic-Regular', 'NotoSerif-Regular']));
    const zh = await readPdf(join(project, 'out', 'zh', 'p_screen_single_page_view.pdf'));
    expect(zh.pages.map((p) => p.text).join('\n')).toContain('中国人');
    expect(zh.fonts.some((f) => f.name.endsWith('+NotoSerifCJKsc-Regular') && f.embedded)).toBe(true);
  }, 60_000);

  it('zine fonts lists each locale\'s coverage, and the build names the font a script lacks and where to get it', async () => {
    const listed = await zineWith(env, 'fonts', '--project', project);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain('ar fonts: Arabic script: covered by the theme\'s fonts');
    expect(listed.stdout).toContain('en fonts: Latin script: covered by the theme\'s fonts');
    mkdirSync(join(project, 'locales', 'he', 'sections'), { recursive: true });
    copyFileSync(join(project, 'locales', 'en', 'strings.json'), join(project, 'locales', 'he', 'strings.json'));
    writeFileSync(join(project, 'locales', 'he', 'sections', '01-introduction.md'), '---\ntitle: שלום\n---\nשלום\n');
    expectOneLineError(await zine('build', '--project', project, '--locale', 'he', '--paper', 'letter'),
      'no font of the theme has the character', '(locale he)', ': install Noto Serif Hebrew (Debian: fonts-noto-core; npm: @expo-google-fonts/noto-serif-hebrew), then run zine fonts');
  }, 60_000);

  it('refuses in one line a broken strings.json or a FIFO where a font would go, reading nothing it should not', async () => {
    const other = join(base, 'q');
    expect((await zine('init', other)).code).toBe(0);
    mkdirSync(join(other, 'locales', 'ar', 'sections'), { recursive: true });
    writeFileSync(join(other, 'locales', 'ar', 'sections', '01-introduction.md'), '---\ntitle: مقدمة\n---\nنص عربي.\n');
    writeFileSync(join(other, 'locales', 'ar', 'strings.json'), '{"title": "x",');
    expectOneLineError(await zineWith(env, 'fonts', '--project', other), 'strings.json', 'invalid JSON');
    writeFileSync(join(other, 'locales', 'ar', 'strings.json'), '{}');
    execFileSync('mkfifo', [join(other, 'fonts', 'NotoNaskhArabic-Regular.ttf')]);
    const r = spawnSync(process.execPath, [CLI, 'fonts', '--project', other], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 30_000 });
    expectOneLineError({ code: r.status ?? -1, stderr: r.stderr }, 'NotoNaskhArabic-Regular.ttf', 'not a regular file');
  });
});

/**
 * A project with an Arabic locale that has no font for its script yet, and
 * a folder of installed fonts holding Noto Naskh Arabic, for `zine fonts`
 * to find it among what else the folder holds.
 */
function arabicProject(): { base: string; project: string; installed: string } {
  const base = mkdtempSync(join(tmpdir(), 'zine-hostile-fonts-'));
  const [project, installed] = [join(base, 'p'), join(base, 'installed')];
  mkdirSync(installed);
  copyFileSync(join(ROOT, 'test', 'fixtures', 'fonts', 'NotoNaskhArabic-Regular.ttf'), join(installed, 'NotoNaskhArabic-Regular.ttf'));
  initProject(project);
  mkdirSync(join(project, 'locales', 'ar', 'sections'), { recursive: true });
  writeFileSync(join(project, 'locales', 'ar', 'sections', '01-introduction.md'), '---\ntitle: مقدمة\n---\nنص عربي.\n');
  writeFileSync(join(project, 'locales', 'ar', 'strings.json'), '{}');
  return { base, project, installed };
}

/** `zine fonts` finding fonts in `installed` only, in this process. */
const fontsIn = (project: string, installed: string): Promise<Run> => zineWith({ ZINE_FONT_DIRS: installed }, 'fonts', '--project', project);

/**
 * `zine fonts` finding fonts in `installed` only, as a process of its own: where a FIFO
 * could keep a read waiting for ever, stopped after a minute; with the heap Node may
 * take capped when `heapMb` is given.
 */
function fontsFrom(project: string, installed: string, heapMb?: number): { code: number; stdout: string; stderr: string } {
  const heap = heapMb === undefined ? {} : { NODE_OPTIONS: `--max-old-space-size=${heapMb}` };
  const r = spawnSync(process.execPath, [CLI, 'fonts', '--project', project], {
    encoding: 'utf8', env: { ...process.env, ZINE_FONT_DIRS: installed, ...heap }, timeout: 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const NASKH_ADDED = 'ar fonts: Arabic script for family serif: added Noto Naskh Arabic (NotoNaskhArabic-Regular.ttf)';

describe('installed fonts are checked as the build checks fonts', () => {
  it('skips a collection claiming two million faces from its header, in little memory', () => {
    const { project, installed } = arabicProject();
    writeFileSync(join(installed, 'NotoSerifCJK-Regular.ttc'), collectionClaiming(2_000_000));
    const r = fontsFrom(project, installed, 256);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^warning: skipped .*NotoSerifCJK-Regular\.ttc: not a usable font \(.*header is cut off or damaged/m);
    expect(r.stdout).toContain(NASKH_ADDED);
  }, 90_000);

  it('walks each real folder once, whatever links lead back into it', async () => {
    const { project, installed } = arabicProject();
    writeFileSync(join(installed, 'Broken-Regular.ttf'), 'not a font at all');
    for (const loop of ['loop1', 'loop2', 'loop3']) symlinkSync('.', join(installed, loop));
    const r = await fontsIn(project, installed);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.match(/skipped .*Broken-Regular\.ttf/g)).toHaveLength(1);
    expect(r.stdout).toContain(NASKH_ADDED);
  }, 90_000);

  it('skips a font file larger than a build accepts without reading it, and a FIFO', () => {
    const { project, installed } = arabicProject();
    execFileSync('truncate', ['-s', '100M', join(installed, 'NotoSansThai-Regular.ttf')]);
    execFileSync('mkfifo', [join(installed, 'NotoSansHebrew-Regular.ttf')]);
    const r = fontsFrom(project, installed);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^warning: skipped .*NotoSansThai-Regular\.ttf: not a usable font \(.*larger than 64 MB/m);
    expect(r.stdout).toContain(NASKH_ADDED);
  }, 90_000);

  it('copies a licence only from a regular file of sane size in the font\'s folder, else the OFL as the tool ships it', async () => {
    const cases: Record<string, (path: string, base: string) => void> = {
      'OFL.txt': (path, base) => {
        writeFileSync(join(base, 'private.txt'), 'PRIVATE: not to be copied');
        symlinkSync(join(base, 'private.txt'), path);
      },
      'OFL-1.1.txt': (path) => execFileSync('mkfifo', [path]),
      LICENSE: (path) => execFileSync('truncate', ['-s', '100M', path]),
    };
    for (const [name, make] of Object.entries(cases)) {
      const { base, project, installed } = arabicProject();
      make(join(installed, name), base);
      // the FIFO read in a process of its own
      const r = name === 'OFL-1.1.txt' ? fontsFrom(project, installed) : await fontsIn(project, installed);
      expect(r.code, `${name}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toContain(NASKH_ADDED);
      expect(r.stderr).toContain(`${name} not copied as the licence of Noto Naskh Arabic`);
      const licence = join(project, 'fonts', 'NotoNaskhArabic-LICENSE.txt');
      expect(statSync(licence).size).toBeLessThan(64 * 1024);
      expect(readFileSync(licence, 'utf8')).toContain('Noto Naskh Arabic: licensed under the SIL Open Font License, Version 1.1.');
    }
  }, 180_000);
});

describe('fonts for what a locale sets besides its letters', () => {
  it('finds a font for the digits the theme sets a locale in, so that the build then sets them', async () => {
    const { project, installed } = arabicProject();
    rmSync(join(project, 'locales', 'ar'), { recursive: true });
    const themeFile = join(project, 'theme.json');
    writeFileSync(themeFile, JSON.stringify({ ...JSON.parse(readFileSync(themeFile, 'utf8')) as object, digits: { en: 'arab' } }));
    const before = await zine('build', '--project', project, '--locale', 'en', '--paper', 'letter');
    expectOneLineError(before, 'U+0661', 'install Noto Naskh Arabic');
    const r = await zineWith({ ZINE_FONT_DIRS: installed }, 'fonts', '--project', project);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('en fonts: Arabic script as a fallback font: added Noto Naskh Arabic (NotoNaskhArabic-Regular.ttf)');
    const after = await zine('build', '--project', project, '--locale', 'en', '--paper', 'letter');
    expect(after.code, after.stderr).toBe(0);
  }, 90_000);

  it('counts the digits a locale\'s own tag names', async () => {
    const { project, installed } = arabicProject();
    rmSync(join(project, 'locales', 'ar'), { recursive: true });
    const r = await zineWith({ ZINE_FONT_DIRS: installed }, 'locale', 'add', 'en-u-nu-arab', '--project', project);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Arabic script as a fallback font: added Noto Naskh Arabic');
    // the locale's folder is made as any folder is, readable by others where the umask lets them read
    const probe = join(project, 'probe');
    mkdirSync(probe);
    for (const folder of ['', 'sections']) expect(statSync(join(project, 'locales', 'en-u-nu-arab', folder)).mode & 0o777, folder).toBe(statSync(probe).mode & 0o777);
  }, 60_000);

  it('does not report as missing what the fonts it has just added set', async () => {
    const { project, installed } = arabicProject();
    rmSync(join(project, 'locales', 'ar'), { recursive: true });
    rmSync(join(installed, 'NotoNaskhArabic-Regular.ttf'));
    copyFileSync(join(ROOT, 'test', 'fixtures', 'fonts', 'NotoSerifCJKSC-Subset.otf'), join(installed, 'NotoSerifCJKSC-Subset.otf'));
    mkdirSync(join(project, 'locales', 'zh', 'sections'), { recursive: true });
    writeFileSync(join(project, 'locales', 'zh', 'strings.json'), '{}');
    // full-width brackets and comma: no script's own, none in the theme's fonts, all in the Chinese font added
    writeFileSync(join(project, 'locales', 'zh', 'sections', '01-introduction.md'), '---\ntitle: 中文\n---\n中文（中文），中文。\n');
    const r = await zineWith({ ZINE_FONT_DIRS: installed }, 'fonts', '--project', project);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('zh fonts: Han (Simplified) script for family serif: added Noto Serif CJK SC');
    expect(r.stdout).not.toContain('no font of the theme has');
    const built = await zine('build', '--project', project, '--locale', 'zh', '--paper', 'letter');
    expect(built.code, built.stderr).toBe(0);
  }, 90_000);

  it('does not call a script covered that no font of the theme has, and does not add its locale', async () => {
    const { project, installed } = arabicProject();
    const r = await zineWith({ ZINE_FONT_DIRS: installed }, 'locale', 'add', 'en-Dsrt', '--project', project);
    expectOneLineError(r, 'no font sets the Deseret script of en-Dsrt');
    expect(r.stdout).not.toContain('Deseret script: covered');
    expect(r.stdout).toContain('no font of the theme has 𐐀');
    expect(existsSync(join(project, 'locales', 'en-Dsrt'))).toBe(false);
  }, 60_000);

  it('refuses a locale whose script no font sets, naming the font to install; the other editions still build', async () => {
    const { project } = arabicProject();
    rmSync(join(project, 'locales', 'ar'), { recursive: true });
    const added = await zineWith({ ZINE_FONT_DIRS: join(project, 'nowhere') }, 'locale', 'add', 'ar', '--project', project);
    expectOneLineError(added, 'no font sets the Arabic script of ar', 'zine locale add ar again');
    expect(added.stdout).toContain('install Noto Naskh Arabic (Debian: fonts-noto-core');
    expect(existsSync(join(project, 'locales', 'ar'))).toBe(false);
    const built = await zine('build', '--project', project, '--paper', 'letter');
    expect(built.code, built.stderr).toBe(0);
    // a locale already there, its fonts gone: zine fonts says so, and exits with code 1
    mkdirSync(join(project, 'locales', 'ar', 'sections'), { recursive: true });
    writeFileSync(join(project, 'locales', 'ar', 'sections', '01-introduction.md'), '---\ntitle: مقدمة\n---\nنص عربي.\n');
    const listed = await zineWith({ ZINE_FONT_DIRS: join(project, 'nowhere') }, 'fonts', '--project', project);
    expectOneLineError(listed, 'no font sets ar (Arabic script)');
    // the English edition names the language it cannot set in Arabic letters in English, and says so
    const english = await zine('build', '--project', project, '--locale', 'en', '--paper', 'letter');
    expect(english.code, english.stderr).toBe(0);
    expect(english.stderr).toContain('no font of the theme sets "العربية", the name of ar in its own script: named "Arabic" in en\'s colophon');
    const colophon = (await readPdf(join(project, 'out', 'en', 'p_screen_single_page_view.pdf'))).pages[1]!.runs.map((r) => r.str).join(' ');
    expect(colophon).toMatch(/This zine exists in[^.]*Arabic/);
    expect(colophon).not.toContain('العربية');
    expect(listed.stdout).toContain('ar fonts: Arabic script for family serif: no font found; install Noto Naskh Arabic');
  }, 60_000);
});
