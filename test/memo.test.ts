import { describe, expect, it } from 'vitest';
import { Memos } from '../src/memo.js';

describe('memos', () => {
  it('make a value once, and keep what the last build used: what it did not is dropped when the next starts', () => {
    const memos = new Memos();
    const memo = memos.memo<string>();
    let made = 0;
    const get = (key: string): string => memo.get(key, () => `${key}${++made}`);
    expect([get('a'), get('b'), get('a')]).toEqual(['a1', 'b2', 'a1']);
    memos.nextBuild();
    // the second build uses a alone
    expect(get('a')).toBe('a1');
    expect(memo.size).toBe(2);
    memos.nextBuild();
    // b, unused by the second build, is gone: made again
    expect(memo.size).toBe(1);
    expect(get('b')).toBe('b3');
    expect(get('a')).toBe('a1');
  });

  it('tells long keys of one length apart (a page\'s content, a long paragraph)', () => {
    const memo = new Memos().memo<number>();
    const page = (n: number): string => `${'x'.repeat(20_000)}${n}`;
    for (let n = 0; n < 10; n++) expect(memo.get(page(n), () => n)).toBe(n);
    for (let n = 0; n < 10; n++) expect(memo.get(page(n), () => -1)).toBe(n);
    expect(memo.size).toBe(10);
  });
});
