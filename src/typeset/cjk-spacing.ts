/**
 * Justification of text set without spaces (CLREQ, JLREQ): the gap where
 * two characters meet opens a little between ideographs (or Thai words), a
 * quarter em stands between an ideograph and a Latin letter or figure, and
 * a full-width mark's blank half closes up where the line needs room.
 */
import { cjkPunctuation, isCjk, type ScriptBreak } from '../text/breaks.js';

/**
 * How far the gap between two ideographs (or two Thai words, or two Korean
 * syllables) may open, in ems: a line of Chinese or Japanese is justified by
 * spacing all its characters a little, never by stretching a few spaces.
 */
const CHARACTER_STRETCH = 0.1;
/** Between an ideograph and a Latin letter or digit: a quarter em, that may close up. */
const CJK_LATIN_SPACE = 0.25;
/** A full-width punctuation mark is a half-em mark on a whole em: the blank half may close up (what the fonts' `halt` does). */
const FULL_WIDTH = 0.9;

/**
 * The joins between two characters of text without spaces, which leave a
 * gap there: a break, a squeeze (two marks that meet), a tie (an ideograph
 * kept with a Latin word) or a letterspace: two syllables of a Korean word,
 * or two pieces of what may be one Thai word, kept together in a justified
 * line but spaced as a break between them would be. Korean printers share a
 * line's room between its spaces and its syllables (KLREQ), so that the
 * spaces stay near their width.
 */
export type Seam = ScriptBreak | 'squeeze' | 'tie' | 'letterspace';
const SEAMS: ReadonlySet<string> = new Set<Seam>(['ideograph', 'word', 'part', 'syllable', 'tie', 'squeeze', 'letterspace']);
export const isSeam = (kind: string): kind is Seam => SEAMS.has(kind);

/** The gap at a break (or squeeze) between two characters of text set without spaces. */
export interface ScriptGap {
  space: number;
  stretch: number;
  shrink: number;
}

/**
 * The gap where two characters of text without spaces meet, given the blank
 * side of each that faces the other (`blankAfter` of the first,
 * `blankBefore` of the second): a mark's blank closes up where the line
 * needs room; a quarter em stands between an ideograph and a Latin letter
 * or figure; a break between ideographs, or Thai words, may open a little.
 */
export function seamGap(kind: Seam | 'emergency', before: number, after: number, blankAfter: number, blankBefore: number, size: number): ScriptGap {
  // the first mark's blank half after it (。」), or the second's before it (「『), also where a run of marks must break
  if (kind === 'squeeze' || (kind === 'emergency' && cjkPunctuation(before) && cjkPunctuation(after))) return { space: -(blankAfter || blankBefore), stretch: 0, shrink: 0 };
  if (kind === 'letterspace') return { space: 0, stretch: CHARACTER_STRETCH * size, shrink: 0 };
  const space = latinSeam(before, after) ? CJK_LATIN_SPACE * size : 0;
  return { space, stretch: kind === 'tie' ? 0 : CHARACTER_STRETCH * size, shrink: blankAfter + blankBefore + space };
}

/** Whether an ideograph meets a Latin letter or a figure, either way round. */
export function latinSeam(before: number, after: number): boolean {
  const ideograph = (cp: number): boolean => isCjk(cp) && cjkPunctuation(cp) === undefined;
  const latin = (cp: number): boolean => !isCjk(cp) && LATIN_OR_DIGIT.test(String.fromCodePoint(cp));
  return (ideograph(before) && latin(after)) || (latin(before) && ideograph(after));
}
export const LATIN_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * The blank side of a full-width punctuation mark, from its ink: after a
 * closing mark (。」), before an opening one (「), either side of a middle
 * dot (・); no more than half an em (a quarter each side of a middle dot),
 * and nothing where Traditional Chinese centres its marks beyond what the
 * ink leaves. 0 for any other character, or a mark the font sets narrow.
 */
export function punctuationBlank(cp: number, side: 'before' | 'after', width: number, size: number, ink: () => { left: number; right: number }): number {
  const kind = cjkPunctuation(cp);
  if (kind === undefined || (kind === 'closing' && side === 'before') || (kind === 'opening' && side === 'after')) return 0;
  if (!(width >= FULL_WIDTH * size)) return 0;
  const { left, right } = ink();
  const blank = side === 'before' ? left * size : width - right * size;
  return Math.max(0, Math.min(blank, kind === 'middle' ? size / 4 : size / 2));
}
