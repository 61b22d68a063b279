import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SourceRef } from '../../src/errors.js';
import { loadSections, readSection } from '../../src/content/sections.js';
import { refusal } from '../support/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'zine-sections-'));
let n = 0;
const section = (text: string | Buffer) => {
  const path = join(dir, `s${n++}.md`);
  writeFileSync(path, text);
  return path;
};
const read = (text: string | Buffer, warnings: { message: string; where: SourceRef | undefined }[] = []) =>
  readSection(section(text), dir, (message, where) => warnings.push({ message, where }));
const failure = (run: () => unknown): string => refusal(run, dir);

describe('front matter', () => {
  it('is read as YAML between lines of three dashes; the body starts after it', () => {
    const s = read('---\ntitle: A title\nlead: "The lead"\nextra: [1, 2]\n---\nBody.\n');
    expect(s.meta).toEqual({ title: 'A title', lead: 'The lead', extra: [1, 2] });
    expect(s.title).toBe('A title');
    expect(s.body).toBe('Body.\n');
    expect(s.bodyLine).toBe(6);
  });

  it('is absent when the first line is not three dashes alone', () => {
    for (const text of ['Body.\n---\ntitle: x\n---\n', '----\ntitle: x\n---\n', ' ---\ntitle: x\n---\n']) {
      const s = read(text);
      expect(s.meta).toEqual({});
      expect(s.body).toBe(text);
      expect(s.bodyLine).toBe(1);
    }
  });

  it('may be empty, or closed by dashes with spaces after them', () => {
    expect(read('---\n---\nBody.').meta).toEqual({});
    expect(read('--- \ntitle: T\n---  \nBody.')).toMatchObject({ title: 'T', body: 'Body.', bodyLine: 4 });
  });

  it('in CRLF and UTF-16 files, as in others', () => {
    expect(read('---\r\ntitle: T\r\n---\r\nBody.\r\n')).toMatchObject({ title: 'T', body: 'Body.\n', bodyLine: 4 });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('---\r\ntitle: Т\r\n---\r\nТекст.\r\n', 'utf16le')]);
    expect(read(utf16)).toMatchObject({ title: 'Т', body: 'Текст.\n', bodyLine: 4 });
  });

  it('in another language than YAML is refused at line 1, and never run', () => {
    const marker = join(dir, 'PWNED');
    const code = `{ title: "Hi", x: require("fs").writeFileSync(${JSON.stringify(marker)}, "") }`;
    for (const opening of ['---js', '---javascript', '---coffee', '--- js', '---toml']) {
      expect(failure(() => read(`${opening}\n${code}\n---\nBody.\n`))).toMatch(/^s\d+\.md:1: front matter must be YAML/);
    }
    expect(existsSync(marker)).toBe(false);
    // naming YAML is fine
    expect(read('---yaml\ntitle: T\n---\nB').title).toBe('T');
  });

  it('has no JavaScript types in its YAML', () => {
    expect(failure(() => read('---\ntitle: !!js/function "function () { return 1 }"\n---\n'))).toMatch(/^s\d+\.md:2: broken front matter: unknown tag/);
  });

  it('that is broken is named with the line of the error', () => {
    expect(failure(() => read('---\ntitle: Fine\nlead: a: b\nx: 1\n---\nText.\n'))).toMatch(/^s\d+\.md:3: broken front matter: /);
    // the commonest slip, a colon in a value, is told with the fix
    expect(failure(() => read('---\ntitle: تاريخ: قصير\n---\nText.\n'))).toMatch(/^s\d+\.md:2: broken front matter: .*: a value holding ": " must be in quotes \(title: "تاريخ: قصير"\)$/);
    expect(failure(() => read('---\nlead: He said "no": twice\n---\n'))).toMatch(/\(lead: "He said \\"no\\": twice"\)$/);
    expect(failure(() => read('---\ntitle: Fine\ntitle: Again\n---\n'))).toMatch(/^s\d+\.md:3: broken front matter: duplicated mapping key/);
  });

  it('that is not closed, or not keys with values, is refused', () => {
    expect(failure(() => read('---\ntitle: T\nBody.\n'))).toMatch(/^s\d+\.md:1: front matter is not closed/);
    expect(failure(() => read('---\n- a\n- b\n---\n'))).toMatch(/^s\d+\.md:2: broken front matter: it must be keys with values/);
  });

  it('must give the title as text, naming its line', () => {
    expect(failure(() => read('---\nlead: L\ntitle: [a, b]\n---\n'))).toMatch(/^s\d+\.md:3: front matter "title" must be text/);
    expect(failure(() => read('---\ntitle: 2024-01-01\n---\n'))).toMatch(/^s\d+\.md:2: front matter "title" must be text: put it in quotes, title: "2024-01-01"$/);
    expect(failure(() => read('---\ntitle: 1984  # the year\n---\n'))).toMatch(/^s\d+\.md:2: front matter "title" must be text: put it in quotes, title: "1984"$/);
    expect(failure(() => read('---\ntitle: true\n---\n'))).toMatch(/: put it in quotes, title: "true"$/);
    // a list is no slip of YAML's reading: no quotes suggested
    expect(failure(() => read('---\ntitle: [a, b]\n---\n'))).toMatch(/must be text$/);
  });

  it('must say "translated" as true or false: "no" is text, which would read as done and set the copy as the translation', () => {
    for (const value of ['no', '0', '"false"', 'nein']) {
      expect(failure(() => read(`---\ntitle: T\ntranslated: ${value}\n---\n`)), value).toMatch(/^s\d+\.md:3: front matter "translated" must be true or false, not /);
    }
    expect(read('---\ntranslated: false\n---\n').meta.translated).toBe(false);
  });

  it('loses control characters and bidi overrides, typed or escaped, with a warning naming the line', () => {
    const warnings: { message: string; where: SourceRef | undefined }[] = [];
    const s = read('---\ntitle: Hi\u202e there\x07\nlead: "an \\e[31m escape"\nnested:\n  deep: ["\\u202Ax"]\n---\nBody\x1b.\n', warnings);
    expect(s.title).toBe('Hi there');
    expect(s.meta).toMatchObject({ lead: 'an [31m escape', nested: { deep: ['x'] } });
    expect(warnings.map((w) => [w.where?.line, /U\+[0-9A-F]{4}(, U\+[0-9A-F]{4})*/.exec(w.message)?.[0]])).toEqual([
      [2, 'U+202E, U+0007'],
      [3, 'U+001B'],
      [4, 'U+202A'],
    ]);
    // the body's are removed, with their line, when it is parsed
    expect(s.body).toBe('Body\x1b.\n');
  });
});

describe('loadSections', () => {
  const project = mkdtempSync(join(tmpdir(), 'zine-sections-project-'));
  const sections = join(project, 'locales', 'en', 'sections');
  mkdirSync(sections, { recursive: true });
  writeFileSync(join(sections, '01-a.md'), '---\ntitle: A\n---\nA.\n');
  writeFileSync(join(sections, 'notes.txt'), 'not a section');

  it('reads the .md files in name order; a locale without a sections folder has none', () => {
    expect(loadSections(project, 'en').map((s) => s.id)).toEqual(['01-a']);
    expect(loadSections(project, 'kk')).toEqual([]);
  });

  it('names a folder or a dangling link called *.md in one line', () => {
    mkdirSync(join(sections, '02-folder.md'));
    expect(failure(() => loadSections(project, 'en'))).toMatch(/02-folder\.md: the section is a folder$/);
    writeFileSync(join(sections, '02-folder.md', 'x'), '');
    symlinkSync(join(project, 'nowhere.md'), join(sections, '00-dangling.md'));
    expect(failure(() => loadSections(project, 'en'))).toMatch(/00-dangling\.md: the section not found$/);
  });
});

describe('front matter that expands past reason', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zine-aliases-'));
  const section = (name: string, yaml: string): string => {
    writeFileSync(join(dir, name), `---\n${yaml}\n---\nBody.\n`);
    return join(dir, name);
  };

  it('refuses aliases that stand for millions of values, and a part that holds itself', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) levels.push(`l${i}: &l${i} [${Array(10).fill(i === 1 ? '*a' : `*l${i - 1}`).join(', ')}]`);
    levels.push('lead: *l7');
    expect(() => readSection(section('laughs.md', levels.join('\n')), dir)).toThrow(/more than 10000 values once its aliases are expanded/);
    expect(() => readSection(section('loop.md', 'lead: &a [x, *a]'), dir)).toThrow(/(more than 10000 values|broken front matter)/);
  });

  it('takes ordinary aliases', () => {
    expect(readSection(section('fine.md', 'who: &w Someone\nepigraphSource: *w'), dir).meta.epigraphSource).toBe('Someone');
  });
});

describe('section file names', () => {
  it('refuses a name with control characters or bidi overrides, which would be printed', () => {
    const folder = mkdtempSync(join(tmpdir(), 'zine-names-'));
    const file = join(folder, '02-\u202Egnp.exe\u0007.md');
    writeFileSync(file, 'Text.\n');
    expect(() => readSection(file, folder)).toThrow(/file name holds control characters or bidi overrides/);
  });
});

describe('front matter "lang"', () => {
  it('marks the whole section as written in that language', () => {
    expect(read('---\ntitle: عنوان\nlang: ar\n---\nنص.\n').language?.tag).toBe('ar');
    expect(read('---\ntitle: T\n---\nBody.\n').language).toBeUndefined();
  });

  it('refuses what is not a language tag, naming the line and the fix', () => {
    expect(failure(() => read('---\ntitle: T\nlang: en_US\n---\nBody.\n'))).toMatch(/^s\d+\.md:3: "en_US" is not a language tag: write en-US$/);
    expect(failure(() => read('---\nlang: not a tag\n---\nBody.\n'))).toMatch(/^s\d+\.md:2: "not a tag" is not a language tag \(BCP 47\)/);
    expect(failure(() => read('---\nlang: [ar]\n---\nBody.\n'))).toMatch(/^s\d+\.md:2: front matter "lang" must be a language tag/);
  });

  it('sets an unknown but valid tag with a warning on its line', () => {
    const warnings: { message: string; where: SourceRef | undefined }[] = [];
    expect(read('---\n\nlang: tlh\n---\nBody.\n', warnings).language?.tag).toBe('tlh');
    expect(warnings).toEqual([{ message: expect.stringMatching(/^no language data for "tlh"/), where: { file: expect.stringMatching(/s\d+\.md$/), line: 3 } }]);
  });
});
