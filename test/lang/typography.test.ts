import { describe, expect, it } from 'vitest';
import { languageOf } from '../../src/lang/languages.js';
import { applyTypography } from '../../src/lang/typography.js';

const NBSP = '\u00a0';
const NARROW = '\u202f';
const t = (lang: string, text: string): string => applyTypography(text, languageOf(lang));

describe('applyTypography', () => {
  it('keeps a spaced dash on the line of the word before it', () => {
    expect(t('ru', 'Алматы — город')).toBe(`Алматы${NBSP}— город`);
    expect(t('en', 'one – two')).toBe(`one${NBSP}– two`);
  });

  it('keeps Russian and Ukrainian one-letter words with the next word', () => {
    expect(t('ru', 'и в Алматы, и в Астане')).toBe(`и${NBSP}в${NBSP}Алматы, и${NBSP}в${NBSP}Астане`);
    expect(t('ru', 'к\nвечеру')).toBe(`к${NBSP}вечеру`);
    expect(t('uk', 'з міста')).toBe(`з${NBSP}міста`);
    // not in languages without the rule, and not inside words
    expect(t('en', 'a word')).toBe('a word');
    expect(t('ru', 'слова в')).toBe('слова в');
  });

  it('keeps Polish, Czech and Slovak one-letter words with the next word, after an opening quotation mark too', () => {
    expect(t('pl', 'Był w domu i z nim')).toBe(`Był w${NBSP}domu i${NBSP}z${NBSP}nim`);
    expect(t('pl', '„W Polsce”')).toBe(`„W${NBSP}Polsce”`);
    expect(t('cs', 'k domu a v Praze')).toBe(`k${NBSP}domu a${NBSP}v${NBSP}Praze`);
    expect(t('cz', 'S námi')).toBe(`S${NBSP}námi`);
    expect(t('sk', 'o tom, s nami')).toBe(`o${NBSP}tom, s${NBSP}nami`);
    // a one-letter word of another language stays free: "w" is no Czech word
    expect(t('cs', 'w domu')).toBe('w domu');
  });

  it('puts a narrow no-break space before French double punctuation', () => {
    expect(t('fr', 'Pourquoi ? Parce que : voilà !')).toBe(`Pourquoi${NARROW}? Parce que${NARROW}: voilà${NARROW}!`);
    expect(t('fr', 'voir https://example.org')).toBe('voir https://example.org');
    expect(t('fr-qu', 'Pourquoi ?')).toBe(`Pourquoi${NARROW}?`);
    expect(t('fr-CA', 'Pourquoi?')).toBe(`Pourquoi${NARROW}?`);
    // one space before a run of marks, however many were typed
    expect(t('fr', 'Quoi ?! Vraiment  ? Oui\t!')).toBe(`Quoi${NARROW}?! Vraiment${NARROW}? Oui${NARROW}!`);
  });

  it('reads a text after the character it follows in its paragraph (the end of code or emphasis before it)', () => {
    const after = (lang: string, before: string, text: string): string => applyTypography(text, languageOf(lang), before);
    // "Tapez `ls` ?": the question mark after code
    expect(after('fr', 's', ' ?')).toBe(`${NARROW}?`);
    expect(after('fr', 's', '? Oui.')).toBe(`${NARROW}? Oui.`);
    expect(after('fr', ' ', '? Oui.')).toBe('? Oui.');
    // a one-letter word at its start only where no letter comes before: "*слов*в …" is a word's end, "*и* в" a word
    expect(after('ru', 'в', 'в доме')).toBe('в доме');
    expect(after('ru', ' ', 'в доме')).toBe(`в${NBSP}доме`);
    expect(after('pl', '„', 'W Polsce')).toBe(`W${NBSP}Polsce`);
  });
});
