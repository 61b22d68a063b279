import type { Project } from '../content/project.js';
import { eastAsianWidth } from 'get-east-asian-width';
import { loadSections } from '../content/sections.js';
import { readStrings } from '../content/strings.js';
import { missingForms, missingStrings, SAME_FILE, sameOnPurpose, sectionState, untranslatedStrings, type SectionState } from '../content/translation.js';
import { describeLanguage, languageOf } from '../lang/languages.js';

/** Where a locale's translation stands. */
export interface LocaleStatus {
  locale: string;
  language: string;
  sections: number;
  translated: string[];
  /** Not there, or marked `translated: false`. */
  missing: string[];
  outdated: string[];
  missingStrings: string[];
  /** The default locale's text word for word, as `zine locale add` copied it. */
  untranslatedStrings: string[];
}

/** The translation status of every locale of a project but the default one. */
export function translationStatus(project: Project): LocaleStatus[] {
  const defaultLocale = project.config.defaultLocale;
  const sources = loadSections(project.dir, defaultLocale);
  const defaultStrings = readStrings(project.dir, defaultLocale);
  return project.locales.filter((l) => l !== defaultLocale).map((locale) => {
    const translations = new Map(loadSections(project.dir, locale).map((s) => [s.id, s]));
    const strings = readStrings(project.dir, locale);
    const by = (state: SectionState): string[] => sources.filter((s) => sectionState(s, translations.get(s.id)) === state).map((s) => s.id);
    return {
      locale,
      language: languageOf(locale).nativeName,
      sections: sources.length,
      translated: by('translated'),
      missing: [...by('missing'), ...by('untranslated')].sort(),
      outdated: by('outdated'),
      missingStrings: [...missingStrings(defaultStrings, strings), ...missingForms(defaultStrings, strings, languageOf(locale).tag)],
      untranslatedStrings: untranslatedStrings(defaultStrings, strings, sameOnPurpose(project.dir, locale)),
    };
  });
}

/** What the tool makes of each locale's language, a line each (`zine status`, `zine locale add`). */
export function formatLanguages(locales: readonly string[]): string {
  return locales.map((l) => `${describeLanguage(l, languageOf(l))}\n`).join('');
}

/**
 * The columns a text takes in a terminal: two for a wide character (中文,
 * 한국어), none for a mark that joins the one before (the vowel signs of
 * हिन्दी), one for any other, by Unicode's East Asian Width.
 */
export function columns(text: string): number {
  let n = 0;
  for (const ch of text) n += JOINING.test(ch) ? 0 : eastAsianWidth(ch.codePointAt(0)!);
  return n;
}
const JOINING = /[\p{Mn}\p{Me}\p{Cf}]/u;

/** The status as a table for the terminal, with the gaps named under it. */
export function formatStatus(rows: LocaleStatus[], defaultLocale: string): string {
  const header = ['locale', 'language', 'translated', 'missing', 'outdated', 'strings missing', 'strings untranslated'];
  const body = rows.map((r) => [
    r.locale, r.language, `${r.translated.length}/${r.sections}`, String(r.missing.length), String(r.outdated.length), String(r.missingStrings.length),
    String(r.untranslatedStrings.length),
  ]);
  const widths = header.map((h, i) => Math.max(columns(h), ...body.map((b) => columns(b[i]!))));
  const line = (cells: string[]): string => cells.map((c, i) => c + ' '.repeat(widths[i]! - columns(c))).join('  ').trimEnd();
  const out = [line(header), ...body.map(line)];
  if (rows.length === 0) out.push(`(no locales besides the default, ${defaultLocale})`);
  for (const r of rows) {
    if (r.missing.length) out.push(`${r.locale}: to translate: ${r.missing.join(', ')}`);
    if (r.outdated.length) out.push(`${r.locale}: changed in ${defaultLocale} since translated: ${r.outdated.join(', ')}`);
    if (r.missingStrings.length) out.push(`${r.locale}: strings missing: ${r.missingStrings.join(', ')}`);
    if (r.untranslatedStrings.length) {
      out.push(`${r.locale}: strings as in ${defaultLocale}, word for word: ${r.untranslatedStrings.join(', ')} (translate them, or list those meant to stay so in locales/${r.locale}/${SAME_FILE})`);
    }
  }
  return `${out.join('\n')}\n`;
}

export function hasGaps(rows: LocaleStatus[]): boolean {
  return rows.some((r) => r.missing.length + r.outdated.length + r.missingStrings.length + r.untranslatedStrings.length > 0);
}
