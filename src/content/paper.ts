import type { LengthUnit } from './units.js';

/**
 * The paper sizes a zine is printed on. Each is its own edition: pages are laid
 * out for that page size (reflowed, never scaled), then imposed two-up on a
 * landscape sheet.
 */
export interface Paper {
  /** Name used on the command line and in the config. */
  name: string;
  /** Suffix of the print file: `<slug>_print_black_and_white<suffix>.pdf`. */
  fileSuffix: string;
  /** Trimmed page of the folded booklet, in points. */
  page: { width: number; height: number };
  /** The sheet that goes through the printer, landscape, in points. */
  sheet: { width: number; height: number };
  /** The unit people using this paper measure in, for messages. */
  unit: LengthUnit;
}

const MM = 72 / 25.4;

export const PAPERS: Record<string, Paper> = {
  letter: {
    name: 'letter',
    fileSuffix: '',
    page: { width: 5.5 * 72, height: 8.5 * 72 },
    sheet: { width: 11 * 72, height: 8.5 * 72 },
    unit: 'in',
  },
  a4: {
    name: 'a4',
    fileSuffix: '_a4',
    page: { width: 148 * MM, height: 210 * MM },
    sheet: { width: 297 * MM, height: 210 * MM },
    unit: 'mm',
  },
};

/** The paper of that name; only PAPERS' own keys are papers ("constructor" is not). */
export function paperNamed(name: string): Paper | undefined {
  return Object.hasOwn(PAPERS, name) ? PAPERS[name] : undefined;
}

/** The edition whose pages make the screen PDF: half-letter, as CrimethInc publishes it. */
export const SCREEN_PAPER = 'letter';
