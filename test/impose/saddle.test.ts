import { describe, expect, it } from 'vitest';
import { padBeforeBackCover } from '../../src/impose/plan.js';
import { saddleStitch } from '../../src/impose/saddle.js';

describe('padBeforeBackCover', () => {
  it('adds blanks before the last page, never after it', () => {
    expect(padBeforeBackCover(5, 4)).toEqual([0, 1, 2, 3, null, null, null, 4]);
    expect(padBeforeBackCover(8, 4)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(padBeforeBackCover(6, 4, 2)).toEqual([0, 1, 2, 3, null, null, 4, 5]);
  });

  it('keeps the cover first however many pages are to be kept last: blanks before it would fold it inside', () => {
    expect(padBeforeBackCover(5, 4, 5)).toEqual([0, null, null, null, 1, 2, 3, 4]);
    expect(padBeforeBackCover(5, 4, 100)).toEqual([0, null, null, null, 1, 2, 3, 4]);
    expect(padBeforeBackCover(1, 4)).toEqual([0, null, null, null]);
  });
});

describe('saddleStitch', () => {
  it('puts conjugate pages on one side of one sheet: their numbers sum to n+1', () => {
    const n = 24;
    const plan = saddleStitch(n);
    for (const sheet of plan.sheets) {
      for (const side of [sheet.front, sheet.back]) {
        const [left, right] = side.map((p) => p.page! + 1);
        expect(left! + right!).toBe(n + 1);
      }
    }
  });
});
