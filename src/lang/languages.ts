/**
 * Everything that differs between languages, in one table keyed by language
 * code. Adding a locale whose language is here needs no code at all.
 */
export interface Language {
  code: string;
  /** Name in the language itself, for colophons and language lists. */
  nativeName: string;
  direction: 'ltr' | 'rtl';
  /** ISO 15924 script, for choosing fonts (`scriptFonts` in the theme). */
  script: string;
  /** Primary then secondary quotation marks: open, close, open, close. */
  quotes: Quotes;
  hyphenation?: HyphenationSource;
  /** One-letter words a line must not end with (Russian "в", "к", "с" …). */
  noBreakAfter?: string;
  /** French spacing: a narrow no-break space before ; : ! ? */
  spaceBeforePunctuation?: boolean;
}

export type Quotes = readonly [string, string, string, string];

export type HyphenationSource =
  /** TeX patterns shipped in the `hyphen` npm package, by the name of its file in `hyphen/patterns/`. */
  | { package: string; leftMin: number; rightMin: number }
  /** Liang patterns kept in `data/hyphenation/` (languages `hyphen` lacks). */
  | { patternFile: string; leftMin: number; rightMin: number };

const NBSP = '\u00a0';

export const LANGUAGES: Record<string, Language> = {
  en: {
    code: 'en', nativeName: 'English', direction: 'ltr', script: 'Latn',
    quotes: ['“', '”', '‘', '’'],
    hyphenation: { package: 'en-us', leftMin: 2, rightMin: 3 },
  },
  ru: {
    code: 'ru', nativeName: 'Русский', direction: 'ltr', script: 'Cyrl',
    quotes: ['«', '»', '„', '“'],
    hyphenation: { package: 'ru', leftMin: 2, rightMin: 2 },
    noBreakAfter: 'авикосуяАВИКОСУЯ',
  },
  kk: {
    code: 'kk', nativeName: 'Қазақша', direction: 'ltr', script: 'Cyrl',
    quotes: ['«', '»', '„', '“'],
    hyphenation: { patternFile: 'hyph-kk.pat.txt', leftMin: 2, rightMin: 2 },
  },
  uk: {
    code: 'uk', nativeName: 'Українська', direction: 'ltr', script: 'Cyrl',
    quotes: ['«', '»', '„', '“'],
    hyphenation: { package: 'uk', leftMin: 2, rightMin: 2 },
    noBreakAfter: 'авзійоуяАВЗІЙОУЯ',
  },
  de: {
    code: 'de', nativeName: 'Deutsch', direction: 'ltr', script: 'Latn',
    quotes: ['„', '“', '‚', '‘'],
    // the reformed spelling of 1996
    hyphenation: { package: 'de-1996', leftMin: 2, rightMin: 2 },
  },
  fr: {
    code: 'fr', nativeName: 'Français', direction: 'ltr', script: 'Latn',
    quotes: [`«${NBSP}`, `${NBSP}»`, '“', '”'],
    hyphenation: { package: 'fr', leftMin: 2, rightMin: 3 },
    spaceBeforePunctuation: true,
  },
  es: {
    code: 'es', nativeName: 'Español', direction: 'ltr', script: 'Latn',
    quotes: ['«', '»', '“', '”'],
    hyphenation: { package: 'es', leftMin: 2, rightMin: 2 },
  },
};

/** Settings for a locale whose language is not in the table: no hyphenation, English quotes. */
export function unknownLanguage(code: string): Language {
  return { code, nativeName: code, direction: 'ltr', script: 'Latn', quotes: LANGUAGES.en!.quotes };
}

/**
 * The language of a locale code as CrimethInc writes them: `ru`, `es-419`,
 * `fr-qu`. A regional code falls back to its language (`es-419` → `es`).
 */
export function languageOf(locale: string): Language | undefined {
  const code = locale.toLowerCase();
  const known = (c: string): Language | undefined => (Object.hasOwn(LANGUAGES, c) ? LANGUAGES[c] : undefined);
  return known(code) ?? known(code.split('-')[0]!);
}
