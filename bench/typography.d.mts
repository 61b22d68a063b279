/** The share of a PDF's lines (of four words or more) ending in a hyphen, the longest run of them, and paragraphs ending on a scrap; `halves`: two pages to a sheet. */
export function typography(file: string, halves?: boolean): Promise<{ lines: number; hyphenated: number; longest: number; scraps: number }>;
/** How evenly the spaces of justified lines are set: the variation of the gaps between words, and lines with a gap over three quarters of their height. */
export function spacing(file: string): { lines: number; variation: number; loose: number };
