import { ZineError } from '../errors.js';
import { DEFAULT_IMPOSE, padBeforeBackCover, type ImposeOptions, type ImpositionPlan, type Placement } from './plan.js';

/**
 * The classic eight-page mini zine from one sheet printed on one side: eight
 * cells in two rows, the top row upside down. Folded in half lengthwise, cut
 * along the middle of that fold, pushed together and folded, it gives
 * pages 1–8 in order:
 *
 *     top (upside down):  5 4 3 2
 *     bottom:             6 7 8 1
 */
export function onePageZine(pageCount: number, options: ImposeOptions = DEFAULT_IMPOSE): ImpositionPlan {
  if (pageCount > 8) throw new ZineError(`a one-sheet mini zine holds 8 pages; this edition has ${pageCount}`);
  const pages = padBeforeBackCover(pageCount, 8, options.keepLast);
  const cell = (page: number, column: number, row: number): Placement => ({
    page: pages[page - 1]!, column, row, rotated: row === 0, creep: 0,
  });
  return {
    scheme: 'onepagezine',
    columns: 4,
    rows: 2,
    sheets: [{
      front: [cell(5, 0, 0), cell(4, 1, 0), cell(3, 2, 0), cell(2, 3, 0), cell(6, 0, 1), cell(7, 1, 1), cell(8, 2, 1), cell(1, 3, 1)],
      back: [],
      signature: 0,
    }],
    folds: { x: [0.25, 0.5, 0.75], y: [0.5] },
    cuts: [{ x1: 0.25, y1: 0.5, x2: 0.75, y2: 0.5 }],
    foldLines: true,
  };
}
