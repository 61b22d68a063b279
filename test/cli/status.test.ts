import { describe, expect, it } from 'vitest';
import { columns, formatStatus, type LocaleStatus } from '../../src/cli/status.js';

const row = (locale: string, language: string): LocaleStatus => ({
  locale, language, sections: 8, translated: ['a'], missing: [], outdated: [], missingStrings: [], untranslatedStrings: [],
});

describe('zine status', () => {
  it('counts the columns a text takes in a terminal', () => {
    expect(columns('English')).toBe(7);
    expect(columns('中文')).toBe(4);
    expect(columns('한국어')).toBe(6);
    expect(columns('हिन्दी')).toBe(5); // the virama joins; the vowel signs take a column of their own
    expect(columns('ไทย')).toBe(3);
  });

  it('lines up its table whatever the script of the languages\' names', () => {
    const table = formatStatus([row('ja', '日本語'), row('ko', '한국어'), row('hi', 'हिन्दी'), row('fa', 'فارسی')], 'en').trimEnd().split('\n');
    // where the third column starts, in the columns a terminal shows
    const starts = table.map((line) => columns(line.slice(0, line.search(/(translated|1\/8)/))));
    expect(new Set(starts).size).toBe(1);
  });
});
