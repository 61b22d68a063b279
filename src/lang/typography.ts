import type { Language } from './types.js';

const NBSP = '\u00a0';
const NARROW_NBSP = '\u202f';

/** Each language's pattern of a one-letter word and the space after it, made once. */
const oneLetterWords = new WeakMap<Language, { within: RegExp; first: RegExp; after: RegExp }>();

/**
 * A language's spacing conventions, applied to running text after quotation
 * marks are set: the spaces that must not break become no-break spaces.
 * `before` is the character the text follows in its paragraph (the end of
 * emphasis or code before it), none at the paragraph's start.
 */
export function applyTypography(text: string, language: Language, before = ''): string {
  // a line never starts with a dash: the space before a spaced dash holds
  let out = text.replace(/[ \n]([—–])/g, `${NBSP}$1`);
  if (language.noBreakAfter) {
    // a one-letter word stays with the next word: "в Алматы", "w Polsce"; at the start, one only where no letter comes before
    const pattern = oneLetterWord(language, language.noBreakAfter);
    out = out.replace(pattern.within, `$1${NBSP}`);
    if (before === '' || pattern.after.test(before)) out = out.replace(pattern.first, `$1${NBSP}`);
  }
  if (language.spaceBeforePunctuation) {
    // one space before the marks, however many were typed, and one before a run of them ("?!")
    out = out.replace(/(\S)[ \t]*([;:!?]+)(?=\s|$)/gu, `$1${NARROW_NBSP}$2`);
    // after what came before: "`ls` ?"
    if (/\S/u.test(before)) out = out.replace(/^[ \t]*([;:!?]+)(?=\s|$)/u, `${NARROW_NBSP}$1`);
  }
  return out;
}

/**
 * A one-letter word of the language and the space after it: inside the text,
 * after a space, a bracket or an opening quotation mark (`within`); at its
 * start (`first`), where what comes before is one of those (`after`).
 */
function oneLetterWord(language: Language, letters: string): { within: RegExp; first: RegExp; after: RegExp } {
  let pattern = oneLetterWords.get(language);
  if (!pattern) {
    const openers = escape(`(«„“${language.quotes[0]}${language.quotes[2]}`);
    const word = `([${escape(letters)}])[ \\n]`;
    pattern = { within: new RegExp(`(?<=[\\s${openers}])${word}`, 'gu'), first: new RegExp(`^${word}`, 'u'), after: new RegExp(`[\\s${openers}]$`, 'u') };
    oneLetterWords.set(language, pattern);
  }
  return pattern;
}

function escape(chars: string): string {
  return chars.replace(/[\\\]^-]/g, '\\$&');
}
