import { existsSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import { isObject, readJsonFile } from './json.js';
import { ZineError, type Warn } from '../errors.js';
import { stripControls } from './controls.js';
import { languageTag } from '../lang/locale-tag.js';

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
 * neither has comes back as the key itself, as i18next does. Control
 * characters are removed from the strings, each with a warning; strings that
 * nest themselves (`$t(…)`) are refused.
 */
export function loadStrings(projectDir: string, locale: string, defaultLocale: string, warn: Warn = () => {}): Translate {
  const locales = defaultLocale === locale ? [locale] : [locale, defaultLocale];
  const layers = locales.map((l): StringsLayer => {
    const file = stringsFile(projectDir, l);
    const strings = readStrings(projectDir, l);
    return { locale: l, file, strings, texts: cleanTexts(strings, file, warn) };
  });
  refuseNestingLoops(layers);
  refuseExpansion(layers);
  // i18next takes plural rules from the names it is given: the language tags (a folder named `cz` is Czech), unless two folders share one
  const tags = locales.map(languageTag);
  const names = new Set(tags).size === tags.length ? tags : locales;
  const i18n = i18next.createInstance();
  void i18n.init({
    lng: names[0],
    fallbackLng: names[names.length - 1],
    resources: Object.fromEntries(layers.map((layer, i) => [names[i], { translation: layer.strings }])),
    initAsync: false,
    interpolation: { escapeValue: false },
    // `$t(translation:title)` is then the key it reads as, which the checks above follow, not another way to the same string
    nsSeparator: false,
    returnNull: false,
  });
  return (key, values) => String(i18n.t(key, values ?? {}));
}

/** One locale's strings, and their texts by dotted key, in the order lookups try them. */
interface StringsLayer {
  locale: string;
  file: string;
  strings: Record<string, unknown>;
  texts: Map<string, string>;
}

/** The texts of `strings` by dotted key, control characters removed from them in place. */
function cleanTexts(strings: Record<string, unknown>, file: string, warn: Warn, prefix = '', texts = new Map<string, string>()): Map<string, string> {
  // readJsonFile refuses files nested deeply enough to exhaust the stack
  for (const [name, value] of Object.entries(strings)) {
    const key = `${prefix}${name}`;
    if (typeof value === 'string') {
      const text = stripControls(value, { file }, warn, `string "${key}"`);
      strings[name] = text;
      texts.set(key, text);
    } else if (value !== null && typeof value === 'object') {
      cleanTexts(value as Record<string, unknown>, file, warn, `${key}.`, texts);
    }
  }
  return texts;
}

/** `$t(key)` and `$t(key, {options})`, as i18next finds them. */
const NESTING = /\$t\(((?:[^()"']|"[^"]*"|'[^']*'|\((?:[^()"']|"[^"]*"|'[^']*')*\))*?)\)/g;

/**
 * Refuses strings that nest themselves, directly (`"title": "$t(title)"`) or
 * through others (a → b → a): i18next gives them up as empty text, and the
 * page would silently lack its title. Keys are followed as i18next looks them
 * up (the locale's, then the default locale's), plural forms included; the
 * search keeps its own stack, since a chain of strings can be long.
 */
function refuseNestingLoops(layers: StringsLayer[]): void {
  const { find, nested } = nesting(layers);
  const done = new Set<string>();
  for (const start of new Set(layers.flatMap((layer) => [...layer.texts.keys()]))) {
    if (done.has(start)) continue;
    const path = [start];
    const onPath = new Set(path);
    const pending = [nested(start)];
    while (path.length > 0) {
      const next = pending[pending.length - 1]!.pop();
      if (next === undefined) {
        const finished = path.pop()!;
        onPath.delete(finished);
        done.add(finished);
        pending.pop();
      } else if (onPath.has(next)) {
        const loop = [...path.slice(path.indexOf(next)), next];
        throw new ZineError(`string "${next}" nests itself: ${loop.join(' → ')} (through $t()), which would be empty`, { file: find(next)!.file });
      } else if (!done.has(next)) {
        path.push(next);
        onPath.add(next);
        pending.push(nested(next));
      }
    }
  }
}

/** How strings nest: the layer that holds a key, and the keys a string nests (each `$t()` once for each time it is written). */
function nesting(layers: StringsLayer[]): { find: (key: string) => StringsLayer | undefined; nested: (key: string) => string[] } {
  const find = (key: string): StringsLayer | undefined => layers.find((layer) => layer.texts.has(key));
  const keys = [...new Set(layers.flatMap((layer) => [...layer.texts.keys()]))];
  // a key's forms by count or context (`notes_one`, `title_short`) are what i18next may take in its place
  const nested = (key: string): string[] => [...find(key)!.texts.get(key)!.matchAll(NESTING)]
    .map((m) => m[1]!.split(',')[0]!.trim())
    .flatMap((name) => keys.filter((k) => k === name || k.startsWith(`${name}_`)));
  return { find, nested };
}

/** Longer than any string a page shows. */
const MAX_EXPANDED_LENGTH = 100_000;

/**
 * Refuses strings that grow past reason once their `$t()` are filled in: a
 * string nesting another twice, which nests another twice, and so on, doubles
 * at each step, and thirty steps would fill the memory before i18next
 * returned. Lengths are summed over the nesting, each string's counted once
 * (loops were refused before), with a stack of its own.
 */
function refuseExpansion(layers: StringsLayer[]): void {
  const { find, nested } = nesting(layers);
  const length = new Map<string, number>();
  for (const start of new Set(layers.flatMap((layer) => [...layer.texts.keys()]))) {
    const stack = [start];
    while (stack.length > 0) {
      const key = stack[stack.length - 1]!;
      if (length.has(key)) {
        stack.pop();
        continue;
      }
      const parts = nested(key);
      const waiting = parts.filter((k) => !length.has(k));
      if (waiting.length > 0) {
        stack.push(...new Set(waiting));
        continue;
      }
      const total = parts.reduce((sum, k) => sum + length.get(k)!, find(key)!.texts.get(key)!.length);
      if (total > MAX_EXPANDED_LENGTH) {
        throw new ZineError(`string "${key}" grows to more than ${MAX_EXPANDED_LENGTH} characters once its $t() are filled in: refused`, { file: find(key)!.file });
      }
      length.set(key, total);
      stack.pop();
    }
  }
}
