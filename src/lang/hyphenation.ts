import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { TOOL_ROOT } from '../paths.js';
import type { Language } from './languages.js';
import { Hyphenator, PatternTrie, texPatterns } from './liang.js';

const require = createRequire(import.meta.url);
const cache = new Map<string, Hyphenator>();

/** The hyphenator of a language, loaded once per process; none for a language without patterns. */
export function hyphenatorFor(language: Language | undefined): Hyphenator | undefined {
  const source = language?.hyphenation;
  if (!language || !source) return undefined;
  let h = cache.get(language.code);
  if (!h) {
    h = 'package' in source ? fromHyphenPackage(source.package, source.leftMin, source.rightMin)
      : fromPatternFile(source.patternFile, source.leftMin, source.rightMin);
    cache.set(language.code, h);
  }
  return h;
}

function fromPatternFile(file: string, leftMin: number, rightMin: number): Hyphenator {
  const text = readFileSync(join(TOOL_ROOT, 'data', 'hyphenation', file), 'utf8');
  const patterns = text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('%'));
  return new Hyphenator(texPatterns(patterns), leftMin, rightMin);
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

/** The `hyphen` package's TeX patterns, unpacked into the hyphenator's trie. */
function fromHyphenPackage(name: string, leftMin: number, rightMin: number): Hyphenator {
  // the patterns alone, without the package's own hyphenator
  const [levels, packed, exceptions] = require(`hyphen/patterns/${name}.js`) as PackedPatterns;
  const trie = new PatternTrie();
  const walk = (node: PackedTrie, path: string): void => {
    for (const [ch, entry] of Object.entries(node)) {
      const [next, index] = typeof entry === 'number' ? [undefined, entry] : Array.isArray(entry) ? entry : [entry, undefined];
      const letters = path + ch;
      // the package counts priorities from the first letter: a pattern starting with a dot has none before it
      if (index !== undefined) trie.add(letters, letters.startsWith('.') ? [0, ...levels[index]!] : levels[index]!);
      if (next) walk(next, letters);
    }
  };
  walk(packed, '');
  // each place counts the hyphens before it as well as the letters
  const listed = new Map(Object.entries(exceptions).map(([word, places]) => [word.toLowerCase(), places.map((place, i) => place - i)]));
  return new Hyphenator(trie, leftMin, rightMin, listed);
}
