import type { LanguageRules } from '../types.js';

const NBSP = '\u00a0';

/** A guillemet with the no-break space French sets inside it. */
const spaced = (mark: string): string => (mark === '«' ? `«${NBSP}` : mark === '»' ? `${NBSP}»` : mark);

/**
 * French spacing: a narrow no-break space before ; : ! ? and a no-break
 * space inside guillemets (« … »), which CLDR gives without.
 */
export const fr: LanguageRules = {
  spaceBeforePunctuation: true,
  quotes: ([open, close, innerOpen, innerClose]) => [spaced(open), spaced(close), spaced(innerOpen), spaced(innerClose)],
};
