/**
 * Liang's hyphenation (the TeX algorithm) over patterns such as `а1ба`,
 * `2к1д`: digits between letters give break priorities, odd ones allow a break.
 * A table of patterns in, a word's break positions out.
 */

/**
 * Patterns as the hyphenator looks them up: by their letters, and by every
 * beginning of them (null where no pattern is just that), the priority of the
 * place before each UTF-16 code unit of the letters and after the last.
 */
export type PatternTable = Map<string, readonly number[] | null>;

/** Adds a pattern given by its letters and the priority before each letter (code point) and after the last. */
export function addPattern(table: PatternTable, letters: string, priorities: readonly number[]): void {
  const levels: number[] = [];
  let k = 0;
  for (const ch of letters) {
    levels.push(priorities[k++] ?? 0);
    // no break inside a letter written with two code units
    if (ch.length === 2) levels.push(0);
  }
  levels.push(priorities[k] ?? 0);
  for (let end = 1; end < letters.length; end++) {
    const beginning = letters.slice(0, end);
    if (!table.has(beginning)) table.set(beginning, null);
  }
  table.set(letters, levels);
}

/** Patterns as TeX writes them (`.ab2c`), in a table. */
export function texPatterns(patterns: readonly string[]): PatternTable {
  const table: PatternTable = new Map();
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
    addPattern(table, letters, priorities);
  }
  return table;
}

/**
 * A hyphenator from patterns and exceptions (words with their hyphens, as
 * TeX's \hyphenation lists them: `as-so-ciate`), keeping at least `leftMin`
 * and `rightMin` letters on either side of a break. Words recur: each is
 * worked out once. One class for every language, so that the typesetter
 * calls the same method whatever the locale.
 */
export class Hyphenator {
  private readonly listed: Map<string, number[]>;
  private readonly known = new Map<string, number[]>();

  constructor(
    private readonly table: PatternTable,
    private readonly leftMin: number,
    private readonly rightMin: number,
    exceptions: readonly string[] = [],
  ) {
    this.listed = new Map(exceptions.map((e) => [e.replaceAll('-', '').toLowerCase(), hyphensOf(e)]));
  }

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
    const letters = SURROGATE.test(lower) ? Array.from(lower).length : lower.length;
    if (letters < this.leftMin + this.rightMin) return [];
    const allowed = (p: number): boolean => p >= this.leftMin && p <= letters - this.rightMin;
    const exception = this.listed.get(lower);
    if (exception) return exception.filter(allowed);
    const padded = `.${lower}.`;
    // points[j] lies before padded[j]
    const points = new Uint8Array(padded.length + 1);
    for (let i = 0; i < padded.length; i++) {
      for (let j = i + 1; j <= padded.length; j++) {
        const levels = this.table.get(padded.slice(i, j));
        // no pattern begins with these letters
        if (levels === undefined) break;
        if (levels === null) continue;
        for (let k = 0; k < levels.length; k++) if (levels[k]! > points[i + k]!) points[i + k] = levels[k]!;
      }
    }
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

const SURROGATE = /[\uD800-\uDFFF]/;

/** Where an exception's hyphens are, in letters before them. */
function hyphensOf(exception: string): number[] {
  const at: number[] = [];
  let letters = 0;
  for (const ch of exception) {
    if (ch === '-') at.push(letters);
    else letters++;
  }
  return at;
}
