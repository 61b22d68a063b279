import { describe, expect, it } from 'vitest';
import { breakLines, INFINITE_PENALTY, INFINITELY_LOOSE, TEX_DEFAULTS, type Item } from '../../src/typeset/knuth-plass.js';

/** Words of the given widths separated by glue of width 1, stretch 1, shrink 0.5. */
function words(...widths: number[]): Item[] {
  const items: Item[] = [];
  widths.forEach((w, i) => {
    if (i > 0) items.push({ type: 'glue', width: 1, stretch: 1, shrink: 0.5 });
    items.push({ type: 'box', width: w });
  });
  items.push({ type: 'penalty', width: 0, cost: INFINITE_PENALTY, flagged: false });
  items.push({ type: 'glue', width: 0, stretch: 1e5, shrink: 0 });
  items.push({ type: 'penalty', width: 0, cost: -INFINITE_PENALTY, flagged: false });
  return items;
}

const lineWidths = (items: Item[], breaks: number[]): number[] => {
  let start = 0;
  return breaks.map((end) => {
    while (start < end && items[start]!.type !== 'box') start++;
    let w = 0;
    for (let i = start; i < end; i++) if (items[i]!.type !== 'penalty') w += items[i]!.width;
    start = end + 1;
    return w;
  });
};

/** Park and Miller's generator: the same trials every run. */
function lcg(seed: number): () => number {
  return () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
}

/** Total demerits of a paragraph broken at `breaks` (TeX's, without adjacency), Infinity if a line is overfull or looser than `tolerance`. */
function demerits(items: Item[], breaks: number[], lineWidth: number, tolerance: number): number {
  let total = 0;
  let start = 0;
  for (const end of breaks) {
    while (items[start]!.type !== 'box') start++;
    let w = 0, st = 0, sh = 0;
    for (let i = start; i < end; i++) {
      const it = items[i]!;
      if (it.type !== 'penalty') w += it.width;
      if (it.type === 'glue') { st += it.stretch; sh += it.shrink; }
    }
    const r = w < lineWidth ? (st > 0 ? (lineWidth - w) / st : Infinity) : w > lineWidth ? (lineWidth - w) / sh : 0;
    if (r < -1 || r > tolerance) return Infinity;
    total += (TEX_DEFAULTS.linePenalty + Math.min(10000, 100 * Math.abs(r) ** 3)) ** 2;
    start = end + 1;
  }
  return total;
}

/** The least demerits of any breaks: every subset of the spaces as line ends, plus the final break. */
function leastDemerits(items: Item[], lineWidth: number, tolerance: number): number {
  const glue = items.map((it, i) => (it.type === 'glue' && it.stretch === 1 ? i : -1)).filter((i) => i >= 0);
  let best = Infinity;
  for (let mask = 0; mask < 1 << glue.length; mask++) {
    best = Math.min(best, demerits(items, [...glue.filter((_, j) => mask & (1 << j)), items.length - 1], lineWidth, tolerance));
  }
  return best;
}

describe('breakLines (Knuth–Plass)', () => {
  it('ends with the paragraph’s final break', () => {
    const items = words(3, 3, 3);
    const breaks = breakLines(items, 100);
    expect(breaks).toEqual([items.length - 1]);
  });

  it('fills lines exactly when the words allow it', () => {
    // 4+1+4 = 9 per line: three lines of two words
    const items = words(4, 4, 4, 4, 4, 4);
    const breaks = breakLines(items, 9);
    expect(lineWidths(items, breaks)).toEqual([9, 9, 9]);
  });

  it('finds the breaks of least total demerits, as an exhaustive search does', () => {
    const options = { ...TEX_DEFAULTS, tolerance: 2, adjacentDemerits: 0 };
    const random = lcg(7);
    for (let trial = 0; trial < 40; trial++) {
      const items = words(...Array.from({ length: 9 }, () => 1 + Math.floor(random() * 6)));
      const lineWidth = 12 + Math.floor(random() * 6);
      const best = leastDemerits(items, lineWidth, options.tolerance);
      if (!Number.isFinite(best)) continue;
      expect(demerits(items, breakLines(items, lineWidth, options), lineWidth, options.tolerance)).toBeCloseTo(best, 6);
    }
  });

  it('weighs every active break where glue takes stretch away, as an exhaustive search does', () => {
    // glue taking back more stretch than a space gives, after the sixth and eighth spaces: a line from a later break
    // can then stretch more than one from an earlier break, so no break may be passed over because an earlier one
    // starts too loose a line
    const items = words(4, 2, 3, 5, 1, 1, 3, 4, 4);
    const takeBack = (): Item => ({ type: 'glue', width: 0, stretch: -3, shrink: 0 });
    items.splice(16, 0, takeBack());
    items.splice(12, 0, takeBack());
    const options = { ...TEX_DEFAULTS, tolerance: INFINITELY_LOOSE, adjacentDemerits: 0 };
    const best = leastDemerits(items, 11, options.tolerance);
    expect(best).toBeLessThan(Infinity);
    expect(demerits(items, breakLines(items, 11, options), 11, options.tolerance)).toBeCloseTo(best, 6);
  });

  it('sets a paragraph too loose for the tolerance as a search without any bound does', () => {
    const options = { ...TEX_DEFAULTS, adjacentDemerits: 0 };
    const random = lcg(11);
    let loose = 0;
    for (let trial = 0; trial < 200; trial++) {
      // long words, few spaces: lines that cannot be set within TeX's tolerance
      const items = words(...Array.from({ length: 10 }, () => 3 + Math.floor(random() * 9)));
      const lineWidth = 16 + Math.floor(random() * 8);
      const best = leastDemerits(items, lineWidth, Infinity);
      if (Number.isFinite(leastDemerits(items, lineWidth, options.tolerance)) || !Number.isFinite(best)) continue;
      loose++;
      expect(demerits(items, breakLines(items, lineWidth, options), lineWidth, Infinity)).toBeCloseTo(best, 6);
    }
    expect(loose).toBeGreaterThan(20);
  });

  it('never drops material: a box wider than the line gets a line of its own', () => {
    const items = words(3, 50, 3);
    const breaks = breakLines(items, 10);
    expect(breaks.length).toBe(3);
    expect(lineWidths(items, breaks)).toEqual([3, 50, 3]);
  });

  it('breaks at a penalty, counting its width', () => {
    const items: Item[] = [
      { type: 'box', width: 6 },
      { type: 'penalty', width: 1, cost: 50, flagged: true },
      { type: 'box', width: 6 },
      { type: 'penalty', width: 0, cost: INFINITE_PENALTY, flagged: false },
      { type: 'glue', width: 0, stretch: 1e5, shrink: 0 },
      { type: 'penalty', width: 0, cost: -INFINITE_PENALTY, flagged: false },
    ];
    expect(breakLines(items, 7)).toEqual([1, 5]);
  });
});
