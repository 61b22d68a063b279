import { describe, expect, it } from 'vitest';
import { fontScript, hasRightToLeft, isOfScript, RIGHT_TO_LEFT_SCRIPTS } from '../../src/lang/scripts.js';

describe('the script of a character', () => {
  it('sets a character in the writing system of its text: Han in Japanese is Japanese, alone it is Simplified Chinese', () => {
    expect(fontScript('漢', 'Jpan')).toBe('Jpan');
    expect(fontScript('か', 'Latn')).toBe('Jpan');
    expect(fontScript('漢', 'Cyrl')).toBe('Hans');
    expect(fontScript('한', 'Kore')).toBe('Kore');
    expect(fontScript('و', 'Arab')).toBe('Arab');
    expect(fontScript('(', 'Arab')).toBeUndefined();
  });

  it('finds right to left every letter of the scripts the registry sets right to left, and no other letter', () => {
    // codes ISO 15924 has for variants of a script (Aran, Syre …) are no Unicode script of their own
    const unicode = [...RIGHT_TO_LEFT_SCRIPTS].filter((s) => {
      try {
        return new RegExp(`\\p{Script=${s}}`, 'u') !== undefined;
      } catch {
        return false;
      }
    });
    expect(unicode).toContain('Arab');
    // a letter they share (the tatweel) counts too
    const rightToLeft = new RegExp(`^[${unicode.map((s) => `\\p{Script_Extensions=${s}}`).join('')}]$`, 'u');
    const wrong: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      if (/\p{L}/u.test(ch) && hasRightToLeft(ch) !== rightToLeft.test(ch)) wrong.push(cp.toString(16));
    }
    expect(wrong).toEqual([]);
  });
});

describe('isOfScript', () => {
  it('tells a letter of a writing system, told apart for fonts or not', () => {
    expect(isOfScript('𐐀', 'Dsrt')).toBe(true);
    expect(isOfScript('a', 'Dsrt')).toBe(false);
    expect(isOfScript('漢', 'Jpan')).toBe(true);
    expect(isOfScript('ا', 'Arab')).toBe(true);
    expect(isOfScript('ا', 'Hans')).toBe(false);
  });
});
