/**
 * `zine fonts` and `zine locale add`: for each locale, whether the theme's
 * fonts set its script (from its language, and from the characters of its
 * text), and for a script they do not, the installed Noto family for each
 * role of the theme copied into `fonts/` with its licence and recorded in
 * theme.json (`scriptFonts` for the locale's own script, `languageFonts`
 * where its language is read in another style of it than the script's
 * family, Urdu in Nastaliq, `fallbackFonts` for another script in its
 * text). All files change together.
 */
import { spawnSync } from 'node:child_process';
import { lstatSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ZineError } from '../../errors.js';
import { refuseLinksOut, writeTogether, type FileToWrite } from '../../files.js';
import type { Project } from '../../content/project.js';
import { loadSections } from '../../content/sections.js';
import { readRegularFile, readSourceBytes } from '../../content/source-files.js';
import { readJsonFile } from '../../content/json.js';
import { readStrings } from '../../content/strings.js';
import { familySwaps, THEME_FILE, themeForScript, type Theme, type Variant } from '../../content/theme.js';
import { languageDigits } from '../../lang/digits.js';
import { languageOf, scriptName } from '../../lang/languages.js';
import { TOOL_ROOT } from '../../paths.js';
import type * as fontkit from 'fontkit';
import { familyOf, FontBook, MAX_FONT_BYTES } from '../../font/book.js';
import { installedFaces, openInstalled, type Warn } from './discover.js';
import { matchFamily, type FamilyMatch, type InstalledFace } from './match.js';
import { knownScript, notoFamilies, notoFamilySource, notoLanguageFamily, notoSource, roleOf, type Role } from '../../font/noto.js';
import { fontScript, isOfScript } from '../../lang/scripts.js';
import { sampleOf } from './samples.js';

/** A script some text needs that the theme's fonts lack, for one family of the theme (or for the fallback fonts). */
interface Need {
  script: string;
  /** The theme family to stand in for (scriptFonts), or undefined for a fallback font. */
  replaces: string | undefined;
  /** The language (its tag) whose readers expect another family than the script's: recorded in languageFonts. */
  language?: string;
  /** The Noto families that meet it, best first. */
  families: readonly string[];
  role: Role;
  variants: Variant[];
  /** Letters the new font must have. */
  letters: Set<string>;
  /** The font the theme sets them in now, where it stands in for a family. */
  current?: fontkit.Font;
}

/** What was found for one locale, in words. */
export interface LocaleFonts {
  locale: string;
  lines: string[];
  /** Scripts of its text that no font of the theme sets and none was found for; `own` where it is its language's script. */
  unset: { script: string; own: boolean }[];
}

/**
 * Every character of a locale's text: its sections (front matter included),
 * its strings, the names of the zine's languages (the colophon lists them),
 * and the digits its page and note numbers are set in (`"digits": {"en": "arab"}`).
 */
function localeText(project: Project, locale: string): string {
  const parts: string[] = project.allLocales.map((l) => languageOf(l).nativeName);
  parts.push(languageDigits(languageOf(locale), project.theme.digits)('0123456789'));
  const collect = (value: unknown): void => {
    if (typeof value === 'string') parts.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(collect);
  };
  for (const section of loadSections(project.dir, locale)) {
    collect(section.meta);
    parts.push(section.body);
  }
  collect(readStrings(project.dir, locale));
  return parts.join('\n');
}

/** The families the theme's styles are set in. */
const styleFamilies = (theme: Theme): string[] => [...new Set(Object.values(theme.styles).map((s) => s.font))];

/**
 * What a locale needs that the theme lacks: for its own script, each family
 * of its styles whose font for the script misses a letter of it; for other scripts
 * in its text, a fallback font. Characters of no script fonts are looked for
 * by (symbols) are returned as `unknown`.
 */
function needsOf(project: Project, fonts: FontBook, locale: string, text: string): { needs: Need[]; unknown: string[] } {
  const { script, tag } = languageOf(locale);
  const theme = project.theme;
  const swapped = themeForScript(theme, script, tag);
  const swaps = familySwaps(theme, script, tag);
  const conventional = notoLanguageFamily(tag, script);
  const byScript = new Map<string, Set<string>>();
  const unknown = new Set<string>();
  const covered = (family: string, ch: string): boolean => fonts.faceFor(ch.codePointAt(0)!, fonts.face(family, false, false), false, false) !== undefined;
  const body = swapped.styles.body!.font;
  // the script's letters are asked for before any text is translated into it
  for (const ch of new Set(text + sampleOf(script))) {
    if (/\s/u.test(ch)) continue;
    const s = fontScript(ch, script);
    if (s === undefined || !knownScript(s)) {
      if (!covered(body, ch)) unknown.add(ch);
      continue;
    }
    if (!byScript.has(s)) byScript.set(s, new Set());
    byScript.get(s)!.add(ch);
  }
  const needs: Need[] = [];
  for (const [s, letters] of byScript) {
    if (s === script) {
      for (const family of styleFamilies(theme)) {
        const variants = Object.keys(theme.fonts[family]!) as Variant[];
        const role = roleOf(familyOf(fonts.face(family, false, false).font));
        // the language's own style first (Urdu's Nastaliq): a script font is then looked for only for the letters it lacks
        const languageSet = Object.hasOwn(theme.languageFonts, tag) && Object.hasOwn(theme.languageFonts[tag]!, family);
        // a few of the script's letters: what else the text has (another language's name) its script's family may set
        if (conventional && !languageSet) needs.push({ script: s, replaces: family, language: tag, families: [conventional], role, variants, letters: new Set(sampleOf(s)) });
        const current = fonts.face(Object.hasOwn(swaps, family) ? swaps[family]! : family, false, false).font;
        // the script's own font, not a fallback: Japanese is not to be set in the Chinese font that has its kana
        if ([...letters].every((ch) => current.hasGlyphForCodePoint(ch.codePointAt(0)!))) continue;
        needs.push({ script: s, replaces: family, families: notoFamilies(s, role), role, variants, letters, current });
      }
    } else if (![...letters].every((ch) => covered(body, ch))) {
      const role = roleOf(familyOf(fonts.face(body, false, false).font));
      needs.push({ script: s, replaces: undefined, families: notoFamilies(s, role), role, variants: ['regular'], letters });
    }
  }
  return { needs, unknown: [...unknown] };
}

/**
 * The family that meets a need among the installed faces, each face of it
 * opened and checked for the letters, with its regular face's font; faces
 * that fail are dropped and the next family tried.
 */
function findFamily(need: Need, installed: InstalledFace[], warn: Warn): { match: FamilyMatch; regular: fontkit.Font } | undefined {
  let candidates = installed;
  for (;;) {
    const match = matchFamily(need.families, candidates, need.variants);
    if (!match) return undefined;
    const opened = new Map<InstalledFace, fontkit.Font>();
    const failed = Object.values(match.faces).find((face) => {
      try {
        const font = openInstalled(face);
        opened.set(face, font);
        return ![...need.letters].every((ch) => font.hasGlyphForCodePoint(ch.codePointAt(0)!));
      } catch (e) {
        warn(`skipped ${face.file}: not a usable font (${e instanceof Error ? e.message : String(e)})`);
        return true;
      }
    });
    if (!failed) return { match, regular: opened.get(match.faces.regular)! };
    candidates = candidates.filter((f) => f !== failed);
  }
}

/**
 * Finds, copies and records the fonts the locales need; returns what it
 * found for each locale. `installed` gives the faces to choose from (read
 * only when some locale needs a font).
 */
export function completeFonts(project: Project, locales: readonly string[], warn: Warn, installed: () => InstalledFace[] = () => installedFaces(warn)): LocaleFonts[] {
  const fonts = new FontBook(project.theme, project.dir);
  const raw = readJsonFile(join(project.dir, THEME_FILE), project.dir) as ThemeJson;
  const files = new Map<string, FileToWrite>();
  const chosen = new Map<string, { family: string; regular: fontkit.Font }>();
  let faces: InstalledFace[] | undefined;
  const report = locales.map((locale): LocaleFonts => {
    const { needs, unknown } = needsOf(project, fonts, locale, localeText(project, locale));
    const lines: string[] = [];
    const [unfound, gotten] = [new Set<string>(), new Set<string>()];
    const added: fontkit.Font[] = [];
    /** The families given the language's own style (Nastaliq), and its font: a script font is looked for only for letters it lacks. */
    const inLanguageStyle = new Map<string, fontkit.Font>();
    for (const wanted of needs) {
      const styled = wanted.language === undefined && wanted.replaces !== undefined ? inLanguageStyle.get(wanted.replaces) : undefined;
      const need = styled ? { ...wanted, letters: new Set([...wanted.letters].filter((ch) => !styled.hasGlyphForCodePoint(ch.codePointAt(0)!))) } : wanted;
      if (styled && [...need.letters].every((ch) => need.current?.hasGlyphForCodePoint(ch.codePointAt(0)!))) continue;
      const role = need.replaces ? `for family ${need.replaces}` : 'as a fallback font';
      const key = `${need.replaces ?? 'fallback'}-${(need.language ?? need.script).toLowerCase()}`;
      const script = `${scriptName(need.script)} script${need.language === undefined ? '' : ` as ${need.language} is read`}`;
      const before = chosen.get(key);
      if (before === undefined) {
        faces ??= installed();
        const found = findFamily(need, faces, warn);
        if (need.language !== undefined && (!found || Object.hasOwn(raw.fonts, key))) {
          // the script's own family (Naskh) sets the language meanwhile
          lines.push(`${script} ${role}: no font found; install ${notoFamilySource(need.families[0]!)}, then run zine fonts`);
          continue;
        }
        if (!found || Object.hasOwn(raw.fonts, key)) {
          lines.push(`${script} ${role}: no font found; install ${notoSource(need.script, need.role)}, then run zine fonts`);
          unfound.add(need.script);
          continue;
        }
        const { match, regular } = found;
        chosen.set(key, { family: match.family, regular });
        added.push(regular);
        gotten.add(need.script);
        record(raw, key, need, match, project.dir, files, warn);
        if (need.language !== undefined && need.replaces !== undefined) inLanguageStyle.set(need.replaces, regular);
        lines.push(`${script} ${role}: added ${match.family} (${[...new Set(VARIANTS.flatMap((v) => match.faces[v] ? [basename(match.faces[v].file)] : []))].join(', ')})`);
      } else {
        if (need.language !== undefined && need.replaces !== undefined) inLanguageStyle.set(need.replaces, before.regular);
        added.push(before.regular);
        gotten.add(need.script);
        lines.push(`${script} ${role}: ${before.family}, added above`);
      }
    }
    // a font added sets them in every edition: it is in every family's fallbacks (brackets and commas of its own size in Chinese)
    const missing = unknown.filter((ch) => !added.some((font) => font.hasGlyphForCodePoint(ch.codePointAt(0)!)));
    if (missing.length > 0) lines.push(`no font of the theme has ${missing.slice(0, 10).join(' ')}${missing.length > 10 ? ' …' : ''}, and none is looked for`);
    // a script is unset where no font was found for any of its needs (a font found for one family sets it in the others as a
    // fallback), or where no Noto family is known for it (Deseret) and no font of the theme has its letters
    const { script } = languageOf(locale);
    const unset = [...unfound].filter((s) => !gotten.has(s)).map((s) => ({ script: s, own: s === script }));
    if (!unset.some((u) => u.own) && missing.some((ch) => isOfScript(ch, script))) unset.push({ script, own: true });
    if (lines.length === 0) lines.push(`${scriptName(script)} script: covered by the theme's fonts`);
    return { locale, lines, unset };
  });
  if (files.size > 0) {
    files.set(THEME_FILE, { path: join(project.dir, THEME_FILE), data: formatJson(raw) });
    refuseLinksOut([...files.values()].map((f) => f.path), project.dir);
    writeTogether([...files.values()]);
  }
  return report;
}


/** theme.json as read: only the keys this module edits are typed. */
type ThemeJson = {
  fonts: Record<string, Record<string, string>>; scriptFonts?: Record<string, Record<string, string>>; languageFonts?: Record<string, Record<string, string>>;
  fallbackFonts?: string[];
} & Record<string, unknown>;

/** Adds a family found to theme.json and its files (with their licence) to the files to write. */
function record(raw: ThemeJson, key: string, need: Need, match: FamilyMatch, projectDir: string, files: Map<string, FileToWrite>, warn: Warn): void {
  const variants: Record<string, string> = {};
  for (const variant of VARIANTS) {
    const face = match.faces[variant];
    if (!face) continue;
    const name = basename(face.file);
    const target = join(projectDir, 'fonts', name);
    const data = readRegularFile(face.file, MAX_FONT_BYTES, 'the font file');
    // anything there, a dangling link included
    if (lstatSync(target, { throwIfNoEntry: false })) {
      // read only as a project's file: a link out of the project, or a FIFO, is not followed
      const there = readSourceBytes(target, projectDir, data.length + 1, `fonts/${name}`);
      if (!there.equals(data)) {
        throw new ZineError(`fonts/${name} exists already and is another font than ${face.file}: move it away, then run zine fonts again`, { file: target });
      }
    }
    files.set(target, { path: target, data });
    // by its place: a collection may hold several weights of one family under one name
    variants[variant] = /\.(ttc|otc)$/i.test(name) ? `${name}#${face.index}` : name;
  }
  const licence = join(projectDir, 'fonts', `${match.family.replaceAll(' ', '')}-LICENSE.txt`);
  files.set(licence, { path: licence, data: licenceOf(match.faces.regular.file, match.family, warn) });
  raw.fonts[key] = variants;
  if (need.replaces && need.language !== undefined) {
    raw.languageFonts ??= {};
    raw.languageFonts[need.language] = { ...raw.languageFonts[need.language], [need.replaces]: key };
  } else if (need.replaces) {
    raw.scriptFonts ??= {};
    raw.scriptFonts[need.script] = { ...raw.scriptFonts[need.script], [need.replaces]: key };
  } else raw.fallbackFonts = [...(raw.fallbackFonts ?? []), key];
}

const VARIANTS: readonly Variant[] = ['regular', 'italic', 'bold', 'boldItalic'];

const LICENCE_FILES = ['OFL.txt', 'OFL-1.1.txt', 'LICENSE', 'LICENSE.txt', 'LICENCE.txt', 'COPYING'];

/** Licences are a few kilobytes, Debian's copyright file for a font package some tens. */
const MAX_LICENCE_BYTES = 1024 * 1024;

/**
 * A font's licence: the file beside it, else its Debian package's copyright
 * file, else (every family chosen is Noto's) the SIL Open Font License the
 * Noto fonts are published under, as this tool ships it. A licence file is
 * copied only when it is a regular file of a licence's size inside the
 * font's folder (or the package's), links resolved: a link to a private
 * file, a FIFO or a huge file named OFL.txt is passed over with a warning.
 */
function licenceOf(file: string, family: string, warn: Warn): Buffer {
  for (const name of LICENCE_FILES) {
    const licence = readLicence(join(dirname(file), name), dirname(file), family, warn);
    if (licence) return licence;
  }
  const dpkg = spawnSync('dpkg', ['-S', file], { encoding: 'utf8' });
  // a package's name, before its architecture: fonts-noto-core: /usr/share/fonts/…
  const pkg = dpkg.status === 0 ? /^([a-z0-9][a-z0-9+.-]*)(?::[a-z0-9-]+)?: /.exec(dpkg.stdout)?.[1] : undefined;
  const copyright = pkg === undefined ? undefined : readLicence(`/usr/share/doc/${pkg}/copyright`, `/usr/share/doc/${pkg}`, family, warn);
  if (copyright) return copyright;
  const ofl = readFileSync(join(TOOL_ROOT, 'fonts', 'OFL.txt'), 'utf8');
  return Buffer.from(`${family}: licensed under the SIL Open Font License, Version 1.1.\n\n${ofl.slice(ofl.indexOf('SIL OPEN FONT LICENSE'))}`);
}

/** A licence file's bytes, read as `licenceOf` allows; undefined when there is none, or (with a warning) when it may not be copied. */
function readLicence(path: string, folder: string, family: string, warn: Warn): Buffer | undefined {
  try {
    // anything there, a dangling link included
    if (!lstatSync(path, { throwIfNoEntry: false })) return undefined;
  } catch {
    return undefined;
  }
  try {
    return readSourceBytes(path, folder, MAX_LICENCE_BYTES, 'it', 'the font\'s folder');
  } catch (e) {
    if (!(e instanceof ZineError)) throw e;
    warn(`${path} not copied as the licence of ${family}: ${e.message}`);
    return undefined;
  }
}

/**
 * JSON laid out as theme.json is by hand: an object or array holding only
 * plain values on one line, anything larger one key a line, indented by two.
 */
export function formatJson(value: unknown, indent = ''): string {
  const plain = (v: unknown): boolean => typeof v !== 'object' || v === null;
  if (plain(value)) return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.every(plain)) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    return `[\n${value.map((v) => inner + formatJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.every(([, v]) => plain(v))) return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')}}`;
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatJson(v, inner)}`).join(',\n')}\n${indent}}${indent === '' ? '\n' : ''}`;
}
