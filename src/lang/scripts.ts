/**
 * The script of a character (ISO 15924), and the writing system it is set
 * in: what fonts are chosen by. Latin, Cyrillic and Greek are told apart,
 * and every script a Noto family is looked for (`font/noto.ts`).
 */

/** The CJK writing systems: Han with its companions. */
const CJK_PARTS: Record<string, readonly string[]> = {
  Hans: ['Hani', 'Bopo'],
  Hant: ['Hani', 'Bopo'],
  Jpan: ['Hani', 'Hira', 'Kana'],
  Kore: ['Hang', 'Hani'],
};

/** A Unicode script alone stands for this writing system when the language does not say (Han: Simplified Chinese). */
const ALONE: Record<string, string> = { Hani: 'Hans', Bopo: 'Hant', Hira: 'Jpan', Kana: 'Jpan', Hang: 'Kore' };

/** Unicode scripts told apart, each with its test. */
const UNICODE_SCRIPTS: readonly [string, RegExp][] = [
  'Latn', 'Cyrl', 'Grek', 'Hani', 'Hira', 'Kana', 'Hang', 'Bopo',
  'Arab', 'Armn', 'Beng', 'Deva', 'Ethi', 'Geor', 'Gujr', 'Guru', 'Hebr', 'Khmr', 'Knda', 'Laoo',
  'Mlym', 'Mymr', 'Orya', 'Sinh', 'Syrc', 'Taml', 'Telu', 'Thaa', 'Thai', 'Tibt',
].map((s) => [s, new RegExp(`\\p{Script=${s}}`, 'u')]);

/** The Unicode script of a character (ISO 15924), when it is one fonts are looked for by; undefined for common marks, digits, symbols. */
export function scriptOfCharacter(char: string): string | undefined {
  return UNICODE_SCRIPTS.find(([, test]) => test.test(char))?.[0];
}

/** Whether a character is of a writing system, told apart or not (Deseret's 𐐀 is of `Dsrt`). */
export function isOfScript(char: string, script: string): boolean {
  if (fontScript(char, script) === script) return true;
  try {
    return new RegExp(`\\p{Script=${script}}`, 'u').test(char);
  } catch {
    // a writing system that is no Unicode script (Jpan, Hans): its parts are told apart above
    return false;
  }
}

/**
 * The writing system a character is set in for a text whose language is
 * written in `languageScript`: Han in Japanese text is Japanese, in Korean
 * Korean; Han alone is Simplified Chinese.
 */
export function fontScript(char: string, languageScript: string): string | undefined {
  const script = scriptOfCharacter(char);
  if (script === undefined) return undefined;
  if (CJK_PARTS[languageScript]?.includes(script)) return languageScript;
  return ALONE[script] ?? script;
}

/** Scripts written right to left (ISO 15924), modern and historic; every other script runs left to right. */
export const RIGHT_TO_LEFT_SCRIPTS: ReadonlySet<string> = new Set([
  'Adlm', 'Arab', 'Aran', 'Gara', 'Hebr', 'Mand', 'Mend', 'Nkoo', 'Rohg', 'Samr', 'Syrc', 'Syre', 'Syrj', 'Syrn', 'Thaa', 'Yezi',
  'Armi', 'Avst', 'Chrs', 'Cprt', 'Elym', 'Hatr', 'Hung', 'Khar', 'Lydi', 'Mani', 'Merc', 'Mero', 'Narb', 'Nbat',
  'Orkh', 'Ougr', 'Palm', 'Phli', 'Phlp', 'Phnx', 'Prti', 'Sarb', 'Sidt', 'Sogd', 'Sogo',
]);

/** The blocks of the scripts above: their letters (Hebrew, Arabic, Syriac, Thaana, N'Ko … their presentation forms, Arabic's mathematical letters), digits and punctuation. */
const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]|\ud802[\udc00-\udfff]|\ud803[\udc00-\udfff]|\ud83a[\udc00-\udfff]|\ud83b[\ude00-\udeff]/;

/** Whether a text has a character of a right-to-left script's blocks (a letter, or an Arabic digit or comma): where the bidi algorithm has work to do. */
export const hasRightToLeft = (text: string): boolean => RIGHT_TO_LEFT.test(text);

/** Letters and marks of the blocks above; digits (Arabic's are AN, not R or AL), punctuation and symbols are not among them. */
const RIGHT_TO_LEFT_LETTER = /(?=[\p{L}\p{M}])[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u{10800}-\u{10fff}\u{1e800}-\u{1ebff}\u{1ee00}-\u{1eeff}]/u;

/** Whether a text has a letter of a right-to-left script: a strong character, which UAX #9 takes a paragraph's direction from. */
export const hasRightToLeftLetter = (text: string): boolean => RIGHT_TO_LEFT_LETTER.test(text);
