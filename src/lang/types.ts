/**
 * What a language is to the generator, the types the registry
 * (`languages.ts`), its hyphenation and its rules per language share.
 */

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
  /**
   * Whether straight quotes are told opening from closing by pairing
   * (`paired-quotes.ts`), not by the space before them: text without spaces
   * between words, and Korean, whose particles follow a quotation unspaced.
   */
  pairsQuotes: boolean;
  /** Whether CLDR knows the language; an unknown one is set with CLDR's root quotation marks and no hyphenation. */
  known: boolean;
  hyphenation: HyphenationSource | undefined;
  /** One-letter words a line must not end with (Russian "в", "к", "с" …). */
  noBreakAfter: string | undefined;
  /** French spacing: a narrow no-break space before ; : ! ? */
  spaceBeforePunctuation: boolean;
  lineBreaking: LineBreaking;
}

/** How the language's printers break lines of text set without spaces (JLREQ, CLREQ, KLREQ), beyond UAX #14. */
export interface LineBreaking {
  /** “ ” ‘ ’ are opening and closing marks (Chinese, Japanese), not ambiguous quotation marks. */
  pairedQuotes: boolean;
  /** Words are kept whole and broken at spaces, between syllables only as a last resort (Korean). */
  keepAll: boolean;
  /** BudouX's model of the language's phrases, which a display line breaks between; none for most languages. */
  phrases: PhraseModel | undefined;
}

/** BudouX's models: Japanese, Chinese in either script, Thai. */
export type PhraseModel = 'ja' | 'zh-Hans' | 'zh-Hant' | 'th';

export type Quotes = readonly [string, string, string, string];

export type HyphenationSource =
  /** TeX patterns shipped in the `hyphen` npm package, by the name of its file in `hyphen/patterns/`. */
  | { package: string; leftMin: number; rightMin: number }
  /** Liang patterns kept in `data/hyphenation/` (languages `hyphen` lacks). */
  | { patternFile: string; leftMin: number; rightMin: number };

export interface LanguageRules {
  /** One-letter words a line must not end with, in both cases: each stays with the next word. */
  noBreakAfter?: string;
  /** A narrow no-break space before ; : ! ? (French). */
  spaceBeforePunctuation?: boolean;
  /** The quotation marks as set, from CLDR's. */
  quotes?: (cldr: Quotes) => Quotes;
}
