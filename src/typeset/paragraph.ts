/**
 * Sets a paragraph: the text stage's analysis, the items built from it, the
 * breaks chosen for the whole paragraph at once, the lines made.
 */
import type { ParagraphStyle } from '../content/theme.js';
import type { AnalysedParagraph } from '../text/paragraph.js';
import { ItemBuilder, type SetParagraphInput, type TypesetContext } from './items.js';
import { breakLines, TEX_DEFAULTS, type BreakOptions } from './knuth-plass.js';
import { lineEnd, ROUNDING, toLines, type SetLine } from './lines.js';

/** Two hyphenated lines in a row: thrice TeX's demerits. */
const DOUBLE_HYPHEN_DEMERITS = 30000;
/** A hyphen ending the line before a paragraph's last: avoided wherever the paragraph can be set otherwise. */
const FINAL_HYPHEN_DEMERITS = 100000;

/**
 * Sets a paragraph into lines: shapes and measures words (HarfBuzz),
 * hyphenates them, and chooses breaks for the whole paragraph at once
 * (Knuth–Plass), justified or ragged as the style says.
 */
export function setParagraph(input: SetParagraphInput, ctx: TypesetContext): SetLine[] {
  const lines = setLines(input, ctx, false);
  if (!lines.some((l) => lineEnd(l) > input.measure + ROUNDING)) return lines;
  // words held together by no-break spaces are wider than the line: let them part
  ctx.warn('words joined by no-break spaces are wider than the line: broken between them', input.source);
  return setLines(input, ctx, true);
}

function setLines(input: SetParagraphInput, ctx: TypesetContext, breakAnySpace: boolean): SetLine[] {
  const analysed = analysedOf(input, ctx);
  const { direction, levels } = analysed;
  const kashida = ctx.kashida === true && direction === 'rtl' && input.style.align === 'justify';
  const builder = new ItemBuilder(input, ctx, breakAnySpace, analysed, kashida);
  builder.add(input.inlines);
  const { items, meta } = builder.finish();
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
    ...TEX_DEFAULTS, hyphenLimit: style.hyphenLimit, doubleHyphenDemerits: DOUBLE_HYPHEN_DEMERITS, finalHyphenDemerits: FINAL_HYPHEN_DEMERITS,
  };
}
