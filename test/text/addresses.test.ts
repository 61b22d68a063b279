import { describe, expect, it } from 'vitest';
import { characters } from '../../src/lang/characters.js';
import { addressBreaks, addresses, addressStart } from '../../src/text/addresses.js';

describe('addresses in running text', () => {
  it('are found without the punctuation of the sentence after them', () => {
    const text = 'See https://crimethinc.com/zines. Or write to zines@example.org';
    expect(addresses(text).map(([from, to]) => text.slice(from, to))).toEqual(['https://crimethinc.com/zines', 'zines@example.org']);
  });

  it('break after their punctuation, never inside their scheme', () => {
    const address = 'https://www.example.org/zines?lang=fa';
    const chars = characters(address);
    const whole = addressStart(address);
    expect(chars.slice(0, whole).join('')).toBe('https://');
    const lines = addressBreaks(chars, whole).map((at, i, all) => chars.slice(i === 0 ? 0 : all[i - 1], at).join(''));
    expect(lines).toEqual(['https://www.', 'example.', 'org/', 'zines?', 'lang=']);
    expect(addressStart('zines@example.org')).toBe(0);
  });
});
