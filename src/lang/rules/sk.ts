import type { LanguageRules } from '../types.js';

/** Slovak: the one-letter prepositions and conjunctions (a, i, k, o, s, u, v, z) never end a line. */
export const sk: LanguageRules = { noBreakAfter: 'aikosuvzAIKOSUVZ' };
