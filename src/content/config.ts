import { join } from 'node:path';
import { ZineError } from '../errors.js';
import { dayOf } from './dates.js';
import { PAPERS } from './paper.js';
import { SCHEMES, type Scheme } from '../impose/schemes.js';
import { expectBoolean, expectNumber, expectObject, expectString, expectStringArray, oneOf, readJsonFile } from './json.js';
import { toPoints } from './units.js';

/** `zine.json`: what the zine is and which editions to make. */
export interface ZineConfig {
  /** File-name stem of every output: `<slug>_screen_single_page_view.pdf`. */
  slug: string;
  /** The locale translations are made from, and fall back to. */
  defaultLocale: string;
  /** Locales to build; by default every folder under `locales/`. */
  locales?: string[];
  /** Editions to build, by paper name (`letter`, `a4`). */
  papers: string[];
  /** Publication date (YYYY-MM-DD); also the PDFs' creation date, so builds repeat byte for byte. */
  date?: string;
  /** Image (PNG or JPEG, in the project) set full-bleed under the cover's type. */
  coverImage?: string;
  /** Where notes are gathered: at the end of each section, or at the end of the zine. */
  notes: 'section' | 'end';
  /** How printed links show their addresses: as numbered notes, or listed at the end of the section. */
  links: 'notes' | 'list';
  /** How the print files are imposed and finished. */
  print: PrintSettings;
}

/** `print` in zine.json; every one can be given on the command line too. */
export interface PrintSettings {
  scheme: Scheme;
  /** Sheets per signature for the `signatures` scheme; chosen to need the fewest blanks when absent. */
  signatureSheets?: number;
  /** Pages that stay last after blank pages are added (the back cover: 1). */
  keepLast: number;
  /** Paper thickness in points, for creep; 0 for none. */
  paperThickness: number;
  /** How far backgrounds run past the trim, in points. */
  bleed: number;
  /** Crop and fold marks outside the trim. */
  marks: boolean;
  /** How the printer turns a sheet for its back. */
  duplex: 'short' | 'long';
  /** Binding edge; by default the locale's: right for right-to-left languages. */
  binding?: 'left' | 'right';
}

const PRINT_KEYS = ['scheme', 'signatureSheets', 'keepLast', 'paperThickness', 'bleed', 'marks', 'duplex', 'binding'] as const;

/** Reads print settings (from zine.json or the command line) over the defaults. */
export function readPrintSettings(raw: Record<string, unknown>, base: PrintSettings, where: string): PrintSettings {
  const settings: PrintSettings = { ...base };
  const at = { file: where };
  if (raw.scheme !== undefined) settings.scheme = oneOf(raw.scheme, SCHEMES, 'print.scheme', where);
  if (raw.signatureSheets !== undefined) {
    const n = expectNumber(raw.signatureSheets, 'print.signatureSheets', where);
    if (!Number.isInteger(n) || n < 1 || n > 16) throw new ZineError('print.signatureSheets must be a whole number from 1 to 16', at);
    settings.signatureSheets = n;
  }
  if (raw.keepLast !== undefined) {
    const n = expectNumber(raw.keepLast, 'print.keepLast', where);
    if (!Number.isInteger(n) || n < 0) throw new ZineError('print.keepLast must be a whole number, 0 or more', at);
    settings.keepLast = n;
  }
  if (raw.paperThickness !== undefined) settings.paperThickness = nonNegative(toPoints(raw.paperThickness, 'print.paperThickness', at), 'print.paperThickness', where);
  if (raw.bleed !== undefined) settings.bleed = nonNegative(toPoints(raw.bleed, 'print.bleed', at), 'print.bleed', where);
  if (raw.marks !== undefined) settings.marks = expectBoolean(raw.marks, 'print.marks', where);
  if (raw.duplex !== undefined) settings.duplex = oneOf(raw.duplex, ['short', 'long'] as const, 'print.duplex', where);
  if (raw.binding !== undefined) settings.binding = oneOf(raw.binding, ['left', 'right'] as const, 'print.binding', where);
  return settings;
}

function nonNegative(value: number, path: string, file: string): number {
  if (value < 0) throw new ZineError(`${path} cannot be negative`, { file });
  return value;
}

const DEFAULT_PRINT: PrintSettings = { scheme: 'saddle', keepLast: 1, paperThickness: 0, bleed: 0, marks: false, duplex: 'short' };

export const CONFIG_FILE = 'zine.json';
const KEYS = ['slug', 'defaultLocale', 'locales', 'papers', 'date', 'coverImage', 'notes', 'links', 'print'] as const;

export function loadConfig(projectDir: string): ZineConfig {
  const file = join(projectDir, CONFIG_FILE);
  const raw = expectObject(readJsonFile(file, projectDir), '', file, KEYS);
  const slug = expectString(raw.slug, 'slug', file);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(slug)) {
    throw new ZineError(`slug "${slug}" must be lowercase letters, digits and hyphens`, { file });
  }
  const papers = raw.papers === undefined ? Object.keys(PAPERS) : expectStringArray(raw.papers, 'papers', file);
  for (const p of papers) {
    if (!PAPERS[p]) throw new ZineError(`unknown paper "${p}" (known: ${Object.keys(PAPERS).join(', ')})`, { file });
  }
  const config: ZineConfig = {
    slug,
    defaultLocale: expectString(raw.defaultLocale, 'defaultLocale', file),
    papers,
    notes: raw.notes === undefined ? 'section' : oneOf(raw.notes, ['section', 'end'] as const, 'notes', file),
    links: raw.links === undefined ? 'notes' : oneOf(raw.links, ['notes', 'list'] as const, 'links', file),
    print: raw.print === undefined ? DEFAULT_PRINT : readPrintSettings(expectObject(raw.print, 'print', file, PRINT_KEYS), DEFAULT_PRINT, file),
  };
  if (raw.coverImage !== undefined) config.coverImage = expectString(raw.coverImage, 'coverImage', file);
  if (raw.locales !== undefined) config.locales = expectStringArray(raw.locales, 'locales', file);
  if (raw.date !== undefined) {
    const date = expectString(raw.date, 'date', file);
    if (!dayOf(date)) throw new ZineError(`date must be a day of the calendar written YYYY-MM-DD, not "${date}"`, { file });
    config.date = date;
  }
  return config;
}
