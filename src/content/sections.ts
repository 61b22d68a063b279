import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createHash } from 'node:crypto';
import { ZineError, type SourceRef, type Warn } from '../errors.js';
import { markedLanguage } from '../lang/languages.js';
import { hasControls, stripControls } from './controls.js';
import { parseFrontMatter, splitFrontMatter } from './front-matter.js';
import { decodeText, MAX_LOCALE_CHARACTERS, MAX_TEXT_BYTES, readSourceBytes } from './source-files.js';
import type { Language } from '../lang/types.js';

/** One Markdown file of `locales/<lng>/sections/`, not yet parsed. */
export interface SectionSource {
  /** File name without `.md`; sections are ordered by it. */
  id: string;
  file: string;
  /** Front matter: `title`, optional `lead`, and whatever templates use. */
  meta: Record<string, unknown>;
  /** The file lines of front matter's keys written plainly (`title: …`). */
  metaLines: ReadonlyMap<string, number>;
  title: string | undefined;
  body: string;
  /** File line on which `body` starts (after the front matter). */
  bodyLine: number;
  /** The file's length in characters, front matter and body: what it brings to its locale's text (see textCounter). */
  characters: number;
  /** A short fingerprint of the file: changes whenever the file does (what translations record as their `source`). */
  version: string;
  /**
   * The language it is written in, where it is not its locale's: the one its
   * front matter marks (`lang: ar`); a section standing in from the default
   * locale is otherwise in that locale's.
   */
  language?: Language;
}

/** Whether a section has nothing to set: no title and no text (an empty file, a translator's placeholder). */
export function isEmptySection(section: SectionSource): boolean {
  return (section.title ?? '').trim() === '' && section.body.trim() === '';
}

export function sectionsDir(projectDir: string, locale: string): string {
  return join(projectDir, 'locales', locale, 'sections');
}

/**
 * The sections of a locale in file-name order; none if the folder is missing.
 * `warn` hears of characters removed from front matter (the body's are
 * removed when it is parsed).
 */
export function loadSections(projectDir: string, locale: string, warn: Warn = () => {}): SectionSource[] {
  const dir = sectionsDir(projectDir, locale);
  let names: string[];
  try {
    // names only: whether each is a readable file is for readSection to say, naming it
    names = readdirSync(dir).filter((n) => n.endsWith('.md')).sort();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw new ZineError(`the sections folder cannot be read (${code ?? String(e)})`, { file: dir });
  }
  // each counted as it is read: a thousand sections of megabytes are refused at the first too many, not read whole
  const count = textCounter(locale);
  return names.map((name) => count(readSection(join(dir, name), projectDir, warn)));
}

/**
 * Counts the text of a locale's sections as they come, refusing the one
 * that brings them past MAX_LOCALE_CHARACTERS, named.
 */
export function textCounter(locale: string): (section: SectionSource) => SectionSource {
  let characters = 0;
  return (section) => {
    characters += section.characters;
    if (characters > MAX_LOCALE_CHARACTERS) {
      throw new ZineError(
        `the sections of ${locale} come to more than ${MAX_LOCALE_CHARACTERS.toLocaleString('en')} characters with this one, more than a build sets (a book of some 1,300 pages): make volumes of it`,
        { file: section.file },
      );
    }
    return section;
  };
}

/** A section file of the project in `root`. */
export function readSection(file: string, root: string, warn: Warn = () => {}): SectionSource {
  // a section's name is printed (its notes' heading when notes are gathered at the end): refused rather than stripped, since it names the file
  if (hasControls(basename(file))) throw new ZineError('the file name holds control characters or bidi overrides: rename the file', { file });
  const bytes = readSourceBytes(file, root, MAX_TEXT_BYTES, 'the section');
  const text = decodeText(bytes, file);
  const split = splitFrontMatter(text, file);
  const lines = keyLines(split.yaml ?? '');
  const meta = split.yaml === undefined ? {} : cleanMeta(split.yaml, lines, file, warn);
  if (meta.title !== undefined && typeof meta.title !== 'string') {
    // YAML reads `title: 1984` as a number, `title: true` as true and `title: 2024-01-01` as a date: as typed, in quotes, it is text
    const line = lines.get('title');
    const typed = line === undefined ? undefined : PLAIN_VALUE.exec(split.yaml!.split('\n')[line - 2]!)?.[1];
    const scalar = meta.title instanceof Date || (meta.title !== null && typeof meta.title !== 'object');
    const hint = scalar && typed !== undefined ? `: put it in quotes, title: "${typed}"` : '';
    throw new ZineError(`front matter "title" must be text${hint}`, { file, line: line ?? 1 });
  }
  // `translated: no` is YAML 1.2's text "no": read as done, it would set the copy as the translation
  if (meta.translated !== undefined && typeof meta.translated !== 'boolean') {
    throw new ZineError(`front matter "translated" must be true or false, not ${JSON.stringify(meta.translated)}`, { file, line: lines.get('translated') ?? 1 });
  }
  const language = sectionLanguage(meta.lang, { file, line: lines.get('lang') ?? 1 }, warn);
  return {
    id: basename(file, '.md'),
    file,
    meta,
    metaLines: lines,
    title: meta.title,
    body: split.body,
    bodyLine: split.bodyLine,
    characters: text.length,
    version: createHash('sha256').update(bytes).digest('hex').slice(0, 12),
    ...(language && { language }),
  };
}

/** The language front matter's `lang` marks the whole section as written in, title and lead included. */
function sectionLanguage(lang: unknown, where: SourceRef, warn: Warn): Language | undefined {
  if (lang === undefined) return undefined;
  if (typeof lang !== 'string') throw new ZineError('front matter "lang" must be a language tag such as ar, fa or pt-BR', where);
  return markedLanguage(lang, where, warn);
}

/**
 * Front matter without control characters: those typed into the YAML are
 * removed before it is read, naming their line; those written as escapes
 * (`"\e"`, `"\u202E"`) from the values, naming the line of their key.
 */
function cleanMeta(yaml: string, lines: Map<string, number>, file: string, warn: Warn): Record<string, unknown> {
  const meta = parseFrontMatter(stripControls(yaml, { file, line: 2 }, warn), file);
  if (expandedSize(meta, new Map()) > MAX_META_VALUES) {
    throw new ZineError(`front matter holds more than ${MAX_META_VALUES} values once its aliases are expanded: refused`, { file, line: 2 });
  }
  for (const [key, value] of Object.entries(meta)) {
    const where = { file, line: lines.get(key) ?? 1 };
    meta[key] = stripValue(value, (text) => stripControls(text, where, warn, `front matter "${key}"`), new Set());
  }
  return meta;
}

/**
 * More than front matter needs. YAML aliases share parts, so a few lines can
 * stand for billions of values, which a template printing one of them (an
 * array joined into text) would expand in memory.
 */
const MAX_META_VALUES = 10_000;

/** How many values `value` stands for with its aliases expanded, each shared part counted once per use (and sized once). */
function expandedSize(value: unknown, sizes: Map<object, number>): number {
  if (value === null || typeof value !== 'object') return 1;
  let size = sizes.get(value);
  if (size === undefined) {
    // a part that holds itself (`&a [*a]`) stands for endlessly many
    sizes.set(value, Infinity);
    size = 1;
    for (const child of Object.values(value)) size += expandedSize(child, sizes);
    sizes.set(value, size);
  }
  return size;
}

/** `value` with `strip` applied to each text in it, in place; YAML aliases can share parts, which are visited once. */
function stripValue(value: unknown, strip: (text: string) => string, seen: Set<object>): unknown {
  if (typeof value === 'string') return strip(value);
  if (value === null || typeof value !== 'object' || seen.has(value)) return value;
  seen.add(value);
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) record[key] = stripValue(record[key], strip, seen);
  return value;
}

/** A key's value written plainly on its line (`title: 1984`), not quoted, a list or a block. */
const PLAIN_VALUE = /^[^:]*:\s*([^\s#'"[{|>&*!][^#]*?)\s*(?:#.*)?$/;

/** The file lines of front matter's top-level keys written plainly (`title: …`), the YAML starting on line 2. */
function keyLines(yaml: string): Map<string, number> {
  const lines = new Map<string, number>();
  yaml.split('\n').forEach((l, i) => {
    const key = /^([^\s#'"][^:]*):/.exec(l)?.[1];
    if (key !== undefined && !lines.has(key)) lines.set(key, i + 2);
  });
  return lines;
}
