import type { ImpositionPlan } from './plan.js';

/** A line printed on a sheet, in points from the top-left corner of the printed sheet. */
export interface MarkLine {
  kind: 'crop' | 'fold' | 'cut';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Printers' conventions: crop and fold marks 6 mm long, 3 mm clear of the trim (or the bleed). */
const MM = 72 / 25.4;
const MARK_LENGTH = 6 * MM;
const MARK_OFFSET = 3 * MM;

/** Room needed around the trimmed sheet for the bleed and the marks. */
export function markMargin(bleed: number, marks: boolean): number {
  return marks ? bleed + MARK_OFFSET + MARK_LENGTH : bleed;
}

/**
 * The marks of a sheet whose trimmed area is `trim` (the sheet as folded),
 * placed `margin` in from the printed sheet's edges. Crop marks sit at the
 * corners outside the trim and bleed; fold marks continue each fold line
 * outside the trim; cut lines (the slit of a mini zine) run inside it.
 */
export function sheetMarks(
  plan: ImpositionPlan, trim: { width: number; height: number }, margin: number, bleed: number, marks: boolean,
): MarkLine[] {
  const lines: MarkLine[] = [];
  const [left, top, right, bottom] = [margin, margin, margin + trim.width, margin + trim.height];
  const gap = bleed + MARK_OFFSET;
  if (marks) {
    for (const x of [left, right]) {
      for (const y of [top, bottom]) {
        const out = { x: x === left ? -1 : 1, y: y === top ? -1 : 1 };
        lines.push({ kind: 'crop', x1: x + out.x * gap, y1: y, x2: x + out.x * (gap + MARK_LENGTH), y2: y });
        lines.push({ kind: 'crop', x1: x, y1: y + out.y * gap, x2: x, y2: y + out.y * (gap + MARK_LENGTH) });
      }
    }
    for (const fx of plan.folds.x) {
      const x = left + fx * trim.width;
      lines.push({ kind: 'fold', x1: x, y1: top - gap, x2: x, y2: top - gap - MARK_LENGTH });
      lines.push({ kind: 'fold', x1: x, y1: bottom + gap, x2: x, y2: bottom + gap + MARK_LENGTH });
    }
    for (const fy of plan.folds.y) {
      const y = top + fy * trim.height;
      lines.push({ kind: 'fold', x1: left - gap, y1: y, x2: left - gap - MARK_LENGTH, y2: y });
      lines.push({ kind: 'fold', x1: right + gap, y1: y, x2: right + gap + MARK_LENGTH, y2: y });
    }
  }
  for (const c of plan.cuts) {
    lines.push({ kind: 'cut', x1: left + c.x1 * trim.width, y1: top + c.y1 * trim.height, x2: left + c.x2 * trim.width, y2: top + c.y2 * trim.height });
  }
  return lines;
}
