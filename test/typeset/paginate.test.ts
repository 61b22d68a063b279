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
});
