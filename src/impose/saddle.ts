import { DEFAULT_IMPOSE, foldedSection, padBeforeBackCover, type ImposeOptions, type ImpositionPlan } from './plan.js';

/**
 * One saddle-stitched booklet: all sheets nested inside each other, folded
 * once and stapled through the fold.
 */
export function saddleStitch(pageCount: number, options: ImposeOptions = DEFAULT_IMPOSE): ImpositionPlan {
  const booklet = padBeforeBackCover(pageCount, 4, options.keepLast);
  return {
    scheme: 'saddle',
    columns: 2,
    rows: 1,
    sheets: foldedSection(booklet, 0, options.thickness),
    folds: { x: [0.5], y: [] },
    cuts: [],
    foldLines: false,
  };
}
