import type { ImpositionPlan } from './plan.js';

/** A line printed on a sheet, in points from the top-left corner of the printed sheet. */
export interface MarkLine {
  /** `fold` marks sit outside the trim; a `foldLine` runs across the sheet, where a plan says to print its folds. */
  kind: 'crop' | 'fold' | 'foldLine' | 'cut';
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
 * outside the trim; cut lines (the slit of a mini zine) run inside it, and
 * so do the folds of a plan that prints them (whether marks are asked for or not).
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
  if (plan.foldLines) {
    // each fold across the trim, but not over a cut along it: the cut line alone says what to cut
    for (const fx of plan.folds.x) {
      const cuts = plan.cuts.filter((c) => c.x1 === fx && c.x2 === fx).map((c) => [c.y1, c.y2] as const);
      for (const [a, b] of uncut(cuts)) lines.push({ kind: 'foldLine', x1: left + fx * trim.width, y1: top + a * trim.height, x2: left + fx * trim.width, y2: top + b * trim.height });
    }
    for (const fy of plan.folds.y) {
      const cuts = plan.cuts.filter((c) => c.y1 === fy && c.y2 === fy).map((c) => [c.x1, c.x2] as const);
      for (const [a, b] of uncut(cuts)) lines.push({ kind: 'foldLine', x1: left + a * trim.width, y1: top + fy * trim.height, x2: left + b * trim.width, y2: top + fy * trim.height });
    }
  }
  for (const c of plan.cuts) {
    lines.push({ kind: 'cut', x1: left + c.x1 * trim.width, y1: top + c.y1 * trim.height, x2: left + c.x2 * trim.width, y2: top + c.y2 * trim.height });
  }
  return lines;
}

/** The parts of a line from 0 to 1 (a fraction of the sheet) that no cut along it covers. */
function uncut(cuts: readonly (readonly [number, number])[]): [number, number][] {
  const parts: [number, number][] = [];
  let from = 0;
  for (const [a, b] of cuts.map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const).sort((p, q) => p[0] - q[0])) {
    if (a > from) parts.push([from, a]);
    from = Math.max(from, b);
  }
  if (from < 1) parts.push([from, 1]);
  return parts;
}
