import { describe, expect, it } from 'vitest';
import { hyphenatorFor } from '../../src/lang/hyphenation.js';
import { languageOf } from '../../src/lang/languages.js';
import { liangHyphenator } from '../../src/lang/liang.js';

const hyphenated = (code: string, word: string): string => {
  const h = hyphenatorFor(languageOf(code));
  if (!h) throw new Error(`no hyphenator for ${code}`);
  const chars = Array.from(word);
  const breaks = new Set(h(word));
  return chars.map((c, i) => (breaks.has(i) ? `-${c}` : c)).join('');
};

describe('Liang hyphenation', () => {
  it('applies pattern priorities: odd allows, even forbids', () => {
    // TeX's classic example: "hy3ph" and "he2n" style patterns
    const h = liangHyphenator(['1ba', 'b2a', 'a1c'], 1, 1);
    expect(h('abac')).toEqual([3]);
  });

  it('keeps the minimum fragment lengths', () => {
    const h = liangHyphenator(['a1b'], 2, 2);
    expect(h('abab')).toEqual([]);
    expect(h('aab')).toEqual([]);
    expect(h('aabaa')).toEqual([2]);
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

  it('falls back from a regional locale to its language', () => {
    expect(languageOf('es-419')?.code).toBe('es');
    expect(languageOf('xx')).toBeUndefined();
  });
});
