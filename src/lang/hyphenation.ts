import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOOL_ROOT } from '../paths.js';
import type { HyphenationSource, Language } from './types.js';
import { lookupKeys } from './locale-tag.js';
import { Hyphenator, PatternTrie, texPatterns, type PackedPatternTrie } from './liang.js';

/**
 * The pattern set of each language the `hyphen` package has patterns for,
 * by lower-case tag, with the fewest letters a break leaves before and after
 * it: TeX's, from the "hyphenmins: typesetting" of each pattern file's header
 * in hyph-utf8 (where a header gives only "generation", those). Left out on
 * purpose: patterns for scripts whose line breaking has issues of its own
 * (Indic, Thai, Ethiopic), historic languages, and Latin variants. Languages
 * not hyphenated by convention (ar fa he dv zh ja ko vi …) have no patterns.
 */
const PATTERN_SETS: Readonly<Record<string, readonly [file: string, leftMin: number, rightMin: number]>> = {
  af: ['af', 1, 2], be: ['be', 2, 2], bg: ['bg', 2, 2], bs: ['sh-latn', 2, 2], ca: ['ca', 2, 2], cs: ['cs', 2, 3],
  cy: ['cy', 2, 3], da: ['da', 2, 2],
  // the reformed spelling of 1996, in Switzerland too
  de: ['de-1996', 2, 2],
  el: ['el-monoton', 1, 1], en: ['en-us', 2, 3], 'en-gb': ['en-gb', 2, 3], es: ['es', 2, 2], et: ['et', 2, 3],
  eu: ['eu', 2, 2], fi: ['fi', 2, 2],
  // babel-french's minimums, which French TeX documents use (the pattern file's header says 2 and 2)
  fr: ['fr', 2, 3],
  fur: ['fur', 2, 2], ga: ['ga', 2, 3], gl: ['gl', 2, 2], grc: ['grc', 1, 1], hr: ['hr', 2, 2], hsb: ['hsb', 2, 2],
  hu: ['hu', 2, 2], hy: ['hy', 1, 2], ia: ['ia', 2, 2], id: ['id', 2, 2], is: ['is', 2, 2], it: ['it', 2, 2],
  ka: ['ka', 1, 2], kmr: ['kmr', 2, 2],
  // CLDR's Kurdish (ku) is Kurmanji
  ku: ['kmr', 2, 2],
  la: ['la', 2, 2], lt: ['lt', 2, 2], lv: ['lv', 2, 2], mk: ['mk', 2, 2], mn: ['mn-cyrl', 2, 2], nb: ['nb', 2, 2],
  nl: ['nl', 2, 2], nn: ['nn', 2, 2], oc: ['oc', 2, 2], pl: ['pl', 2, 2], pms: ['pms', 2, 2], pt: ['pt', 2, 3],
  rm: ['rm', 2, 2], ro: ['ro', 2, 2], ru: ['ru', 2, 2], sk: ['sk', 2, 3], sl: ['sl', 2, 2], sq: ['sq', 2, 2],
  sr: ['sr-cyrl', 2, 2], 'sr-latn': ['sh-latn', 2, 2], sv: ['sv', 2, 2], tk: ['tk', 2, 2], tr: ['tr', 2, 2],
  uk: ['uk', 2, 2], 'zh-latn': ['zh-latn-pinyin', 1, 2],
};
/** Patterns the `hyphen` package lacks, kept in `data/hyphenation/` (see its README). */
const VENDORED: Readonly<Record<string, readonly [file: string, leftMin: number, rightMin: number]>> = {
  kk: ['hyph-kk.pat.txt', 2, 2],
};

/**
 * Where the patterns of a language tag come from, if it has any. A set is
 * taken only for the script it was made for: `ku-Arab` gets no Latin patterns.
 */
export function hyphenationSource(tag: string, script: string): HyphenationSource | undefined {
  for (const key of lookupKeys(tag)) {
    const vendored = Object.hasOwn(VENDORED, key) ? VENDORED[key] : undefined;
    const set = vendored ?? (Object.hasOwn(PATTERN_SETS, key) ? PATTERN_SETS[key] : undefined);
    if (!set) continue;
    if (new Intl.Locale(key).maximize().script !== script) return undefined;
    const [file, leftMin, rightMin] = set;
    return vendored ? { patternFile: file, leftMin, rightMin } : { package: file, leftMin, rightMin };
  }
  return undefined;
}

/** Hyphenators by pattern set and minimums: locales of one language share theirs. */
const cache = new Map<string, Hyphenator>();

/** The hyphenator of a language, loaded once per process and only when a locale needs it; none for a language without patterns. */
export function hyphenatorFor(language: Language): Hyphenator | undefined {
  const source = language.hyphenation;
  if (!source) return undefined;
  const name = 'package' in source ? source.package : source.patternFile;
  const key = `${name} ${source.leftMin} ${source.rightMin}`;
  let h = cache.get(key);
  if (!h) {
    h = compiled('package' in source ? name : vendoredName(name), source.leftMin, source.rightMin);
    cache.set(key, h);
  }
  return h;
}

/**
 * Words a pattern set breaks wrongly, kept in `data/hyphenation/<set>.exceptions.txt`
 * one a line as they are to break (`Ka-zakh-stan`): names the example and
 * CrimethInc's texts meet, which no pattern set was made from. By the
 * letters before each hyphen, the word in lower case.
 */
function ourExceptions(set: string): Map<string, number[]> {
  let text: string;
  try {
    text = readFileSync(join(TOOL_ROOT, 'data', 'hyphenation', `${set}.exceptions.txt`), 'utf8');
  } catch {
    return new Map();
  }
  const listed = new Map<string, number[]>();
  for (const line of text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('%'))) {
    const places: number[] = [];
    let letters = 0;
    for (const ch of line) {
      if (ch === '-') places.push(letters);
      else letters++;
    }
    listed.set(line.replaceAll('-', '').toLowerCase(), places);
  }
  return listed;
}

/**
 * The `hyphen` package keeps each language's TeX patterns packed: a table of
 * priority lists, a trie of the patterns' letters whose entries name a list,
 * and the exceptions with their hyphens' places.
 */
export type PackagePatterns = [levels: number[][], trie: PackageTrie, exceptions: Record<string, number[]>];
interface PackageTrie {
  [ch: string]: number | PackageTrie | [PackageTrie, number];
}

/**
 * A pattern set as `npm run compile` writes it into `dist/hyphenation/`
 * (scripts/hyphenation.mjs): the hyphenator's own trie and exceptions, which
 * a build reads many times faster than the `hyphen` package's module (one
 * large object literal) or our TeX pattern files, and the trie built from
 * either letter by letter (German's: some 60,000 nodes).
 */
export interface PackedPatternSet {
  trie: PackedPatternTrie;
  /** Words in lower case with their breaks, as letters before each. */
  exceptions: [string, number[]][];
}

/** The pattern files of `data/hyphenation/` the registry uses. */
export function vendoredPatternFiles(): string[] {
  return [...new Set(Object.values(VENDORED).map(([file]) => file))].sort();
}

/** The name a pattern file of ours is compiled and its exceptions kept under: `hyph-kk` for `hyph-kk.pat.txt`. */
export const vendoredName = (file: string): string => file.replace(/\.pat\.txt$/, '');

/** A pattern file of ours (TeX's patterns, one a line, `%` comments) as the hyphenator keeps it: its exceptions are kept apart (see ourExceptions). */
export function packPatternFile(text: string): PackedPatternSet {
  const patterns = text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('%'));
  return { trie: texPatterns(patterns).pack(), exceptions: [] };
}

/** The names of the `hyphen` package's pattern sets the registry uses. */
export function packagedPatternSets(): string[] {
  return [...new Set(Object.values(PATTERN_SETS).map(([file]) => file))].sort();
}

/** A pattern set of the `hyphen` package as the hyphenator keeps it. */
export function packPatterns(patterns: PackagePatterns): PackedPatternSet {
  // each place counts the hyphens before it as well as the letters
  const exceptions = Object.entries(patterns[2]).map(([word, places]): [string, number[]] => [word.toLowerCase(), places.map((place, i) => place - i)]);
  return { trie: packageTrie(patterns).pack(), exceptions };
}

/** The patterns of a set of the `hyphen` package in the hyphenator's trie, added one by one. */
export function packageTrie([levels, packed]: PackagePatterns): PatternTrie {
  const trie = new PatternTrie();
  const walk = (node: PackageTrie, path: string): void => {
    for (const [ch, entry] of Object.entries(node)) {
      const [next, index] = typeof entry === 'number' ? [undefined, entry] : Array.isArray(entry) ? entry : [entry, undefined];
      const letters = path + ch;
      // the package counts priorities from the first letter: a pattern starting with a dot has none before it
      if (index !== undefined) trie.add(letters, letters.startsWith('.') ? [0, ...levels[index]!] : levels[index]!);
      if (next) walk(next, letters);
    }
  };
  walk(packed, '');
  return trie;
}

/** A pattern set as compiled into `dist/hyphenation/` (the `hyphen` package's, or one of ours), with our exceptions over its own. */
function compiled(name: string, leftMin: number, rightMin: number): Hyphenator {
  const { trie, exceptions } = JSON.parse(readFileSync(join(TOOL_ROOT, 'dist', 'hyphenation', `${name}.json`), 'utf8')) as PackedPatternSet;
  const listed = new Map(exceptions);
  for (const [word, places] of ourExceptions(name)) listed.set(word, places);
  return new Hyphenator(PatternTrie.unpack(trie), leftMin, rightMin, listed);
}
