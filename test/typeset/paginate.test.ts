import { describe, expect, it } from 'vitest';
import { paginate, type FlowItem } from '../../src/typeset/paginate.js';

/** A paragraph of `n` lines of height 10 with the break rules the typesetter uses. */
function paragraph(name: string, n: number, opts: { keepWithNext?: boolean; newPage?: boolean; spaceBefore?: number } = {}): FlowItem<string>[] {
  return Array.from({ length: n }, (_, j) => ({
    height: 10,
    spaceBefore: j === 0 ? opts.spaceBefore ?? 0 : 0,
    breakAfter: !opts.keepWithNext && (j + 1 === n || (j + 1 >= 2 && n - (j + 1) >= 2)),
    newPage: j === 0 && Boolean(opts.newPage),
    content: `${name}${j + 1}`,
  }));
}

const contents = (pages: ReturnType<typeof paginate<string>>): string[][] => pages.map((p) => p.map((i) => i.content));

describe('paginate', () => {
  it('fills a page and carries on', () => {
    const pages = paginate(paragraph('a', 7), 30);
    expect(contents(pages)).toEqual([['a1', 'a2', 'a3'], ['a4', 'a5'], ['a6', 'a7']]);
  });

  it('leaves no orphan: a single first line at the foot moves over', () => {
    const pages = paginate([...paragraph('a', 2), ...paragraph('b', 5)], 30);
    expect(contents(pages)[0]).toEqual(['a1', 'a2']);
    expect(contents(pages)[1]![0]).toBe('b1');
  });

  it('leaves no widow: a last line never starts a page alone', () => {
    const pages = paginate(paragraph('a', 4), 30);
    expect(contents(pages)).toEqual([['a1', 'a2'], ['a3', 'a4']]);
  });

  it('keeps a heading with what follows', () => {
    const pages = paginate([...paragraph('a', 2), ...paragraph('h', 1, { keepWithNext: true }), ...paragraph('b', 4)], 40);
    expect(contents(pages)[0]).toEqual(['a1', 'a2']);
    expect(contents(pages)[1]).toEqual(['h1', 'b1', 'b2']);
  });

  it('drops space above an item at the head of a page', () => {
    const pages = paginate([...paragraph('a', 3), ...paragraph('b', 2, { spaceBefore: 5 })], 30);
    expect(pages[1]![0]).toEqual({ content: 'b1', y: 0 });
  });

  it('starts a new page where asked', () => {
    const pages = paginate([...paragraph('a', 1), ...paragraph('b', 1, { newPage: true })], 100);
    expect(contents(pages)).toEqual([['a1'], ['b1']]);
  });

  it('never puts an item below the frame, unless it is taller than the frame', () => {
    const items = [...paragraph('a', 9), ...paragraph('h', 1, { keepWithNext: true }), ...paragraph('b', 13)];
    for (const page of paginate(items, 45)) {
      for (const placed of page) expect(placed.y + 10).toBeLessThanOrEqual(45);
    }
  });

  it('breaks where the page is full when nothing allows a break', () => {
    const pages = paginate(paragraph('h', 5, { keepWithNext: true }), 20);
    expect(contents(pages)).toEqual([['h1', 'h2'], ['h3', 'h4'], ['h5']]);
  });

  describe('with a balance', () => {
    /** Lines of height 10 with a space of 20 above every fourth, as headings and notes have. */
    const spaced = (name: string, n: number): FlowItem<string>[] =>
      paragraph(name, n).map((item, j) => ({ ...item, spaceBefore: j > 0 && j % 4 === 0 ? 20 : 0, breakAfter: true }));

    it('takes a nearly empty last page back by giving up space above items, all through the run', () => {
      // 14 lines and 60 of space: 200 of height, two lines over a frame of 175
      const items = spaced('a', 14);
      expect(paginate(items, 175).map((p) => p.length)).toEqual([12, 2]);
      const pages = paginate(items, 175, { light: 40, shrink: 0.5, counts: () => true });
      expect(pages.map((p) => p.length)).toEqual([14]);
      expect(pages[0]![13]!.y + 10).toBeLessThanOrEqual(175);
      // less than half of each space, but a share of it given up
      expect(pages[0]![4]!.y - pages[0]![3]!.y).toBeGreaterThan(10 + 10);
      // each space given up alike
      expect(pages[0]![4]!.y - pages[0]![3]!.y).toBeCloseTo(pages[0]![8]!.y - pages[0]![7]!.y, 9);
    });

    it('gives the last page lines from the page before when space cannot take it back', () => {
      const pages = paginate(paragraph('a', 12), 100, { light: 40, shrink: 0.5, counts: () => true });
      expect(pages.map((p) => p.length)).toEqual([8, 4]);
      expect(pages[1]![0]).toEqual({ content: 'a9', y: 0 });
    });

    it('keeps the break rules: a widow is not made to fill a page', () => {
      // ten lines over frames of 90: nine and one would leave a widow; two and the heading stay together
      const items = [...paragraph('a', 7), ...paragraph('h', 1, { keepWithNext: true }), ...paragraph('b', 2)];
      const pages = paginate(items, 90, { light: 40, shrink: 0.5, counts: () => true });
      for (const page of pages) for (const placed of page) expect(placed.y + 10).toBeLessThanOrEqual(90);
      expect(contents(pages).flat()).toEqual(items.map((i) => i.content));
      expect(contents(pages)[1]![0]).toBe('a6');
    });

    it('balances each run up to a forced new page on its own, and leaves a short run alone', () => {
      const items = [...paragraph('a', 12), ...paragraph('b', 2, { newPage: true })];
      expect(contents(paginate(items, 100, { light: 40, shrink: 0.5, counts: () => true }))).toEqual([
        ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8'], ['a9', 'a10', 'a11', 'a12'], ['b1', 'b2'],
      ]);
    });
  });
});

