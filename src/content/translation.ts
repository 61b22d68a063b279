import { splitFrontMatter } from './front-matter.js';
import type { SectionSource } from './sections.js';

/**
 * How translations keep track of their source. A translated section's front
 * matter says which version of the default locale's section it was made from
 * (`source:`, a short hash of that file) and whether it is finished
 * (`translated: false` while it is not).
 */
export type SectionState = 'translated' | 'untranslated' | 'missing' | 'outdated';

/** The state of a locale's version of a section of the default locale. */
export function sectionState(source: SectionSource, translation: SectionSource | undefined): SectionState {
  if (!translation) return 'missing';
  if (translation.meta.translated === false) return 'untranslated';
  const madeFrom = translation.meta.source;
  if (madeFrom !== undefined && String(madeFrom) !== source.version) return 'outdated';
  return 'translated';
}

/** Keys (dotted) of a strings object whose values are text. */
function stringKeys(strings: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(strings).flatMap(([key, value]) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? stringKeys(value as Record<string, unknown>, `${prefix}${key}.`)
      : [`${prefix}${key}`]);
}

/**
 * The default locale's string keys that a locale lacks. Plural forms count as
 * one key (`untranslated_one`, `untranslated_other` → `untranslated`), since
 * languages have different plural forms.
 */
export function missingStrings(defaults: Record<string, unknown>, strings: Record<string, unknown>): string[] {
  const base = (key: string): string => key.replace(/_(zero|one|two|few|many|other)$/, '');
  const have = new Set(stringKeys(strings).map(base));
  return [...new Set(stringKeys(defaults).map(base))].filter((k) => !have.has(k));
}

/**
 * Sets front matter keys of a section file's text (line feeds only), keeping
 * everything else as it is; adds a front matter block if there is none.
 * `file` is named if the front matter cannot be read.
 */
export function setFrontMatter(text: string, values: Record<string, string | boolean>, file: string): string {
  const split = splitFrontMatter(text, file);
  const block = split.yaml === undefined || split.yaml === '' ? [] : split.yaml.split('\n');
  for (const [key, value] of Object.entries(values)) {
    // strings quoted: a hash of digits alone would otherwise read back as a number
    const line = `${key}: ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`;
    const at = block.findIndex((l) => l.startsWith(`${key}:`));
    if (at >= 0) block[at] = line;
    else block.push(line);
  }
  return [split.yaml === undefined ? '---' : split.opening, ...block, '---', split.body].join('\n');
}
