import { DEFAULT_IMPOSE, foldedSection, padBeforeBackCover, type ImposeOptions, type ImpositionPlan } from './plan.js';

/** Sizes of signature tried when the user names none, in sheets (4 to 32 pages). */
const SIZES = [8, 7, 6, 5, 4, 3, 2, 1];

/**
 * A thick book as a stack of folded sections (signatures) of `sheets` sheets
 * each, bound one after another. Without a size, the one that needs the
 * fewest blank pages is chosen, the largest among equals.
 */
export function signatures(pageCount: number, options: ImposeOptions & { sheets?: number } = DEFAULT_IMPOSE): ImpositionPlan {
  const size = options.sheets ?? bestSignatureSize(pageCount);
  const book = padBeforeBackCover(pageCount, 4 * size, options.keepLast);
  const perSignature = 4 * size;
  const sheets = Array.from({ length: book.length / perSignature }, (_, s) =>
    foldedSection(book.slice(s * perSignature, (s + 1) * perSignature), s, options.thickness)).flat();
  return { scheme: 'signatures', columns: 2, rows: 1, sheets, folds: { x: [0.5], y: [] }, cuts: [], foldLines: false };
}

/** The signature size (in sheets) that needs the fewest blank pages, the largest among equals. */
export function bestSignatureSize(pageCount: number): number {
  const blanks = (size: number): number => Math.ceil(pageCount / (4 * size)) * 4 * size - pageCount;
  return SIZES.reduce((best, size) => (blanks(size) < blanks(best) ? size : best), SIZES[0]!);
}
