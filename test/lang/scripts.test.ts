import { describe, expect, it } from 'vitest';
import { fontScript } from '../../src/lang/scripts.js';

describe('the script of a character', () => {
  it('sets a character in the writing system of its text: Han in Japanese is Japanese, alone it is Simplified Chinese', () => {
    expect(fontScript('漢', 'Jpan')).toBe('Jpan');
    expect(fontScript('か', 'Latn')).toBe('Jpan');
    expect(fontScript('漢', 'Cyrl')).toBe('Hans');
    expect(fontScript('한', 'Kore')).toBe('Kore');
    expect(fontScript('و', 'Arab')).toBe('Arab');
    expect(fontScript('(', 'Arab')).toBeUndefined();
  });
});
