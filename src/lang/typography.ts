import type { Language } from './languages.js';

const NBSP = '\u00a0';
const NARROW_NBSP = '\u202f';

/**
 * A language's spacing conventions, applied to running text after quotation
 * marks are set: the spaces that must not break become no-break spaces.
 */
export function applyTypography(text: string, language: Language): string {
  // a line never starts with a dash: the space before a spaced dash holds
  let out = text.replace(/[ \n]([—–])/g, `${NBSP}$1`);
  if (language.noBreakAfter) {
    const letters = escape(language.noBreakAfter);
    // a one-letter word stays with the next word: "в Алматы"
    out = out.replace(new RegExp(`(?<=^|[\\s(«„“])([${letters}])[ \\n]`, 'gu'), `$1${NBSP}`);
  }
  if (language.spaceBeforePunctuation) {
    out = out.replace(/(\S) ?([;:!?])(?=\s|$)/gu, `$1${NARROW_NBSP}$2`);
  }
  return out;
}

function escape(chars: string): string {
  return chars.replace(/[\\\]^-]/g, '\\$&');
}
