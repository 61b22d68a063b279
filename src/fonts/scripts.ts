/**
 * Scripts as fonts see them: which script a character is written in, the
 * Noto families that set a script in each role of a theme, and where to get
 * them. Pure data and functions; finding the files is `discover.ts`.
 */

/** What a theme family does: set text in serifs, or headings in sans. */
export type Role = 'serif' | 'sans';

/** Noto's name for a script (ISO 15924), as its family names spell it. */
const NOTO_NAMES: Record<string, string> = {
  Arab: 'Arabic', Armn: 'Armenian', Beng: 'Bengali', Deva: 'Devanagari', Ethi: 'Ethiopic', Geor: 'Georgian',
  Gujr: 'Gujarati', Guru: 'Gurmukhi', Hebr: 'Hebrew', Khmr: 'Khmer', Knda: 'Kannada', Laoo: 'Lao',
  Mlym: 'Malayalam', Mymr: 'Myanmar', Orya: 'Oriya', Sinh: 'Sinhala', Syrc: 'Syriac', Taml: 'Tamil',
  Telu: 'Telugu', Thaa: 'Thaana', Thai: 'Thai', Tibt: 'Tibetan',
};

/** The CJK writing systems (ISO 15924 codes for Han with its companions) and Noto CJK's region of each. */
const CJK: Record<string, { region: string; parts: readonly string[] }> = {
  Hans: { region: 'SC', parts: ['Hani', 'Bopo'] },
  Hant: { region: 'TC', parts: ['Hani', 'Bopo'] },
  Jpan: { region: 'JP', parts: ['Hani', 'Hira', 'Kana'] },
  Kore: { region: 'KR', parts: ['Hang', 'Hani'] },
};

/** A Unicode script alone stands for this writing system when the language does not say (Han: Simplified Chinese). */
const ALONE: Record<string, string> = { Hani: 'Hans', Bopo: 'Hant', Hira: 'Jpan', Kana: 'Jpan', Hang: 'Kore' };

/** A few letters a font must have to set a script. */
const SAMPLES: Record<string, string> = {
  Arab: 'بسلم', Hebr: 'אבג', Thaa: 'ތދ', Deva: 'कम', Beng: 'কম', Thai: 'กม', Hans: '中', Hant: '中', Jpan: '日本', Kore: '한국',
  Armn: 'աբ', Geor: 'აბ', Ethi: 'ሀለ', Taml: 'கம', Telu: 'కమ', Knda: 'ಕಮ', Mlym: 'കമ', Gujr: 'કમ', Guru: 'ਕਮ',
  Orya: 'କମ', Sinh: 'කම', Khmr: 'កម', Laoo: 'ກມ', Mymr: 'ကမ', Tibt: 'ཀམ', Syrc: 'ܐܒ',
};

/** Unicode scripts told apart, each with its test; Latin, Cyrillic and Greek are the theme's own. */
const UNICODE_SCRIPTS: readonly [string, RegExp][] = [
  'Latn', 'Cyrl', 'Grek', 'Hani', 'Hira', 'Kana', 'Hang', 'Bopo', ...Object.keys(NOTO_NAMES),
].map((s) => [s, new RegExp(`\\p{Script=${s}}`, 'u')]);

/** The Unicode script of a character (ISO 15924), when it is one fonts are looked for by; undefined for common marks, digits, symbols. */
export function scriptOfCharacter(char: string): string | undefined {
  return UNICODE_SCRIPTS.find(([, test]) => test.test(char))?.[0];
}

/**
 * The writing system a character is set in for a text whose language is
 * written in `languageScript`: Han in Japanese text is Japanese, in Korean
 * Korean; Han alone is Simplified Chinese.
 */
export function fontScript(char: string, languageScript: string): string | undefined {
  const script = scriptOfCharacter(char);
  if (script === undefined) return undefined;
  if (CJK[languageScript]?.parts.includes(script)) return languageScript;
  return ALONE[script] ?? script;
}

/** Whether fonts are looked for to set a script: it has a Noto family this tool knows. */
export const knownScript = (script: string): boolean => Object.hasOwn(NOTO_NAMES, script) || Object.hasOwn(CJK, script);

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

/** What a theme family does, from its font's family name: sans (and mono) or serif. */
export function roleOf(familyName: string): Role {
  return /\b(sans|mono|kufi|gothic|grotesk)\b/i.test(familyName) ? 'sans' : 'serif';
}

/** The Noto families that set `script` in `role`, best first (Naskh for Arabic text, Sans for headings, the other as a last resort). */
export function notoFamilies(script: string, role: Role): string[] {
  const cjk = CJK[script];
  if (cjk) return role === 'serif' ? [`Noto Serif CJK ${cjk.region}`, `Noto Sans CJK ${cjk.region}`] : [`Noto Sans CJK ${cjk.region}`, `Noto Serif CJK ${cjk.region}`];
  const name = NOTO_NAMES[script];
  if (!name) return [];
  if (script === 'Arab') return role === 'serif' ? ['Noto Naskh Arabic', 'Noto Sans Arabic', 'Noto Kufi Arabic'] : ['Noto Sans Arabic', 'Noto Kufi Arabic', 'Noto Naskh Arabic'];
  return role === 'serif' ? [`Noto Serif ${name}`, `Noto Sans ${name}`] : [`Noto Sans ${name}`, `Noto Serif ${name}`];
}

/** Where to get the Noto family for a script: `Noto Naskh Arabic (Debian: fonts-noto-core; npm: @expo-google-fonts/noto-naskh-arabic)`. */
export function notoSource(script: string, role: Role = 'serif'): string | undefined {
  const family = notoFamilies(script, role)[0];
  if (!family) return undefined;
  const cjk = CJK[script];
  // Google Fonts publishes CJK as Noto Sans/Serif SC, TC, JP, KR, not as collections
  const npm = cjk ? `@expo-google-fonts/noto-sans-${cjk.region.toLowerCase()}` : `@expo-google-fonts/${family.toLowerCase().replaceAll(' ', '-')}`;
  return `${family} (Debian: ${cjk ? 'fonts-noto-cjk' : 'fonts-noto-core'}; npm: ${npm})`;
}
