/**
 * What data cannot say about a language, one module per language (as SILE
 * keeps `languages/<code>`): script, direction, quotation marks and
 * hyphenation come from Intl, CLDR and TeX's patterns, and a language with
 * nothing more needs no module here. Rules are keyed by language subtag and
 * hold for all its regions (`fr` for `fr-CA` too).
 */
import type { LanguageRules } from '../types.js';
import { cs } from './cs.js';
import { fr } from './fr.js';
import { pl } from './pl.js';
import { ru } from './ru.js';
import { sk } from './sk.js';
import { uk } from './uk.js';

export const RULES: Readonly<Record<string, LanguageRules>> = { cs, fr, pl, ru, sk, uk };
