import { existsSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import { isObject, readJsonFile } from './json.js';
import { ZineError } from '../errors.js';

/** Looks up a string of the locale (i18next: nesting, interpolation, plurals). */
export type Translate = (key: string, values?: Record<string, unknown>) => string;

export function stringsFile(projectDir: string, locale: string): string {
  return join(projectDir, 'locales', locale, 'strings.json');
}

/** A locale's strings file as an object; none if the file is missing. */
export function readStrings(projectDir: string, locale: string): Record<string, unknown> {
  const file = stringsFile(projectDir, locale);
  if (!existsSync(file)) return {};
  const data = readJsonFile(file, projectDir);
  if (!isObject(data)) throw new ZineError('the strings must be a JSON object', { file });
  return data;
}

/**
 * The strings of `locale`, falling back to the default locale's; a key that
 * neither has comes back as the key itself, as i18next does.
 */
export function loadStrings(projectDir: string, locale: string, defaultLocale: string): Translate {
  const resources: Record<string, { translation: Record<string, unknown> }> = {
    [locale]: { translation: readStrings(projectDir, locale) },
  };
  if (defaultLocale !== locale) resources[defaultLocale] = { translation: readStrings(projectDir, defaultLocale) };
  const i18n = i18next.createInstance();
  void i18n.init({
    lng: locale,
    fallbackLng: defaultLocale,
    resources,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return (key, values) => String(i18n.t(key, values ?? {}));
}
