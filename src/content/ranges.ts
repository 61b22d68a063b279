import { ZineError, type SourceRef } from '../errors.js';
import { inUnit, toPoints, type LengthUnit } from './units.js';

/** The span a number of theme.json or zine.json may take; lengths in points. */
export interface Range {
  min: number;
  max: number;
  /** How messages write the bounds and the value: a length's unit, or none for a count. */
  unit?: LengthUnit;
  /** Counts (sheets, pages) are whole numbers. */
  whole?: boolean;
}

const IN = 72;
const MM = 72 / 25.4;

/**
 * What a typographer would accept, each setting's bounds in one place. Every
 * number is checked against these where it is read; theme.ts adds the checks
 * that depend on the paper (a measure, a text frame).
 */
export const RANGES = {
  /** Type size: below 2 pt nothing prints legibly; 4 in is a poster's letter. */
  size: { min: 2, max: 4 * IN, unit: 'pt' },
  /** Leading as a multiple of the size: tighter lines overprint, looser ones are no longer one paragraph. */
  leadingPerSize: { min: 0.75, max: 4 },
  /**
   * How much larger (or smaller) a script's letters are set than the style's
   * size (`scriptSizes`): a fifth either way evens out two faces' proportions;
   * more would set one script at another size, not match it to the other.
   */
  scriptSize: { min: 0.8, max: 1.25 },
  /** A paragraph's left indent and its first line's. */
  indent: { min: 0, max: 2 * IN, unit: 'pt' },
  spaceBeforeAfter: { min: 0, max: 4 * IN, unit: 'pt' },
  /** Each page margin; what they leave for text is checked against `textFrame`. */
  margin: { min: 0, max: Infinity, unit: 'pt' },
  /**
   * The least width and height margins may leave for text on a booklet page:
   * a mini zine's page is half as large, and needs an inch.
   */
  textFrame: { min: 2 * IN, max: Infinity, unit: 'in' },
  /** Bleed: printers ask for 3 mm to 1/8 in; past an inch it only makes the sheet larger. */
  bleed: { min: 0, max: 1 * IN, unit: 'in' },
  /** Paper thickness for creep: office paper is about 0.1 mm, heavy card 0.4 mm. */
  paperThickness: { min: 0, max: 1 * MM, unit: 'mm' },
  keepLast: { min: 0, max: 100, whole: true },
  /** Hyphenated lines in a row: 0 hyphenates no line twice running … 10 is no limit a reader would notice. */
  hyphenLimit: { min: 0, max: 10, whole: true },
  /** Letters of a broken word left for a paragraph's last line. */
  shortestFragment: { min: 1, max: 20, whole: true },
  signatureSheets: { min: 1, max: 16, whole: true },
} as const satisfies Record<string, Range>;

/** A line must hold this many ems of its style's size after the style's indents: a letter and a hyphen. */
export const MIN_LINE_EMS = 2;
/** A list or note number hangs left of its paragraph, in the indent and the margin: "100." and a gap of half an em. */
export const HANGING_NUMBER_EMS = 2.5;
/** The largest share of a measure a style's indents (left and first line together) may take. */
export const MAX_INDENT_SHARE = 0.5;

/** Lengths computed from lengths in other units (25.4mm against 1in) may differ in the last bits. */
const TOLERANCE = 1e-6;

/** `value` if it lies in `range`, else an error naming `path`, the range and `why` it is so. */
export function inRange(value: unknown, range: Range, path: string, where: SourceRef | undefined, why?: string): number {
  if (fits(value, range)) return value;
  throw outOfRange(path, range, why, shown(value, range.unit), where);
}

/** A length (points, or a string such as "3mm") in `range`; a message shows it as it was written. */
export function lengthInRange(written: unknown, range: Range, path: string, where: SourceRef | undefined, why?: string): number {
  const points = toPoints(written, path, where);
  if (fits(points, range)) return points;
  throw outOfRange(path, range, why, typeof written === 'string' ? written.trim() : shown(points, 'pt'), where);
}

function fits(value: unknown, range: Range): value is number {
  return typeof value === 'number' && value >= range.min - TOLERANCE && value <= range.max + TOLERANCE
    && (!range.whole || Number.isInteger(value));
}

function outOfRange(path: string, range: Range, why: string | undefined, value: string, where: SourceRef | undefined): ZineError {
  return new ZineError(`${path} must be ${rangeText(range)}${why ? ` (${why})` : ''}, not ${value}`, where);
}

/** "from 0 to 1in", "a whole number from 1 to 16", "0 or more", "at most 3.5in". */
export function rangeText(range: Range): string {
  const number = range.whole ? 'a whole number ' : '';
  const bound = (value: number): string => shown(value, value === 0 ? undefined : range.unit);
  if (range.max === Infinity) return `${number}${bound(range.min)} or more`;
  if (range.min === -Infinity) return `${number}at most ${bound(range.max)}`;
  return `${number}from ${bound(range.min)} to ${bound(range.max)}`;
}

/** A number as a message writes it: a length in its unit, anything else as JSON would. */
export function shown(value: unknown, unit?: LengthUnit): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return typeof value === 'number' ? String(value) : JSON.stringify(value);
  return unit ? inUnit(value, unit) : String(value);
}
