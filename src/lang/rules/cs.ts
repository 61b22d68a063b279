import type { LanguageRules } from '../types.js';

/** Czech: the one-letter prepositions and conjunctions (k, s, v, z, o, u, a, i) never end a line (ČSN 01 6910). */
export const cs: LanguageRules = { noBreakAfter: 'aikosuvzAIKOSUVZ' };
