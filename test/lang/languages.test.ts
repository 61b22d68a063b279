import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CLDR_QUOTES } from '../../src/lang/cldr-quotes.js';
import { hyphenatorFor } from '../../src/lang/hyphenation.js';
import { languageKeyProblem, languageOf, markedLanguage, mistakenLanguage } from '../../src/lang/languages.js';
import type { Quotes } from '../../src/lang/types.js';
import { languageTag } from '../../src/lang/locale-tag.js';
import { strictLanguageNames } from '../support/icu.js';

const CLDR = join(dirname(createRequire(import.meta.url).resolve('cldr-misc-full/package.json')), 'main');

/** A CLDR locale's quotation marks, read from the package itself. */
function cldrQuotes(locale: string): Quotes {
  const d = (JSON.parse(readFileSync(join(CLDR, locale, 'delimiters.json'), 'utf8')) as {
    main: Record<string, { delimiters: Record<string, string> }>;
  }).main[locale]!.delimiters;
  return [d.quotationStart!, d.quotationEnd!, d.alternateQuotationStart!, d.alternateQuotationEnd!];
}

const hyphenated = (code: string, word: string): string => {
  const h = hyphenatorFor(languageOf(code));
  if (!h) throw new Error(`no hyphenator for ${code}`);
  const breaks = new Set(h.breaks(word));
  return Array.from(word).map((c, i) => (breaks.has(i) ? `-${c}` : c)).join('');
};

/**
 * CrimethInc's locale codes of languages written left to right in Latin,
 * Cyrillic or Greek (and kk): the tag each stands for, its script, the CLDR
 * locale its quotation marks come from, and a word as its TeX patterns break
 * it, or undefined where no patterns exist (fo, ms, mt, fil) or the
 * convention is not to hyphenate (vi).
 */
const CRIMETHINC: Record<string, [tag: string, script: string, cldr: string, hyphenated: string | undefined]> = {
  be: ['be', 'Cyrl', 'be', 'рэ-ва-лю-цый-ны'],
  bg: ['bg', 'Cyrl', 'bg', 'ре-во-лю-ци-о-нен'],
  ca: ['ca', 'Latn', 'ca', 'in-de-pen-dèn-cia'],
  cs: ['cs', 'Latn', 'cs', 'spra-ve-dl-nost'],
  cz: ['cs', 'Latn', 'cs', 'svo-boda'],
  da: ['da', 'Latn', 'da', 'uaf-hæn-gig-hed'],
  de: ['de', 'Latn', 'de', 'Un-ab-hän-gig-keit'],
  el: ['el', 'Grek', 'el', 'κυ-βέρ-νη-ση'],
  gr: ['el', 'Grek', 'el', 'ε-λευ-θε-ρί-α'],
  en: ['en', 'Latn', 'en', 'gov-ern-ment'],
  es: ['es', 'Latn', 'es', 'in-de-pen-den-cia'],
  'es-419': ['es-419', 'Latn', 'es-419', 'so-li-da-ri-dad'],
  eu: ['eu', 'Latn', 'eu', 'as-ka-ta-su-na'],
  fi: ['fi', 'Latn', 'fi', 'val-lan-ku-mouk-sel-li-nen'],
  fo: ['fo', 'Latn', 'fo', undefined],
  fr: ['fr', 'Latn', 'fr', 'gou-ver-ne-ment'],
  'fr-qu': ['fr-CA', 'Latn', 'fr-CA', 'in-dé-pen-dance'],
  gl: ['gl', 'Latn', 'gl', 'in-de-pen-den-cia'],
  hu: ['hu', 'Latn', 'hu', 'sza-bad-ság'],
  id: ['id', 'Latn', 'id', 'pe-me-rin-tah'],
  in: ['id', 'Latn', 'id', 'pe-me-rin-tah'],
  it: ['it', 'Latn', 'it', 'ri-vo-lu-zio-na-rio'],
  ku: ['ku', 'Latn', 'ku', 'ser-xwe-bûn'],
  lt: ['lt', 'Latn', 'lt', 'vy-riau-sy-bė'],
  li: ['lt', 'Latn', 'lt', 'lais-vė'],
  ms: ['ms', 'Latn', 'ms', undefined],
  mt: ['mt', 'Latn', 'mt', undefined],
  nl: ['nl', 'Latn', 'nl', 'on-af-han-ke-lijk-heid'],
  no: ['nb', 'Latn', 'nb', 'uav-hen-gig-het'],
  pl: ['pl', 'Latn', 'pl', 'nie-pod-le-głość'],
  pt: ['pt-BR', 'Latn', 'pt', 're-vo-lu-ci-o-ná-rio'],
  ro: ['ro', 'Latn', 'ro', 're-vo-lu-țio-nar'],
  ru: ['ru', 'Cyrl', 'ru', 'пра-ви-тель-ство'],
  sh: ['sr-Latn', 'Latn', 'sr-Latn', 're-vo-lu-ci-o-nar-ni'],
  sk: ['sk', 'Latn', 'sk', 're-vo-lučný'],
  sl: ['sl', 'Latn', 'sl', 're-vo-lu-ci-o-nar-ni'],
  sv: ['sv', 'Latn', 'sv', 'själv-stän-dig-het'],
  tl: ['fil', 'Latn', 'fil', undefined],
  tr: ['tr', 'Latn', 'tr', 'öz-gür-lü-ğü-müz'],
  uk: ['uk', 'Cyrl', 'uk', 'ре-во-лю-цій-ний'],
  vi: ['vi', 'Latn', 'vi', undefined],
  kk: ['kk', 'Cyrl', 'kk', 'тә-уел-сіз-дік'],
};

const NBSP = '\u00a0';

describe('the language registry', () => {
  it.each(Object.entries(CRIMETHINC))('knows CrimethInc’s %s', (code, [tag, script, cldr, word]) => {
    const language = languageOf(code);
    expect(language.tag).toBe(tag);
    expect(language.known).toBe(true);
    expect(language.script).toBe(script);
    expect(language.direction).toBe('ltr');
    const quotes = cldrQuotes(cldr);
    // French keeps its no-break spaces inside guillemets
    expect(language.quotes).toEqual(tag.startsWith('fr') ? quotes.map((q) => (q === '«' ? `«${NBSP}` : q === '»' ? `${NBSP}»` : q)) : quotes);
    if (word === undefined) {
      expect(language.hyphenation).toBeUndefined();
    } else {
      expect(hyphenated(code, word.replace(/-/g, ''))).toBe(word);
    }
  });

  it('gives every language its native name, with a capital', () => {
    expect(languageOf('ru').nativeName).toBe('Русский');
    expect(languageOf('pl').nativeName).toBe('Polski');
    expect(languageOf('el').nativeName).toBe('Ελληνικά');
    expect(languageOf('tr').nativeName).toBe('Türkçe');
    expect(languageOf('kk').nativeName).toBe('Қазақ тілі');
  });

  it('makes capitals by the language’s tag: Turkish dotted İ, Greek without accents', () => {
    expect('istanbul ilkesi'.toLocaleUpperCase(languageOf('tr').tag)).toBe('İSTANBUL İLKESİ');
    expect('ελευθερία'.toLocaleUpperCase(languageOf('gr').tag)).toBe('ΕΛΕΥΘΕΡΙΑ');
    expect('Ελλάδα'.toLocaleUpperCase(languageOf('el').tag)).toBe('ΕΛΛΑΔΑ');
  });

  it('reads tags in any case and keeps the canonical one', () => {
    for (const code of ['zh-hant', 'ZH-HANT', 'zh-Hant']) expect(languageOf(code).tag).toBe('zh-Hant');
    expect(languageOf('FR-QU').tag).toBe('fr-CA');
    expect(languageTag('cz-CZ')).toBe('cs-CZ');
    // only CrimethInc's bare pt is Brazilian
    expect(languageTag('pt-PT')).toBe('pt-PT');
    expect(languageOf('pt-PT').quotes).toEqual(cldrQuotes('pt-PT'));
  });

  it('finds regional and script variants’ own marks and patterns', () => {
    expect(languageOf('zh-TW').quotes).toEqual(cldrQuotes('zh-Hant'));
    expect(languageOf('de-CH').quotes).toEqual(cldrQuotes('de-CH'));
    expect(languageOf('sr').hyphenation).toMatchObject({ package: 'sr-cyrl' });
    expect(languageOf('sr-ME').hyphenation).toMatchObject({ package: 'sh-latn' });
    expect(languageOf('en-GB').hyphenation).toMatchObject({ package: 'en-gb' });
    // patterns are for one script: Kurdish in Arabic letters gets none
    expect(languageOf('ku-Arab').hyphenation).toBeUndefined();
  });

  it('gives right-to-left, CJK, Thai and Indic languages their script and direction, and no hyphenation', () => {
    const expected: Record<string, [string, 'ltr' | 'rtl']> = {
      ar: ['Arab', 'rtl'], fa: ['Arab', 'rtl'], he: ['Hebr', 'rtl'], iw: ['Hebr', 'rtl'], dv: ['Thaa', 'rtl'], ur: ['Arab', 'rtl'],
      zh: ['Hans', 'ltr'], 'zh-Hant': ['Hant', 'ltr'], ja: ['Jpan', 'ltr'], ko: ['Kore', 'ltr'], th: ['Thai', 'ltr'], bn: ['Beng', 'ltr'], hi: ['Deva', 'ltr'],
    };
    for (const [code, [script, direction]] of Object.entries(expected)) {
      const language = languageOf(code);
      expect([code, language.script, language.direction, language.known]).toEqual([code, script, direction, true]);
      expect(language.hyphenation, code).toBeUndefined();
    }
  });

  it('gives Chinese and Japanese paired quotation marks, Korean whole words, and each its phrase model', () => {
    const tailoring = (locale: string): string => {
      const { pairedQuotes, keepAll, phrases } = languageOf(locale).lineBreaking;
      return `${pairedQuotes ? 'paired ' : ''}${keepAll ? 'keep-all ' : ''}${phrases ?? '-'}`;
    };
    expect(['ja', 'zh', 'zh-TW', 'zh-Hant-HK', 'ko', 'th', 'lo', 'en', 'ar'].map(tailoring)).toEqual([
      'paired ja', 'paired zh-Hans', 'paired zh-Hant', 'paired zh-Hant', 'keep-all -', 'th', '-', '-', '-',
    ]);
  });

  it('sets an unknown but valid tag with defaults: no hyphenation, CLDR’s root marks', () => {
    for (const code of ['xx', 'qaa', 'xx-Cyrl']) {
      const language = languageOf(code);
      expect(language.known).toBe(false);
      expect(language.hyphenation).toBeUndefined();
      expect(language.quotes).toEqual(cldrQuotes('und'));
      expect(language.nativeName).toBe(code);
    }
    expect(languageOf('xx').script).toBe('Zyyy');
    expect(languageOf('xx-Cyrl').script).toBe('Cyrl');
  });

  it('loads the patterns of every language it has patterns for', () => {
    const tags = ['af', 'be', 'bg', 'bs', 'ca', 'cs', 'cy', 'da', 'de', 'el', 'en', 'en-GB', 'es', 'et', 'eu', 'fi', 'fr', 'fur', 'ga', 'gl',
      'grc', 'hr', 'hsb', 'hu', 'hy', 'ia', 'id', 'is', 'it', 'ka', 'kk', 'kmr', 'ku', 'la', 'lt', 'lv', 'mk', 'mn', 'nb', 'nl', 'nn', 'oc',
      'pl', 'pms', 'pt', 'rm', 'ro', 'ru', 'sk', 'sl', 'sq', 'sr', 'sr-Latn', 'sv', 'tk', 'tr', 'uk', 'zh-Latn'];
    for (const tag of tags) expect(hyphenatorFor(languageOf(tag)), tag).toBeDefined();
  });

  it('has the generated table of quotation marks up to date with cldr-misc-full', () => {
    const table = new Map(CLDR_QUOTES.flatMap(([marks, locales]) => locales.map((l) => [l, marks] as const)));
    const locales = readdirSync(CLDR);
    expect([...table.keys()].sort()).toEqual(locales.sort());
    for (const locale of locales) expect(table.get(locale), locale).toBe(cldrQuotes(locale).join(''));
  });
});

describe('a tag with extensions (digits, calendar)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is named by its language, where newer ICU names nothing more', () => {
    strictLanguageNames();
    // tags no other test names: the registry keeps each language it has worked out
    expect(languageOf('pt-u-nu-arab').nativeName).toBe('Português');
    expect(languageOf('ru-u-ca-islamic').nativeName).toBe('Русский');
    expect(languageKeyProblem('de-u-nu-arab')).toBeUndefined();
  });
});

describe('a tag that likely means another language', () => {
  it('is a country\'s code or a language\'s name: the tag meant is named', () => {
    const meant = (tag: string): string | undefined => /did you mean "(.*)"\?$/.exec(mistakenLanguage(tag) ?? '')?.[1];
    expect(['jp', 'ua', 'dk', 'spanish', 'Deutsch'].map(meant)).toEqual(['ja', 'uk', 'da', 'es', 'de']);
  });

  it('is none where the tag is a language\'s, an old code the locale folders take (cz), or means nothing known', () => {
    for (const tag of ['ja', 'se', 'cz', 'sr-ME', 'en-u-nu-arab', 'kk-Latn', 'tlh', 'qaa', 'xx', 'zz']) expect(mistakenLanguage(tag), tag).toBeUndefined();
  });

  it('is refused where a translator marks a language, which an unknown one is not', () => {
    const warnings: string[] = [];
    expect(() => markedLanguage('jp', { file: 'a.md', line: 3 }, (m) => warnings.push(m))).toThrow(/"jp" is not a language's tag .*did you mean "ja"\?/);
    expect(markedLanguage('qaa', { file: 'a.md', line: 3 }, (m) => warnings.push(m)).tag).toBe('qaa');
    expect(warnings).toEqual([expect.stringContaining('no language data for "qaa"')]);
  });
});
