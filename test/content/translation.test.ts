import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initProject } from '../../src/cli/init.js';
import { loadLocale, loadProject } from '../../src/content/project.js';
import { readSection } from '../../src/content/sections.js';
import { missingForms, missingStrings, sectionState, setFrontMatter, strayStrings, untranslatedStrings, withLanguageForms } from '../../src/content/translation.js';

const dir = mkdtempSync(join(tmpdir(), 'zine-translation-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('setFrontMatter', () => {
  it('adds keys to existing front matter and keeps the rest', () => {
    const text = '---\ntitle: A\nlead: B\n---\nBody.\n';
    expect(setFrontMatter(text, { translated: false, source: 'abc' }, 'x.md')).toBe('---\ntitle: A\nlead: B\ntranslated: false\nsource: "abc"\n---\nBody.\n');
  });

  it('replaces keys that are there', () => {
    expect(setFrontMatter('---\ntranslated: false\n---\nX', { translated: true }, 'x.md')).toBe('---\ntranslated: true\n---\nX');
  });

  it('adds front matter to a file without it', () => {
    expect(setFrontMatter('Body.\n', { translated: false }, 'x.md')).toBe('---\ntranslated: false\n---\nBody.\n');
  });

  it('finds front matter as the build does: dashes followed by spaces, a rule that is not front matter', () => {
    expect(setFrontMatter('--- \ntitle: A\n---  \nBody.\n', { translated: true }, 'x.md')).toBe('--- \ntitle: A\ntranslated: true\n---\nBody.\n');
    expect(setFrontMatter('----\nBody.\n', { translated: true }, 'x.md')).toBe('---\ntranslated: true\n---\n----\nBody.\n');
  });

  it('refuses front matter it would not read, rather than add a second block', () => {
    expect(() => setFrontMatter('---js\n{ title: "x" }\n---\nBody.\n', { translated: true }, 'x.md')).toThrow(/must be YAML/);
    expect(() => setFrontMatter('---\ntitle: x\nBody.\n', { translated: true }, 'x.md')).toThrow(/not closed/);
  });
});

describe('sectionState', () => {
  const source = readSection(file('src.md', '---\ntitle: A\n---\nOriginal.\n'), dir);
  const version = source.version;

  it('tells missing, untranslated, outdated and translated apart', () => {
    expect(sectionState(source, undefined)).toBe('missing');
    expect(sectionState(source, readSection(file('t1.md', `---\ntranslated: false\nsource: ${version}\n---\nX\n`), dir))).toBe('untranslated');
    expect(sectionState(source, readSection(file('t2.md', '---\nsource: "000000000000"\n---\nX\n'), dir))).toBe('outdated');
    expect(sectionState(source, readSection(file('t3.md', `---\nsource: ${version}\n---\nX\n`), dir))).toBe('translated');
    // made by hand, with no record of its source: taken as translated
    expect(sectionState(source, readSection(file('t4.md', 'X\n'), dir))).toBe('translated');
  });

  it('takes an empty file for a missing translation, unless the original is empty too', () => {
    for (const [name, text] of [['e1.md', ''], ['e2.md', '---\nsource: x\n---\n \n\n'], ['e3.md', '---\ntitle: " "\n---\n']]) {
      expect(sectionState(source, readSection(file(name!, text!), dir)), name).toBe('missing');
    }
    // a title is a beginning: the translation is its own from there
    expect(sectionState(source, readSection(file('e4.md', '---\ntitle: Б\n---\n'), dir))).toBe('translated');
    // an empty original has nothing to translate; what a locale made of it before is as its marks say
    const empty = readSection(file('e5.md', ''), dir);
    expect(sectionState(empty, readSection(file('e6.md', ''), dir))).toBe('translated');
    expect(sectionState(empty, undefined)).toBe('translated');
    expect(sectionState(empty, readSection(file('e7.md', '---\ntranslated: false\n---\nOld copy.\n'), dir))).toBe('untranslated');
    expect(sectionState(empty, readSection(file('e8.md', `---\nsource: ${version}\n---\nÜbersetzt.\n`), dir))).toBe('outdated');
  });
});

describe('a locale\'s empty sections', () => {
  it('stand in from the original where a translation is an empty file, and are said to show on no page where nothing stands in', () => {
    const project = join(mkdtempSync(join(tmpdir(), 'zine-empty-')), 'p');
    initProject(project);
    const sections = (locale: string): string => join(project, 'locales', locale, 'sections');
    cpSync(join(project, 'locales', 'en'), join(project, 'locales', 'kk'), { recursive: true });
    writeFileSync(join(sections('kk'), '01-introduction.md'), '');
    writeFileSync(join(sections('en'), '04-blank.md'), '---\n---\n\n');
    // a copy of the original as it was, not yet translated: the original, emptied since, stands in with nothing
    writeFileSync(join(sections('kk'), '04-blank.md'), '---\ntranslated: false\n---\nThe old text.\n');
    const zine = loadProject(project);
    const warnings: string[] = [];
    const kk = loadLocale(zine, 'kk', (message, where) => warnings.push(`${basename(where!.file)}: ${message}`));
    const second = kk.sections.find((s) => s.id === '01-introduction')!;
    expect(second.file).toBe(join(sections('en'), '01-introduction.md'));
    expect(kk.untranslated).toContain(second);
    expect(warnings).toContain('01-introduction.md: section 01-introduction is empty in kk: set in en');
    expect(warnings).toContain('04-blank.md: section 04-blank is empty: no page shows it');
    expect(kk.untranslated.map((s) => s.id)).toEqual(['01-introduction']);
  });
});

describe('missingStrings', () => {
  it('lists dotted keys the locale lacks, plural forms counted once', () => {
    const defaults = { title: 'T', cover: { kicker: 'the' }, n_one: '1 note', n_other: '{{count}} notes' };
    expect(missingStrings(defaults, { title: 'Т', n_one: 'a', n_few: 'b', n_many: 'c' })).toEqual(['cover.kicker']);
    expect(missingStrings(defaults, { title: 'Т', cover: { kicker: '' } })).toEqual(['n']);
  });
});

describe('untranslatedStrings', () => {
  const defaults = {
    title: 'Uprising', cover: { kicker: 'the' }, date: '{{date}}', empty: '', nested: '$t(title)', n_one: '1 note', n_other: '{{count}} notes',
    shown: '$t(title, {"context": "(short) one"})',
  };
  it('lists the strings a locale has word for word, plural forms counted once', () => {
    expect(untranslatedStrings(defaults, defaults)).toEqual(['title', 'cover.kicker', 'n']);
    expect(untranslatedStrings(defaults, { ...defaults, title: 'Восстание', n_one: '1 сноска', n_other: '{{count}} сноски' })).toEqual(['cover.kicker']);
  });
  it('passes over texts without a letter of their own, and those listed as the same on purpose', () => {
    // (a parenthesis in $t()'s options is inside it, as i18next reads it)
    expect(untranslatedStrings(defaults, { date: '{{date}}', empty: '', nested: '$t(title)', shown: defaults.shown })).toEqual([]);
    expect(untranslatedStrings(defaults, defaults, ['title', 'n'])).toEqual(['cover.kicker']);
  });
});

describe('plural forms a language takes', () => {
  const defaults = { notes: 'Notes', colophon: { untranslated_one: 'One: {{sections}}.', untranslated_other: 'These: {{sections}}.' } };
  it('are added by a copy for the language, after the string\'s forms, as the default\'s other', () => {
    const uk = withLanguageForms(defaults, 'uk');
    expect(Object.keys(uk.colophon as object)).toEqual(['untranslated_one', 'untranslated_other', 'untranslated_few', 'untranslated_many']);
    expect((uk.colophon as Record<string, string>).untranslated_many).toBe('These: {{sections}}.');
    // Japanese takes other alone, and English has its forms
    expect(withLanguageForms(defaults, 'ja')).toEqual(defaults);
    expect(withLanguageForms(defaults, 'en')).toEqual(defaults);
  });

  it('are missing where the locale has the string in forms, and not all of its language\'s', () => {
    const translated = { colophon: { untranslated_one: 'Одна: {{sections}}.', untranslated_other: 'Ці: {{sections}}.' } };
    expect(missingForms(defaults, translated, 'uk')).toEqual(['colophon.untranslated_few', 'colophon.untranslated_many']);
    expect(missingForms(defaults, translated, 'ar')).toEqual(['colophon.untranslated_zero', 'colophon.untranslated_two', 'colophon.untranslated_few', 'colophon.untranslated_many']);
    // the string without forms serves every count; a string the locale lacks is missing, not its forms
    expect(missingForms(defaults, { colophon: { untranslated: 'Не перекладено: {{sections}}.' } }, 'uk')).toEqual([]);
    expect(missingForms(defaults, {}, 'uk')).toEqual([]);
  });

  it('are those whole numbers take: French\'s many (millions) and Czech\'s (fractions) are none; a language ICU has no rules for takes none', () => {
    const translated = { colophon: { untranslated_one: 'x', untranslated_other: 'y' } };
    expect(missingForms(defaults, translated, 'fr')).toEqual([]);
    expect(missingForms(defaults, translated, 'cs')).toEqual(['colophon.untranslated_few']);
    expect(withLanguageForms(defaults, 'fr')).toEqual(defaults);
    for (const tag of ['tlh', 'qaa']) {
      expect(withLanguageForms(defaults, tag)).toEqual(defaults);
      expect(missingForms(defaults, { colophon: { untranslated_one: 'x' } }, tag)).toEqual([]);
    }
  });

  it('a form added as the default\'s other is a copy not yet translated', () => {
    expect(untranslatedStrings(defaults, withLanguageForms(defaults, 'uk'))).toEqual(['notes', 'colophon.untranslated']);
    expect(untranslatedStrings(defaults, { colophon: { untranslated_one: 'Одна: {{sections}}.', untranslated_other: 'Ці: {{sections}}.', untranslated_few: 'These: {{sections}}.' } })).toEqual(['colophon.untranslated']);
  });
});

describe('strayStrings', () => {
  it('lists the keys the default locale lacks, with the one each likely stands for; forms and nested strings of the locale\'s own are none', () => {
    const defaults = { contents: 'Contents', colophon: { untranslated_one: 'a', untranslated_other: 'b' } };
    expect(strayStrings(defaults, { contnets: 'Зміст', colophon: { untranslated_few: 'c' }, extra: 'x', name: 'Їжак', title: '$t(name)' }))
      .toEqual([{ key: 'contnets', meant: 'contents' }, { key: 'extra', meant: undefined }, { key: 'title', meant: undefined }]);
  });
});
