import type { Language } from './types.js';

const NBSP = '\u00a0';
const NARROW_NBSP = '\u202f';

/** Each language's pattern of a one-letter word and the space after it, made once. */
const oneLetterWords = new WeakMap<Language, RegExp>();

/**
 * A language's spacing conventions, applied to running text after quotation
 * marks are set: the spaces that must not break become no-break spaces.
 */
export function applyTypography(text: string, language: Language): string {
  // a line never starts with a dash: the space before a spaced dash holds
  let out = text.replace(/[ \n]([—–])/g, `${NBSP}$1`);
  if (language.noBreakAfter) {
    // a one-letter word stays with the next word: "в Алматы", "w Polsce"
    out = out.replace(oneLetterWord(language, language.noBreakAfter), `$1${NBSP}`);
  }
  if (language.spaceBeforePunctuation) {
    out = out.replace(/(\S) ?([;:!?])(?=\s|$)/gu, `$1${NARROW_NBSP}$2`);
  }
  return out;
}

/** A one-letter word of the language at the start of the text, after a space, a bracket or an opening quotation mark. */
function oneLetterWord(language: Language, letters: string): RegExp {
  let pattern = oneLetterWords.get(language);
  if (!pattern) {
    const openers = escape(`(«„“${language.quotes[0]}${language.quotes[2]}`);
    pattern = new RegExp(`(?<=^|[\\s${openers}])([${escape(letters)}])[ \\n]`, 'gu');
    oneLetterWords.set(language, pattern);
  }
  return pattern;
}

function escape(chars: string): string {
  return chars.replace(/[\\\]^-]/g, '\\$&');
}
