import { describe, expect, it } from 'vitest';
import { isNumberingSystem, localDigits } from '../../src/lang/digits.js';

describe('localDigits', () => {
  it('writes numbers in the digits CLDR gives the language, or those named', () => {
    expect(localDigits('fa')('12.')).toBe('۱۲.');
    expect(localDigits('bn')('2024')).toBe('২০২৪');
    expect(localDigits('ar')('12')).toBe('12');
    expect(localDigits('ar', 'arab')('12')).toBe('١٢');
    expect(localDigits('en')('◆ 3 ◆')).toBe('◆ 3 ◆');
  });

  it('knows ICU\'s numbering systems by name', () => {
    for (const name of ['latn', 'arab', 'arabext', 'deva', 'beng']) expect(isNumberingSystem(name)).toBe(true);
    for (const name of ['arabic', 'xx', '']) expect(isNumberingSystem(name)).toBe(false);
  });
});
