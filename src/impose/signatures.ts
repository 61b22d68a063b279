import { DEFAULT_IMPOSE, foldedSection, padBeforeBackCover, type ImposeOptions, type ImpositionPlan } from './plan.js';

/** Signatures as binders fold them, in sheets: 16 to 32 pages. */
const BINDER_SIZES = [8, 7, 6, 5, 4];
/** Smaller ones, for a book too thin for two of the binder's sizes. */
const THIN_SIZES = [3, 2];

/**
 * A thick book as a stack of folded sections (signatures) of `sheets` sheets
 * each, bound one after another. Without a size, one is chosen as
 * `bestSignatureSize` says.
 */
export function signatures(pageCount: number, options: ImposeOptions & { sheets?: number } = DEFAULT_IMPOSE): ImpositionPlan {
  const size = options.sheets ?? bestSignatureSize(pageCount);
  const book = padBeforeBackCover(pageCount, 4 * size, options.keepLast);
  const perSignature = 4 * size;
  const sheets = Array.from({ length: book.length / perSignature }, (_, s) =>
    foldedSection(book.slice(s * perSignature, (s + 1) * perSignature), s, options.thickness)).flat();
  return { scheme: 'signatures', columns: 2, rows: 1, sheets, folds: { x: [0.5], y: [] }, cuts: [], foldLines: false };
}

/**
 * The signature size (in sheets) for a book that names none: two
 * signatures at least (one would be a saddle-stitched booklet), of a size
 * binders fold (4 to 8 sheets; 2 or 3 for a book of under 32 pages), the
 * one that needs the fewest blank pages, the largest among equals.
 */
export function bestSignatureSize(pageCount: number): number {
  const thin = pageCount < 2 * 4 * Math.min(...BINDER_SIZES);
  const several = (size: number): boolean => Math.ceil(pageCount / (4 * size)) >= 2;
  const sizes = (thin ? [...BINDER_SIZES, ...THIN_SIZES] : BINDER_SIZES).filter(several);
  const blanks = (size: number): number => Math.ceil(pageCount / (4 * size)) * 4 * size - pageCount;
  // eight pages or fewer: signatures of one sheet
  return sizes.reduce((best, size) => (blanks(size) < blanks(best) ? size : best), sizes[0] ?? 1);
}
