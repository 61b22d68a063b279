import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectOneLineError, zine } from '../support/cli.js';
import { readPdf, words } from '../support/pdf.js';

describe('translating a zine', () => {
  const project = join(mkdtempSync(join(tmpdir(), 'zine-tr-')), 'zine');
  const kk = (...parts: string[]): string => join(project, 'locales', 'kk', ...parts);
  const source = join(project, 'locales', 'en', 'sections', '01-introduction.md');

  beforeAll(async () => {
    expect((await zine('init', project)).code).toBe(0);
    writeFileSync(join(project, 'locales', 'en', 'sections', '02-more.md'), '---\ntitle: More\n---\nA second section.\n');
  });

  it('locale add copies strings and sections, marked as not yet translated', async () => {
    const r = await zine('locale', 'add', 'kk', '--project', project);
    expect(r.code, r.stderr).toBe(0);
    const copy = readFileSync(kk('sections', '01-introduction.md'), 'utf8');
    expect(copy).toMatch(/^---\n[\s\S]*translated: false\nsource: "[0-9a-f]{12}"\n---\n/);
    expect(JSON.parse(readFileSync(kk('strings.json'), 'utf8'))).toEqual(JSON.parse(readFileSync(join(project, 'locales', 'en', 'strings.json'), 'utf8')));
    expectOneLineError(await zine('locale', 'add', 'kk', '--project', project), 'exists already');
    // the same tag in another case, which --locale would take for it
    expectOneLineError(await zine('locale', 'add', 'KK', '--project', project), 'locale KK exists already, as kk');
    expectOneLineError(await zine('locale', 'add', 'Not A Code', '--project', project), 'not a language tag');
  });

  it('status counts untranslated, then outdated sections, and --strict fails on them', async () => {
    let r = await zine('status', '--project', project);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/kk\s+Қазақ тілі\s+0\/2\s+2\s+0\s+0/);
    expect((await zine('status', '--strict', '--project', project)).code).toBe(1);
    // the strings locale add copied are the original's, word for word: not translated yet
    expect(r.stdout).toMatch(/kk: strings as in en, word for word: title, subtitle, [^\n]*\(translate them, or list those meant to stay so in locales\/kk\/same\.json\)/);

    writeFileSync(kk('sections', '01-introduction.md'), '---\ntitle: Кіріспе\n---\nМәтін осында.\n');
    // the locale named in any case, as the build takes it
    expect((await zine('locale', 'done', 'KK', '01-introduction', '--project', project)).code).toBe(0);
    r = await zine('status', '--project', project);
    expect(r.stdout).toMatch(/kk\s+Қазақ тілі\s+1\/2\s+1\s+0\s+0/);

    const before = readFileSync(source, 'utf8');
    appendFileSync(source, '\nA sentence added to the source.\n');
    try {
      r = await zine('status', '--project', project);
      expect(r.stdout).toMatch(/kk\s+Қазақ тілі\s+0\/2\s+1\s+1\s+0/);
      expect(r.stdout).toContain('kk: changed in en since translated: 01-introduction');
    } finally {
      writeFileSync(source, before);
    }
  });

  it('status --strict fails on strings copied unchanged, but for those listed as the same on purpose', async () => {
    const sections = ['01-introduction', '02-more'];
    for (const id of sections) writeFileSync(kk('sections', `${id}.md`), '---\ntitle: Кіріспе\n---\nМәтін осында.\n');
    expect((await zine('locale', 'done', 'kk', ...sections, '--project', project)).code).toBe(0);
    const copied = readFileSync(kk('strings.json'), 'utf8');
    try {
      let r = await zine('status', '--strict', '--project', project);
      expect(r.code).toBe(1);
      const keys = /kk: strings as in en, word for word: ([^(]*) \(/.exec(r.stdout)![1]!.split(', ');
      expect(keys).toEqual(expect.arrayContaining(['title', 'colophon.untranslated']));
      // a string left as a name is listed, the rest translated
      const translated = JSON.parse(copied) as Record<string, unknown>;
      translated.subtitle = 'Қазақша тақырыпша';
      writeFileSync(kk('strings.json'), JSON.stringify(translated));
      writeFileSync(kk('same.json'), JSON.stringify(keys.filter((k) => k !== 'subtitle')));
      r = await zine('status', '--strict', '--project', project);
      expect(r.code, r.stdout).toBe(0);
      expect(r.stdout).toMatch(/kk\s+Қазақ тілі\s+2\/2\s+0\s+0\s+0\s+0/);
      writeFileSync(kk('same.json'), '{"title": true}');
      expectOneLineError(await zine('status', '--project', project), join('kk', 'same.json'), 'must be a list of strings');
      // the build reads it too (a string listed there is set as the locale's own): refused alike, as is a folder or a link out of the project
      expectOneLineError(await zine('build', '--project', project, '--locale', 'kk', '--paper', 'letter'), join('kk', 'same.json'), 'must be a list of strings');
      rmSync(kk('same.json'));
      mkdirSync(kk('same.json'));
      expectOneLineError(await zine('build', '--project', project, '--locale', 'kk', '--paper', 'letter'), join('kk', 'same.json'));
      rmSync(kk('same.json'), { recursive: true });
      writeFileSync(join(project, '..', 'outside.json'), '["title"]');
      symlinkSync(join(project, '..', 'outside.json'), kk('same.json'));
      expectOneLineError(await zine('build', '--project', project, '--locale', 'kk', '--paper', 'letter'), join('kk', 'same.json'));
    } finally {
      writeFileSync(kk('strings.json'), copied);
      rmSync(kk('same.json'), { force: true, recursive: true });
    }
  });

  it('falls back to the default locale for a missing section, warns, and says so in the colophon', async () => {
    rmSync(kk('sections', '02-more.md'));
    const strings = JSON.parse(readFileSync(kk('strings.json'), 'utf8')) as Record<string, unknown>;
    delete strings.subtitle;
    writeFileSync(kk('strings.json'), JSON.stringify(strings));
    const r = await zine('build', '--project', project, '--locale', 'kk', '--paper', 'letter');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('section 02-more is not translated into kk: set in en');
    expect(r.stderr).toContain('string "subtitle" is missing in kk: set in en');
    const pdf = await readPdf(join(project, 'out', 'kk', 'zine_screen_single_page_view.pdf'));
    const text = pdf.pages.map((p) => p.runs.map((run) => run.str).join(' ')).join('\n');
    expect(words(text)).toEqual(expect.arrayContaining(['a', 'second', 'section']));
    expect(pdf.pages[1]!.runs.map((run) => run.str).join(' ')).toMatch(/Not yet translated into this language: More/);
  });

  it('refuses a character that no font has, naming its code point, locale, file and line', async () => {
    const file = kk('sections', '01-introduction.md');
    writeFileSync(file, '---\ntitle: Кіріспе\n---\nБірінші жол.\nЕкінші жолда 漢 бар.\n');
    expectOneLineError(await zine('build', '--project', project, '--locale', 'kk'), 'U+6F22', 'locale kk', '01-introduction.md:5');
  });
});
