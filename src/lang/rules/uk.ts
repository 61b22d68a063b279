import type { LanguageRules } from '../types.js';

/** Ukrainian: the one-letter words (а, в, з, і, й, о, у, я) never end a line. */
export const uk: LanguageRules = { noBreakAfter: 'авзійоуяАВЗІЙОУЯ' };
