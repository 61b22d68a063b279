/**
 * The name among `known` that `word` is likely a slip for: the same but
 * for case, or one edit away (a letter added, dropped or changed, or two
 * side by side swapped). None where no name, or more than one, is that
 * near: a word two edits away is as often a name of its own (`translator`
 * beside `translated`).
 */
export function meantAmong(word: string, known: Iterable<string>): string | undefined {
  const near = [...known].filter((name) => name !== word && (name.toLowerCase() === word.toLowerCase() || edits(word, name) <= 1));
  return near.length === 1 ? near[0] : undefined;
}

/** The optimal string alignment distance: Levenshtein's, with a swap of two neighbours one edit. */
function edits(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 1) return Infinity;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}
