/**
 * Straight quotes typed in text without spaces between words (Chinese,
 * Japanese, Thai) or with particles after a quotation (Korean
 * `"…"고`): the space before a mark cannot tell opening from closing, as
 * it does in other languages. Here its neighbours tell where they can (the
 * paragraph's edges, a space, a bracket, the punctuation that ends a clause),
 * and elsewhere the marks pair: the first opens, the next closes.
 */
import type { Quotes } from './types.js';

/** A piece of a paragraph's text, and whether its straight quotes are set here (not code, an escaped quote, nor a phrase in another language, which only stand beside them). */
export interface QuotedPiece {
  readonly text: string;
  readonly set: boolean;
}

/** What an opening mark follows: a space, an opening bracket or mark. */
const OPENS_AFTER = /^[\s\p{Ps}\p{Pi}]$/u;
/** What a closing mark comes before: a space, a closing bracket or mark, the punctuation that ends a clause or a sentence. */
const CLOSES_BEFORE = /^[\s\p{Pe}\p{Pf}、。，．！？：；,.!?:;…‥]$/u;
/** A letter of a script written with spaces: an apostrophe between two of them is inside a word (don't, l'homme). */
const SPACED_LETTER = /^(?=\p{L})[\p{sc=Latn}\p{sc=Cyrl}\p{sc=Grek}]$/u;
const APOSTROPHE = '\u2019';

/**
 * The pieces' texts with their straight quotes set in `quotes`: `"` in the
 * first pair, `'` in the second, an apostrophe inside a word of Latin,
 * Cyrillic or Greek letters as an apostrophe.
 */
export function pairQuotes(pieces: readonly QuotedPiece[], quotes: Quotes): string[] {
  const text = pieces.map((p) => p.text).join('');
  const open = { '"': false, "'": false };
  let at = 0;
  let before: string | undefined;
  return pieces.map((piece) => {
    let out = '';
    for (const c of piece.text) {
      at += c.length;
      const next = text.codePointAt(at);
      const shown = piece.set && (c === '"' || c === "'")
        ? markFor(c, before, next === undefined ? undefined : String.fromCodePoint(next), open, quotes)
        : c;
      out += shown;
      // a mark may be more than one character (French's, with its space)
      before = shown === c ? c : [...shown].pop();
    }
    return out;
  });
}

function markFor(c: '"' | "'", before: string | undefined, after: string | undefined, open: Record<'"' | "'", boolean>, quotes: Quotes): string {
  const single = c === "'";
  if (single && before !== undefined && after !== undefined && SPACED_LETTER.test(before) && SPACED_LETTER.test(after)) return APOSTROPHE;
  const opens = before === undefined || OPENS_AFTER.test(before);
  const closes = after === undefined || CLOSES_BEFORE.test(after);
  // where the neighbours say nothing, or both (a mark between two spaces), the marks pair
  const opening = opens !== closes ? opens : !open[c];
  open[c] = opening;
  return quotes[(single ? 2 : 0) + (opening ? 0 : 1)]!;
}
