/**
 * The language registry: what the typesetter needs to know of a locale's
 * language, from maintained data rather than a table typed by hand. Script
 * from ICU's likely subtags (`Intl.Locale#maximize`), direction from the
 * script, quotation marks from CLDR (`cldr-quotes.ts`, generated), hyphenation
 * from TeX's patterns, capitals from `toLocaleUpperCase(tag)`, and what data
 * cannot say from a module per language in `rules/`. A locale in any language
 * CLDR knows needs no code.
 */
import { ZineError, type SourceRef, type Warn } from '../errors.js';
import { CLDR_QUOTES } from './cldr-quotes.js';
import { hyphenationSource } from './hyphenation.js';
import { languageId, languageTag, localeTagProblem, lookupKeys } from './locale-tag.js';
import { RULES } from './rules/index.js';
import { RIGHT_TO_LEFT_SCRIPTS } from './scripts.js';
import type { Language, LanguageRules, LineBreaking, PhraseModel, Quotes } from './types.js';

/** ISO 15924's code for a script not determined: what ICU cannot tell for an unknown language. */
const UNKNOWN_SCRIPT = 'Zyyy';
/** Writing systems whose quotations are not told by spaces: Chinese, Japanese, Korean, Thai, Lao, Khmer, Myanmar. */
const PAIRED_QUOTE_SCRIPTS: ReadonlySet<string> = new Set(['Hans', 'Hant', 'Hani', 'Jpan', 'Kore', 'Hang', 'Thai', 'Laoo', 'Khmr', 'Mymr']);

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
    direction: RIGHT_TO_LEFT_SCRIPTS.has(script) ? 'rtl' : 'ltr',
    script,
    quotes: rules.quotes ? rules.quotes(quotes) : quotes,
    pairsQuotes: PAIRED_QUOTE_SCRIPTS.has(script),
    known: cldr !== undefined,
    hyphenation: hyphenationSource(tag, script),
    noBreakAfter: rules.noBreakAfter,
    spaceBeforePunctuation: rules.spaceBeforePunctuation ?? false,
    lineBreaking: lineBreakingOf(locale.language, script),
  };
}

function lineBreakingOf(language: string, script: string): LineBreaking {
  const phrases: PhraseModel | undefined = language === 'ja' || language === 'th' ? language
    : language === 'zh' ? (script === 'Hant' ? 'zh-Hant' : 'zh-Hans') : undefined;
  return { pairedQuotes: language === 'zh' || language === 'ja', keepAll: language === 'ko', phrases };
}

/**
 * The language's name for itself, with a capital: it stands alone, as in a
 * menu of languages ("English, Русский, Français"), where CLDR's names are
 * lower case in running text for many languages.
 */
function nativeName(tag: string): string {
  const name = new Intl.DisplayNames(tag, { type: 'language' }).of(languageId(tag)) ?? tag;
  const first = String.fromCodePoint(name.codePointAt(0)!);
  return first.toLocaleUpperCase(tag) + name.slice(first.length);
}

/**
 * The language a translator marks on a section or a run of blocks (`lang: ar`,
 * `::: {lang=ar}`): what is not a tag, or likely means another (`jp`), is
 * refused there, with the fix; an unknown but valid tag is set with a
 * warning, as a locale of it would be.
 */
export function markedLanguage(tag: string, where: SourceRef, warn: Warn): Language {
  const problem = localeTagProblem(tag) ?? mistakenLanguage(tag);
  if (problem) throw new ZineError(problem, where);
  const language = languageOf(tag);
  if (!language.known) warn(noLanguageData(tag, language), where);
  return language;
}

/** What a text in a language without data is set without. */
export function noLanguageData(name: string, language: Language): string {
  return `no language data for "${name}" (${language.script} script): no hyphenation, quotation marks ${quotesShown(language.quotes)}`;
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
  const script = scriptName(language.script);
  const name = language.known ? `${language.nativeName} (${language.tag})` : `unknown language ${language.tag}`;
  return `${locale}: ${name}, ${script} script, ${language.direction === 'rtl' ? 'right to left' : 'left to right'}, `
    + `${language.hyphenation ? 'hyphenated' : 'not hyphenated'}, quotation marks ${quotesShown(language.quotes)}`;
}

/** ICU's English names of scripts and languages; none for a code it does not know. */
const scriptNames = new Intl.DisplayNames('en', { type: 'script', fallback: 'none' });
const languageNames = new Intl.DisplayNames('en', { type: 'language', fallback: 'none' });
const regionNames = new Intl.DisplayNames('en', { type: 'region', fallback: 'none' });

/**
 * A script's English name (`Arabic` for `Arab`), or its code where ICU has
 * none. Han's two forms are named as CLDR names them beside Chinese, "Simplified"
 * and "Traditional": with the script's name before them ("Han (Simplified)").
 */
export const scriptName = (code: string): string => {
  const name = scriptNames.of(code) ?? code;
  return HAN_FORMS.has(code) ? `${scriptNames.of('Hani') ?? 'Han'} (${name})` : name;
};
const HAN_FORMS = new Set(['Hans', 'Hant']);

/**
 * ISO 15924's codes that name no one script (Zyyy common, Zinh inherited,
 * Zzzz uncoded …): no locale is written in one, so a theme keyed by one
 * sets nothing. (ICU knows no name for its private-use codes, Qaaa–Qabx.)
 */
const NO_SCRIPT = /^Z/;

/** Whether `code` is ISO 15924's code of a script, written as `Language.script` gives it (`Arab`, not `arab`). */
function isScript(code: string): boolean {
  return /^[A-Z][a-z]{3}$/.test(code) && !NO_SCRIPT.test(code) && scriptNames.of(code) !== undefined;
}

/** Whether `tag` is a language's tag as `Language.tag` gives it (`cs`, not `cz` or `CS`), of a language ICU knows. */
function isLanguage(tag: string): boolean {
  return localeTagProblem(tag) === undefined && languageTag(tag) === tag && languageNames.of(languageId(tag)) !== undefined;
}

/** The languages CLDR knows, by their tags: what a name (English, or the language's own) is looked up among. */
let cldrLanguages: string[] | undefined;
function knownLanguages(): string[] {
  // not CLDR's root (`und`)
  cldrLanguages ??= [...new Set(CLDR_QUOTES.flatMap(([, locales]) => locales.map((l) => new Intl.Locale(l).language)))]
    .filter((l): l is string => l !== undefined && l !== 'und');
  return cldrLanguages;
}

/** The language a name means, in English or in the language itself (`english`, `Deutsch`): its tag; none for another name. */
function languageNamed(name: string): string | undefined {
  if (!namedLanguages) {
    // made once: a name is looked up for every mark of a tag ICU does not know
    namedLanguages = new Map();
    for (const tag of knownLanguages()) {
      for (const named of [languageNames.of(tag), new Intl.DisplayNames(tag, { type: 'language' }).of(tag)]) {
        const key = named?.toLowerCase();
        if (key !== undefined && !namedLanguages.has(key)) namedLanguages.set(key, tag);
      }
    }
  }
  return namedLanguages.get(name.toLowerCase());
}
let namedLanguages: Map<string, string> | undefined;

/** The code `key` likely means where a script's code belongs: itself in the right case, the script of that English name, or that language's script. */
function scriptMeant(key: string): string | undefined {
  const cased = key.charAt(0).toUpperCase() + key.slice(1).toLowerCase();
  if (isScript(cased)) return cased;
  const wanted = key.toLowerCase();
  const scripts = new Set(knownLanguages().map((l) => new Intl.Locale(l).maximize().script).filter((s): s is string => s !== undefined));
  const named = [...scripts].find((s) => scriptNames.of(s)?.toLowerCase() === wanted);
  if (named) return named;
  const language = isLanguage(key) ? key : languageNamed(key);
  return language === undefined ? undefined : new Intl.Locale(language).maximize().script;
}

/**
 * The tag `key` likely means where a language's tag belongs: itself as a
 * locale's tag is written (`cs` for `cz`, `en-US` for `en_US`), the language
 * of that name, or the language of the country of that code (`ja` for `jp`,
 * `uk` for `ua`).
 */
function languageMeant(key: string): string | undefined {
  const dashed = key.replace(/_/g, '-');
  if (localeTagProblem(dashed) === undefined && isLanguage(languageTag(dashed))) return languageTag(dashed);
  return languageNamed(key) ?? countrysLanguage(key);
}

/** The language CLDR finds most likely in the country whose ISO 3166 code `key` is; none for another key. */
function countrysLanguage(key: string): string | undefined {
  const country = key.toUpperCase();
  if (!/^[A-Z]{2}$/.test(country) || regionNames.of(country) === undefined) return undefined;
  // a code CLDR has no data for is given English in the United States
  const { language, region } = new Intl.Locale(`und-${country}`).maximize();
  return region === country && isLanguage(language) ? language : undefined;
}

/**
 * Why a tag given for a language is refused: it names no language ICU
 * knows, and likely means one that it does (`jp`, `spanish`). Undefined
 * for a language's tag, and for one that means nothing known: a language
 * without data is set with a warning.
 */
export function mistakenLanguage(tag: string): string | undefined {
  if (!mistaken.has(tag)) {
    const meant = localeTagProblem(tag) !== undefined || isLanguage(languageTag(tag)) ? undefined : languageMeant(tag);
    mistaken.set(tag, meant === undefined ? undefined : `"${tag}" is not a language's tag (BCP 47, as en, pt-BR, zh-Hant): did you mean "${meant}"?`);
  }
  return mistaken.get(tag);
}
/** By tag, as a zine marks the same few many times. */
const mistaken = new Map<string, string | undefined>();

/**
 * Why a theme's key for a script (`emphasis`, `scriptFonts`) keys nothing:
 * it is not ISO 15924's code of a script in its case, as a locale's script
 * is named; with the code likely meant (`Latn` for `Latin`, `Arab` for
 * `arab`, `Jpan` for `ja`). Undefined for a script's code.
 */
export function scriptKeyProblem(key: string): string | undefined {
  if (isScript(key)) return undefined;
  const meant = scriptMeant(key);
  return `"${key}" is not a script's code (ISO 15924, as Latn, Cyrl, Arab)${meant ? `: did you mean "${meant}"?` : ''}`;
}

/**
 * Why a theme's key for a language (`digits`) keys nothing: it is not a
 * language's tag as a locale's is written (`cs`, `zh-Hant`), of a language
 * ICU knows; with the tag likely meant (`en` for `english`, `cs` for
 * `cz`). Undefined for a language's tag.
 */
export function languageKeyProblem(key: string): string | undefined {
  if (isLanguage(key)) return undefined;
  const meant = languageMeant(key);
  return `"${key}" is not a language's tag (BCP 47, as en, pt-BR, zh-Hant)${meant ? `: did you mean "${meant}"?` : ''}`;
}
