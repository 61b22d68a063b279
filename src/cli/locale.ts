import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { ZineError } from '../errors.js';
import { makeFolderWhole, refuseLinksOut, writeTogether, type FileToWrite } from '../files.js';
import type { Project } from '../content/project.js';
import { loadSections, sectionsDir } from '../content/sections.js';
import { decodeText, MAX_TEXT_BYTES, readSourceBytes } from '../content/source-files.js';
import { readStrings, stringsFile } from '../content/strings.js';
import { setFrontMatter, withLanguageForms } from '../content/translation.js';
import { mistakenLanguage } from '../lang/languages.js';
import { languageTag, localeTagProblem } from '../lang/locale-tag.js';

/**
 * `zine locale add`: a new locale folder holding copies of the default
 * locale's strings and sections, each section marked as not yet translated
 * and recording the version of the source it was copied from. Everything is
 * read and prepared first, then written whole or not at all (see
 * makeFolderWhole): a failure leaves no half-made locale.
 */
export function addLocale(project: Project, locale: string): string[] {
  const problem = localeTagProblem(locale) ?? mistakenLanguage(locale);
  if (problem) throw new ZineError(problem);
  const dir = join(project.dir, 'locales', locale);
  if (existsSync(dir)) throw new ZineError(`locale ${locale} exists already`, { file: dir });
  // tags are the same in any case, and a locale is chosen in any case (--locale KK)
  const same = project.allLocales.find((l) => l.toLowerCase() === locale.toLowerCase());
  if (same !== undefined) throw new ZineError(`locale ${locale} exists already, as ${same}`, { file: join(project.dir, 'locales', same) });
  const from = project.config.defaultLocale;
  const strings = readSourceBytes(stringsFile(project.dir, from), project.dir, MAX_TEXT_BYTES, 'the strings file');
  // with every plural form the language takes, each to translate (the file as it is where none is wanting)
  const defaults = readStrings(project.dir, from);
  const formed = withLanguageForms(defaults, languageTag(locale));
  const files: FileToWrite[] = [
    { path: stringsFile(project.dir, locale), data: JSON.stringify(formed) === JSON.stringify(defaults) ? strings : `${JSON.stringify(formed, null, 2)}\n` },
  ];
  for (const section of loadSections(project.dir, from)) {
    files.push({
      path: join(sectionsDir(project.dir, locale), `${section.id}.md`),
      data: withFrontMatter(section.file, project.dir, { translated: false, source: section.version }),
    });
  }
  refuseLinksOut([dir], project.dir);
  try {
    makeFolderWhole(dir, (building) => {
      for (const file of files) {
        const path = join(building, relative(dir, file.path));
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, file.data);
      }
    });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ZineError(`the locale folder cannot be written (${code ?? String(e)})`, { file: dir });
  }
  return files.map((f) => f.path);
}

/**
 * `zine locale done`: marks sections of a locale as translated from the
 * current version of their source; the files change together or not at all.
 */
export function markTranslated(project: Project, locale: string, ids: string[]): string[] {
  const sources = new Map(loadSections(project.dir, project.config.defaultLocale).map((s) => [s.id, s]));
  const translations = new Map(loadSections(project.dir, locale).map((s) => [s.id, s]));
  const chosen = ids.length > 0 ? ids.map((id) => id.replace(/\.md$/, '')) : [...translations.keys()];
  const files = chosen.map((id): FileToWrite => {
    const translation = translations.get(id);
    if (!translation) throw new ZineError(`no section ${id} in locale ${locale}`, { file: sectionsDir(project.dir, locale) });
    const source = sources.get(id);
    const values: Record<string, string | boolean> = { translated: true };
    if (source) values.source = source.version;
    return { path: translation.file, data: withFrontMatter(translation.file, project.dir, values) };
  });
  refuseLinksOut(files.map((f) => f.path), project.dir);
  writeTogether(files);
  return files.map((f) => f.path);
}

/** Byte sequences of CRLF in UTF-8, UTF-16LE and UTF-16BE, the encodings section files are read in. */
const CRLF = ['\r\n', '\r\0\n\0', '\0\r\0\n'].map((s) => Buffer.from(s, 'latin1'));

/**
 * A section file's text with front matter values set: read as the build reads
 * it (any encoding it accepts, line endings normalised), written back as UTF-8
 * with the file's own line endings, so that an editor on Windows still finds
 * CRLF where it left it.
 */
function withFrontMatter(file: string, root: string, values: Record<string, string | boolean>): string {
  const bytes = readSourceBytes(file, root, MAX_TEXT_BYTES, 'the section');
  const text = setFrontMatter(decodeText(bytes, file), values, file);
  return CRLF.some((crlf) => bytes.includes(crlf)) ? text.replace(/\n/g, '\r\n') : text;
}
