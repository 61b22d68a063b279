/**
 * Liang's hyphenation (the TeX algorithm) over patterns such as `а1ба`,
 * `2к1д`: digits between letters give break priorities, odd ones allow a break.
 * Patterns in, a word's break positions out.
 */

import { hasSurrogates } from './characters.js';

/**
 * Patterns in a trie of their letters, so that a word is matched without
 * cutting it into substrings. Nodes are numbers, and the edges one map keyed
 * by node and code unit: a trie of thousands of nodes without a map each.
 */
export class PatternTrie {
  /** The node reached from a node by a UTF-16 code unit, keyed `node * 0x10000 + unit`. */
  private readonly edges = new Map<number, number>();
  /** Where a pattern's letters end: the priority of the place before each code unit of them and after the last. */
  private readonly levels: (readonly number[] | undefined)[] = [undefined];

  /** Adds a pattern given by its letters and the priority before each letter (code point) and after the last; one of letters already added raises their priorities. */
  add(letters: string, priorities: readonly number[]): void {
    const levels: number[] = [];
    let k = 0;
    for (const ch of letters) {
      levels.push(priorities[k++] ?? 0);
      // no break inside a letter written with two code units
      if (ch.length === 2) levels.push(0);
    }
    levels.push(priorities[k] ?? 0);
    let node = 0;
    for (let i = 0; i < letters.length; i++) {
      const edge = node * 0x10000 + letters.charCodeAt(i);
      let next = this.edges.get(edge);
      if (next === undefined) {
        next = this.levels.length;
        this.levels.push(undefined);
        this.edges.set(edge, next);
      }
      node = next;
    }
    // two patterns of the same letters (a correction added to a set) both apply: the higher priority at each place
    const earlier = this.levels[node];
    this.levels[node] = earlier ? levels.map((l, i) => Math.max(l, earlier[i]!)) : levels;
  }

  /** The trie as plain data (see `PackedPatternTrie`). */
  pack(): PackedPatternTrie {
    const back = new Array<number>(this.levels.length).fill(0);
    let units = '';
    const byNode = [...this.edges].sort((a, b) => a[1] - b[1]);
    for (const [key, node] of byNode) {
      back[node] = node - Math.floor(key / 0x10000);
      units += String.fromCharCode(key % 0x10000);
    }
    // each list of priorities once, named by its place, at the nodes where patterns end (each after the one before)
    const lists = new Map<string, number>();
    const ends: number[] = [];
    let last = 0;
    this.levels.forEach((l, node) => {
      if (!l) return;
      const key = l.join(',');
      if (!lists.has(key)) lists.set(key, lists.size);
      ends.push(node - last, lists.get(key)!);
      last = node;
    });
    return { back: back.slice(1), units, priorities: [...lists.keys()].map((k) => k.split(',').map(Number)), ends };
  }

  /** The trie `pack` gave: built from its nodes at once, without adding its patterns again letter by letter. */
  static unpack({ back, units, priorities, ends }: PackedPatternTrie): PatternTrie {
    const trie = new PatternTrie();
    for (let i = 0; i < back.length; i++) {
      const node = i + 1;
      trie.edges.set((node - back[i]!) * 0x10000 + units.charCodeAt(i), node);
      trie.levels.push(undefined);
    }
    for (let i = 0, node = 0; i + 1 < ends.length; i += 2) trie.levels[(node += ends[i]!)] = priorities[ends[i + 1]!];
    return trie;
  }

  /** Raises `points` to the priorities of every pattern that `text` holds at `start` (`points[j]` lies before `text[j]`). */
  raise(text: string, start: number, points: Uint8Array): void {
    let node = 0;
    for (let j = start; j < text.length; j++) {
      const next = this.edges.get(node * 0x10000 + text.charCodeAt(j));
      if (next === undefined) return;
      node = next;
      const levels = this.levels[node];
      if (levels) for (let k = 0; k < levels.length; k++) if (levels[k]! > points[start + k]!) points[start + k] = levels[k]!;
    }
  }
}

/**
 * A pattern trie as JSON holds it, its nodes numbered from 1 in the order
 * they were made: for each, how many nodes back its parent is (`back`) and
 * the code unit that leads to it from there (`units`); each list of
 * priorities once (`priorities`), and for each node where patterns end, in
 * order, how many nodes after the one before it is and its list (`ends`).
 */
export interface PackedPatternTrie {
  back: number[];
  units: string;
  priorities: number[][];
  ends: number[];
}

/** Patterns as TeX writes them (`.ab2c`), in a trie. */
export function texPatterns(patterns: readonly string[]): PatternTrie {
  const trie = new PatternTrie();
  for (const pattern of patterns) {
    let letters = '';
    const priorities = [0];
    for (const ch of pattern) {
      if (ch >= '0' && ch <= '9') priorities[priorities.length - 1] = Number(ch);
      else {
        letters += ch;
        priorities.push(0);
      }
    }
    trie.add(letters, priorities);
  }
  return trie;
}

/**
 * A hyphenator from patterns and exceptions (words in lower case with their
 * break positions), keeping at least `leftMin` and `rightMin` letters on
 * either side of a break. Words recur: each is worked out once. One class
 * for every language, so that the typesetter calls the same method whatever
 * the locale.
 */
export class Hyphenator {
  private readonly known = new Map<string, number[]>();

  constructor(
    private readonly patterns: PatternTrie,
    private readonly leftMin: number,
    private readonly rightMin: number,
    private readonly exceptions: ReadonlyMap<string, readonly number[]> = new Map(),
  ) {}

  /** Positions in a word where a hyphen may go: `p` means between its `p`-th and `p+1`-th letter. */
  breaks(word: string): number[] {
    let breaks = this.known.get(word);
    if (!breaks) {
      breaks = this.search(word);
      this.known.set(word, breaks);
    }
    return breaks;
  }

  private search(word: string): number[] {
    const lower = word.toLowerCase();
    const letters = hasSurrogates(lower) ? Array.from(lower).length : lower.length;
    if (letters < this.leftMin + this.rightMin) return [];
    const allowed = (p: number): boolean => p >= this.leftMin && p <= letters - this.rightMin;
    const exception = this.exceptions.get(lower);
    if (exception) return exception.filter(allowed);
    const padded = `.${lower}.`;
    // points[j] lies before padded[j]
    const points = new Uint8Array(padded.length + 1);
    for (let i = 0; i < padded.length; i++) this.patterns.raise(padded, i, points);
    const breaks: number[] = [];
    // the place before lower[u] is points[u + 1] (the leading '.' shifts by one)
    for (let u = 1; u < lower.length; u++) {
      if (points[u + 1]! % 2 === 0) continue;
      const p = letters === lower.length ? u : Array.from(lower.slice(0, u)).length;
      if (allowed(p)) breaks.push(p);
    }
    return breaks;
  }
}
