import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ZineError, type Warn } from '../errors.js';
import { languageOf, mistakenLanguage, noLanguageData } from '../lang/languages.js';
import type { Language } from '../lang/types.js';
import { localeTagProblem } from '../lang/locale-tag.js';
import { CONFIG_FILE, loadConfig, type ZineConfig } from './config.js';
import { PAPERS, type Paper } from './paper.js';
import { isEmptySection, loadSections, sectionsDir, textCounter, type SectionSource } from './sections.js';
import { loadStrings, readStrings, stringsFile, type Translate } from './strings.js';
import { missingForms, missingStrings, sameOnPurpose, sectionState, strayStrings, untranslatedStrings } from './translation.js';
import { loadTheme, type Theme } from './theme.js';

/** A zine project folder, read and checked, before any locale is parsed. */
export interface Project {
  dir: string;
  config: ZineConfig;
  theme: Theme;
  /** Locales to build, default locale first. */
  locales: string[];
  /** Every locale of the zine, built now or not. */
  allLocales: string[];
  papers: Paper[];
}

/** One locale's text: strings and sections, with the default locale's standing in for what is missing. */
export interface LocaleContent {
  locale: string;
  language: Language;
  t: Translate;
  sections: SectionSource[];
  /** Sections set in another language, or marked as not yet translated. */
  untranslated: SectionSource[];
  /** The strings the default locale's stand in for, missing or copied word for word, and that locale's language. */
  stringsInOriginal: { keys: ReadonlySet<string>; language: Language };
}

export interface ProjectSelection {
  /** Only these locales (`--locale en,ru`). */
  locales?: string[];
  /** Only these papers (`--paper a4`). */
  papers?: string[];
}

export function loadProject(dir: string, select: ProjectSelection = {}): Project {
  const projectDir = resolve(dir);
  if (!existsSync(projectDir)) throw new ZineError('no such project folder', { file: projectDir });
  if (!statSync(projectDir).isDirectory()) throw new ZineError('not a folder: --project takes the zine\'s folder, not a file in it', { file: projectDir });
  if (!existsSync(join(projectDir, CONFIG_FILE))) {
    throw new ZineError(`not a zine project: ${CONFIG_FILE} is missing (zine init DIR makes one)`, { file: projectDir });
  }
  const config = loadConfig(projectDir);
  const theme = loadTheme(projectDir);

  const available = localeFolders(projectDir);
  const configured = config.locales ?? available;
  for (const l of [config.defaultLocale, ...configured]) {
    const problem = localeTagProblem(l);
    if (problem) {
      const folder = join(projectDir, 'locales', l);
      throw new ZineError(`locale ${problem}`, available.includes(l) ? { file: folder } : { file: join(projectDir, CONFIG_FILE) });
    }
  }
  for (const l of configured) {
    if (!available.includes(l)) {
      throw new ZineError(`locale "${l}" has no folder locales/${l}/`, { file: join(projectDir, CONFIG_FILE) });
    }
  }
  if (!configured.includes(config.defaultLocale)) {
    throw new ZineError(`the default locale "${config.defaultLocale}" has no folder locales/${config.defaultLocale}/`, {
      file: join(projectDir, CONFIG_FILE),
    });
  }
  const locales = pick(select.locales, configured, 'locale');
  locales.sort((a, b) => Number(b === config.defaultLocale) - Number(a === config.defaultLocale));
  const papers = pick(select.papers, config.papers, 'paper').map((p) => PAPERS[p]!);
  return { dir: projectDir, config, theme, locales, allLocales: configured, papers };
}

/** Says of each section with no title and no text that nothing of it is set: no page shows it, nor the contents. */
function warnEmpty(sections: readonly SectionSource[], warn: Warn): void {
  for (const section of sections) if (isEmptySection(section)) warn(`section ${section.id} is empty: no page shows it`, { file: section.file });
}

/** Strings and sections of one locale; a locale without sections is an error naming its folder. */
export function loadLocale(project: Project, locale: string, warn: Warn): LocaleContent {
  const language = languageOf(locale);
  if (!language.known) {
    // a folder named for a country (`jp`) is set as a language without data: the tag likely meant is named
    const mistaken = mistakenLanguage(locale);
    warn(mistaken ? `${mistaken} Rename the folder; until then it is set without language data` : noLanguageData(locale, language), { file: join(project.dir, 'locales', locale) });
  }
  const defaultLocale = project.config.defaultLocale;
  const own = loadSections(project.dir, locale, warn);
  if (locale === defaultLocale) {
    if (own.length === 0) throw new ZineError('no sections: add Markdown files here', { file: sectionsDir(project.dir, locale) });
    warnEmpty(own, warn);
    return { locale, language, t: loadStrings(project.dir, locale, locale, warn), sections: own, untranslated: [], stringsInOriginal: { keys: new Set(), language } };
  }

  const defaultLanguage = languageOf(defaultLocale);
  const sources = new Map(loadSections(project.dir, defaultLocale, warn).map((s) => [s.id, s]));
  const translations = new Map(own.map((s) => [s.id, s]));
  const ids = [...new Set([...sources.keys(), ...translations.keys()])].sort();
  const sections: SectionSource[] = [];
  const untranslated: SectionSource[] = [];
  for (const id of ids) {
    const source = sources.get(id);
    const translation = translations.get(id);
    // a section only this locale has (a translator's foreword) is simply its own
    const state = source ? sectionState(source, translation) : 'translated';
    const where = { file: translation?.file ?? source!.file };
    if (state === 'missing') warn(`section ${id} is ${translation ? `empty in ${locale}` : `not translated into ${locale}`}: set in ${defaultLocale}`, where);
    if (state === 'untranslated') warn(`section ${id} is marked as not yet translated into ${locale}: set in ${defaultLocale}`, where);
    if (state === 'outdated') warn(`section ${id} changed in ${defaultLocale} since it was translated into ${locale}`, where);
    // a copy marked as not yet translated holds the original as it was when copied: its current text stands in
    const inOriginal = state === 'missing' || state === 'untranslated';
    // one the author marked in another language (`lang: ar`) stands in in that language
    const chosen = inOriginal ? { ...source!, language: source!.language ?? defaultLanguage } : (translation ?? source)!;
    // an original emptied since stands in with nothing: said to show on no page (see warnEmpty), not to be translated
    if (inOriginal && !isEmptySection(chosen)) untranslated.push(chosen);
    sections.push(chosen);
  }
  if (sections.length === 0) {
    throw new ZineError('no sections: add Markdown files here', { file: sectionsDir(project.dir, defaultLocale) });
  }
  warnEmpty(sections, warn);
  // its own and those standing in, together
  const count = textCounter(locale);
  for (const section of sections) count(section);
  const [defaults, strings] = [readStrings(project.dir, defaultLocale), readStrings(project.dir, locale)];
  const missing = missingStrings(defaults, strings);
  for (const key of missing) {
    warn(`string "${key}" is missing in ${locale}: set in ${defaultLocale}`, { file: stringsFile(project.dir, locale) });
  }
  const strays = strayStrings(defaults, strings);
  for (const { key, meant } of strays.slice(0, MOST_TOLD)) {
    warn(`string "${key}" is not one of ${defaultLocale}'s, so nothing asks for it${meant ? `: did you mean "${meant}"?` : ''}`, { file: stringsFile(project.dir, locale) });
  }
  if (strays.length > MOST_TOLD) warn(`and ${strays.length - MOST_TOLD} strings more that ${defaultLocale}'s lack`, { file: stringsFile(project.dir, locale) });
  // a count that takes a form the strings lack is said in the default locale's sentence (see the templates' `t`)
  const lacking = new Map<string, string[]>();
  for (const form of missingForms(defaults, strings, language.tag)) {
    const key = form.slice(0, form.lastIndexOf('_'));
    lacking.set(key, [...(lacking.get(key) ?? []), form]);
  }
  for (const [key, forms] of lacking) {
    warn(`string "${key}" lacks the plural forms ${language.nativeName} takes for some counts (add ${forms.join(', ')}): a count that takes one is set in ${defaultLocale}`, { file: stringsFile(project.dir, locale) });
  }
  const copied = untranslatedStrings(defaults, strings, sameOnPurpose(project.dir, locale));
  const stringsInOriginal = { keys: new Set([...missing, ...copied]), language: defaultLanguage };
  return { locale, language, t: loadStrings(project.dir, locale, defaultLocale, warn), sections, untranslated, stringsInOriginal };
}

/** Warnings of one kind told one by one at most: past them, how many more. */
const MOST_TOLD = 20;

function localeFolders(projectDir: string): string[] {
  const dir = join(projectDir, 'locales');
  if (!existsSync(dir)) return [];
  // a folder whose name starts with a dot is not a locale (a half-made one of `zine locale add`, or an editor's)
  return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => d.name).sort();
}

/**
 * The user's choice from the known values, in any case where that names one
 * (`EN` is the folder `en`, as language tags are), refusing unknown ones,
 * and one two values answer (`KK` of folders `kk` and `Kk`), by name.
 */
function pick(chosen: string[] | undefined, known: string[], what: string): string[] {
  if (!chosen || chosen.length === 0) return [...known];
  return [...new Set(chosen.map((c) => {
    if (known.includes(c)) return c;
    const found = known.filter((k) => k.toLowerCase() === c.toLowerCase());
    if (found.length === 1) return found[0]!;
    throw new ZineError(`${found.length === 0 ? 'unknown' : 'ambiguous'} ${what} "${c}" (this zine has: ${known.join(', ')})`);
  }))];
}
