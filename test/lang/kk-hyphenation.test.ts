import { describe, expect, it } from 'vitest';
import { hyphenatorFor } from '../../src/lang/hyphenation.js';
import { languageOf } from '../../src/lang/languages.js';

/** A word with its break points shown as hyphens. */
function hyphenated(word: string): string {
  const h = hyphenatorFor(languageOf('kk'))!;
  const chars = [...word];
  let out = '';
  let last = 0;
  for (const p of h.breaks(word)) {
    out += `${chars.slice(last, p).join('')}-`;
    last = p;
  }
  return out + chars.slice(last).join('');
}

const VOWELS = /[аәеёиоөуұүыіэюя]/i;

describe('Kazakh hyphenation, by its syllable rules', () => {
  it('breaks common words as Kazakh spelling does', () => {
    const words = {
      студенттер: 'сту-дент-тер', сырттан: 'сырт-тан', жұрттың: 'жұрт-тың', Қазақстанның: 'Қа-зақ-стан-ның',
      қазақстандық: 'қа-зақ-стан-дық', инструмент: 'ин-стру-мент', министрлік: 'министр-лік', электр: 'электр',
      оқушылар: 'оқу-шы-лар', мектептер: 'мек-теп-тер', бостандық: 'бос-тан-дық', көшелерде: 'кө-ше-лер-де',
      тәуелсіздік: 'тә-уел-сіз-дік', наразылық: 'на-ра-зы-лық', Алматыда: 'Ал-ма-ты-да', сауда: 'сау-да',
    };
    for (const [word, broken] of Object.entries(words)) expect(hyphenated(word), word).toBe(broken);
  });

  it('never leaves a fragment without a vowel, and parts a double consonant between its letters', () => {
    const text = 'Қаңтар оқиғалары кезінде наразылық білдірушілер Алматыдағы әкімдіктің ғимаратына кірді '
      + 'студенттер жұмысшылар зейнеткерлер бағалардың өсуіне қарсы шықты электрстанциялар министрліктер '
      + 'жұрттың сырттан келген әскерлер Қазақстандағы демократиялық өзгерістер';
    for (const word of text.split(' ')) {
      const parts = hyphenated(word).split('-');
      for (const part of parts) expect(VOWELS.test(part), `${word}: ${parts.join('-')}`).toBe(true);
      // a double consonant parts between its letters: no fragment ends or begins with both
      for (const part of parts.slice(0, -1)) expect(part, `${word}: ${parts.join('-')}`).not.toMatch(/(.)\1$/u);
      for (const part of parts.slice(1)) expect(part, `${word}: ${parts.join('-')}`).not.toMatch(/^(.)\1/u);
    }
  });
});
