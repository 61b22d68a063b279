import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SourceRef } from '../../src/errors.js';
import { loadStrings } from '../../src/content/strings.js';
import { refusal } from '../support/errors.js';

/** A project with these strings per locale. */
const project = (locales: Record<string, Record<string, unknown>>): string => {
  const dir = mkdtempSync(join(tmpdir(), 'zine-strings-'));
  for (const [locale, strings] of Object.entries(locales)) {
    mkdirSync(join(dir, 'locales', locale), { recursive: true });
    writeFileSync(join(dir, 'locales', locale, 'strings.json'), JSON.stringify(strings));
  }
  return dir;
};
const refused = (dir: string, locale = 'en'): string => refusal(() => loadStrings(dir, locale, 'en'), dir);

describe('loadStrings', () => {
  it('nests, interpolates and counts as i18next does', () => {
    const dir = project({ en: { title: 'T', full: '$t(title): $t(sub.line)', sub: { line: 'L' }, n_one: 'one note', n_other: '{{count}} notes', many: '$t(n, {"count": 3})' } });
    const t = loadStrings(dir, 'en', 'en');
    expect(t('full')).toBe('T: L');
    expect(t('many')).toBe('3 notes');
    expect(t('n', { count: 1 })).toBe('one note');
  });

  it('counts by the plural rules of the language a folder stands for: cz is Czech, whatever the case of a tag', () => {
    const czech = { n_one: '{{count}} kapitola', n_few: '{{count}} kapitoly', n_other: '{{count}} kapitol', only: 'jen česky' };
    const dir = project({ en: { n_one: '{{count}} section', n_other: '{{count}} sections', title: 'Title' }, cz: czech, 'CS-cz': czech });
    for (const locale of ['cz', 'CS-cz']) {
      const t = loadStrings(dir, locale, 'en');
      expect([1, 3, 5].map((count) => t('n', { count }))).toEqual(['1 kapitola', '3 kapitoly', '5 kapitol']);
      expect(t('title')).toBe('Title');
    }
    // two folders of one language keep their own strings
    const pt = project({ pt: { title: 'Brasil' }, 'pt-BR': { title: 'pt-BR', other: 'x' } });
    expect(loadStrings(pt, 'pt', 'pt-BR')('title')).toBe('Brasil');
    expect(loadStrings(pt, 'pt', 'pt-BR')('other')).toBe('x');
  });

  it('refuses a string that nests itself, naming strings.json and the key', () => {
    expect(refused(project({ en: { title: '$t(title)' } }))).toMatch(/^locales\/en\/strings\.json: string "title" nests itself: title → title/);
    expect(refused(project({ en: { a: 'x $t(b)', b: 'y $t(cover.c)', cover: { c: '$t(a)' } } }))).toMatch(/string "\w+(\.c)?" nests itself: .*→.*→.*→/);
    expect(refused(project({ en: { n_one: 'one of $t(n, {"count": 1})', n_other: 'many' } }))).toMatch(/string "n_one" nests itself/);
  });

  it('refuses a string of thousands of "{{" or "$t(" that i18next would read on from, every time it is asked for', () => {
    const because = 'refused, since i18next would read the string over again from each of them every time it is asked for';
    expect(refused(project({ en: { subtitle: `A ${'{{ '.repeat(40_000)}` } }))).toBe(
      `locales/en/strings.json: string "subtitle" has 40,000 "{{" that nothing closes on their line (write {{name}}): ${because}`,
    );
    // a "}}" on a later line closes none of them, and overlapping ones count: 60,000 "{" in a row open 59,999
    expect(refused(project({ en: { cover: { kicker: `${'{{{'.repeat(20_000)}\n}}` } } }))).toMatch(/^locales\/en\/strings\.json: string "cover\.kicker" has 59,999 "\{\{"/);
    // a nesting's options are tested from each "$t(" to the next ")", across lines, and from each "{" on the way to a "}"
    const nestings = (key: string, count: string): string =>
      `locales/en/strings.json: string "${key}" has ${count} "$t(" read on far past them, to a ")" and through "{" without "}" (write $t(name) or $t(name, {"count": 3})): ${because}`;
    expect(refused(project({ en: { title: '$t( '.repeat(30_000) } }))).toBe(nestings('title', '30,000'));
    expect(refused(project({ en: { title: '$t(x\n'.repeat(20_000) } }))).toBe(nestings('title', '20,000'));
    expect(refused(project({ en: { title: 'x', sub: `$t(title, ${'{ '.repeat(49_990)})` } }))).toBe(nestings('sub', '1'));
  });

  it('refuses a placeholder of thousands of commas, which i18next splits its formats at', () => {
    expect(refused(project({ en: { n: `{{x, number(${','.repeat(99_980)}}}` } }))).toBe(
      'locales/en/strings.json: string "n" has a placeholder of 99,981 commas, more than 32: refused (write {{name}} or {{name, format}})',
    );
  });

  it('reads strings that close their placeholders, or leave a few open on short lines, as they are', () => {
    const t = loadStrings(project({ en: { many: '{{n}} '.repeat(500), typo: 'a {{date and {{ more' } }), 'en', 'en', () => {});
    expect(t('many', { n: 1 })).toBe('1 '.repeat(500));
    expect(t('typo')).toBe('a {{date and {{ more');
    // a million characters of short lines, each with one left open, pass this check (read once, not once a line)
    // to be refused for their length alone
    expect(refused(project({ en: { lines: 'x {{\n'.repeat(250_000) } }))).toMatch(/string "lines" grows to more than 100000 characters/);
  });

  it('follows keys as the locale looks them up, its own first, then the default locale’s', () => {
    // the loop runs through the Kazakh title and the English subtitle
    const dir = project({ en: { title: 'T', subtitle: 'of $t(title)' }, kk: { title: '$t(subtitle)!' } });
    expect(refused(dir, 'kk')).toMatch(/^locales\/(kk|en)\/strings\.json: string "(title|subtitle)" nests itself/);
    expect(loadStrings(dir, 'en', 'en')('subtitle')).toBe('of T');
  });

  it('removes control characters and bidi overrides, naming the file and the key', () => {
    const dir = project({ en: { title: 'Hello\u202e world\x1b[0m', cover: { kicker: 'a\x07b' }, kept: 'a\u2067b\u2069' } });
    const warnings: { message: string; where: SourceRef | undefined }[] = [];
    const t = loadStrings(dir, 'en', 'en', (message, where) => warnings.push({ message, where }));
    expect([t('title'), t('cover.kicker'), t('kept')]).toEqual(['Hello world[0m', 'ab', 'a\u2067b\u2069']);
    expect(warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/U\+202E, U\+001B removed from string "title"/),
      expect.stringMatching(/U\+0007 removed from string "cover.kicker"/),
    ]);
    expect(warnings.every((w) => w.where?.file === join(dir, 'locales', 'en', 'strings.json'))).toBe(true);
  });
});

describe('a placeholder not filled in', () => {
  it('is printed as written and told: misspelt, with the one meant; in single braces; none given at all', () => {
    const dir = project({ en: { published: 'Published in {{data}}.', single: 'Published in {date}.', none: 'See {{where}}.', fine: 'In {{date}} {braces}.' } });
    const said: string[] = [];
    const t = loadStrings(dir, 'en', 'en', (message) => said.push(message));
    expect(t('published', { date: 'May' })).toBe('Published in {{data}}.');
    expect(t('single', { date: 'May' })).toBe('Published in {date}.');
    expect(t('none', { date: 'May', count: 2 })).toBe('See {{where}}.');
    expect(t('fine', { date: 'May' })).toBe('In May {braces}.');
    expect(said).toEqual([
      'string "published" has {{data}}, which is not filled in: printed as written (did you mean {{date}}?)',
      'string "single" has {date}, which is not filled in: printed as written (did you mean {{date}}?)',
      'string "none" has {{where}}, which is not filled in: printed as written (it is given {{date}}, {{count}})',
    ]);
  });
});

describe('a warning of a string the default locale\'s stands in for', () => {
  it('names the file the text came from: the default locale\'s, for the form a count takes that the locale lacks, or a string nested', () => {
    const dir = project({
      en: { n_one: 'One section of {{tilte}}.', n_other: '{{count}} sections of {{tilte}}.', list: 'Sections $t(which).', which: 'of {{tilte}}' },
      uk: { n_one: 'Один розділ {{tilte}}.', n_other: '{{count}} розділу {{title}}.', list: 'Розділи $t(which).' },
    });
    const warnings: string[] = [];
    const t = loadStrings(dir, 'uk', 'en', (message, where) => warnings.push(`${where?.file.replace(`${dir}/`, '')}: ${message}`));
    // three takes Ukrainian's "few", which the strings lack; one takes "one", which they have
    expect(t('n', { count: 3, title: 'T' })).toBe('3 sections of {{tilte}}.');
    expect(t('n', { count: 1, title: 'T' })).toBe('Один розділ {{tilte}}.');
    expect(t('list', { title: 'T' })).toBe('Розділи of {{tilte}}.');
    expect(warnings).toEqual([
      'locales/en/strings.json: string "n" has {{tilte}}, which is not filled in: printed as written (did you mean {{title}}?)',
      'locales/uk/strings.json: string "n" has {{tilte}}, which is not filled in: printed as written (did you mean {{title}}?)',
      'locales/en/strings.json: string "which" has {{tilte}}, which is not filled in: printed as written (did you mean {{title}}?)',
    ]);
  });

  it('a value formatted as what it is not, in a string nested from the default locale, is refused naming its file and key', () => {
    const dir = project({ en: { when: 'In $t(month).', month: '{{date, number}}' }, uk: { when: 'У $t(month).' } });
    expect(refusal(() => loadStrings(dir, 'uk', 'en')('when', { date: 'січень' }), dir))
      .toBe('locales/en/strings.json: string "month" formats {{date}} as a number, but it is text ("січень")');
  });
});

describe('a chain of strings nesting the next', () => {
  it('is refused past 32 deep, naming the first: i18next would run out of stack following a thousand', () => {
    const chain = (n: number): Record<string, string> => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i + 1 < n ? `a $t(k${i + 1})` : 'end']));
    expect(loadStrings(project({ en: chain(30) }), 'en', 'en')('k0')).toBe(`${'a '.repeat(29)}end`);
    expect(refused(project({ en: chain(1000) }))).toBe('locales/en/strings.json: string "k0" nests strings more than 32 deep through $t(): refused');
  });
});

describe('a string that writes its values many times over', () => {
  it('is refused before it is made, once what it would write passes 2,000,000 characters; one writing a long value once is not', () => {
    const dir = project({ en: { many: '{{v}}'.repeat(1000), nested: '$t(many) $t(many)', once: 'Lead: {{v}}' } });
    const t = loadStrings(dir, 'en', 'en');
    const long = 'x'.repeat(100_000);
    expect(refusal(() => t('many', { v: long }), dir)).toBe('locales/en/strings.json: string "many" would write more than 2,000,000 characters once its values are filled in: refused');
    expect(refusal(() => t('nested', { v: 'x'.repeat(5000) }), dir)).toMatch(/string "nested" would write more than 2,000,000 characters/);
    expect(t('once', { v: 'x'.repeat(1_900_000) })).toHaveLength(1_900_006);
    expect(t('many', { v: 'ab' })).toHaveLength(2000);
  });
});

describe('strings that grow past reason', () => {
  it('refuses a chain of strings each nesting the next twice, before i18next fills it in', () => {
    // twenty deep, under the depth refused: 2^20 copies of "xy"
    const strings: Record<string, string> = { k20: 'xy' };
    for (let i = 0; i < 20; i++) strings[`k${i}`] = `$t(k${i + 1})$t(k${i + 1})`;
    expect(refused(project({ en: strings }))).toMatch(/^locales\/en\/strings\.json: string "k\d+" grows to more than 100000 characters/);
  });

  it('takes a string nesting others many times while it stays short', () => {
    const dir = project({ en: { word: 'ab', line: Array(50).fill('$t(word)').join(' '), page: '$t(line) $t(line)' } });
    expect(loadStrings(dir, 'en', 'en')('page')).toHaveLength(2 * (50 * 3 - 1) + 1);
  });
});

describe('strings reached another way', () => {
  it('a namespace before the key is part of the key, so loops and growth through it are caught', () => {
    // no namespaces: "translation:subtitle" is a key of its own, which there is not
    expect(refused(project({ en: { subtitle: '$t(translation:subtitle) and more' } })))
      .toBe('locales/en/strings.json: string "subtitle" nests "translation:subtitle", which no strings file has');
    expect(loadStrings(project({ en: { subtitle: '$t(translation:subtitle) and more', 'translation:subtitle': 'Sub' } }), 'en', 'en')('subtitle')).toBe('Sub and more');
  });

  it('options that would read strings another way than the checks follow are refused, in strings and from templates', () => {
    // another key separator would reach `a.b`, which nests `axb` twice, which is `a.b` again
    const strings = { axb: 'x', a: { b: '$t(axb, {"keySeparator": "x"})$t(axb, {"keySeparator": "x"})' } };
    expect(refused(project({ en: strings }))).toBe('locales/en/strings.json: string "a.b" sets "keySeparator" in $t(): it would read strings another way than the checks follow');
    const t = loadStrings(project({ en: { title: 'T', sub: '$t(title)' } }), 'en', 'en');
    for (const option of ['nsSeparator', 'lng', 'returnObjects', 'interpolation']) {
      expect(() => t('sub', { [option]: ':' })).toThrow(`"${option}" is not a value a string can be given`);
    }
  });

  it('a key’s forms by context are followed too', () => {
    // each s<i> is short, and its form for the context "a" doubles the one before: only the forms grow
    const strings: Record<string, string> = { s0: 'x', s0_a: 'ten chars.' };
    for (let i = 1; i < 40; i++) {
      strings[`s${i}`] = 'x';
      strings[`s${i}_a`] = `$t(s${i - 1}, {"context": "a"})$t(s${i - 1}, {"context": "a"})`;
    }
    const small = project({ en: { s0: 'x', s0_a: 'ab', s1: 'x', s1_a: '$t(s0, {"context": "a"})$t(s0, {"context": "a"})', top: '$t(s1, {"context": "a"})' } });
    expect(loadStrings(small, 'en', 'en')('top')).toBe('abab');
    expect(refused(project({ en: strings }))).toMatch(/grows to more than 100000 characters/);
  });
});

describe('strings that would print wrongly', () => {
  it('a value that is not text is refused when the file is read, naming the key', () => {
    for (const [value, kind] of [[null, 'null'], [true, 'boolean true'], [2022, 'number 2022'], [['a', 'b'], 'a list']] as const) {
      expect(refused(project({ en: { title: 'T', cover: { kicker: value } } })))
        .toBe(`locales/en/strings.json: string "cover.kicker" must be text in quotes (or a group of strings), not ${kind}`);
    }
  });

  it('a string asked for that neither locale has names the default locale’s file and the key', () => {
    const dir = project({ en: { title: 'T' }, kk: { title: 'Т' } });
    expect(refusal(() => loadStrings(dir, 'kk', 'en')('subtitle'), dir)).toBe('locales/en/strings.json: no string "subtitle": add it');
    // plural forms without the count asked for by it
    const plural = project({ en: { n_one: 'one', n_other: 'many' } });
    expect(refusal(() => loadStrings(plural, 'en', 'en')('n'), plural)).toBe('locales/en/strings.json: no string "n": add it');
    expect(loadStrings(plural, 'en', 'en')('n', { count: 2 })).toBe('many');
  });

  it('a group asked for as text, or nested, is refused naming it', () => {
    const dir = project({ en: { cover: { kicker: 'the' }, whole: '$t(cover)', objects: '$t(cover, {"returnObjects": true})' } });
    expect(refused(project({ en: { cover: { kicker: 'the' }, whole: '$t(cover)' } })))
      .toBe('locales/en/strings.json: string "whole" nests "cover", a group of strings, not text');
    expect(refused(dir)).toMatch(/^locales\/en\/strings\.json: string "(whole|objects)" (nests "cover", a group|sets "returnObjects")/);
    const t = loadStrings(project({ en: { cover: { kicker: 'the' } } }), 'en', 'en');
    expect(() => t('cover')).toThrow('string "cover" is a group of strings, not text');
    expect(t('cover.kicker')).toBe('the');
  });

  it('a value formatted as what it is not is refused naming the string; formats that fit work', () => {
    const dir = project({ en: { when: 'Published in {{date, number}}.', langs: 'In {{languages, list}}.', n: '{{count, number}} notes', all: 'All of {{items, list}}' } });
    const t = loadStrings(dir, 'en', 'en');
    expect(refusal(() => t('when', { date: 'January 2022' }), dir)).toBe('locales/en/strings.json: string "when" formats {{date}} as a number, but it is text ("January 2022")');
    expect(refusal(() => t('langs', { languages: 'English' }), dir)).toBe('locales/en/strings.json: string "langs" formats {{languages}} as a list, but it is text ("English")');
    expect(t('n', { count: 1234 })).toBe('1,234 notes');
    expect(t('all', { items: ['a', 'b', 'c'] })).toBe('All of a, b, and c');
  });
});

describe('many strings', () => {
  // each `$t()` was looked up by going through every key: a hundred thousand strings took minutes
  it('a hundred thousand strings each nesting one are checked in seconds', () => {
    const strings: Record<string, string> = { zz: 'z' };
    for (let i = 0; i < 100_000; i++) strings[`k${i}`] = `a $t(zz) b`;
    const started = Date.now();
    const t = loadStrings(project({ en: strings }), 'en', 'en');
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(t('k99999')).toBe('a z b');
  }, 60_000);

  it('a name with fifty thousand forms nested by fifty thousand strings is followed once', () => {
    const strings: Record<string, string> = {};
    for (let i = 0; i < 50_000; i++) {
      strings[`x_${i}`] = 'form';
      strings[`k${i}`] = '$t(x)';
    }
    const started = Date.now();
    const dir = project({ en: strings });
    // without the count its forms are for, `x` itself is looked up, which there is not
    expect(refusal(() => loadStrings(dir, 'en', 'en')('k5'), dir)).toBe('locales/en/strings.json: no string "x": add it');
    expect(loadStrings(project({ en: { ...strings, x: 'x' } }), 'en', 'en')('k5')).toBe('x');
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 60_000);
});
