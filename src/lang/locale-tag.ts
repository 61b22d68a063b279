/**
 * Locale codes are BCP 47 language tags (`en`, `pt-BR`, `zh-Hant`, `es-419`).
 * They name folders and come from users, so anything that is not a tag is
 * refused before it is used as a path or looked up in a table.
 */

/** Longer than any real tag (BCP 47 asks for 35 characters to be supported). */
const MAX_TAG_LENGTH = 64;

/** Why `code` is not a usable locale code, or undefined when it is one. */
export function localeTagProblem(code: string): string | undefined {
  if (isTag(code)) return undefined;
  const shown = JSON.stringify(code.length > 40 ? `${code.slice(0, 40)}…` : code);
  const dashed = code.replace(/_/g, '-');
  if (dashed !== code && isTag(dashed)) return `${shown} is not a language tag: write ${dashed}`;
  return `${shown} is not a language tag (BCP 47) such as en, pt-BR, zh-Hant or es-419`;
}

function isTag(code: string): boolean {
  if (code.length === 0 || code.length > MAX_TAG_LENGTH) return false;
  try {
    Intl.getCanonicalLocales(code);
    return true;
  } catch {
    return false;
  }
}

/**
 * CrimethInc's own language codes that are not the language's subtag (or are
 * another language's: `li` is Limburgish, `gr` nothing), replaced wherever
 * they start a tag (`cz-CZ` → `cs-CZ`). `in`, `iw`, `sh` and `tl` need no
 * entry: Intl canonicalises them to `id`, `he`, `sr-Latn` and `fil` itself.
 */
const LEGACY_LANGUAGES: Readonly<Record<string, string>> = { cz: 'cs', gr: 'el', li: 'lt', no: 'nb' };
/** CrimethInc's whole codes that stand for a regional variety: its `pt` is Brazilian, `fr-qu` Québécois. */
const LEGACY_CODES: Readonly<Record<string, string>> = { pt: 'pt-BR', 'fr-qu': 'fr-CA' };

/**
 * The language tag a locale folder's name stands for, in canonical case:
 * `cz` → `cs`, `fr-qu` → `fr-CA`, `zh-hant` → `zh-Hant`. The folder keeps the
 * name it has; the tag is what language data is looked up by.
 */
export function languageTag(locale: string): string {
  const lower = locale.toLowerCase();
  const [language, ...rest] = lower.split('-');
  const tag = Object.hasOwn(LEGACY_CODES, lower) ? LEGACY_CODES[lower]!
    : Object.hasOwn(LEGACY_LANGUAGES, language!) ? [LEGACY_LANGUAGES[language!], ...rest].join('-') : lower;
  return Intl.getCanonicalLocales(tag)[0]!;
}

/**
 * A tag as `Intl.DisplayNames` takes it to name a language: its language,
 * script and region, without extensions (`en-u-nu-arab` is named as `en`).
 * The standard asks for no more there, and newer ICU refuses the rest.
 */
export const languageId = (tag: string): string => new Intl.Locale(tag).baseName;

/**
 * The keys to look a tag up by in a table of lower-case tags, most specific
 * first: the tag, its language with its likely script and region, with its
 * likely script, with the tag's own region, then the language alone. `zh-TW` finds `zh-hant` before `zh`, `sr-ME` finds
 * `sr-latn`, `en-GB` finds `en-gb` before `en`.
 */
export function lookupKeys(tag: string): string[] {
  const locale = new Intl.Locale(tag);
  const { language, script, region } = locale.maximize();
  const join = (...parts: (string | undefined)[]): string | undefined => (parts.includes(undefined) ? undefined : parts.join('-'));
  const keys = [tag, join(language, script, region), join(language, script), join(language, locale.region), language];
  return [...new Set(keys.filter((k) => k !== undefined).map((k) => k.toLowerCase()))];
}
