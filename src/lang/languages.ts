/**
 * The language registry: what the typesetter needs to know of a locale's
 * language, from maintained data rather than a table typed by hand. Script
 * from ICU's likely subtags (`Intl.Locale#maximize`), direction from the
 * script, quotation marks from CLDR (`cldr-quotes.ts`, generated), hyphenation
 * from TeX's patterns, capitals from `toLocaleUpperCase(tag)`, and what data
 * cannot say from a module per language in `rules/`. A locale in any language
 * CLDR knows needs no code.
 */
import { CLDR_QUOTES } from './cldr-quotes.js';
import { hyphenationSource, type HyphenationSource } from './hyphenation.js';
import { languageTag, lookupKeys } from './locale-tag.js';
import { RULES, type LanguageRules } from './rules/index.js';

export interface Language {
  /** The BCP 47 tag the locale folder stands for (`cs` for `cz`): what data is looked up and capitals are made by. */
  tag: string;
  /** Name in the language itself, for colophons and language lists. */
  nativeName: string;
  direction: 'ltr' | 'rtl';
  /** ISO 15924 script, for choosing fonts (`scriptFonts` in the theme). */
  script: string;
  /** Primary then secondary quotation marks: open, close, open, close. */
  quotes: Quotes;
  /** Whether CLDR knows the language; an unknown one is set with CLDR's root quotation marks and no hyphenation. */
  known: boolean;
  hyphenation: HyphenationSource | undefined;
  /** One-letter words a line must not end with (Russian "в", "к", "с" …). */
  noBreakAfter: string | undefined;
  /** French spacing: a narrow no-break space before ; : ! ? */
  spaceBeforePunctuation: boolean;
}

export type Quotes = readonly [string, string, string, string];

/** Scripts written right to left (ISO 15924), modern and historic; every other script runs left to right. */
const RTL_SCRIPTS = new Set([
  'Adlm', 'Arab', 'Aran', 'Hebr', 'Mand', 'Mend', 'Nkoo', 'Rohg', 'Samr', 'Syrc', 'Syre', 'Syrj', 'Syrn', 'Thaa', 'Yezi',
  'Armi', 'Avst', 'Chrs', 'Cprt', 'Elym', 'Hatr', 'Hung', 'Khar', 'Lydi', 'Mani', 'Merc', 'Mero', 'Narb', 'Nbat',
  'Orkh', 'Ougr', 'Palm', 'Phli', 'Phlp', 'Phnx', 'Prti', 'Sarb', 'Sogd', 'Sogo',
]);

/** ISO 15924's code for a script not determined: what ICU cannot tell for an unknown language. */
const UNKNOWN_SCRIPT = 'Zyyy';

/** CLDR's quotation marks by lower-case locale, unpacked from the generated table when first needed. */
let cldrQuotes: Map<string, Quotes> | undefined;

function quotesOf(key: string): Quotes | undefined {
  cldrQuotes ??= new Map(CLDR_QUOTES.flatMap(([marks, locales]) => {
    const [open, close, innerOpen, innerClose] = [...marks] as [string, string, string, string];
    const quotes: Quotes = [open, close, innerOpen, innerClose];
    return locales.map((l) => [l.toLowerCase(), quotes] as const);
  }));
  return cldrQuotes.get(key);
}

/** Languages by locale folder name, worked out once per process. */
const languages = new Map<string, Language>();

/**
 * The language of a locale folder's name as CrimethInc writes them (`ru`,
 * `es-419`, `cz`, `fr-qu`): always one, since an unknown but valid tag still
 * builds (see `known`).
 */
export function languageOf(locale: string): Language {
  let language = languages.get(locale);
  if (!language) {
    language = languageFor(languageTag(locale));
    languages.set(locale, language);
  }
  return language;
}

function languageFor(tag: string): Language {
  const locale = new Intl.Locale(tag);
  const script = locale.maximize().script ?? UNKNOWN_SCRIPT;
  const cldr = lookupKeys(tag).map(quotesOf).find((q) => q !== undefined);
  const rules: LanguageRules = Object.hasOwn(RULES, locale.language) ? RULES[locale.language]! : {};
  const quotes = cldr ?? quotesOf('und')!;
  return {
    tag,
    nativeName: cldr ? nativeName(tag) : tag,
    direction: RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr',
    script,
    quotes: rules.quotes ? rules.quotes(quotes) : quotes,
    known: cldr !== undefined,
    hyphenation: hyphenationSource(tag, script),
    noBreakAfter: rules.noBreakAfter,
    spaceBeforePunctuation: rules.spaceBeforePunctuation ?? false,
  };
}

/**
 * The language's name for itself, with a capital: it stands alone, as in a
 * menu of languages ("English, Русский, Français"), where CLDR's names are
 * lower case in running text for many languages.
 */
function nativeName(tag: string): string {
  const name = new Intl.DisplayNames(tag, { type: 'language' }).of(tag) ?? tag;
  const first = String.fromCodePoint(name.codePointAt(0)!);
  return first.toLocaleUpperCase(tag) + name.slice(first.length);
}

/** The quotation marks as a reader sees them: `“…” ‘…’`. */
export function quotesShown(quotes: Quotes): string {
  return `${quotes[0]}…${quotes[1]} ${quotes[2]}…${quotes[3]}`;
}

/**
 * What the tool makes of a locale, in one line: `cz: Čeština (cs), Latin
 * script, left to right, hyphenated, quotation marks „…“ ‚…‘`.
 */
export function describeLanguage(locale: string, language: Language): string {
  const script = new Intl.DisplayNames('en', { type: 'script' }).of(language.script) ?? language.script;
  const name = language.known ? `${language.nativeName} (${language.tag})` : `unknown language ${language.tag}`;
  return `${locale}: ${name}, ${script} script, ${language.direction === 'rtl' ? 'right to left' : 'left to right'}, `
    + `${language.hyphenation ? 'hyphenated' : 'not hyphenated'}, quotation marks ${quotesShown(language.quotes)}`;
}
