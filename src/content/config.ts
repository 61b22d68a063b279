import { join } from 'node:path';
import { ZineError } from '../errors.js';
import { PAPERS } from './paper.js';
import { expectObject, expectString, expectStringArray, oneOf, readJsonFile } from './json.js';

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
}

export const CONFIG_FILE = 'zine.json';
const KEYS = ['slug', 'defaultLocale', 'locales', 'papers', 'date', 'coverImage', 'notes', 'links'] as const;

export function loadConfig(projectDir: string): ZineConfig {
  const file = join(projectDir, CONFIG_FILE);
  const raw = expectObject(readJsonFile(file), '', file, KEYS);
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
  };
  if (raw.coverImage !== undefined) config.coverImage = expectString(raw.coverImage, 'coverImage', file);
  if (raw.locales !== undefined) config.locales = expectStringArray(raw.locales, 'locales', file);
  if (raw.date !== undefined) {
    const date = expectString(raw.date, 'date', file);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) {
      throw new ZineError(`date must be written YYYY-MM-DD, not "${date}"`, { file });
    }
    config.date = date;
  }
  return config;
}
