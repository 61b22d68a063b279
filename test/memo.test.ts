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
});
