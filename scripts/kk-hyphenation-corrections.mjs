// Prints the patterns that correct hyph-kk (version 0.1) where it breaks
// against Kazakh syllable rules; run with node, it rewrites them at the
// end of data/hyphenation/hyph-kk.pat.txt. data/hyphenation/README.md says
// what each rule does and why.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CONSONANTS = [...'бвгғджзйкқлмнңпрстфхһцчшщъь'];
const VOWELS = [...'аәеёиоөуұүыіэюя'];
/** Clusters a loan word begins a syllable with, before a vowel (Қазақ-стан, ин-стру-мент). */
const ONSETS = ['ст', 'тр', 'кр', 'пр', 'бр', 'гр', 'др'];

export function corrections() {
  const out = [];
  out.push('% у after a consonant is a vowel (оқу-шы): no break before it');
  for (const c of CONSONANTS) out.push(`${c}2у`);
  out.push('% a cluster of consonants breaks before its last one (сырт-тан, студент-тер), and a syllable');
  out.push('% never lacks a vowel (электр, not элек-тр): no break before two consonants in a row');
  for (const a of CONSONANTS) for (const b of CONSONANTS) if (!'ъь'.includes(a)) out.push(`2${a}${b}`);
  out.push('% a loan cluster after a consonant and before a vowel begins the syllable (Қазақ-стан, ин-стру-мент)');
  for (const c of CONSONANTS) {
    for (const v of VOWELS) {
      for (const [a, b] of ONSETS) out.push(`${c}3${a}2${b}${v}`);
      out.push(`${c}5с4т2р${v}`);
    }
  }
  return out;
}

const MARK = '% --- corrections kept with the generator (data/hyphenation/README.md); made by scripts/kk-hyphenation-corrections.mjs ---';
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = new URL('../data/hyphenation/hyph-kk.pat.txt', import.meta.url);
  const original = readFileSync(file, 'utf8').split(`\n${MARK}\n`)[0].replace(/\n*$/, '\n');
  writeFileSync(file, `${original}${MARK}\n${corrections().join('\n')}\n`);
}
