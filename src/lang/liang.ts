/**
 * Liang's hyphenation (the TeX algorithm) over patterns such as `а1ба`,
 * `2к1д`: digits between letters give break priorities, odd ones allow a break.
 * Patterns in, a word's break positions out.
 */

import { hasSurrogates } from './characters.js';

/**
 * Patterns in a trie of their letters, so that a word is matched without
 * cutting it into substrings. Nodes are numbers, and the edges one hash
 * table in typed arrays, keyed by node and code unit: a trie of tens of
 * thousands of nodes (German's) read in a few milliseconds, without an
 * object, or a map entry, for each.
 */
export class PatternTrie {
  /** By slot of the edge table (open addressing, probed in turn): the node an edge leaves, plus one (0: the slot is free). */
  private from = new Int32Array(INITIAL_SLOTS);
  /** By slot: the code unit the edge is labelled with. */
  private unit = new Uint16Array(INITIAL_SLOTS);
  /** By slot: the node the edge leads to. */
  private to = new Int32Array(INITIAL_SLOTS);
  /** Where a pattern's letters end: the priority of the place before each code unit of them and after the last. */
  private readonly levels: (readonly number[] | undefined)[] = [undefined];

  /** The node reached from `node` by code unit `unit`, or -1. */
  private next(node: number, unit: number): number {
    const mask = this.from.length - 1;
    for (let slot = edgeHash(node, unit) & mask; ; slot = (slot + 1) & mask) {
      const from = this.from[slot]!;
      if (from === 0) return -1;
      if (from === node + 1 && this.unit[slot] === unit) return this.to[slot]!;
    }
  }

  /** A new node, reached from `node` by `unit`. */
  private grow(node: number, unit: number): number {
    const made = this.levels.length;
    this.levels.push(undefined);
    // at most half the slots taken: probes stay short
    if (2 * made > this.from.length) this.rehash(2 * this.from.length);
    this.link(node, unit, made);
    return made;
  }

  /** Puts an edge in the first free slot from its hash. */
  private link(node: number, unit: number, to: number): void {
    const mask = this.from.length - 1;
    let slot = edgeHash(node, unit) & mask;
    while (this.from[slot] !== 0) slot = (slot + 1) & mask;
    this.from[slot] = node + 1;
    this.unit[slot] = unit;
    this.to[slot] = to;
  }

  /** The table made anew with this many slots (a power of two), every edge put in again. */
  private rehash(slots: number): void {
    const [from, unit, to] = [this.from, this.unit, this.to];
    this.from = new Int32Array(slots);
    this.unit = new Uint16Array(slots);
    this.to = new Int32Array(slots);
    for (let s = 0; s < from.length; s++) if (from[s] !== 0) this.link(from[s]! - 1, unit[s]!, to[s]!);
  }

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
      const unit = letters.charCodeAt(i);
      const next = this.next(node, unit);
      node = next >= 0 ? next : this.grow(node, unit);
    }
    // two patterns of the same letters (a correction added to a set) both apply: the higher priority at each place
    const earlier = this.levels[node];
    this.levels[node] = earlier ? levels.map((l, i) => Math.max(l, earlier[i]!)) : levels;
  }

  /** The trie as plain data (see `PackedPatternTrie`). */
  pack(): PackedPatternTrie {
    const back = new Array<number>(this.levels.length).fill(0);
    const units = new Array<number>(this.levels.length).fill(0);
    for (let s = 0; s < this.from.length; s++) {
      if (this.from[s] === 0) continue;
      back[this.to[s]!] = this.to[s]! - (this.from[s]! - 1);
      units[this.to[s]!] = this.unit[s]!;
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
    return {
      back: back.slice(1),
      units: units.slice(1).map((u) => String.fromCharCode(u)).join(''),
      priorities: [...lists.keys()].map((k) => k.split(',').map(Number)),
      ends,
    };
  }

  /** The trie `pack` gave: built from its nodes at once, without adding its patterns again letter by letter. */
  static unpack({ back, units, priorities, ends }: PackedPatternTrie): PatternTrie {
    const trie = new PatternTrie();
    trie.rehash(slotsFor(back.length + 1));
    for (let i = 0; i < back.length; i++) {
      const node = i + 1;
      trie.link(node - back[i]!, units.charCodeAt(i), node);
      trie.levels.push(undefined);
    }
    for (let i = 0, node = 0; i + 1 < ends.length; i += 2) trie.levels[(node += ends[i]!)] = priorities[ends[i + 1]!];
    return trie;
  }

  /** Raises `points` to the priorities of every pattern that `text` holds at `start` (`points[j]` lies before `text[j]`). */
  raise(text: string, start: number, points: Uint8Array): void {
    let node = 0;
    for (let j = start; j < text.length; j++) {
      node = this.next(node, text.charCodeAt(j));
      if (node < 0) return;
      const levels = this.levels[node];
      if (levels) for (let k = 0; k < levels.length; k++) if (levels[k]! > points[start + k]!) points[start + k] = levels[k]!;
    }
  }
}

/** Slots of a new trie's edge table: a power of two, so that a hash is reduced by a mask. */
const INITIAL_SLOTS = 16;

/** The fewest slots (a power of two) that hold a trie of this many nodes at most half full. */
function slotsFor(nodes: number): number {
  let slots = INITIAL_SLOTS;
  while (slots < 2 * nodes) slots *= 2;
  return slots;
}

/** An edge's hash, from its node and code unit (multiplied by odd constants and mixed: consecutive nodes and letters spread). */
function edgeHash(node: number, unit: number): number {
  const h = Math.imul(node, 0x9e3779b1) ^ Math.imul(unit, 0x85ebca77);
  return h ^ (h >>> 15);
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
