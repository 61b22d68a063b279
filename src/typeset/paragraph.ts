/**
 * Sets a paragraph: the text stage's analysis, the items built from it, the
 * breaks chosen for the whole paragraph at once, the lines made.
 */
import { ZineError } from '../errors.js';
import type { ParagraphStyle } from '../content/theme.js';
import { codePoint } from '../content/controls.js';
import { newlines } from '../font/coverage.js';
import type { AnalysedParagraph } from '../text/paragraph.js';
import { paragraphItems, shortened, type SetParagraphInput, type TypesetContext } from './items.js';
import { breakLines, TEX_DEFAULTS, type BreakOptions } from './knuth-plass.js';
import { lineEnd, ROUNDING, toLines, type SetLine } from './lines.js';

/** Two hyphenated lines in a row: thrice TeX's demerits. */
const DOUBLE_HYPHEN_DEMERITS = 30000;
/** A hyphen ending the line before a paragraph's last: avoided wherever the paragraph can be set otherwise. */
const FINAL_HYPHEN_DEMERITS = 100000;
/** Where no setting is within any tolerance, each line may stretch this many ems more (TeX's \emergencystretch of 3em). */
const EMERGENCY_STRETCH = 1;

/**
 * Sets a paragraph into lines: shapes and measures words (HarfBuzz),
 * hyphenates them, and chooses breaks for the whole paragraph at once
 * (Knuth–Plass), justified or ragged as the style says. Where the context
 * keeps paragraphs already set (a session's), one set as before is taken
 * as it was, and what setting it said is said again, of its source now.
 */
export function setParagraph(input: SetParagraphInput, ctx: TypesetContext): readonly SetLine[] {
  refuseStackedMarks(input);
  if (!ctx.set) return setAnew(input, ctx);
  const key = JSON.stringify([
    input.language.tag, input.style, input.measure, input.firstIndent, input.hyphensBefore ?? 0, input.phrases === true, input.balanced === true, input.inlines,
  ]);
  const kept = ctx.set.get(key, () => {
    const said: string[] = [];
    return { lines: setAnew(input, { ...ctx, warn: (message) => said.push(message) }), said };
  });
  for (const message of kept.said) ctx.warn(message, input.source);
  return kept.lines;
}

function setAnew(input: SetParagraphInput, ctx: TypesetContext): readonly SetLine[] {
  let lines = setLines(input, ctx, false);
  if (lines.some((l) => lineEnd(l) > input.measure + ROUNDING) && input.inlines.some((i) => i.kind === 'text' && NO_BREAK_SPACE.test(i.text))) {
    // words held together by no-break spaces are wider than the line: let them part
    ctx.warn('words joined by no-break spaces are wider than the line: broken between them', input.source);
    lines = setLines(input, ctx, true);
  }
  const loose = lines.find((l) => l.overstretched);
  if (loose) ctx.warn(`the justified line "${lineStart(loose)}" is spaced out far past its natural width: nothing else would fit`, input.source);
  return lines;
}

/** The first words of a line, as it reads (a right-to-left line from its right). */
function lineStart(line: SetLine): string {
  const runs = [...line.runs].sort((a, b) => a.x - b.x);
  return shortened((line.runs[0]!.level % 2 === 1 ? runs.reverse() : runs).map((r) => r.text).join(' '));
}
const NO_BREAK_SPACE = /[\u00a0\u202f]/;

/**
 * The most marks one letter may carry: no script stacks more than a handful
 * (Tibetan, Vietnamese, Hebrew with its accents), "Zalgo" text a dozen or
 * two. Thousands are drawn as a smear across the page.
 */
export const MOST_MARKS = 32;
/** Characters that go on a letter's cluster: combining marks, joiners, variation selectors and the like. */
const ON_A_LETTER = new RegExp(`[\\p{M}\\p{Grapheme_Extend}\\u200d]{${MOST_MARKS + 1},}`, 'u');

/** Refuses a paragraph with a letter under more than `MOST_MARKS` marks, naming the line it is on. */
function refuseStackedMarks({ inlines, source }: Pick<SetParagraphInput, 'inlines' | 'source'>): void {
  let line = source.line;
  for (const inline of inlines) {
    if (inline.kind === 'break' && line !== undefined) line++;
    if (inline.kind !== 'text') continue;
    const found = ON_A_LETTER.exec(inline.text);
    if (found) {
      const at = line === undefined ? { file: source.file } : { file: source.file, line: line + newlines(inline.text.slice(0, found.index)) };
      const marks = [...new Set(found[0])].slice(0, 3).map(codePoint);
      throw new ZineError(`${[...found[0]].length} combining marks on one letter (${marks.join(', ')}): more than ${MOST_MARKS} are refused`, at);
    }
    if (line !== undefined) line += newlines(inline.text);
  }
}

function setLines(input: SetParagraphInput, ctx: TypesetContext, breakAnySpace: boolean): SetLine[] {
  const analysed = analysedOf(input, ctx);
  const { direction, levels } = analysed;
  const kashida = ctx.kashida === true && direction === 'rtl' && input.style.align === 'justify';
  const { items, meta } = paragraphItems(input, ctx, breakAnySpace, analysed, kashida);
  if (items.length <= 3) return [];
  const breaks = breakLines(items, input.measure, breakOptions(input.style), input.hyphensBefore);
  return toLines(items, meta, breaks, input.measure, input.style.align, levels && (direction === 'rtl' ? 1 : 0));
}

/** The paragraph as the text stage analysed it for the locale. */
export function analysedOf(input: Pick<SetParagraphInput, 'inlines' | 'style' | 'language' | 'phrases'>, ctx: Pick<TypesetContext, 'paragraphs' | 'digits'>): AnalysedParagraph {
  return ctx.paragraphs.of(input.inlines, input.language, { uppercase: input.style.uppercase, phrases: input.phrases === true, digits: ctx.digits });
}

/** The breaker's settings for a style: TeX's, with the style's hyphen limit and dearer hyphens in a row and before the last line. */
function breakOptions(style: ParagraphStyle): BreakOptions {
  return {
    ...TEX_DEFAULTS,
    hyphenLimit: style.hyphenLimit,
    doubleHyphenDemerits: DOUBLE_HYPHEN_DEMERITS,
    finalHyphenDemerits: FINAL_HYPHEN_DEMERITS,
    emergencyStretch: EMERGENCY_STRETCH * style.size,
  };
}
