import type { LanguageRules } from '../types.js';

/** Polish: the one-letter words (a, i, o, u, w, z) never end a line. */
export const pl: LanguageRules = { noBreakAfter: 'aiouwzAIOUWZ' };
