import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { ZineError } from '../errors.js';
import { makeFolderWhole } from '../files.js';
import { CONFIG_FILE } from '../content/config.js';
import { isoDay } from '../content/dates.js';
import { THEME_FILE } from '../content/theme.js';
import { formatJson } from './fonts/complete.js';
import { TOOL_ROOT } from '../paths.js';

/**
 * Writes a new zine project that builds as it stands: the generator's theme,
 * templates and fonts, a starter locale with one section, and today's date.
 * The project is made whole or not at all (see makeFolderWhole): a failure
 * (a full disk) leaves no half-made project.
 */
export function initProject(dir: string): string[] {
  const target = resolve(dir);
  let taken: string | undefined;
  try {
    if (!statSync(target).isDirectory()) taken = 'a file';
    else if (readdirSync(target).length > 0) taken = 'the folder is not empty';
  } catch {
    // nothing there: the project makes it
  }
  if (taken) throw new ZineError(`${taken}; zine init only writes into a new or empty folder`, { file: target });
  try {
    makeFolderWhole(target, (made) => fill(made, target));
  } catch (e) {
    if (e instanceof ZineError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new ZineError(`cannot write the new project here (${code ?? String(e)})`, { file: target });
  }
  return [CONFIG_FILE, THEME_FILE, 'templates/', 'fonts/', 'locales/'];
}

/** The files of a new project, written into `made`; `target` is where it will live (its name gives the slug). */
function fill(made: string, target: string): void {
  const theme = starterTheme(readFileSync(join(TOOL_ROOT, THEME_FILE), 'utf8'));
  writeFileSync(join(made, THEME_FILE), theme.text);
  cpSync(join(TOOL_ROOT, 'templates'), join(made, 'templates'), { recursive: true });
  cpSync(join(TOOL_ROOT, 'fonts'), join(made, 'fonts'), { recursive: true, filter: (file) => !theme.leftOut.has(basename(file)) });
  cpSync(join(TOOL_ROOT, 'starter', 'locales'), join(made, 'locales'), { recursive: true });
  const slug = basename(target).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'zine';
  const config = JSON.parse(readFileSync(join(TOOL_ROOT, 'starter', CONFIG_FILE), 'utf8')) as Record<string, unknown>;
  // a date makes every build of the new project give the same bytes (it is the PDFs' creation date)
  writeFileSync(join(made, CONFIG_FILE), `${JSON.stringify({ ...config, slug, date: isoDay(new Date()) }, null, 2)}\n`);
}

/**
 * The generator's theme for a new project, without the fonts the example's
 * translations are set in (its `scriptFonts`, Arabic for Farsi): `zine locale
 * add` brings those a new project's locales need. Gives the theme's text and
 * the font files (with their licences) left out.
 */
function starterTheme(text: string): { text: string; leftOut: Set<string> } {
  const theme = JSON.parse(text) as { fonts: Record<string, Record<string, string>>; scriptFonts?: Record<string, Record<string, string>> };
  if (!theme.scriptFonts) return { text, leftOut: new Set() };
  const families = new Set(Object.values(theme.scriptFonts).flatMap((swap) => Object.values(swap)));
  const files = [...families].flatMap((family) => Object.values(theme.fonts[family] ?? {}));
  delete theme.scriptFonts;
  for (const family of families) delete theme.fonts[family];
  // a family's licence is named after its files: NotoNaskhArabic-LICENSE.txt beside NotoNaskhArabic-Regular.ttf
  const leftOut = new Set(files.flatMap((file) => [file, `${file.replace(/-[^-]*$/, '')}-LICENSE.txt`]));
  return { text: formatJson(theme), leftOut };
}
