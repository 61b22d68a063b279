import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ZineError } from '../errors.js';
import type { Project } from '../content/project.js';
import { loadSections, sectionsDir } from '../content/sections.js';
import { stringsFile } from '../content/strings.js';
import { setFrontMatter } from '../content/translation.js';

const LOCALE_CODE = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/;

/**
 * `zine locale add`: a new locale folder holding copies of the default
 * locale's strings and sections, each section marked as not yet translated
 * and recording the version of the source it was copied from.
 */
export function addLocale(project: Project, locale: string): string[] {
  if (!LOCALE_CODE.test(locale)) {
    throw new ZineError(`"${locale}" is not a locale code: use lowercase codes such as kk, ru, es-419`);
  }
  const dir = join(project.dir, 'locales', locale);
  if (existsSync(dir)) throw new ZineError(`locale ${locale} exists already`, { file: dir });
  const from = project.config.defaultLocale;
  mkdirSync(sectionsDir(project.dir, locale), { recursive: true });
  const written = [stringsFile(project.dir, locale)];
  writeFileSync(written[0]!, readFileSync(stringsFile(project.dir, from)));
  for (const section of loadSections(project.dir, from)) {
    const target = join(sectionsDir(project.dir, locale), `${section.id}.md`);
    const text = setFrontMatter(readFileSync(section.file, 'utf8'), { translated: false, source: section.version }, section.file);
    writeFileSync(target, text);
    written.push(target);
  }
  return written;
}

/**
 * `zine locale done`: marks sections of a locale as translated from the
 * current version of their source.
 */
export function markTranslated(project: Project, locale: string, ids: string[]): string[] {
  const sources = new Map(loadSections(project.dir, project.config.defaultLocale).map((s) => [s.id, s]));
  const translations = new Map(loadSections(project.dir, locale).map((s) => [s.id, s]));
  const chosen = ids.length > 0 ? ids.map((id) => id.replace(/\.md$/, '')) : [...translations.keys()];
  return chosen.map((id) => {
    const translation = translations.get(id);
    if (!translation) throw new ZineError(`no section ${id} in locale ${locale}`, { file: sectionsDir(project.dir, locale) });
    const source = sources.get(id);
    const values: Record<string, string | boolean> = { translated: true };
    if (source) values.source = source.version;
    writeFileSync(translation.file, setFrontMatter(readFileSync(translation.file, 'utf8'), values, translation.file));
    return translation.file;
  });
}
