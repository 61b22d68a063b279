import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { splitFrontMatter } from './front-matter.js';
import { expectStringArray, readJsonFile } from './json.js';
import { isEmptySection, type SectionSource } from './sections.js';
import { meantAmong } from './spelling.js';
import { hasWords, nestedNames } from './strings.js';

/**
 * How translations keep track of their source. A translated section's front
 * matter says which version of the default locale's section it was made from
 * (`source:`, a short hash of that file) and whether it is finished
 * (`translated: false` while it is not).
 */
export type SectionState = 'translated' | 'untranslated' | 'missing' | 'outdated';

/** The state of a locale's version of a section of the default locale. */
export function sectionState(source: SectionSource, translation: SectionSource | undefined): SectionState {
  // an empty file (a placeholder made before the work began) is no translation, unless the original is empty too
  if (!translation || isEmptySection(translation)) return isEmptySection(source) ? 'translated' : 'missing';
  if (translation.meta.translated === false) return 'untranslated';
  const madeFrom = translation.meta.source;
  if (madeFrom !== undefined && String(madeFrom) !== source.version) return 'outdated';
  return 'translated';
}

/** The texts of a strings object by their keys (dotted). */
function stringEntries(strings: Record<string, unknown>, prefix = ''): [string, unknown][] {
  return Object.entries(strings).flatMap(([key, value]): [string, unknown][] =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? stringEntries(value as Record<string, unknown>, `${prefix}${key}.`)
      : [[`${prefix}${key}`, value]]);
}
const stringKeys = (strings: Record<string, unknown>): string[] => stringEntries(strings).map(([key]) => key);
/** A plural form's key as the string it is a form of (`untranslated_one` → `untranslated`): languages have different plural forms. */
const baseKey = (key: string): string => key.replace(/_(zero|one|two|few|many|other)$/, '');
/** CLDR's plural forms, in its order. */
const FORMS: readonly Intl.LDMLPluralRule[] = ['zero', 'one', 'two', 'few', 'many', 'other'];
/**
 * The plural forms a count of things takes in `language`, in CLDR's order:
 * those whole numbers take (French's `many` is for millions and Czech's
 * for fractions, which no count of sections reaches), and `other`. None for
 * a language ICU has no rules for, whose rules would be the machine's own.
 */
function formsOf(language: string): readonly Intl.LDMLPluralRule[] {
  let forms = formsByLanguage.get(language);
  if (forms === undefined) {
    const rules = Intl.PluralRules.supportedLocalesOf(language).length > 0 ? new Intl.PluralRules(language) : undefined;
    const taken = new Set(rules ? [...Array.from({ length: 1001 }, (_, n) => rules.select(n)), 'other'] : []);
    forms = FORMS.filter((form) => taken.has(form));
    formsByLanguage.set(language, forms);
  }
  return forms;
}
const formsByLanguage = new Map<string, readonly Intl.LDMLPluralRule[]>();

/**
 * The default locale's string keys that a locale lacks. Plural forms count as
 * one key (`untranslated_one`, `untranslated_other` → `untranslated`), since
 * languages have different plural forms.
 */
export function missingStrings(defaults: Record<string, unknown>, strings: Record<string, unknown>): string[] {
  const have = new Set(stringKeys(strings).map(baseKey));
  return [...new Set(stringKeys(defaults).map(baseKey))].filter((k) => !have.has(k));
}

/**
 * A locale's string keys that the default locale's strings lack: no
 * template asks for them, since every edition needs what it asks for in
 * the default locale's (a slip, `contnets` for `contents`). Each with the
 * default's key it likely stands for, if one is near.
 */
export function strayStrings(defaults: Record<string, unknown>, strings: Record<string, unknown>): { key: string; meant: string | undefined }[] {
  const known = new Set(stringKeys(defaults).map(baseKey));
  // a string of its own that the locale's strings nest (`$t(name)`) is asked for
  for (const [, value] of stringEntries(strings)) for (const name of nestedNames(String(value))) known.add(baseKey(name));
  const candidates = [...known];
  // the key meant looked for among the first few: a file of thousands of stray keys is not a slip
  return [...new Set(stringKeys(strings).map(baseKey))].filter((key) => !known.has(key))
    .map((key, i) => ({ key, meant: i < MOST_SUGGESTED ? meantAmong(key, candidates) : undefined }));
}
const MOST_SUGGESTED = 20;

/**
 * The plural forms a locale's language takes (`few`, `many` in Ukrainian)
 * that its strings lack, as `key_form`, of each string the default locale
 * writes in plural forms: a count that takes a missing form is said in the
 * default locale's sentence. None where the locale writes the string
 * without forms, which then serves every count.
 */
export function missingForms(defaults: Record<string, unknown>, strings: Record<string, unknown>, language: string): string[] {
  const have = new Set(stringKeys(strings));
  const forms = formsOf(language);
  const plural = [...new Set(stringKeys(defaults).filter((key) => baseKey(key) !== key).map(baseKey))];
  // a string the locale lacks altogether is missing (see missingStrings), not its forms
  const inForms = (key: string): boolean => !have.has(key) && FORMS.some((form) => have.has(`${key}_${form}`));
  return plural.filter(inForms).flatMap((key) => forms.filter((form) => !have.has(`${key}_${form}`)).map((form) => `${key}_${form}`));
}

/**
 * Strings as `zine locale add` copies them for `language`: each string the
 * default locale writes in plural forms given every form the language
 * takes, the forms it lacks as the default's `other` (Ukrainian gets `few`
 * and `many` beside English's `one` and `other`), after that string's forms.
 */
export function withLanguageForms(defaults: Record<string, unknown>, language: string): Record<string, unknown> {
  const forms = formsOf(language);
  const copy = (group: Record<string, unknown>): Record<string, unknown> => {
    // a key `__proto__` stays a key
    const out = Object.create(null) as Record<string, unknown>;
    const keys = Object.keys(group);
    keys.forEach((key, i) => {
      const value = group[key];
      out[key] = value !== null && typeof value === 'object' && !Array.isArray(value) ? copy(value as Record<string, unknown>) : value;
      const base = baseKey(key);
      const other = group[`${base}_other`];
      // after the string's last form, those the language takes that it lacks
      if (base === key || typeof other !== 'string' || keys.slice(i + 1).some((k) => baseKey(k) === base)) return;
      for (const form of forms) if (!Object.hasOwn(group, `${base}_${form}`)) out[`${base}_${form}`] = other;
    });
    return out;
  };
  return copy(defaults);
}

/**
 * The default locale's string keys that a locale has word for word, as
 * `zine locale add` copied them: not yet translated, unless listed in `same`
 * (a name, said alike in both). A form the copy added (`_few`, as the
 * default's `_other`) counts as its string's. A text with no letter outside
 * its placeholders (`{{date}}`) reads the same in every language and is not one.
 */
export function untranslatedStrings(defaults: Record<string, unknown>, strings: Record<string, unknown>, same: readonly string[] = []): string[] {
  const original = new Map<string, Set<unknown>>();
  for (const [key, value] of stringEntries(defaults)) original.set(baseKey(key), (original.get(baseKey(key)) ?? new Set()).add(value));
  const copied = stringEntries(strings)
    .filter(([key, value]) => typeof value === 'string' && original.get(baseKey(key))?.has(value) === true && hasWords(value))
    .map(([key]) => baseKey(key))
    .filter((key) => !same.includes(key));
  return [...new Set(copied)];
}
/** The file listing a locale's strings that are the same as the default locale's on purpose (a name). */
export const SAME_FILE = 'same.json';

/** The keys `locales/<locale>/same.json` lists, if it is there. */
export function sameOnPurpose(projectDir: string, locale: string): string[] {
  const file = join(projectDir, 'locales', locale, SAME_FILE);
  return existsSync(file) ? expectStringArray(readJsonFile(file, projectDir), 'the strings the same as the default locale\'s', file) : [];
}

/**
 * Sets front matter keys of a section file's text (line feeds only), keeping
 * everything else as it is; adds a front matter block if there is none.
 * `file` is named if the front matter cannot be read.
 */
export function setFrontMatter(text: string, values: Record<string, string | boolean>, file: string): string {
  const split = splitFrontMatter(text, file);
  const block = split.yaml === undefined || split.yaml === '' ? [] : split.yaml.split('\n');
  for (const [key, value] of Object.entries(values)) {
    // strings quoted: a hash of digits alone would otherwise read back as a number
    const line = `${key}: ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`;
    const at = block.findIndex((l) => l.startsWith(`${key}:`));
    if (at >= 0) block[at] = line;
    else block.push(line);
  }
  return [split.yaml === undefined ? '---' : split.opening, ...block, '---', split.body].join('\n');
}
