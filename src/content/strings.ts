import { existsSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import { isObject, readJsonFile } from './json.js';
import { MAX_LOCALE_CHARACTERS } from './source-files.js';
import { ZineError, type SourceRef, type Warn } from '../errors.js';
import { stripControls } from './controls.js';
import { languageTag } from '../lang/locale-tag.js';
import { meantAmong } from './spelling.js';

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

/** Looks up a string of the locale (i18next: nesting, interpolation, plurals). */
export interface Translate {
  (key: string, values?: Record<string, unknown>): string;
  /** The strings file a key is read from: the locale's, or the default locale's when the locale lacks it. */
  fileOf(key: string): string;
  /** The strings a lookup of `key` fills in for these values, as i18next reads them: the one asked for first, then those it nests, in the order it fills them. */
  filled(key: string, values?: Record<string, unknown>): FilledString[];
}

/** A string a lookup fills in: the one asked for, or one it nests through `$t()`. */
export interface FilledString {
  /** As asked for or nested (`colophon.untranslated`), whatever form a count or context takes. */
  key: string;
  /** Its text as written, in the form the values take (`colophon.untranslated_few`'s), its placeholders and `$t()` as they are. */
  text: string;
  /** The strings file it is read from. */
  file: string;
  /** Whether it is the default locale's standing in: the locale lacks it, or the form the count takes. */
  fallsBack: boolean;
  /** The string nesting it, if it is not the one asked for. */
  nestedBy: FilledString | undefined;
}

/** Whether a string's text has a placeholder for the value `name`: `{{date}}`, `{{- title}}`, `{{count, number}}`. */
export const holds = (text: string, name: string): boolean => [...text.matchAll(PLACEHOLDER)].some((m) => placeholderName(m[1]!) === name);

/** Whether a string's text has words of its own: a letter outside its placeholders and `$t()` (`{{date}}` alone reads alike in every language). */
export const hasWords = (text: string): boolean => /\p{L}/u.test(text.replace(NESTING, '').replace(PLACEHOLDER, ''));

/** A placeholder, as i18next finds them. */
const PLACEHOLDER = /\{\{(.+?)\}\}/g;
/** The value a placeholder's insides (`- title`, `count, number`) name. */
const placeholderName = (inside: string): string => inside.replace(/^\s*-/, '').split(',')[0]!.trim();

/**
 * The strings of `locale`, falling back to the default locale's. What would
 * print wrongly is refused, naming strings.json and the key: when the files
 * are read, a value that is not text, a string nesting itself, a missing
 * string or a group of strings, or growing past reason through `$t()`; when a
 * string is looked up, one that neither locale has, a group asked for as
 * text, or a value formatted as what it is not. Control characters are
 * removed from the strings, each with a warning.
 */
export function loadStrings(projectDir: string, locale: string, defaultLocale: string, warn: Warn = () => {}): Translate {
  const locales = defaultLocale === locale ? [locale] : [locale, defaultLocale];
  const layers = locales.map((l): StringsLayer => {
    const file = stringsFile(projectDir, l);
    const strings = readStrings(projectDir, l);
    const layer = { locale: l, file, strings, texts: new Map<string, string>(), groups: new Set<string>() };
    readTexts(strings, layer, warn);
    return layer;
  });
  const lookups = lookupsOf(layers);
  refuseNesting(lookups);
  // i18next takes plural rules from the names it is given: the language tags (a folder named `cz` is Czech), unless two folders share one
  const tags = locales.map(languageTag);
  const names = new Set(tags).size === tags.length ? tags : locales;
  /** What went wrong filling in a string, told once i18next has: the handlers below note the first of each. */
  let faults: {
    /** A value formatted as what it is not (its name, and how). */
    misformatted?: { name: string; why: string };
    /** A placeholder that was given no value. */
    unfilled?: string;
  } = {};
  const i18n = i18next.createInstance();
  void i18n.init({
    lng: names[0],
    fallbackLng: names[names.length - 1],
    resources: Object.fromEntries(layers.map((layer, i) => [names[i], { translation: layer.strings }])),
    initAsync: false,
    interpolation: { escapeValue: false },
    // printed as written, as i18next would, and told (see t)
    missingInterpolationHandler: (_text: string, placeholder: RegExpExecArray) => {
      faults.unfilled ??= placeholderName(placeholder[1]!);
      return placeholder[0];
    },
    // `$t(translation:title)` is then the key it reads as, which the checks above follow, not another way to the same string
    nsSeparator: false,
    returnNull: false,
    // i18next would print the key, or a sentence about the group, in the string's place
    parseMissingKeyHandler: (key: string) => {
      throw new ZineError(`no string "${key}": add it`, { file: lookups.fileOf(key) });
    },
    returnedObjectHandler: (key: string) => {
      throw new ZineError(`string "${key}" is a group of strings, not text: ask for one of them ("${key}.…")`, { file: lookups.fileOf(key) });
    },
  });
  for (const [name, format] of Object.entries(FORMATS)) {
    i18n.services.formatter?.add(name, (value: unknown, lng: string | undefined, options: Record<string, unknown>) => {
      const name = String(options.interpolationkey);
      const what = `formats {{${name}}} as ${format.takes}`;
      if (!format.fits(value)) faults.misformatted ??= { name, why: `${what}, but it is ${shown(value)}` };
      try {
        return format.format(value, lng, options);
      } catch (e) {
        faults.misformatted ??= { name, why: `${what}, which cannot be done: ${e instanceof Error ? e.message : String(e)}` };
        return String(value);
      }
    });
  }
  const filled = (key: string, values: Record<string, unknown> = {}): FilledString[] => {
    refuseOptions(values);
    const found: FilledString[] = [];
    const read = (name: string, options: Record<string, unknown>, nestedBy?: FilledString): string => {
      // the form these options take, from the first locale that has it, as written
      const { res: text, usedLng } = i18n.t(name, { ...options, returnObjects: false, returnDetails: true, skipInterpolation: true });
      const layer = usedLng === names[0] ? layers[0]! : layers[layers.length - 1]!;
      const string = { key: name, text, file: layer.file, fallsBack: layer !== layers[0], nestedBy };
      found.push(string);
      // i18next's own reading of its `$t()`, with the options each is given (`$t(n, {"count": 3})`), which decide its form
      i18n.services.interpolator.nest(text, (nested: string, given: Record<string, unknown>) => read(nested, given, string), options);
      return text;
    };
    read(key, values);
    return found;
  };
  /** The key and file of the first string a lookup fills in whose text `has` what is at fault: the string asked for if none. */
  const faulty = (key: string, values: Record<string, unknown>, has: (text: string) => boolean): { key: string; where: SourceRef } => {
    const strings = filled(key, values);
    const string = strings.find((s) => has(s.text)) ?? strings[0]!;
    return { key: string.key, where: { file: string.file } };
  };
  const placeholders = placeholderCounter(lookups);
  const t = (key: string, values: Record<string, unknown> = {}): string => {
    refuseOptions(values);
    // a string that writes its values many times over (a thousand {{v}}, given a long lead) is refused before it is made
    const longest = Math.max(0, ...Object.values(values).map((v) => (typeof v === 'string' ? v.length : 0)));
    if (longest > 0 && placeholders(key) * longest > MAX_FILLED_LENGTH) {
      throw new ZineError(`string "${key}" would write more than ${MAX_FILLED_LENGTH.toLocaleString('en')} characters once its values are filled in: refused`, { file: lookups.fileOf(key) });
    }
    faults = {};
    const text = i18n.t(key, { ...values, returnObjects: false, returnDetails: false });
    // (read before `filled` looks through the strings again, which its handlers would note)
    const { misformatted, unfilled } = faults;
    // what is at fault is told in the string that has it, which may be another locale's than the one asked for
    if (misformatted !== undefined) {
      const at = faulty(key, values, (text) => holds(text, misformatted.name));
      throw new ZineError(`string "${at.key}" ${misformatted.why}`, at.where);
    }
    // a placeholder misspelt ({{data}}), or in single braces ({date}), is printed as written
    const given = Object.keys(values);
    const unfilledSaid = (written: string, meant: string | undefined, has: (text: string) => boolean): void => {
      const at = faulty(key, values, has);
      warn(
        `string "${at.key}" has ${written}, which is not filled in: printed as written${meant ? ` (did you mean {{${meant}}}?)` : given.length > 0 ? ` (it is given ${given.map((g) => `{{${g}}}`).join(', ')})` : ''}`,
        at.where,
      );
    };
    if (unfilled !== undefined) unfilledSaid(`{{${unfilled}}}`, meantAmong(unfilled, given), (text) => holds(text, unfilled));
    const single = [...text.matchAll(SINGLE_BRACES)].find((m) => given.includes(m[1]!))?.[1];
    if (single !== undefined) unfilledSaid(`{${single}}`, single, (text) => [...text.matchAll(SINGLE_BRACES)].some((m) => m[1] === single));
    return text;
  };
  return Object.assign(t, { fileOf: lookups.fileOf, filled });
}

/** As much as a locale's templates may write together (see MAX_LOCALE_CHARACTERS): a longer string is refused before it is made. */
const MAX_FILLED_LENGTH = MAX_LOCALE_CHARACTERS;

/**
 * How many placeholders a string fills at most, by key: those of its
 * longest form, and of the strings it nests, as many times as it nests
 * each (refuseNesting has refused loops).
 */
function placeholderCounter(lookups: Lookups): (key: string) => number {
  const counted = new Map<string, number>();
  const count = (key: string): number => {
    let n = counted.get(key);
    if (n === undefined) {
      n = Math.max(0, ...lookups.forms(key).map((form) => {
        const text = lookups.text(form) ?? '';
        let total = text.split('{{').length - 1;
        for (const name of nestedNames(text)) total += count(name);
        return total;
      }));
      counted.set(key, n);
    }
    return n;
  };
  return count;
}

/** A name in single braces, as a placeholder is mistyped: `{date}`. */
const SINGLE_BRACES = /(?<!\{)\{\s*(\w+)\s*\}(?!\})/g;

/**
 * i18next's options that may be written in `$t(key, {…})` or given to a
 * string: each would read strings other than the checks followed (another
 * locale, namespace or key separator), or return something other than text.
 */
const I18NEXT_OPTIONS = new Set([
  'lng', 'lngs', 'fallbackLng', 'ns', 'keySeparator', 'nsSeparator', 'keyPrefix', 'returnObjects', 'returnDetails',
  'joinArrays', 'postProcess', 'interpolation', 'replace', 'skipInterpolation', 'nest', 'defaultValue',
]);

/** Refuses i18next's options given to a string as its values. */
function refuseOptions(values: Record<string, unknown>): void {
  const option = Object.keys(values).find((name) => I18NEXT_OPTIONS.has(name));
  if (option !== undefined) throw new Error(`"${option}" is not a value a string can be given: it would change how strings are read`);
}

/** i18next's formats (`{{count, number}}`), each taking what it can format: given text, they print "NaN" or spell it out letter by letter. */
const FORMATS: Record<string, { takes: string; fits: (value: unknown) => boolean; format: (value: unknown, lng: string | undefined, options: object) => string }> = {
  number: { takes: 'a number', fits: isNumber, format: (v, lng, o) => new Intl.NumberFormat(lng, o).format(v as number) },
  currency: { takes: 'an amount', fits: isNumber, format: (v, lng, o) => new Intl.NumberFormat(lng, { ...o, style: 'currency' }).format(v as number) },
  datetime: { takes: 'a date', fits: (v) => v instanceof Date || isNumber(v), format: (v, lng, o) => new Intl.DateTimeFormat(lng, o).format(v as number) },
  relativetime: {
    takes: 'a number of days (or other units)', fits: isNumber,
    format: (v, lng, o) => new Intl.RelativeTimeFormat(lng, o).format(v as number, relativeUnit(o)),
  },
  list: { takes: 'a list', fits: (v) => Array.isArray(v) && v.every((item) => typeof item === 'string'), format: (v, lng, o) => new Intl.ListFormat(lng, o).format(v as string[]) },
};

function isNumber(value: unknown): boolean {
  return typeof value === 'number';
}

/** The unit of `{{days, relativetime(week)}}`: a day unless the string names another. */
function relativeUnit(options: object): Intl.RelativeTimeFormatUnit {
  const { range } = options as { range?: unknown };
  return typeof range === 'string' ? (range as Intl.RelativeTimeFormatUnit) : 'day';
}

/** A value as a message shows it: its kind, and text itself when short. */
function shown(value: unknown): string {
  if (typeof value === 'string') return `text ("${value.length > 40 ? `${value.slice(0, 40)}…` : value}")`;
  if (value === null || value === undefined) return 'nothing';
  return Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a group of values' : `${typeof value} ${String(value)}`;
}

/** One locale's strings, in the order lookups try them: their texts and groups by dotted key. */
interface StringsLayer {
  locale: string;
  file: string;
  strings: Record<string, unknown>;
  texts: Map<string, string>;
  groups: Set<string>;
}

/**
 * The texts and groups of `strings` by dotted key, control characters removed
 * from the texts in place. Anything else (null, true, a number, a list) would
 * print as its key or not at all, and is refused.
 */
function readTexts(strings: Record<string, unknown>, layer: StringsLayer, warn: Warn, prefix = ''): void {
  // readJsonFile refuses files nested deeply enough to exhaust the stack
  for (const [name, value] of Object.entries(strings)) {
    const key = `${prefix}${name}`;
    if (typeof value === 'string') {
      const text = stripControls(value, { file: layer.file }, warn, `string "${key}"`);
      refuseSlowToRead(text, key, layer.file);
      strings[name] = text;
      layer.texts.set(key, text);
    } else if (isObject(value)) {
      layer.groups.add(key);
      readTexts(value, layer, warn, `${key}.`);
    } else {
      const kind = Array.isArray(value) ? 'a list' : value === null ? 'null' : `${typeof value} ${String(value)}`;
      throw new ZineError(`string "${key}" must be text in quotes (or a group of strings), not ${kind}`, { file: layer.file });
    }
  }
}

/**
 * The most characters i18next may read of a string in vain at each lookup
 * (some ten milliseconds of it). Its pattern for placeholders, `{{(.+?)}}`,
 * reads from each `{{` that nothing closes on its line to the line's end;
 * its test of a nesting's options, `\$t\([^)]*\{[^}]*\{\{`, from each
 * `$t(` to the next `)`, and from each `{` on the way to the next `}`. A
 * string of thousands of them took seconds at every lookup (a template may
 * ask for it many times, a project have many locales); one with a few, as
 * a typo leaves, reads a few hundred characters.
 */
export const MOST_READ_IN_VAIN = 10_000_000;
/** Commas in one placeholder past which it is refused: i18next splits its formats at them, in time that grows with their square. */
export const MOST_FORMAT_COMMAS = 32;

/** Refuses a string that would have i18next read more than MOST_READ_IN_VAIN characters in vain, or split a placeholder of too many commas. */
function refuseSlowToRead(text: string, key: string, file: string): void {
  const refused = (what: string): ZineError => new ZineError(`string "${key}" has ${what}: refused, since i18next would read the string over again from each of them every time it is asked for`, { file });
  if (text.includes('{{')) {
    const { read, unclosed } = readInVain(text, '{{', '}}');
    if (read > MOST_READ_IN_VAIN) throw refused(`${unclosed.toLocaleString('en')} "{{" that nothing closes on their line (write {{name}})`);
    // past that check, the pattern reads the string in little more than once
    for (const [placeholder] of text.matchAll(PLACEHOLDER)) {
      const commas = placeholder.split(',').length - 1;
      if (commas > MOST_FORMAT_COMMAS) {
        throw new ZineError(`string "${key}" has a placeholder of ${commas.toLocaleString('en')} commas, more than ${MOST_FORMAT_COMMAS}: refused (write {{name}} or {{name, format}})`, { file });
      }
    }
  }
  if (text.includes('$t(')) {
    const { read, opened } = nestingsRead(text);
    if (read > MOST_READ_IN_VAIN) throw refused(`${opened.toLocaleString('en')} "$t(" read on far past them, to a ")" and through "{" without "}" (write $t(name) or $t(name, {"count": 3}))`);
  }
}

/**
 * What a lazy pattern `open(.+?)close` reads in vain in `text`: from each
 * place `open` starts (overlapping ones too) with no `close` after it on its
 * line (`.` stops at a line's end), to the line's end.
 */
function readInVain(text: string, open: string, close: string): { read: number; unclosed: number } {
  let [read, unclosed] = [0, 0];
  // the end of the line of the last `open` found, and the first `close` that could end a match from it: each found
  // again only once passed, so that the text is read once, however many lines and places there are
  let [lineEnd, nextClose] = [-1, -1];
  for (let at = text.indexOf(open); at !== -1; at = text.indexOf(open, at + 1)) {
    if (at > lineEnd) {
      LINE_END.lastIndex = at;
      lineEnd = LINE_END.exec(text)?.index ?? text.length;
    }
    // a match needs a character between the two
    const from = at + open.length + 1;
    if (nextClose < from) nextClose = nextOf(text, close, from);
    if (nextClose + close.length <= lineEnd) continue;
    read += lineEnd - at;
    unclosed++;
  }
  return { read, unclosed };
}

/**
 * What i18next's test of nestings' options, `\$t\([^)]*\{[^}]*\{\{`, reads
 * at most: from each `$t(` to the next `)` (or the end), and from each `{` in
 * between to the next `}` (or the end); in one pass, however many there are.
 */
function nestingsRead(text: string): { read: number; opened: number } {
  // the braces' reading summed up to a place, by two cursors: one at each `$t(`, one at the `)` after it
  const [before, upTo] = [braceReading(text), braceReading(text)];
  let [read, opened, paren] = [0, 0, -1];
  for (let at = text.indexOf('$t('); at !== -1; at = text.indexOf('$t(', at + 1)) {
    if (paren < at) paren = nextOf(text, ')', at);
    read += paren - at + upTo(paren) - before(at);
    opened++;
  }
  return { read, opened };
}

/** For places given in order, what is read from each `{` before the place to the `}` after it (or the end), summed. */
function braceReading(text: string): (place: number) => number {
  let [sum, brace, close] = [0, text.indexOf('{'), -1];
  return (place) => {
    for (; brace !== -1 && brace < place; brace = text.indexOf('{', brace + 1)) {
      if (close <= brace) close = nextOf(text, '}', brace + 1);
      sum += close - brace;
    }
    return sum;
  };
}

/** Where `what` next starts in `text` from `from`: the text's end where it does not. */
function nextOf(text: string, what: string, from: number): number {
  const found = text.indexOf(what, from);
  return found === -1 ? text.length : found;
}

/** Where `.` stops in a pattern: the line ends of JavaScript's patterns. */
const LINE_END = /[\n\r\u2028\u2029]/g;

/** The strings as lookups see them: each key from the first locale that has it. */
interface Lookups {
  /** Every key with text, each once. */
  keys: string[];
  text(key: string): string | undefined;
  fileOf(key: string): string;
  /** The keys i18next may read for `name`: itself, and its forms by count or context (`notes_one`, `title_short`). */
  forms(name: string): string[];
  isGroup(name: string): boolean;
}

function lookupsOf(layers: StringsLayer[]): Lookups {
  const holders = new Map<string, StringsLayer>();
  for (const layer of layers) for (const key of layer.texts.keys()) if (!holders.has(key)) holders.set(key, layer);
  const keys = [...holders.keys()];
  // a key's forms sort right after `name_`: found by bisection, not by going through every key for every `$t()`
  const sorted = [...keys].sort();
  const forms = new Map<string, string[]>();
  return {
    keys,
    text: (key) => holders.get(key)?.texts.get(key),
    // a missing string belongs in the default locale's file
    fileOf: (key) => (holders.get(key) ?? holders.get(formsIn(sorted, key)[0] ?? '') ?? layers.find((l) => l.groups.has(key)) ?? layers[layers.length - 1]!).file,
    forms: (name) => {
      let found = forms.get(name);
      if (found === undefined) {
        found = [...(holders.has(name) ? [name] : []), ...formsIn(sorted, name)];
        forms.set(name, found);
      }
      return found;
    },
    isGroup: (name) => layers.some((l) => l.groups.has(name)),
  };
}

/** The keys of `sorted` that are forms of `name` (`name_…`). */
function formsIn(sorted: string[], name: string): string[] {
  const prefix = `${name}_`;
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < prefix) low = middle + 1;
    else high = middle;
  }
  const found: string[] = [];
  for (let i = low; i < sorted.length && sorted[i]!.startsWith(prefix); i++) found.push(sorted[i]!);
  return found;
}

/** `$t(key)` and `$t(key, {options})`, as i18next finds them. */
const NESTING = /\$t\(((?:[^()"']|"[^"]*"|'[^']*'|\((?:[^()"']|"[^"]*"|'[^']*')*\))*?)\)/g;
/** A name set in `$t()`'s options. */
const OPTION_NAME = /["']([^"']*)["']\s*:/g;

/** Deeper than any string nests others with reason. */
const MAX_NESTING_DEPTH = 32;

/** Longer than any string a page shows. */
const MAX_EXPANDED_LENGTH = 100_000;

/**
 * Refuses what `$t()` would print wrongly: a string nesting itself, directly
 * (`"title": "$t(title)"`) or through others (a → b → a), which i18next gives
 * up as empty text; one nesting a string no locale has, or a group; options
 * that would read strings another way; and strings that grow past reason once
 * filled in (a string nesting another twice, which nests another twice, and
 * so on, doubles at each step, and thirty steps would fill the memory). Keys
 * are followed as i18next looks them up (the locale's, then the default
 * locale's), with their forms by count or context. Each string and each name
 * nested is visited once, with a stack of its own, since a chain of strings
 * can be long; a name's length is its longest form's.
 */
function refuseNesting(lookups: Lookups): void {
  /** Keys and names being visited (by their place on the stack), or their lengths once filled in. */
  const keys = new Map<string, number | { at: number }>();
  const names = new Map<string, number | { at: number }>();
  type Frame = { key: string; edges: [string, number][]; next: number; length: number }
    | { name: string; edges: string[]; next: number; length: number };
  const stack: Frame[] = [];
  const loop = (from: number, to: string): never => {
    const path = stack.slice(from).flatMap((f) => ('key' in f ? [f.key] : []));
    const first = 'key' in stack[from]! ? path[0]! : to;
    throw new ZineError(`string "${first}" nests itself: ${[...path.slice(path.indexOf(first)), first].join(' → ')} (through $t()), which would be empty`, {
      file: lookups.fileOf(first),
    });
  };
  const openKey = (key: string): void => {
    // i18next follows `$t()` by calling itself: a chain a thousand long would run out of stack
    if (stack.length > 2 * MAX_NESTING_DEPTH) {
      const first = stack.find((f): f is Extract<Frame, { key: string }> => 'key' in f)!.key;
      throw new ZineError(`string "${first}" nests strings more than ${MAX_NESTING_DEPTH} deep through $t(): refused`, { file: lookups.fileOf(first) });
    }
    keys.set(key, { at: stack.length });
    stack.push({ key, edges: [...nestedIn(key, lookups.text(key)!, lookups.fileOf(key))], next: 0, length: lookups.text(key)!.length });
  };
  for (const start of lookups.keys) {
    if (keys.has(start)) continue;
    openKey(start);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      if ('key' in frame) {
        const edge = frame.edges[frame.next++];
        if (edge === undefined) {
          if (frame.length > MAX_EXPANDED_LENGTH) {
            throw new ZineError(`string "${frame.key}" grows to more than ${MAX_EXPANDED_LENGTH} characters once its $t() are filled in: refused`, {
              file: lookups.fileOf(frame.key),
            });
          }
          keys.set(frame.key, frame.length);
          stack.pop();
          const parent = stack[stack.length - 1];
          if (parent && 'name' in parent) parent.length = Math.max(parent.length, frame.length);
          continue;
        }
        const [name, count] = edge;
        const state = names.get(name);
        if (typeof state === 'number') frame.length += count * state;
        else if (state !== undefined) loop(state.at + 1, name);
        else {
          const forms = lookups.forms(name);
          if (forms.length === 0) {
            const why = lookups.isGroup(name) ? 'a group of strings, not text' : 'which no strings file has';
            throw new ZineError(`string "${frame.key}" nests "${name}", ${why}`, { file: lookups.fileOf(frame.key) });
          }
          // counted once for each time it is written, when it comes back filled in
          frame.next--;
          names.set(name, { at: stack.length });
          stack.push({ name, edges: forms, next: 0, length: 0 });
        }
      } else {
        const form = frame.edges[frame.next++];
        if (form === undefined) {
          names.set(frame.name, frame.length);
          stack.pop();
          continue;
        }
        const state = keys.get(form);
        if (typeof state === 'number') frame.length = Math.max(frame.length, state);
        else if (state !== undefined) loop(state.at, form);
        else openKey(form);
      }
    }
  }
}

/** The names a string nests, each with how many times it is written; options that would read strings another way are refused. */
function nestedIn(key: string, text: string, file: string): Map<string, number> {
  const nested = new Map<string, number>();
  for (const { name, options } of nestings(text)) {
    for (const option of options.matchAll(OPTION_NAME)) {
      if (I18NEXT_OPTIONS.has(option[1]!)) {
        throw new ZineError(`string "${key}" sets "${option[1]}" in $t(): it would read strings another way than the checks follow`, { file });
      }
    }
    nested.set(name, (nested.get(name) ?? 0) + 1);
  }
  return nested;
}

/** Each `$t()` of a text, as i18next finds them: the name it nests, and the options written after it. */
function nestings(text: string): { name: string; options: string }[] {
  return [...text.matchAll(NESTING)].map((m) => {
    const [name, ...options] = m[1]!.split(',');
    return { name: name!.trim(), options: options.join(',') };
  });
}

/** The names a text nests through `$t()`, once for each time it is written. */
export const nestedNames = (text: string): string[] => nestings(text).map((n) => n.name);
