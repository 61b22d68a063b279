import type { LanguageRules } from './index.js';

/** Slovak: the one-letter prepositions and conjunctions (a, i, k, o, s, u, v, z) never end a line. */
export const sk: LanguageRules = { noBreakAfter: 'aikosuvzAIKOSUVZ' };
