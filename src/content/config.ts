import { join } from 'node:path';
import { ZineError } from '../errors.js';
import { dayOf } from './dates.js';
import { PAPERS, paperNamed } from './paper.js';
import { inRange, lengthInRange, RANGES } from './ranges.js';
import { SCHEMES, type Scheme } from './schemes.js';
import { expectBoolean, expectObject, expectString, expectStringArray, oneOf, readJsonFile } from './json.js';

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
type PrintKey = (typeof PRINT_KEYS)[number];

/** The command-line option of each print setting. */
const OPTIONS: Record<PrintKey, string> = {
  scheme: '--scheme', signatureSheets: '--signature-sheets', keepLast: '--keep-last', paperThickness: '--creep',
  bleed: '--bleed', marks: '--marks', duplex: '--duplex', binding: '--binding',
};

/**
 * Reads print settings over `base`: from `file` (zine.json), or with no file
 * from the command line, whose messages name the option, not the key.
 */
export function readPrintSettings(raw: Record<string, unknown>, base: PrintSettings, file?: string): PrintSettings {
  const settings: PrintSettings = { ...base };
  const at = file === undefined ? undefined : { file };
  const name = (key: PrintKey): string => (file === undefined ? OPTIONS[key] : `print.${key}`);
  const length = (key: 'paperThickness' | 'bleed'): number => lengthInRange(raw[key], RANGES[key], name(key), at);
  if (raw.scheme !== undefined) settings.scheme = oneOf(raw.scheme, SCHEMES, name('scheme'), file);
  if (raw.signatureSheets !== undefined) settings.signatureSheets = inRange(raw.signatureSheets, RANGES.signatureSheets, name('signatureSheets'), at);
  if (raw.keepLast !== undefined) settings.keepLast = inRange(raw.keepLast, RANGES.keepLast, name('keepLast'), at);
  if (raw.paperThickness !== undefined) settings.paperThickness = length('paperThickness');
  if (raw.bleed !== undefined) settings.bleed = length('bleed');
  if (raw.marks !== undefined) settings.marks = expectBoolean(raw.marks, name('marks'), file);
  if (raw.duplex !== undefined) settings.duplex = oneOf(raw.duplex, ['short', 'long'] as const, name('duplex'), file);
  if (raw.binding !== undefined) settings.binding = oneOf(raw.binding, ['left', 'right'] as const, name('binding'), file);
  return settings;
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
  const known = Object.keys(PAPERS).join(', ');
  // a paper or locale named twice is built once: two outputs of one name would be written over each other
  const papers = raw.papers === undefined ? Object.keys(PAPERS) : [...new Set(expectStringArray(raw.papers, 'papers', file))];
  if (papers.length === 0) throw new ZineError(`papers must name at least one paper (known: ${known})`, { file });
  for (const p of papers) {
    if (!paperNamed(p)) throw new ZineError(`unknown paper "${p}" (known: ${known})`, { file });
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
  if (raw.locales !== undefined) config.locales = [...new Set(expectStringArray(raw.locales, 'locales', file))];
  if (raw.date !== undefined) {
    const date = expectString(raw.date, 'date', file);
    if (!dayOf(date)) throw new ZineError(`date must be a day of the calendar written YYYY-MM-DD, not "${date}"`, { file });
    config.date = date;
  }
  return config;
}
