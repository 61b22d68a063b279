import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { TOOL_ROOT } from '../paths.js';
import type { Language } from './languages.js';
import { liangHyphenator, type Hyphenator } from './liang.js';

const require = createRequire(import.meta.url);
const cache = new Map<string, Hyphenator>();

/** The hyphenator of a language, loaded once per process; none for a language without patterns. */
export function hyphenatorFor(language: Language | undefined): Hyphenator | undefined {
  const source = language?.hyphenation;
  if (!language || !source) return undefined;
  let h = cache.get(language.code);
  if (!h) {
    h = memoised('package' in source ? fromHyphenPackage(source.package, source.leftMin, source.rightMin)
      : fromPatternFile(source.patternFile, source.leftMin, source.rightMin));
    cache.set(language.code, h);
  }
  return h;
}

/** Words recur; each is hyphenated once. */
function memoised(h: Hyphenator): Hyphenator {
  const known = new Map<string, number[]>();
  return (word) => {
    let breaks = known.get(word);
    if (!breaks) {
      breaks = h(word);
      known.set(word, breaks);
    }
    return breaks;
  };
}

function fromPatternFile(file: string, leftMin: number, rightMin: number): Hyphenator {
  const text = readFileSync(join(TOOL_ROOT, 'data', 'hyphenation', file), 'utf8');
  const patterns = text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('%'));
  return liangHyphenator(patterns, leftMin, rightMin);
}

/**
 * The `hyphen` package keeps each language's TeX patterns packed: a table of
 * priority lists, a trie of the patterns' letters whose entries name a list,
 * and the exceptions with their hyphens' places.
 */
type PackedPatterns = [levels: number[][], trie: PackedTrie, exceptions: Record<string, number[]>];
interface PackedTrie {
  [ch: string]: number | PackedTrie | [PackedTrie, number];
}

/** The `hyphen` package's TeX patterns, unpacked into Liang's own notation. */
function fromHyphenPackage(name: string, leftMin: number, rightMin: number): Hyphenator {
  const [levels, trie, exceptions] = (require(`hyphen/${name}/index.js`) as { patterns: PackedPatterns }).patterns;
  const patterns: string[] = [];
  const walk = (node: PackedTrie, path: string): void => {
    for (const [ch, entry] of Object.entries(node)) {
      const [next, index] = typeof entry === 'number' ? [undefined, entry] : Array.isArray(entry) ? entry : [entry, undefined];
      if (index !== undefined) patterns.push(written(path + ch, levels[index]!));
      if (next) walk(next, path + ch);
    }
  };
  walk(trie, '');
  const listed = Object.entries(exceptions).map(([word, places]) => {
    const chars = Array.from(word);
    // each place counts the hyphens before it: inserted in order, each lands where it was counted
    for (const place of places) chars.splice(place, 0, '-');
    return chars.join('');
  });
  return liangHyphenator(patterns, leftMin, rightMin, listed);
}

/** A pattern as TeX writes it (`.ab2c`). The package counts priorities from the first letter: a pattern starting with a dot has none before it. */
function written(letters: string, priorities: readonly number[]): string {
  const chars = Array.from(letters);
  const offset = chars[0] === '.' ? 1 : 0;
  let pattern = '';
  for (let k = 0; k <= chars.length; k++) {
    const p = priorities[k - offset] ?? 0;
    if (p > 0) pattern += String(p);
    if (k < chars.length) pattern += chars[k];
  }
  return pattern;
}
