import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import matter from 'gray-matter';
import { ZineError } from '../errors.js';
import { decodeText, MAX_TEXT_BYTES, readSourceBytes } from './source-files.js';
import { createHash } from 'node:crypto';

/** One Markdown file of `locales/<lng>/sections/`, not yet parsed. */
export interface SectionSource {
  /** File name without `.md`; sections are ordered by it. */
  id: string;
  file: string;
  /** Front matter: `title`, optional `lead`, and whatever templates use. */
  meta: Record<string, unknown>;
  title: string | undefined;
  body: string;
  /** File line on which `body` starts (after the front matter). */
  bodyLine: number;
  /** A short fingerprint of the file: changes whenever the file does (what translations record as their `source`). */
  version: string;
}

export function sectionsDir(projectDir: string, locale: string): string {
  return join(projectDir, 'locales', locale, 'sections');
}

/** The sections of a locale in file-name order; none if the folder is missing. */
export function loadSections(projectDir: string, locale: string): SectionSource[] {
  const dir = sectionsDir(projectDir, locale);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.md')).sort();
  } catch {
    return [];
  }
  return names.map((name) => readSection(join(dir, name), projectDir));
}

/** A section file of the project in `root`. */
export function readSection(file: string, root: string): SectionSource {
  const bytes = readSourceBytes(file, root, MAX_TEXT_BYTES, 'the section');
  const text = decodeText(bytes, file);
  let parsed: matter.GrayMatterFile<string>;
  try {
    // an empty options object keeps gray-matter from caching by content
    parsed = matter(text, {});
  } catch (e) {
    const mark = (e as { mark?: { line?: number } }).mark;
    const reason = (e as { reason?: string }).reason ?? (e instanceof Error ? e.message.split('\n')[0] : String(e));
    // the YAML text begins with the newline after the opening `---`, and js-yaml counts from 0
    const line = mark?.line === undefined ? undefined : mark.line + 1;
    throw new ZineError(`broken front matter: ${reason}`, line === undefined ? { file } : { file, line });
  }
  const meta = parsed.data as Record<string, unknown>;
  if (meta.title !== undefined && typeof meta.title !== 'string') {
    throw new ZineError('front matter "title" must be text', { file, line: 2 });
  }
  const bodyLine = text.slice(0, text.length - parsed.content.length).split('\n').length;
  return {
    id: basename(file, '.md'),
    file,
    meta,
    title: meta.title as string | undefined,
    body: parsed.content,
    bodyLine,
    version: createHash('sha256').update(bytes).digest('hex').slice(0, 12),
  };
}
