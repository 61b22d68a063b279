import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { initProject } from '../../src/cli/init.js';
import { inlineText, type Block } from '../../src/content/blocks.js';
import { loadLocale, loadProject } from '../../src/content/project.js';
import type { Warn } from '../../src/errors.js';
import { compileTemplates, layOut, type SectionFlow, type ZineLayout } from '../../src/layouts/templates.js';
import { checkCoverage } from '../../src/font/coverage.js';
import { FontBook } from '../../src/font/book.js';
import { refusal } from '../support/errors.js';
import { languageOf } from '../../src/lang/languages.js';
import { strictLanguageNames } from '../support/icu.js';
import { setConfig } from '../support/project.js';

/** A new project (`zine init`), its files changed by `files` (paths in the project, contents). */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'zine-templates-'));
  initProject(dir);
  for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
  return dir;
}

/** The project laid out `times` times in `locale` with one compilation of its templates, as a build lays out its locales; the warnings as `file: message`. */
function layOutProject(dir: string, times = 1, locale = 'en'): { layouts: ZineLayout[]; warnings: string[] } {
  const warnings: string[] = [];
  const warn: Warn = (message, where) => warnings.push(`${where ? basename(where.file) : ''}: ${message}`);
  const zine = loadProject(dir);
  const templates = compileTemplates(dir, warn);
  const layouts = Array.from({ length: times }, () => layOut(zine, templates, loadLocale(zine, locale, warn), warn));
  return { layouts, warnings };
}

const textOf = (block: Block | undefined): string => (block?.kind === 'paragraph' ? inlineText(block.inlines) : '');

describe('templates reaching past their data', () => {
  it('get nothing, with one warning for each property and template, whether Handlebars would have said so or not', () => {
    const dir = project({
      'templates/section.hbs': '# {{section.title}}{{constructor}}{{section.constructor}}{{__proto__}}{{toString}}{{lookup section "constructor"}}\n\n{{section}}\n\n{{join section.items}}\n',
      'locales/en/sections/02-second.md': '---\ntitle: Second\nitems: [one, two]\n---\nText.\n',
    });
    const { layouts, warnings } = layOutProject(dir, 2);
    expect(warnings.filter((w) => w.startsWith('section.hbs')).sort()).toEqual(['constructor', '__proto__', 'toString'].sort().map(
      (name) => `section.hbs: the template asks for "${name}", which is not data of the zine: left empty`,
    ));
    for (const layout of layouts) {
      expect(layout.sections.map((s) => textOf(s.blocks[0]))).toEqual(['Introduction', 'Second']);
      // an object printed whole is as JavaScript prints it
      expect(layout.sections.map((s) => textOf(s.blocks[1]))).toEqual(['[object Object]', '[object Object]']);
      // a helper still uses what JavaScript gives a list
      expect(textOf(layout.sections[1]!.blocks[2])).toBe('one and two');
    }
  });
});

describe('a template naming what its data has not', () => {
  it('at the top level, a slip: one warning for the template, with a likely name, and nothing filled in; a section\'s own front matter may be there or not', () => {
    const dir = project({
      'templates/section.hbs': '# {{section.title}}{{sectoin.title}}\n\n{{#if section.lead}}{{section.lead}}{{/if}}{{section.items}} {{locael}}\n',
    });
    const { layouts, warnings } = layOutProject(dir, 2);
    const named = warnings.filter((w) => w.startsWith('section.hbs'));
    expect(named).toHaveLength(2);
    expect(named[0]).toMatch(/^section\.hbs: the template names "sectoin", which its data has not \(did you mean "section"\?\): left empty \(it has [^)]*\bsection\b/);
    expect(named[1]).toMatch(/^section\.hbs: the template names "locael", which its data has not \(did you mean "locale"\?\)/);
    for (const layout of layouts) expect(layout.sections.map((s) => textOf(s.blocks[0]))).toEqual(['Introduction']);
  });
});

describe('the colophon naming a locale whose tag has extensions (ar-u-nu-latn)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('names it by its language where the fonts cannot set its own name, as newer ICU allows', () => {
    strictLanguageNames();
    const dir = project({});
    mkdirSync(join(dir, 'locales', 'ar-u-nu-latn', 'sections'), { recursive: true });
    const zine = loadProject(dir);
    const warnings: string[] = [];
    const canSet = (text: string): boolean => !/\p{Script=Arabic}/u.test(text);
    const layout = layOut(zine, compileTemplates(dir, () => {}), loadLocale(zine, 'en', () => {}), (message) => warnings.push(message), canSet);
    expect(layout.colophon.map(textOf).join(' ')).toContain('Arabic');
    expect(warnings).toEqual(['no font of the theme sets "العربية", the name of ar-u-nu-latn in its own script: named "Arabic" in en\'s colophon']);
  });
});

describe('the colophon\'s list of the zine\'s languages', () => {
  it('sets each language\'s name as a phrase in that language, the zine\'s own in its text', () => {
    const dir = project({});
    for (const locale of ['ja', 'fa', 'en-u-nu-arab']) mkdirSync(join(dir, 'locales', locale, 'sections'), { recursive: true });
    const zine = loadProject(dir);
    const layout = layOut(zine, compileTemplates(dir, () => {}), loadLocale(zine, 'en', () => {}), () => {});
    const listed = layout.colophon.flatMap((b) => (b.kind === 'paragraph' && /English/.test(inlineText(b.inlines)) ? b.inlines : []));
    const phrases = listed.flatMap((i) => (i.kind === 'text' && i.language ? [[i.text, i.language.tag]] : []));
    // Japanese in its forms, Farsi an isolate in the English sentence; English, however it writes its digits, is the text's, named once
    expect(phrases).toEqual([['فارسی', 'fa'], ['日本語', 'ja']]);
    expect(inlineText(listed)).toBe('This zine exists in English, فارسی, and 日本語.');
    // and in a Farsi edition, where English is a phrase of its own
    writeFileSync(join(dir, 'locales', 'fa', 'strings.json'), JSON.stringify({ colophon: { languages: 'این نشریه به {{languages}} است.' } }));
    const farsi = layOut(zine, compileTemplates(dir, () => {}), loadLocale(zine, 'fa', () => {}), () => {});
    const named = farsi.colophon.flatMap((b) => (b.kind === 'paragraph' ? b.inlines : [])).filter((i) => i.kind === 'text' && i.language?.tag.startsWith('en'));
    expect(named.map((i) => inlineText([i]))).toEqual(['English']);
  });

  it('sets the phrases in capitals as their languages write them, their attributes whole, and names a language without data by its tag alone', () => {
    const dir = project({ 'templates/back-cover.hbs': '{{upper languages}}\n' });
    for (const locale of ['ru', 'fi', 'tlh']) mkdirSync(join(dir, 'locales', locale, 'sections'), { recursive: true });
    const zine = loadProject(dir);
    const cases = [['en', 'ENGLISH, SUOMI, РУССКИЙ, AND TLH', ['fi', 'ru']], ['tr', 'ENGLISH, SUOMI, РУССКИЙ, TLH VE TÜRKÇE', ['en', 'fi', 'ru']]] as const;
    for (const [edition, expected, phrases] of cases) {
      if (edition === 'tr') mkdirSync(join(dir, 'locales', 'tr', 'sections'), { recursive: true });
      const warnings: string[] = [];
      const layout = layOut(loadProject(dir), compileTemplates(dir, () => {}), loadLocale(zine, edition, () => {}), (message, where) => warnings.push(`${where ? basename(where.file) : ''}: ${message}`));
      const inlines = layout.backCover.flatMap((b) => (b.kind === 'paragraph' ? b.inlines : []));
      expect(inlineText(inlines), edition).toContain(expected);
      expect(inlines.flatMap((i) => (i.kind === 'text' && i.language ? [i.language.tag] : [])), edition).toEqual(phrases);
      expect(warnings.filter((w) => w.startsWith('back-cover.hbs')), edition).toEqual([]);
    }
  });
});

describe('a sentence the default locale\'s stands in for', () => {
  /**
   * The colophon's "not yet translated" sentence of `locale`, whose strings are `strings`, three English sections
   * untranslated; the English colophon's strings changed by `english`.
   */
  const notice = (locale: string, strings: object, english: Record<string, string> = {}): string => {
    const dir = project({
      'locales/en/sections/02-second.md': '---\ntitle: Second\n---\nText.\n',
      'locales/en/sections/03-third.md': '---\ntitle: Third\n---\nText.\n',
    });
    const defaults = JSON.parse(readFileSync(join(dir, 'locales', 'en', 'strings.json'), 'utf8')) as { colophon: Record<string, string> };
    writeFileSync(join(dir, 'locales', 'en', 'strings.json'), JSON.stringify({ ...defaults, colophon: { ...defaults.colophon, ...english } }));
    mkdirSync(join(dir, 'locales', locale, 'sections'), { recursive: true });
    writeFileSync(join(dir, 'locales', locale, 'strings.json'), JSON.stringify(strings));
    const zine = loadProject(dir);
    const layout = layOut(zine, compileTemplates(dir, () => {}), loadLocale(zine, locale, () => {}), () => {});
    return layout.colophon.map(textOf).find((text) => text.includes('Second')) ?? '';
  };
  const ukrainian = { untranslated_one: 'Не перекладено: {{sections}}.', untranslated_other: 'Не перекладено: {{sections}}.' };

  it('lists the sections in its own language: where the locale lacks the string, and where it lacks the plural form of the count', () => {
    // three takes Ukrainian's "few", which these strings lack
    expect(notice('uk', { colophon: ukrainian })).toBe('Not yet translated into this language: Introduction, Second, and Third.');
    expect(notice('el', {})).toBe('Not yet translated into this language: Introduction, Second, and Third.');
  });

  it('and the locale\'s own sentence lists them in the locale\'s language', () => {
    expect(notice('uk', { colophon: { ...ukrainian, untranslated_few: 'Не перекладено: {{sections}}.', untranslated_many: 'Не перекладено: {{sections}}.' } }))
      // (a no-break space after the one-letter word)
      .toMatch(/^Не перекладено: Introduction, Second і\u00a0Third\.$/);
  });

  it('nesting another, lists them in the language of the string that holds the list', () => {
    const english = { untranslated_one: 'Not yet translated: $t(colophon.which).', untranslated_other: 'Not yet translated: $t(colophon.which).', which: 'the sections {{sections}}' };
    const greek = (sentence: string): object => ({ colophon: { untranslated_one: sentence, untranslated_other: sentence } });
    // the Greek sentence nests English words around the list, which Greek lacks
    expect(notice('el', greek('Δεν έχουν μεταφραστεί: $t(colophon.which).'), english)).toBe('Δεν έχουν μεταφραστεί: the sections Introduction, Second, and Third.');
    // the English sentence, which Greek lacks, nests Greek words around the list
    expect(notice('el', { colophon: { which: 'οι ενότητες {{sections}}' } }, english)).toBe('Not yet translated: οι ενότητες Introduction, Second και Third.');
    // a sentence holding the list itself says it in its language, whatever else it nests
    expect(notice('el', greek('Δεν έχουν μεταφραστεί ($t(colophon.note)): {{sections}}.'), { ...english, note: 'see the original' }))
      .toBe('Δεν έχουν μεταφραστεί (see the original): Introduction, Second και Third.');
  });
});

describe('a date ending in an abbreviation\'s stop', () => {
  it('ends the sentence once: "январь 2026 г.", not "г.." (which would read as an ellipsis)', () => {
    const dir = project({});
    setConfig(dir, { date: '2026-01-15' });
    mkdirSync(join(dir, 'locales', 'ru', 'sections'), { recursive: true });
    writeFileSync(join(dir, 'locales', 'ru', 'strings.json'), JSON.stringify({ colophon: { published: 'Издано: {{date}}.' } }));
    const zine = loadProject(dir);
    const layout = layOut(zine, compileTemplates(dir, () => {}), loadLocale(zine, 'ru', () => {}), () => {});
    expect(layout.colophon.map(textOf)).toContain('Издано: январь 2026 г.');
  });
});

describe('a date in a string of no words of its own, nested by another ({{date}} alone)', () => {
  it('is said in the language of the string nesting it, the locale\'s or the default locale\'s', () => {
    const dir = project({});
    setConfig(dir, { date: '2026-12-15' });
    const en = join(dir, 'locales', 'en', 'strings.json');
    const strings = JSON.parse(readFileSync(en, 'utf8')) as { colophon: Record<string, string> };
    writeFileSync(en, JSON.stringify({ ...strings, colophon: { ...strings.colophon, published: 'Published in $t(colophon.when).', when: '{{date}}' } }));
    mkdirSync(join(dir, 'locales', 'el', 'sections'), { recursive: true });
    const published = (greek: object): string[] => {
      writeFileSync(join(dir, 'locales', 'el', 'strings.json'), JSON.stringify({ colophon: greek }));
      const zine = loadProject(dir);
      return layOut(zine, compileTemplates(dir, () => {}), loadLocale(zine, 'el', () => {}), () => {}).colophon.map(textOf).filter((text) => text.includes('2026'));
    };
    // the Greek sentence nests the English {{date}}, which Greek lacks
    expect(published({ published: 'Εκδόθηκε: $t(colophon.when).' })).toEqual(['Εκδόθηκε: Δεκέμβριος 2026.']);
    // the English sentence, which Greek lacks, nests the Greek {{date}}
    expect(published({ when: '{{date}}' })).toEqual(['Published in December 2026.']);
  });
});

describe('a front matter key nothing reads', () => {
  it('is warned of on its line where it is likely a slip for a key something reads; a key the templates name is theirs', () => {
    const dir = project({
      'templates/section.hbs': '# {{section.title}}\n\n{{section.lead}}\n\n{{join section.items}}\n',
      'locales/en/sections/02-second.md': '---\nTitle: Second\nlaed: A lead.\nlnag: de\nitems: [one]\nitem: two\nnotes: mine\n---\nText.\n',
    });
    const { warnings } = layOutProject(dir);
    expect(warnings.filter((w) => w.startsWith('02-second.md'))).toEqual([
      '02-second.md: front matter "Title" is read by nothing: did you mean "title"?',
      '02-second.md: front matter "laed" is read by nothing: did you mean "lead"?',
      '02-second.md: front matter "lnag" is read by nothing: did you mean "lang"?',
      '02-second.md: front matter "item" is read by nothing: did you mean "items"?',
    ]);
  });
});

describe('a template calling t without a key, or reaching into a value said in each language', () => {
  it('is told on its line, and finds nothing inside the value', () => {
    const dir = project({ 'templates/back-cover.hbs': 'A {{date.say}}{{#each languages}}x{{/each}} B\n\n{{t}}\n' });
    setConfig(dir, { date: '2026-01-15' });
    const e = refusal(() => layOutProject(dir), dir);
    expect(e).toBe('templates/back-cover.hbs:3: template error: {{t}} needs the key of a string, as {{t "title"}}');
    writeFileSync(join(dir, 'templates', 'back-cover.hbs'), 'A {{date.say}}{{#each languages}}x{{/each}} B\n');
    const layout = layOutProject(dir).layouts[0]!;
    expect(layout.backCover.map(textOf)).toContain('A  B');
  });
});

describe('templates keeping to their data', () => {
  it('are not warned of what JavaScript reads for a helper (an array’s constructor, for map)', () => {
    const dir = project({
      'templates/section.hbs': '# {{section.title}}\n\n{{join section.items}}\n',
      'locales/en/sections/01-introduction.md': '---\ntitle: One\nitems: [one, two]\n---\nText.\n',
    });
    const { layouts, warnings } = layOutProject(dir);
    expect(warnings).toEqual([]);
    expect(textOf(layouts[0]!.sections[0]!.blocks[1])).toBe('one and two');
  });

  it('join gives nothing for no items, which {{#if}} takes as false', () => {
    const dir = project({
      'templates/section.hbs': '# {{section.title}}\n\n{{#if (join section.items)}}By {{join section.items}}{{else}}Nobody{{/if}}\n',
      'locales/en/sections/01-introduction.md': '---\ntitle: One\nitems: []\n---\nText.\n',
    });
    expect(textOf(layOutProject(dir).layouts[0]!.sections[0]!.blocks[1])).toBe('Nobody');
  });
});

describe('a character no font has, in a text a template filled in', () => {
  const intro = (frontMatter: string): string => `---\n${frontMatter}\n---\nText.\n`;
  /** The error checking the laid-out project's characters (in `locale`) gives, as the CLI prints it. */
  const coverageError = (dir: string, locale = 'en'): string => {
    const zine = loadProject(dir);
    const fonts = new FontBook(zine.theme, dir);
    const [layout] = layOutProject(dir, 1, locale).layouts;
    const blocks = [...layout!.cover, ...layout!.colophon, ...(layout!.contents?.blocks ?? []), ...layout!.sections.flatMap((s) => s.blocks), ...layout!.backCover];
    return refusal(() => checkCoverage(blocks, zine.theme, fonts, languageOf(locale)), dir);
  };
  const missing = 'no font of the theme has the character U+6F22 "漢" (locale en)';

  it('is told at the line of the front matter it was written on, not the template’s', () => {
    const section = 'locales/en/sections/01-introduction.md';
    expect(coverageError(project({ [section]: intro('title: Intro 漢\nlead: A lead.') }))).toMatch(`${section}:2: ${missing} in front matter "title"`);
    expect(coverageError(project({ [section]: intro('title: Intro\nepigraph: Words\nlead: |\n  A lead\n  of 漢 lines') }))).toMatch(`${section}:4: ${missing} in front matter "lead"`);
  });

  it('is told in strings.json by its key, also when filled in with a title inside', () => {
    const strings = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'starter', 'locales', 'en', 'strings.json'), 'utf8')) as Record<string, unknown>;
    const withStrings = (changed: Record<string, unknown>, files: Record<string, string> = {}): string => project({ 'locales/en/strings.json': JSON.stringify({ ...strings, ...changed }), ...files });
    expect(coverageError(withStrings({ subtitle: 'A 漢 subtitle' }))).toMatch(`locales/en/strings.json: ${missing} in string "subtitle"`);
    // the title is in capitals, and the character before it, in the template, is not the one missing
    expect(coverageError(withStrings({ title: 'Straße 漢' }, { 'templates/cover.hbs': '::: title\n\u00df {{t "title"}}\n:::\n' })))
      .toMatch(`locales/en/strings.json: ${missing} in string "title"`);
    // a section's title given to a string: the title is inside the string, and is where the character is
    const given = withStrings({ subtitle: 'Now with {{name}}' }, {
      'templates/cover.hbs': '::: subtitle\n{{t "subtitle" name=(t "title")}}\n:::\n',
      'locales/en/strings.json': JSON.stringify({ ...strings, subtitle: 'Now {{name}}', title: 'The 漢 title' }),
    });
    expect(coverageError(given)).toMatch(`locales/en/strings.json: ${missing} in string "title"`);
  });

  it('is told in the strings file the text came from: the default locale’s, for a plural form the locale lacks', () => {
    const strings = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'starter', 'locales', 'en', 'strings.json'), 'utf8')) as { colophon: Record<string, string> };
    const dir = project({
      'locales/en/strings.json': JSON.stringify({ ...strings, colophon: { ...strings.colophon, untranslated_other: 'Not yet translated 漢: {{sections}}.' } }),
      'locales/en/sections/02-second.md': intro('title: Second'),
    });
    mkdirSync(join(dir, 'locales', 'uk', 'sections'), { recursive: true });
    // two untranslated sections take Ukrainian's "few", which these strings lack: English's "other" stands in
    writeFileSync(join(dir, 'locales', 'uk', 'strings.json'), JSON.stringify({ colophon: { untranslated_one: 'Не перекладено: {{sections}}.', untranslated_other: 'Не перекладено: {{sections}}.' } }));
    expect(coverageError(dir, 'uk')).toMatch('locales/en/strings.json: no font of the theme has the character U+6F22 "漢" (locale uk) in string "colophon.untranslated"');
  });

  it('is told at the template’s line when the template wrote it', () => {
    expect(coverageError(project({ 'templates/back-cover.hbs': '::: backText\n{{t "backCover.text"}}\n\nWith 漢\n:::\n' }))).toMatch(`templates/back-cover.hbs:4: ${missing}`);
  });
});

/** The sections of a Japanese zine with no section of its own: every one stands in from English. */
function japaneseSections(files: Record<string, string>): SectionFlow[] {
  const dir = project(files);
  mkdirSync(join(dir, 'locales', 'ja', 'sections'), { recursive: true });
  const warn: Warn = () => {};
  const zine = loadProject(dir);
  return layOut(zine, compileTemplates(dir, warn), loadLocale(zine, 'ja', warn), warn).sections;
}

describe('a section standing in from the default locale', () => {
  it('is in the default locale’s language, its quotation marks, notes and links too; the zine’s headings are the zine’s', () => {
    const sections = japaneseSections({
      'locales/en/sections/02-second.md': '---\ntitle: The "second"\n---\nThey said "no".[^1] See [the list](https://example.org/list).\n\n[^1]: A "note".\n',
      'zine.json': JSON.stringify({ slug: 's', defaultLocale: 'en', papers: ['letter'], date: '2026-01-02', links: 'list' }),
    });
    const second = sections.find((s) => s.id === '02-second')!;
    const paragraphs = second.blocks.filter((b) => b.kind === 'paragraph');
    const english = paragraphs.filter((b) => b.language?.tag === 'en');
    expect(english.map(textOf)).toEqual(['The “second”', 'They said “no”.1 See the list.', 'A “note”.', 'the list: https://example.org/list']);
    // the headings of its notes and links are the Japanese zine's, set in its language
    expect(paragraphs.filter((b) => b.language === undefined).map((b) => b.style)).toEqual(['notesHeading', 'notesHeading']);
    expect(paragraphs.map(textOf).join(' ')).not.toMatch(/[「」]/);
  });
});

describe('notes gathered at the end of the zine', () => {
  it('are headed by the title of a section standing in from the default locale, in its language, under the zine’s heading', () => {
    const sections = japaneseSections({
      'locales/en/sections/02-second.md': '---\ntitle: Second\n---\nThey said no.[^1]\n\n[^1]: A "note".\n',
      'zine.json': JSON.stringify({ slug: 's', defaultLocale: 'en', papers: ['letter'], date: '2026-01-02', notes: 'end' }),
    });
    const notes = sections.find((s) => s.id === 'notes')!.blocks.filter((b) => b.kind === 'paragraph');
    const rows = notes.map((b) => [b.style, textOf(b), b.language?.tag]);
    expect(rows[0]).toEqual(['heading1', 'Notes', undefined]);
    expect(rows.slice(-2)).toEqual([['notesSection', 'Second', 'en'], ['note', 'A “note”.', 'en']]);
  });
});

describe('a section its front matter marks in a language (lang: ar)', () => {
  const dir = project({
    'locales/en/sections/02-arabic.md': '---\ntitle: "عنوان"\nlead: "مقدمة"\nlang: ar\n---\n"نص".[^1]\n\n::: {lang=en}\n"English".\n:::\n\n[^1]: "حاشية".\n',
    'locales/en/sections/03-english.md': '---\ntitle: Third\nlang: en\n---\nText.\n',
    'zine.json': JSON.stringify({ slug: 's', defaultLocale: 'en', papers: ['letter'], date: '2026-01-02' }),
  });
  mkdirSync(join(dir, 'locales', 'ja', 'sections'), { recursive: true });
  const warn: Warn = () => {};
  const zine = loadProject(dir);
  const rows = (locale: string, id: string) => layOut(zine, compileTemplates(dir, warn), loadLocale(zine, locale, warn), warn)
    .sections.find((s) => s.id === id)!.blocks.filter((b) => b.kind === 'paragraph').map((b) => [textOf(b), b.language?.tag]);

  it('is set in it throughout, title, lead and notes included, but for a div marked in another; the zine\'s headings are the zine\'s', () => {
    expect(rows('en', '02-arabic')).toEqual([
      ['عنوان', 'ar'], ['مقدمة', 'ar'], ['”نص“.1', 'ar'], ['“English”.', 'en'], ['Notes', undefined], ['”حاشية“.', 'ar'],
    ]);
  });

  it('stands in for a missing translation in it, not in the default locale\'s', () => {
    expect(rows('ja', '02-arabic').map(([, tag]) => tag)).toEqual(['ar', 'ar', 'ar', 'en', undefined, 'ar']);
  });

  it('marks nothing where it names the zine\'s own language', () => {
    expect(rows('en', '03-english')).toEqual([['Third', undefined], ['Text.', undefined]]);
  });
});
