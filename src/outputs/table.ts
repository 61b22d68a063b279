import type { Scheme } from '../content/schemes.js';
import type { Ink } from '../render/pdf.js';

/** A finished file (a PDF, or the spec data), still in memory. */
export interface Output {
  path: string;
  locale: string;
  data: Uint8Array;
  /** PDF pages: booklet pages for a screen file, sheet sides for a print file; 0 for the spec. */
  pdfPages: number;
}

export type BuiltFile = Omit<Output, 'data'>;

/** The editions of a paper a file is drawn from: the booklet, or the one-page zine (an eighth of the sheet a page). */
export type EditionKind = 'booklet' | 'one-page zine';

/** A PDF a build writes for each locale. */
export interface OutputKind {
  /** The CrimethInc file name's variant: `<slug>_<variant>.pdf`. */
  variant: string;
  /**
   * Made from the screen paper's edition alone (half-letter, as CrimethInc
   * publishes it), or from each paper's, the paper's suffix (`_a4`) added to
   * the name: the print files.
   */
  papers: 'screen' | 'each';
  edition: EditionKind;
  /** Pages one by one, the reader's spreads, or the imposed sheets. */
  drawing: 'screen' | 'spreads' | 'sheets';
  ink: Ink;
  /** The schemes it is made for; every one when absent. */
  schemes?: readonly Scheme[];
  /** Made only where the pages carry colour, on the cover or inside. */
  onlyInColour?: true;
}

const BOOKLET_SCHEMES: readonly Scheme[] = ['saddle', 'signatures'];

/** What a build writes, in the order written, for every locale (the spec, `<slug>.json`, besides). */
export const OUTPUTS: readonly OutputKind[] = [
  { variant: 'screen_single_page_view', papers: 'screen', edition: 'booklet', drawing: 'screen', ink: 'colour' },
  { variant: 'screen_two_page_view', papers: 'screen', edition: 'booklet', drawing: 'spreads', ink: 'colour' },
  { variant: 'lite', papers: 'screen', edition: 'booklet', drawing: 'sheets', ink: 'lite' },
  { variant: 'print_black_and_white', papers: 'each', edition: 'booklet', drawing: 'sheets', ink: 'grey', schemes: BOOKLET_SCHEMES },
  { variant: 'print_color', papers: 'each', edition: 'booklet', drawing: 'sheets', ink: 'colour', schemes: BOOKLET_SCHEMES, onlyInColour: true },
  { variant: 'onepagezine_black_and_white', papers: 'each', edition: 'one-page zine', drawing: 'sheets', ink: 'grey', schemes: ['onepagezine'] },
  { variant: 'onepagezine_color', papers: 'each', edition: 'one-page zine', drawing: 'sheets', ink: 'colour', schemes: ['onepagezine'], onlyInColour: true },
];

/** The files made for a scheme. */
export function outputsFor(scheme: Scheme): OutputKind[] {
  return OUTPUTS.filter((o) => o.schemes === undefined || o.schemes.includes(scheme));
}

/** The edition the print files of a scheme hold: what the spec describes and the previews show. */
export function printedEdition(scheme: Scheme): EditionKind {
  return outputsFor(scheme).find((o) => o.papers === 'each')!.edition;
}
