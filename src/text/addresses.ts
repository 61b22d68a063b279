/**
 * Web and mail addresses in running text: found, so that they are set left
 * to right whatever the paragraph's direction, and broken only after their
 * punctuation, never inside their scheme.
 */
import { characters } from '../lang/characters.js';

/** Text that is a web or mail address. */
export const ADDRESS = /^([a-z][a-z0-9+.-]*:\/\/|www\.|[^@\s]+@[^@\s]+\.[a-z]+$)/i;
/** An address's scheme with its slashes (`https://`), or `www.`: never broken, nor left alone on a line. */
const ADDRESS_START = /^([a-z][a-z0-9+.-]*:\/\/|www\.)/i;
const ADDRESS_BREAKS = new Set(['/', '.', '-', '?', '&', '=', '#', '@']);

/** Where a paragraph's web and mail addresses are, as [from, to) in UTF-16 units, without the punctuation of the sentence after them. */
export function addresses(text: string): [number, number][] {
  return Array.from(text.matchAll(/\S+/g)).filter((m) => ADDRESS.test(m[0]))
    .map((m) => [m.index, m.index + m[0].replace(SENTENCE_PUNCTUATION, '').length]);
}
const SENTENCE_PUNCTUATION = /[.,;:!?)\]»”’"'،؛؟]+$/u;

/** How many characters at an address's start never part: its scheme with its slashes, or `www.`. */
export function addressStart(address: string): number {
  return characters(ADDRESS_START.exec(address)?.[0] ?? '').length;
}

/** Where an address may break, after its punctuation and past its start (`whole` characters): character indices where a new line would start. */
export function addressBreaks(chars: readonly string[], whole: number): number[] {
  const out: number[] = [];
  for (let i = Math.max(1, whole); i < chars.length - 1; i++) if (ADDRESS_BREAKS.has(chars[i]!)) out.push(i + 1);
  return out;
}
