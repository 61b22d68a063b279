import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { hyphenatorFor, packagedPatternSets, packageTrie, type PackagePatterns, type PackedPatternSet } from '../../src/lang/hyphenation.js';
import { languageOf } from '../../src/lang/languages.js';
import { Hyphenator, PatternTrie, texPatterns } from '../../src/lang/liang.js';
import { ROOT } from '../support/fixtures.js';

const hyphenated = (code: string, word: string): string => {
  const h = hyphenatorFor(languageOf(code));
  if (!h) throw new Error(`no hyphenator for ${code}`);
  const chars = Array.from(word);
  const breaks = new Set(h.breaks(word));
  return chars.map((c, i) => (breaks.has(i) ? `-${c}` : c)).join('');
};

describe('Liang hyphenation', () => {
  it('applies pattern priorities: odd allows, even forbids', () => {
    // TeX's classic example: "hy3ph" and "he2n" style patterns
    const h = new Hyphenator(texPatterns(['1b', 'b2a', 'a1c']), 1, 1);
    expect(h.breaks('abac')).toEqual([1, 3]);
    expect(new Hyphenator(texPatterns(['1ba', 'b2a']), 1, 1).breaks('abac')).toEqual([1]);
  });

  it('applies both of two patterns of the same letters, the higher priority at each place', () => {
    // a correction added to a pattern set: 2ab and a1b together are 2a1b
    const h = new Hyphenator(texPatterns(['a1b', '2ab']), 1, 1);
    expect(h.breaks('xabx')).toEqual([2]);
    expect(new Hyphenator(texPatterns(['2ab', 'a1b']), 1, 1).breaks('xabx')).toEqual([2]);
  });

  it('matches patterns at the word’s edges only where they begin or end with a dot', () => {
    const h = new Hyphenator(texPatterns(['.ab1c', 'c1d.']), 1, 1);
    expect(h.breaks('abcd')).toEqual([2, 3]);
    expect(h.breaks('xabcd')).toEqual([4]);
    expect(h.breaks('abcdx')).toEqual([2]);
  });

  it('sets exceptions as listed, within the minimum fragment lengths', () => {
    const h = new Hyphenator(texPatterns(['1b']), 2, 2, new Map([['tableau', [2, 5]], ['abba', [2]]]));
    expect(h.breaks('tableau')).toEqual([2, 5]);
    expect(h.breaks('Tableau')).toEqual([2, 5]);
    expect(h.breaks('abba')).toEqual([2]);
    // not listed: the patterns break it
    expect(h.breaks('abbot')).toEqual([2]);
  });

  it('counts letters beyond the Basic Multilingual Plane as one each', () => {
    const h = new Hyphenator(texPatterns(['a1b']), 1, 1);
    expect(h.breaks('𝔞ab𝔞')).toEqual([2]);
  });

  it('keeps the minimum fragment lengths', () => {
    const h = new Hyphenator(texPatterns(['a1b']), 2, 2);
    expect(h.breaks('abab')).toEqual([]);
    expect(h.breaks('aab')).toEqual([]);
    expect(h.breaks('aabaa')).toEqual([2]);
  });
});

describe('hyphenation per language', () => {
  it('hyphenates English with the TeX US patterns', () => {
    expect(hyphenated('en', 'hyphenation')).toBe('hy-phen-ation');
    expect(hyphenated('en', 'government')).toBe('gov-ern-ment');
  });

  it('hyphenates Russian with the Russian patterns', () => {
    expect(hyphenated('ru', 'правительство')).toBe('пра-ви-тель-ство');
  });

  it('breaks the patterns’ exception words where their lists say', () => {
    expect(hyphenated('en', 'associate')).toBe('as-so-ciate');
    expect(hyphenated('en', 'declination')).toBe('dec-li-na-tion');
    expect(hyphenated('en', 'present')).toBe('present');
    expect(hyphenated('ru', 'бизнесмен')).toBe('биз-нес-мен');
  });

  it('hyphenates Kazakh with the Kazakh patterns, not the Russian ones', () => {
    expect(hyphenated('kk', 'көтеріліс')).toBe('кө-те-рі-ліс');
    expect(hyphenated('kk', 'мемлекет')).toBe('мем-ле-кет');
    expect(hyphenated('kk', 'тәуелсіздік')).toBe('тә-уел-сіз-дік');
    // two vowels side by side stay together
    expect(hyphenated('kk', 'жаңаөзен')).toBe('жа-ңаө-зен');
    // Russian patterns know nothing of Kazakh letters and break these differently
    expect(hyphenated('ru', 'жаңаөзен')).not.toBe(hyphenated('kk', 'жаңаөзен'));
  });

  it('never breaks short words or leaves one letter on a line', () => {
    expect(hyphenated('en', 'a')).toBe('a');
    expect(hyphenated('kk', 'ана')).toBe('ана');
    expect(hyphenated('ru', 'огонь')).toBe('огонь');
  });

  it('hyphenates a regional locale with its language’s patterns', () => {
    expect(languageOf('es-419').hyphenation).toEqual(languageOf('es').hyphenation);
    expect(hyphenatorFor(languageOf('es-419'))).toBe(hyphenatorFor(languageOf('es')));
    expect(languageOf('xx').hyphenation).toBeUndefined();
  });
});

describe('the pattern sets compiled into dist/hyphenation', () => {
  const require = createRequire(import.meta.url);
  it('hyphenate every word of the corpus, and every exception word, as the package\'s patterns do', () => {
    const corpus = (locale: string): string[] => readdirSync(join(ROOT, 'bench', 'corpus', locale))
      .flatMap((f) => readFileSync(join(ROOT, 'bench', 'corpus', locale, f), 'utf8').match(/\p{L}{4,}/gu) ?? []);
    const sets = packagedPatternSets();
    expect(sets.length).toBeGreaterThan(40);
    for (const name of sets) {
      const words = new Set([...(name === 'de-1996' ? corpus('de') : name === 'ru' ? corpus('ru') : corpus('en')), ...Object.keys((require(`hyphen/patterns/${name}.js`) as PackagePatterns)[2])]);
      const compiled = JSON.parse(readFileSync(join(ROOT, 'dist', 'hyphenation', `${name}.json`), 'utf8')) as PackedPatternSet;
      // no exceptions: the patterns alone, both ways
      const [ours, theirs] = [new Hyphenator(PatternTrie.unpack(compiled.trie), 1, 1), new Hyphenator(packageTrie(require(`hyphen/patterns/${name}.js`) as PackagePatterns), 1, 1)];
      // the words hyphenated otherwise, gathered: one assertion, not one a word
      const differ = [...words].filter((word) => ours.breaks(word).join() !== theirs.breaks(word).join());
      expect(differ, name).toEqual([]);
    }
  });
});
