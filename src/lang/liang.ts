/**
 * Liang's hyphenation (the TeX algorithm) over patterns such as `а1ба`,
 * `2к1д`: digits between letters give break priorities, odd ones allow a break.
 * Pure: patterns in, a function from word to break positions out.
 */

/** Positions in a word where a hyphen may go: `p` means between `word[p-1]` and `word[p]`. */
export type Hyphenator = (word: string) => number[];

export function liangHyphenator(patterns: readonly string[], leftMin: number, rightMin: number): Hyphenator {
  const table = new Map<string, number[]>();
  let longest = 0;
  for (const pattern of patterns) {
    const letters = pattern.replace(/\d/g, '');
    const values = new Array<number>(letters.length + 1).fill(0);
    let at = 0;
    for (const ch of pattern) {
      if (ch >= '0' && ch <= '9') values[at] = Number(ch);
      else at++;
    }
    table.set(letters, values);
    longest = Math.max(longest, letters.length);
  }

  return (word: string): number[] => {
    const chars = Array.from(word.toLowerCase());
    if (chars.length < leftMin + rightMin) return [];
    const padded = ['.', ...chars, '.'];
    const points = new Array<number>(padded.length + 1).fill(0);
    for (let i = 0; i < padded.length; i++) {
      for (let j = i + 1; j <= Math.min(padded.length, i + longest); j++) {
        const values = table.get(padded.slice(i, j).join(''));
        if (!values) continue;
        values.forEach((v, k) => {
          if (v > points[i + k]!) points[i + k] = v;
        });
      }
    }
    const breaks: number[] = [];
    // points[p + 1] lies between chars[p - 1] and chars[p] (the leading '.' shifts by one)
    for (let p = leftMin; p <= chars.length - rightMin; p++) {
      if (points[p + 1]! % 2 === 1) breaks.push(p);
    }
    return breaks;
  };
}
