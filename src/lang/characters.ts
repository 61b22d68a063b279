/** Text as characters (code points) rather than UTF-16 code units. */

const SURROGATE = /[\uD800-\uDFFF]/;

/** Whether a text has letters beyond the Basic Multilingual Plane (two code units each). */
export const hasSurrogates = (text: string): boolean => SURROGATE.test(text);

/** A text's characters; splitting by code unit is much quicker, and the same, where no letter takes two. */
export function characters(text: string): string[] {
  return hasSurrogates(text) ? Array.from(text) : text.split('');
}

/** A text's last character, whole where it takes two code units; none for no text. */
export function lastCharacter(text: string): string {
  const end = text.length;
  const low = text.charCodeAt(end - 1);
  return text.slice(end >= 2 && low >= 0xdc00 && low <= 0xdfff ? end - 2 : end - 1);
}

/**
 * Whether a character is white space as `/\s/u` has it (ECMAScript's white
 * space and line terminators), by its code point: the coverage check asks
 * it of every character of a locale, where a regular expression costs more
 * than the check itself.
 */
export function isWhiteSpace(cp: number): boolean {
  if (cp <= 0x20) return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d);
  return cp >= 0xa0 && (cp === 0xa0 || cp === 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp === 0x2028 || cp === 0x2029
    || cp === 0x202f || cp === 0x205f || cp === 0x3000 || cp === 0xfeff);
}
