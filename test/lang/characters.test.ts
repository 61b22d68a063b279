import { describe, expect, it } from 'vitest';
import { isWhiteSpace } from '../../src/lang/characters.js';

describe('isWhiteSpace', () => {
  it('says of every character what /\\s/u says', () => {
    const differ: number[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      if (isWhiteSpace(cp) !== /\s/u.test(String.fromCodePoint(cp))) differ.push(cp);
    }
    expect(differ).toEqual([]);
  });
});
