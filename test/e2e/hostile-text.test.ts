import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initProject } from '../../src/cli/init.js';
import { expectOneLineError, projectWithLocales, zine } from '../support/cli.js';
import { readPdf, words } from '../support/pdf.js';

/**
 * Sections, strings and translations come from strangers: what they hold
 * must never run, and never be lost or typeset unseen. Each problem is one
 * line naming the file (and line), or a warning that does.
 */
const work = mkdtempSync(join(tmpdir(), 'zine-hostile-'));
let n = 0;
const fresh = (): string => {
  const dir = join(work, `p${n++}`);
  initProject(dir);
  return dir;
};
const en = (dir: string, ...parts: string[]): string => join(dir, 'locales', 'en', ...parts);

beforeAll(() => {
  expect(readdirSync(join(import.meta.dirname, '..', '..', 'dist', 'cli')).length).toBeGreaterThan(0);
});

describe('front matter that is not YAML', () => {
  it('is refused in one line by every command, and never run', async () => {
    const dir = fresh();
    expect((await zine('locale', 'add', 'de', '--project', dir)).code).toBe(0);
    const marker = join(work, 'PWNED');
    const hostile = `---js\n{ title: "Hi", x: require("child_process").execSync("id > PWNED; id > ${marker}").toString() }\n---\nBody.\n`;
    writeFileSync(en(dir, 'sections', '02-hi.md'), hostile);
    for (const command of [['status'], ['status', '--strict'], ['build', '--paper', 'letter'], ['locale', 'add', 'fr'], ['locale', 'done', 'de']]) {
      expectOneLineError(await zine(...command, '--project', dir), '02-hi.md:1:', 'front matter must be YAML');
    }
    // a translator's file is read the same way
    rmSync(en(dir, 'sections', '02-hi.md'));
    writeFileSync(join(dir, 'locales', 'de', 'sections', '01-introduction.md'), hostile);
    expectOneLineError(await zine('locale', 'done', 'de', '--project', dir), join('de', 'sections', '01-introduction.md:1:'), 'front matter must be YAML');
    expect(existsSync(marker)).toBe(false);
    expect(existsSync('PWNED')).toBe(false);
    expect(readdirSync(join(dir, 'locales'))).toEqual(['de', 'en']);
  });
});

describe('translations saved with CRLF line endings or as UTF-16', () => {
  it('locale add and locale done set their front matter, keep their line endings, and status sees the truth', async () => {
    const dir = fresh();
    const intro = readFileSync(en(dir, 'sections', '01-introduction.md'), 'utf8');
    writeFileSync(en(dir, 'sections', '01-introduction.md'), intro.replace(/\n/g, '\r\n'));
    const utf16 = '---\r\ntitle: Second\r\n---\r\nA second section.\r\n';
    writeFileSync(en(dir, 'sections', '02-second.md'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf16, 'utf16le')]));

    expect((await zine('locale', 'add', 'kk', '--project', dir)).code).toBe(0);
    const kk = (name: string): string => readFileSync(join(dir, 'locales', 'kk', 'sections', name), 'utf8');
    for (const name of ['01-introduction.md', '02-second.md']) {
      const copy = kk(name);
      expect(copy).toMatch(/^---\r\ntitle: [^\r\n]+\r\n(.*\r\n)*translated: false\r\nsource: "[0-9a-f]{12}"\r\n---\r\n/);
      expect(copy.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    }
    expect(kk('02-second.md')).toMatch(/\r\nA second section\.\r\n$/);
    let status = await zine('status', '--project', dir);
    expect(status.stdout).toMatch(/kk\s+Қазақ тілі\s+0\/2\s+2\s+0\s+0/);
    expect((await zine('status', '--strict', '--project', dir)).code).toBe(1);

    writeFileSync(join(dir, 'locales', 'kk', 'sections', '01-introduction.md'), '---\r\ntitle: Кіріспе\r\ntranslated: false\r\n---\r\nМәтін.\r\n');
    const r = await zine('locale', 'done', 'kk', '--project', dir);
    expect(r.code, r.stderr).toBe(0);
    expect(kk('01-introduction.md')).toMatch(/^---\r\ntitle: Кіріспе\r\ntranslated: true\r\nsource: "[0-9a-f]{12}"\r\n---\r\nМәтін\.\r\n$/);
    // the strings as locale add copied them are not translated yet
    status = await zine('status', '--strict', '--project', dir);
    expect(status.code, status.stdout).toBe(1);
    expect(status.stdout).toMatch(/kk\s+Қазақ тілі\s+2\/2\s+0\s+0\s+0\s+[1-9]/);
    const strings = join(dir, 'locales', 'kk', 'strings.json');
    writeFileSync(strings, readFileSync(strings, 'utf8').replace(/": "(?=[^"])/g, '": "(kk) '));
    status = await zine('status', '--strict', '--project', dir);
    expect(status.code, status.stdout).toBe(0);
    expect(status.stdout).toMatch(/kk\s+Қазақ тілі\s+2\/2\s+0\s+0\s+0\s+0/);
  });
});

describe('locale add', () => {
  it('takes language tags, and refuses anything else in one line', async () => {
    const dir = fresh();
    expectOneLineError(await zine('locale', 'add', 'en_US', '--project', dir), 'write en-US');
    expectOneLineError(await zine('locale', 'add', 'x'.repeat(360), '--project', dir), 'not a language tag');
    expectOneLineError(await zine('locale', 'add', '../../evil', '--project', dir), 'not a language tag');
    // scripts and regions the theme's fonts set (a locale no font sets is refused: test/e2e/fonts.test.ts)
    for (const code of ['sr-Latn', 'pt-BR']) expect((await zine('locale', 'add', code, '--project', dir)).code).toBe(0);
    expect(readdirSync(join(dir, 'locales')).sort()).toEqual(['en', 'pt-BR', 'sr-Latn']);
  });

  it('without the default locale’s strings says so, and leaves no half-made folder', async () => {
    const dir = fresh();
    rmSync(en(dir, 'strings.json'));
    expectOneLineError(await zine('locale', 'add', 'fr', '--project', dir), join('en', 'strings.json'), 'not found');
    expect(readdirSync(join(dir, 'locales'))).toEqual(['en']);
  });
});

describe('text that builds, with warnings', () => {
  it('loses control characters and bidi overrides, keeps every word of deep lists, and names each problem', async () => {
    const dir = fresh();
    const list = Array.from({ length: 12 }, (_, i) => `${'  '.repeat(i)}- level${'abcdefghijkl'[i]}`).join('\n');
    writeFileSync(en(dir, 'sections', '02-hostile.md'), [
      '---', 'title: "Sneaky\\u202E title\\a"', '---',
      'A bell\x07 and an escape\x1b[31m here.', '',
      'An override \u202Egnirts and an entity &#x202E; too.', '',
      'A note that was never written.[^gone]', '',
      list, '',
      'After the list.', '',
    ].join('\n'));
    const strings = JSON.parse(readFileSync(en(dir, 'strings.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(en(dir, 'strings.json'), JSON.stringify({ ...strings, subtitle: 'A \u202Ereversed subtitle' }));

    const r = await zine('build', '--project', dir, '--paper', 'letter');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/02-hostile\.md:4: control characters U\+0007, U\+001B removed/);
    expect(r.stderr).toMatch(/02-hostile\.md:6: control character U\+202E removed/);
    expect(r.stderr).toMatch(/02-hostile\.md:8: footnote \[\^gone\] has no definition/);
    expect(r.stderr).toMatch(/02-hostile\.md:\d+: lists and block quotes nested more than 4 deep/);
    expect(r.stderr).toMatch(/strings\.json: control character U\+202E removed from string "subtitle"/);
    expect(r.stderr).toMatch(/02-hostile\.md:2: control characters? U\+202E.*removed/);

    const pdf = await readPdf(join(dir, 'out', 'en', `${basename(dir)}_screen_single_page_view.pdf`));
    const text = pdf.pages.map((p) => p.text).join('\n');
    expect(text).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]/);
    const seen = words(text);
    for (const word of ['sneaky', 'bell', 'escape', 'override', 'gnirts', 'entity', 'reversed', 'after']) expect(seen).toContain(word);
    for (let i = 0; i < 12; i++) expect(seen).toContain(`level${'abcdefghijkl'[i]}`);
  });
});

describe('text that cannot be set as written', () => {
  const dir = join(work, 'broken');
  beforeAll(() => initProject(dir));
  const section = en(dir, 'sections', '02-broken.md');

  it('a string that nests itself: strings.json and the key', async () => {
    const file = en(dir, 'strings.json');
    const before = readFileSync(file, 'utf8');
    writeFileSync(file, JSON.stringify({ ...(JSON.parse(before) as object), title: '$t(title)' }));
    try {
      expectOneLineError(await zine('build', '--project', dir, '--paper', 'letter'), join('en', 'strings.json'), 'string "title" nests itself');
    } finally {
      writeFileSync(file, before);
    }
  });

  it('strings that would print as their key, a sentence of i18next’s or NaN: strings.json and the key', async () => {
    const file = en(dir, 'strings.json');
    const cover = join(dir, 'templates', 'cover.hbs');
    const [before, coverBefore] = [readFileSync(file, 'utf8'), readFileSync(cover, 'utf8')];
    const strings = JSON.parse(before) as Record<string, unknown>;
    const build = (changed: Record<string, unknown>): ReturnType<typeof zine> => {
      writeFileSync(file, JSON.stringify({ ...strings, ...changed }));
      return zine('build', '--project', dir, '--paper', 'letter');
    };
    try {
      expectOneLineError(await build({ title: null }), join('en', 'strings.json'), 'string "title" must be text in quotes (or a group of strings), not null');
      expectOneLineError(await build({ cover: ['the'] }), join('en', 'strings.json'), 'string "cover" must be text in quotes (or a group of strings), not a list');
      expectOneLineError(await build({ title: '$t(cover, {"returnObjects": true})' }), join('en', 'strings.json'), 'string "title" sets "returnObjects" in $t()');
      expectOneLineError(await build({ colophon: { ...(strings.colophon as object), published: 'In {{date, number}}' } }),
        join('en', 'strings.json'), 'string "colophon.published" formats {{date}} as a number, but it is text', '(asked for by colophon.hbs)');
      expectOneLineError(await build({ colophon: { ...(strings.colophon as object), languages: 'In {{languages, list}}' } }),
        join('en', 'strings.json'), 'string "colophon.languages" formats {{languages}} as a list, but it is text');
      writeFileSync(file, before);
      writeFileSync(cover, `${coverBefore}\n{{t "cover"}}\n`);
      expectOneLineError(await zine('build', '--project', dir, '--paper', 'letter'), join('en', 'strings.json'), 'string "cover" is a group of strings, not text', '(asked for by cover.hbs)');
      writeFileSync(cover, `${coverBefore}\n{{t "kicker"}}\n`);
      expectOneLineError(await zine('build', '--project', dir, '--paper', 'letter'), join('en', 'strings.json'), 'no string "kicker": add it (asked for by cover.hbs)');
    } finally {
      writeFileSync(file, before);
      writeFileSync(cover, coverBefore);
    }
  });

  it('a strings.json of a hundred thousand strings each nesting another builds in seconds', async () => {
    const file = en(dir, 'strings.json');
    const before = readFileSync(file, 'utf8');
    const strings = JSON.parse(before) as Record<string, unknown>;
    for (let i = 0; i < 100_000; i++) strings[`key${i}`] = 'a $t(zz) b';
    writeFileSync(file, JSON.stringify({ ...strings, zz: 'z' }));
    try {
      const started = Date.now();
      const r = await zine('build', '--project', dir, '--paper', 'letter');
      expect(r.code, r.stderr).toBe(0);
      // it took five minutes; seconds now, with room for a slow machine
      expect(Date.now() - started).toBeLessThan(60_000);
    } finally {
      writeFileSync(file, before);
    }
  });

  it('lists nested so deep that words would be lost: file and line', async () => {
    const deep = Array.from({ length: 60 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n');
    writeFileSync(section, `---\ntitle: Deep\n---\nBefore.\n\n${deep}\n`);
    try {
      expectOneLineError(await zine('build', '--project', dir, '--paper', 'letter'), '02-broken.md:', 'nested too deeply');
    } finally {
      rmSync(section);
    }
  });

  it('a folder or a dangling link named like a section', async () => {
    mkdirSync(section);
    try {
      expectOneLineError(await zine('build', '--project', dir, '--paper', 'letter'), '02-broken.md', 'is a folder');
    } finally {
      rmSync(section, { recursive: true });
    }
    symlinkSync(join(dir, 'nowhere.md'), section);
    try {
      expectOneLineError(await zine('build', '--project', dir, '--paper', 'letter'), '02-broken.md', 'not found');
    } finally {
      rmSync(section);
    }
  });
});

describe('paragraphs no writer writes', () => {
  let project = '';
  const section = (locale: string): string => join(project, 'locales', locale, 'sections', '01-introduction.md');
  const japanese = '私たちは古いコピー機で最初の冊子を刷った。相互扶助は対等な者どうしが支え合うことだ。'.repeat(6);
  beforeAll(async () => {
    project = await projectWithLocales(['ja', 'th'], (f) => f.endsWith('-Subset.otf') || f.startsWith('NotoSerifThai'));
  }, 60_000);

  it('eighty 。 in a row: all on the page, broken between them inside the text block, and the warning says so', async () => {
    writeFileSync(section('ja'), `---\ntitle: Zine\n---\n${japanese}\n\n相互扶助${'。'.repeat(80)}対等\n`);
    const r = await zine('build', '--project', project, '--locale', 'ja', '--paper', 'letter');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.trim()).toMatch(/^warning: .*01-introduction\.md:6: "相互扶助。。。.*" is wider than the line: broken where it must be$/);
    const { pages } = await readPdf(join(project, 'out', 'ja', `${basename(project)}_screen_single_page_view.pdf`));
    const body = pages.slice(3, -1);
    expect(body.map((p) => p.text).join('').match(/。/g)).toHaveLength(80 + 12);
    // the text block, from the justified lines of the paragraph before: where they start, where most end
    const runs = body.flatMap((p) => p.runs.filter((run) => run.size < 12 && run.y > 72));
    const left = Math.min(...runs.map((run) => run.x));
    const ends = runs.map((run) => Math.round(run.x + run.width));
    const right = ends.sort((a, b) => ends.filter((e) => e === b).length - ends.filter((e) => e === a).length)[0]!;
    // a closing mark ending a line has its blank half past the block, its ink inside
    for (const run of runs) expect(run.x + run.width, run.str).toBeLessThanOrEqual(right + 0.5 * run.size + 0.5);
    for (const run of runs) expect(run.x).toBeGreaterThanOrEqual(left - 0.01);
  }, 60_000);

  it('a megabyte of Thai without a space builds in seconds, every letter on its pages', async () => {
    const thai = 'เราไม่ต้องรอให้ใครอนุญาตคือประโยคที่เราเขียนไว้บนผนังในการประชุมครั้งแรกเมื่อสามปีก่อน';
    const paragraph = thai.repeat(Math.ceil(1_000_000 / Buffer.byteLength(thai)));
    writeFileSync(section('th'), `---\ntitle: Zine\n---\n${paragraph}\n`);
    const start = performance.now();
    const r = await zine('build', '--project', project, '--locale', 'th', '--paper', 'letter');
    // it took four and a half minutes: the time went up with the square of the paragraph's length
    expect((performance.now() - start) / 1000).toBeLessThan(60);
    expect(r.code, r.stderr).toBe(0);
    const text = execFileSync('pdftotext', [join(project, 'out', 'th', `${basename(project)}_screen_single_page_view.pdf`), '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    // Thai letters only: no folios (in Thai digits), no line ends
    expect(text.replace(/[^\u0e01-\u0e4f]/g, '').includes(paragraph)).toBe(true);
  }, 300_000);

  it('a letter under 5,000 marks is refused in one line naming file and line', async () => {
    const dir = fresh();
    writeFileSync(en(dir, 'sections', '02-marks.md'), `---\ntitle: Marks\n---\nBefore.\n\nA line,\nthen a${'\u0301'.repeat(5000)} here.\n`);
    expectOneLineError(await zine('build', '--project', dir, '--paper', 'letter'), '02-marks.md:7:', '5000 combining marks on one letter (U+0301): more than 32 are refused');
  });
});

describe('more text than a build sets', () => {
  it('a word of eight megabytes of hyphenated parts is refused in one line naming its file (it ran the build out of memory)', async () => {
    const dir = fresh();
    const word = Array.from({ length: 1_350_000 }, (_, i) => `part${i % 10}`).join('-');
    writeFileSync(en(dir, 'sections', '02-word.md'), `---\ntitle: Word\n---\nBefore ${word} after.\n`);
    expectOneLineError(await zine('build', '--project', dir, '--paper', 'letter'), '02-word.md', 'the sections of en come to more than 2,000,000 characters with this one');
  });

  it('front matter counts: a title of two million characters is refused as a body would be (it was set whole in the contents)', async () => {
    const dir = fresh();
    writeFileSync(en(dir, 'sections', '02-title.md'), `---\ntitle: "${'A long title. '.repeat(150_000)}"\n---\nA short body.\n`);
    expectOneLineError(await zine('build', '--project', dir, '--paper', 'letter'), '02-title.md', 'the sections of en come to more than 2,000,000 characters with this one');
  });

  it('sections that come to more together are refused at the one too many; a translation\'s with the originals standing in, too', async () => {
    const dir = fresh();
    const paragraphs = (characters: number): string => `${'Words set in a long book of many pages. '.repeat(characters / 40)}\n`;
    writeFileSync(en(dir, 'sections', '02-long.md'), `---\ntitle: Long\n---\n${paragraphs(1_200_000)}`);
    writeFileSync(en(dir, 'sections', '03-longer.md'), `---\ntitle: Longer\n---\n${paragraphs(1_200_000)}`);
    expectOneLineError(await zine('build', '--project', dir, '--paper', 'letter'), '03-longer.md', 'the sections of en come to more than 2,000,000 characters');
    rmSync(en(dir, 'sections', '03-longer.md'));
    expect((await zine('locale', 'add', 'de', '--project', dir)).code).toBe(0);
    // a foreword only the translation has, as long again
    writeFileSync(join(dir, 'locales', 'de', 'sections', '00-vorwort.md'), `---\ntitle: Vorwort\n---\n${paragraphs(1_200_000)}`);
    rmSync(join(dir, 'locales', 'de', 'sections', '02-long.md'));
    expectOneLineError(await zine('build', '--project', dir, '--locale', 'de', '--paper', 'letter'), join('en', 'sections', '02-long.md'), 'the sections of de come to more than 2,000,000 characters');
  });
});
