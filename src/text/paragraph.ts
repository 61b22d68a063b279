/**
 * A paragraph analysed before it is broken into lines: what does not depend
 * on the measure, worked out once per paragraph per locale and reused by
 * every measure tried, every retry and every paper edition. UAX #9's order:
 * levels and direction first, breaks on the logical text; each line is put
 * in display order only once it is set (typeset).
 */
import { inStyleCase, type Inline } from '../content/blocks.js';
import type { Language } from '../lang/types.js';
import { hasRightToLeft, hasRightToLeftLetter } from '../lang/scripts.js';
import { ADDRESS, addresses } from './addresses.js';
import { Memos, type Memo } from '../memo.js';
import { bidiLevels, type Isolate } from './bidi.js';
import { phraseBreaks, scriptBreaks, type ScriptBreak } from './breaks.js';

export interface AnalysedParagraph {
  /** The paragraph's text as it is set, a forced line break as a line separator. */
  text: string;
  /** The text of each inline as it is set (in capitals, a note's number in the language's digits): `text` is their join. */
  inlineTexts: readonly string[];
  direction: 'ltr' | 'rtl';
  /** The bidi level of each UTF-16 unit of `text`; none for text all left to right. */
  levels: Uint8Array | undefined;
  /** Breaks inside runs without spaces (ideographs, Thai, Korean), by UTF-16 index in `text`. */
  scriptBreaks: ReadonlyMap<number, ScriptBreak>;
  /** The level of the marks at the ends of each isolate, by UTF-16 index in `text` (see bidiLevels). */
  bounds: ReadonlyMap<number, number>;
}

/** How a paragraph is to be read, besides its inlines and language. */
export interface Reading {
  /** Set in capitals, made by the language's tag (Turkish İ, Greek without accents). */
  uppercase: boolean;
  /** A display paragraph (a title, a heading): text without spaces breaks between phrases, not anywhere a line may. */
  phrases: boolean;
  /** Writes numbers (note references) in the language's digits; as they are when not given. */
  digits?: ((text: string) => string) | undefined;
}

/**
 * The analysed paragraphs of a locale, by content: each paper edition lays
 * out its own blocks, but their paragraphs are the same.
 */
export class ParagraphAnalyses {
  constructor(
    /** Where analyses are kept: for the build, or (a session's) from one build to the next. */
    private readonly made: Pick<Memo<AnalysedParagraph>, 'get'> = new Memos().memo(),
  ) {}

  /** By the inlines themselves too: a paragraph is asked for at each measure tried, and its key is all its text. */
  private readonly byInlines = new WeakMap<readonly Inline[], Map<string, AnalysedParagraph>>();

  of(inlines: readonly Inline[], language: Language, reading: Reading): AnalysedParagraph {
    const how = `${language.tag}\u0000${reading.uppercase ? 'U' : ''}${reading.phrases ? 'P' : ''}`;
    let known = this.byInlines.get(inlines);
    const found = known?.get(how);
    if (found) return found;
    const analysed = this.made.get(`${how}\u0000${JSON.stringify(inlines)}`, () => analyseParagraph(inlines, language, reading));
    if (!known) this.byInlines.set(inlines, (known = new Map()));
    known.set(how, analysed);
    return analysed;
  }
}

/** A paragraph analysed: its text, direction, bidi levels and the breaks of its text without spaces. */
export function analyseParagraph(inlines: readonly Inline[], language: Language, reading: Reading): AnalysedParagraph {
  const inlineTexts = inlines.map((inline) => {
    if (inline.kind === 'break') return LINE_SEPARATOR;
    if (inline.kind === 'noteRef') return reading.digits?.(String(inline.number)) ?? String(inline.number);
    return inStyleCase(inline.text, reading.uppercase, inline.code, language.tag);
  });
  const text = inlineTexts.join('');
  const direction = directionOf(text, language);
  // isolates are looked for only where the bidi algorithm runs: most text is left to right throughout
  const isolated = direction === 'ltr' && !hasRightToLeft(text) ? [] : isolates(inlines, inlineTexts, direction);
  const bounds = isolated.length === 0 ? undefined : new Map<number, number>();
  const levels = bidiLevels(text, direction, isolated, bounds);
  const breaks = reading.phrases ? phraseOnly(text, language) : scriptBreaks(text, language);
  return { text, inlineTexts, direction, levels, scriptBreaks: breaks, bounds: bounds ?? NO_BOUNDS };
}
const LINE_SEPARATOR = '\u2028';
/** Most paragraphs' bounds: they have no isolates. */
const NO_BOUNDS: ReadonlyMap<number, number> = new Map();

const FIRST_LETTER = /\p{L}/u;

/**
 * The stretches of a paragraph set as isolates: each phrase in a language of
 * the other direction (neighbouring runs of one phrase together), each
 * stretch of code (`02-next-part.md` in Farsi reads in its own order, not
 * as "next-part.md-02"), and each address but one across a phrase's edge or
 * inside code.
 */
function isolates(inlines: readonly Inline[], inlineTexts: readonly string[], direction: 'ltr' | 'rtl'): Isolate[] {
  const phrases: [number, number, 'ltr' | 'rtl'][] = [];
  const code: [number, number, 'ltr' | 'rtl'][] = [];
  let at = 0;
  inlines.forEach((inline, i) => {
    const end = at + inlineTexts[i]!.length;
    const other = inline.kind === 'text' && inline.language && inline.language.direction !== direction ? inline.language.direction : undefined;
    const last = phrases[phrases.length - 1];
    if (other && last?.[1] === at && last[2] === other) last[1] = end;
    else if (other) phrases.push([at, end, other]);
    // in the direction of its first letter, as UAX #9's first-strong isolate: Arabic code is right to left
    if (inline.kind === 'text' && inline.code) code.push([at, end, hasRightToLeftLetter(FIRST_LETTER.exec(inline.text)?.[0] ?? '') ? 'rtl' : 'ltr']);
    at = end;
  });
  const text = inlineTexts.join('');
  const crosses = ([from, to]: Isolate) => phrases.some(([start, end]) => (from < start && to > start) || (from < end && to > end));
  const inCode = ([from, to]: Isolate) => code.some(([start, end]) => from < end && to > start);
  return [...phrases, ...code, ...addresses(text).filter((address) => !crosses(address) && !inCode(address))];
}

/**
 * The direction a paragraph is set in: its language's, never guessed from
 * its first letter (an Arabic paragraph may start with a Latin word); but
 * text without a single right-to-left letter in a right-to-left language is
 * a section not yet translated, set in the default language, left to right.
 * Letters alone count, as in UAX #9: a note's number in Persian digits or an
 * Arabic comma in English text does not make it Farsi.
 */
function directionOf(text: string, { direction }: Language): 'ltr' | 'rtl' {
  return direction === 'rtl' && !hasRightToLeftLetter(text) && hasWords(text) ? 'ltr' : direction;
}

/**
 * The breaks of a display line in text without spaces: between phrases (a
 * title does not part a word from its particle); anywhere else a line may
 * break only where a phrase is wider than the line, as a Korean word parts
 * between its syllables.
 */
function phraseOnly(text: string, language: Language): Map<number, ScriptBreak> {
  const all = scriptBreaks(text, language);
  if (all.size === 0) return all;
  const phrases = new Set(phraseBreaks(text, language, all));
  return new Map([...all].map(([at, kind]) => [at, phrases.has(at) ? kind : 'syllable']));
}

/** Whether a text has words, not only addresses, numbers and marks (a note that is a link's address is the zine's, not a translation's). */
function hasWords(text: string): boolean {
  return text.split(/\s+/).some((token) => !ADDRESS.test(token) && /\p{L}/u.test(token));
}
