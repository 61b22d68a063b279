import { describe, expect, it } from 'vitest';
import { hyphenatorFor } from '../../src/lang/hyphenation.js';
import { languageOf } from '../../src/lang/languages.js';

describe('exceptions kept with the generator', () => {
  it('break names as their spelling does, where the patterns would not', () => {
    const h = hyphenatorFor(languageOf('en')!)!;
    // the patterns alone give Kaza-khstan: kh is one sound
    expect(h.breaks('Kazakhstan')).toEqual([2, 6]);
    expect(h.breaks('Kazakh')).toEqual([2]);
    expect(h.breaks('Zhanaozen')).toEqual([3, 5, 6]);
    // other words still follow the patterns
    expect(h.breaks('hyphenation')).toEqual([2, 6]);
  });
});
