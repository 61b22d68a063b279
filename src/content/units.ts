import { ZineError, type SourceRef } from '../errors.js';

export type LengthUnit = 'pt' | 'in' | 'mm' | 'cm';

const POINTS_PER: Record<LengthUnit, number> = { pt: 1, in: 72, mm: 72 / 25.4, cm: 72 / 2.54 };

/** A length from a config file: a number of points, or a string such as "12mm", "0.5in", "10pt". */
export function toPoints(value: unknown, what: string, where: SourceRef | undefined): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    const m = /^\s*(-?(?:\d+(?:\.\d+)?|\.\d+))\s*(pt|in|mm|cm)\s*$/.exec(value);
    if (m) return Number(m[1]) * POINTS_PER[m[2] as LengthUnit];
  }
  throw new ZineError(`${what} must be a length such as 12mm, 0.5in or 10pt, not ${JSON.stringify(value)}`, where);
}

/** Points written in `unit` for a message, to two decimals at most: 72 → "1in". */
export function inUnit(points: number, unit: LengthUnit): string {
  return `${Number((points / POINTS_PER[unit]).toFixed(2))}${unit}`;
}
