/** Text as characters (code points) rather than UTF-16 code units. */

const SURROGATE = /[\uD800-\uDFFF]/;

/** Whether a text has letters beyond the Basic Multilingual Plane (two code units each). */
export const hasSurrogates = (text: string): boolean => SURROGATE.test(text);

/** A text's characters; splitting by code unit is much quicker, and the same, where no letter takes two. */
export function characters(text: string): string[] {
  return hasSurrogates(text) ? Array.from(text) : text.split('');
}
