import { describe, expect, it } from 'vitest';
import { notoFamilies, notoSource, roleOf } from '../../src/font/noto.js';

describe('the Noto families of a script', () => {
  it('tells roles from family names, and names families per script and role', () => {
    expect(['Noto Serif', 'Noto Sans', 'Noto Sans Mono', 'Noto Kufi Arabic', 'Noto Naskh Arabic'].map(roleOf)).toEqual(['serif', 'sans', 'sans', 'sans', 'serif']);
    expect(notoFamilies('Thai', 'serif')).toEqual(['Noto Serif Thai', 'Noto Sans Thai']);
    expect(notoFamilies('Kore', 'sans')).toEqual(['Noto Sans CJK KR', 'Noto Serif CJK KR']);
    expect(notoSource('Arab')).toBe('Noto Naskh Arabic (Debian: fonts-noto-core; npm: @expo-google-fonts/noto-naskh-arabic)');
    // a serif for a serif role, where npm has one
    expect(notoSource('Jpan')).toBe('Noto Serif CJK JP (Debian: fonts-noto-cjk; npm: @expo-google-fonts/noto-serif-jp)');
    expect(notoSource('Hans', 'serif')).toBe('Noto Serif CJK SC (Debian: fonts-noto-cjk; npm: @expo-google-fonts/noto-serif-sc)');
    expect(notoSource('Jpan', 'sans')).toBe('Noto Sans CJK JP (Debian: fonts-noto-cjk; npm: @expo-google-fonts/noto-sans-jp)');
    expect(notoSource('Kore', 'serif')).toBe('Noto Serif CJK KR (Debian: fonts-noto-cjk; npm: @expo-google-fonts/noto-sans-kr)');
  });
});
