import type { Project } from '../content/project.js';
import { loadSections } from '../content/sections.js';
import { readStrings } from '../content/strings.js';
import { missingStrings, sectionState, type SectionState } from '../content/translation.js';
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
}

/** The translation status of every locale of a project but the default one. */
export function translationStatus(project: Project): LocaleStatus[] {
  const defaultLocale = project.config.defaultLocale;
  const sources = loadSections(project.dir, defaultLocale);
  const defaultStrings = readStrings(project.dir, defaultLocale);
  return project.locales.filter((l) => l !== defaultLocale).map((locale) => {
    const translations = new Map(loadSections(project.dir, locale).map((s) => [s.id, s]));
    const by = (state: SectionState): string[] => sources.filter((s) => sectionState(s, translations.get(s.id)) === state).map((s) => s.id);
    return {
      locale,
      language: languageOf(locale).nativeName,
      sections: sources.length,
      translated: by('translated'),
      missing: [...by('missing'), ...by('untranslated')].sort(),
      outdated: by('outdated'),
      missingStrings: missingStrings(defaultStrings, readStrings(project.dir, locale)),
    };
  });
}

/** What the tool makes of each locale's language, a line each (`zine status`, `zine locale add`). */
export function formatLanguages(locales: readonly string[]): string {
  return locales.map((l) => `${describeLanguage(l, languageOf(l))}\n`).join('');
}

/** The status as a table for the terminal, with the gaps named under it. */
export function formatStatus(rows: LocaleStatus[], defaultLocale: string): string {
  const header = ['locale', 'language', 'translated', 'missing', 'outdated', 'strings missing'];
  const body = rows.map((r) => [r.locale, r.language, `${r.translated.length}/${r.sections}`, String(r.missing.length), String(r.outdated.length), String(r.missingStrings.length)]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const out = [line(header), ...body.map(line)];
  if (rows.length === 0) out.push(`(no locales besides the default, ${defaultLocale})`);
  for (const r of rows) {
    if (r.missing.length) out.push(`${r.locale}: to translate: ${r.missing.join(', ')}`);
    if (r.outdated.length) out.push(`${r.locale}: changed in ${defaultLocale} since translated: ${r.outdated.join(', ')}`);
    if (r.missingStrings.length) out.push(`${r.locale}: strings missing: ${r.missingStrings.join(', ')}`);
  }
  return `${out.join('\n')}\n`;
}

export function hasGaps(rows: LocaleStatus[]): boolean {
  return rows.some((r) => r.missing.length + r.outdated.length + r.missingStrings.length > 0);
}
