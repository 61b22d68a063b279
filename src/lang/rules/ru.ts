import type { LanguageRules } from '../types.js';

/** Russian: the one-letter words (а, в, и, к, о, с, у, я) never end a line. */
export const ru: LanguageRules = { noBreakAfter: 'авикосуяАВИКОСУЯ' };
