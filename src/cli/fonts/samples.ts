/** A few letters a font must have to set a script. */
const SAMPLES: Record<string, string> = {
  Arab: 'بسلم', Hebr: 'אבג', Thaa: 'ތދ', Deva: 'कम', Beng: 'কম', Thai: 'กม', Hans: '中', Hant: '中', Jpan: '日本', Kore: '한국',
  Armn: 'աբ', Geor: 'აბ', Ethi: 'ሀለ', Taml: 'கம', Telu: 'కమ', Knda: 'ಕಮ', Mlym: 'കമ', Gujr: 'કમ', Guru: 'ਕਮ',
  Orya: 'କମ', Sinh: 'කම', Khmr: 'កម', Laoo: 'ກມ', Mymr: 'ကမ', Tibt: 'ཀམ', Syrc: 'ܐܒ',
};

/** The scripts the theme's own fonts are for: no letters are asked of them. */
const THEME_SCRIPTS = new Set(['Latn', 'Cyrl', 'Grek']);

/**
 * Letters a font must have to set `script`: a few chosen ones, else (a
 * script no font is looked for, Deseret) the first two letters Unicode
 * gives it: a script is not called covered by the theme's fonts before
 * one of its letters is looked for in them.
 */
export function sampleOf(script: string): string {
  if (Object.hasOwn(SAMPLES, script)) return SAMPLES[script]!;
  if (THEME_SCRIPTS.has(script)) return '';
  let letter: RegExp;
  try {
    letter = new RegExp(`^(?=\\p{Script=${script}})\\p{L}$`, 'u');
  } catch {
    // not a script Unicode assigns letters to (Zyyy, Zxxx, Qaaa …)
    return '';
  }
  const sample: string[] = [];
  // every script but Han (which has a sample) has its letters in the first two planes
  for (let cp = 0; cp < 0x20000 && sample.length < 2; cp++) {
    const ch = String.fromCodePoint(cp);
    if (letter.test(ch)) sample.push(ch);
  }
  return sample.join('');
}
