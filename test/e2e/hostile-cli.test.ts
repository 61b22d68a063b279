import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import {
  cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initProject } from '../../src/cli/init.js';
import { CLI, expectOneLineError, zine } from '../support/cli.js';
import { readPdf } from '../support/pdf.js';
import { unfinished } from '../support/outputs.js';
import { setConfig } from '../support/project.js';

const hashes = (dir: string): Record<string, string> =>
  Object.fromEntries(readdirSync(dir, { withFileTypes: true }).filter((f) => f.isFile()).map((f) => f.name).sort()
    .map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]));

/** A fresh project, built once for the file (letter edition only) in `beforeAll`. */
let built: { dir: string; before: Record<string, string> };

/** A copy of the built project, its PDFs with it: each test breaks one of its own. */
function project(): { dir: string; out: string; before: Record<string, string> } {
  const dir = join(mkdtempSync(join(tmpdir(), 'zine-hostile-')), 'p');
  cpSync(built.dir, dir, { recursive: true });
  return { dir, out: join(dir, 'out', 'en'), before: built.before };
}

const section = (dir: string, name: string): string => join(dir, 'locales', 'en', 'sections', name);

describe('hostile and broken input on the command line', () => {
  beforeAll(async () => {
    expect(existsSync(CLI), 'the CLI is compiled (npm run compile)').toBe(true);
    const dir = join(mkdtempSync(join(tmpdir(), 'zine-hostile-')), 'p');
    initProject(dir);
    const r = await zine('build', '--project', dir, '--paper', 'letter');
    expect(r.code, r.stderr).toBe(0);
    built = { dir, before: hashes(join(dir, 'out', 'en')) };
  });

  it('reads no file outside the project through a symlink: a section or an image', async () => {
    const secret = join(mkdtempSync(join(tmpdir(), 'zine-secret-')), 'secret.md');
    writeFileSync(secret, 'TOPSECRETWORD\n');
    const a = project();
    symlinkSync(secret, section(a.dir, '02-leak.md'));
    expectOneLineError(await zine('build', '--project', a.dir, '--paper', 'letter'), '02-leak.md', 'outside the project');
    expect(hashes(a.out)).toEqual(a.before);
    expectOneLineError(await zine('status', '--project', a.dir), '02-leak.md', 'outside the project');

    const b = project();
    const picture = join(mkdtempSync(join(tmpdir(), 'zine-secret-')), 'private.png');
    writeFileSync(picture, readFileSync(join(import.meta.dirname, '..', '..', 'images', 'gas-price.png')));
    symlinkSync(picture, join(b.dir, 'images-link.png'));
    writeFileSync(section(b.dir, '02-pic.md'), '![](images-link.png)\n');
    expectOneLineError(await zine('build', '--project', b.dir, '--paper', 'letter'), '02-pic.md', 'outside the project');
    expect(hashes(b.out)).toEqual(b.before);
    // an absolute path, as before
    writeFileSync(section(b.dir, '02-pic.md'), `![](${picture})\n`);
    expectOneLineError(await zine('build', '--project', b.dir, '--paper', 'letter'), '02-pic.md', 'outside the project');
  });

  it('reads no font through a fonts folder that is a link out of the project', async () => {
    const { dir, out, before } = project();
    const elsewhere = mkdtempSync(join(tmpdir(), 'zine-fonts-'));
    renameSync(join(dir, 'fonts'), join(elsewhere, 'fonts'));
    symlinkSync(join(elsewhere, 'fonts'), join(dir, 'fonts'));
    expectOneLineError(await zine('build', '--project', dir, '--paper', 'letter'), 'fonts', 'outside the project');
    expect(hashes(out)).toEqual(before);
  });

  it('follows a symlink that stays inside the project', async () => {
    const { dir, out } = project();
    writeFileSync(join(dir, 'shared-text.md'), 'Words kept elsewhere in the project.\n');
    symlinkSync(join(dir, 'shared-text.md'), section(dir, '02-shared.md'));
    expect((await zine('build', '--project', dir, '--paper', 'letter')).code).toBe(0);
    const pdf = await readPdf(join(out, 'p_screen_single_page_view.pdf'));
    expect(pdf.pages.map((p) => p.runs.map((r) => r.str).join(' ')).join(' ')).toContain('elsewhere');
  });

  it('a failed write changes no file of the set and leaves no temporary file', async () => {
    const { dir, out, before } = project();
    writeFileSync(section(dir, '01-introduction.md'), '---\ntitle: Changed\n---\nNew words.\n');
    // a folder where the fourth file of the set should go
    rmSync(join(out, 'p_print_black_and_white.pdf'));
    mkdirSync(join(out, 'p_print_black_and_white.pdf'));
    const r = await zine('build', '--project', dir, '--paper', 'letter');
    expectOneLineError(r, 'p_print_black_and_white.pdf', 'a folder of that name is in the way');
    const { 'p_print_black_and_white.pdf': _gone, ...rest } = before;
    const after = hashes(out);
    delete after['p_print_black_and_white.pdf'];
    expect(after).toEqual(rest);
    expect(unfinished(join(dir, 'out'))).toEqual([]);
  });

  it('refuses output folders that cannot be one, or lie among the sources', async () => {
    const { dir, out, before } = project();
    writeFileSync(join(dir, 'a-file'), 'x');
    for (const [folder, says] of [
      ['', 'the output folder is empty'],
      [join(dir, 'a-file'), 'the output folder is a file'],
      ['/', 'root of the file system'],
      [join(dir, 'locales'), "in the project's locales/ folder"],
      [join(dir, 'templates', 'x'), "in the project's templates/ folder"],
    ] as const) {
      expectOneLineError(await zine('build', '--project', dir, '--paper', 'letter', '--out', folder), says);
    }
    expect(hashes(out)).toEqual(before);
    expect(readdirSync(join(dir, 'locales', 'en')).sort()).toEqual(['sections', 'strings.json']);
  });

  it('writes no output through a link below the output folder, nor into a source folder by a locale\'s name', async () => {
    const { dir } = project();
    const strings = readFileSync(join(dir, 'locales', 'en', 'strings.json'));
    writeFileSync(join(dir, 'zine.json'), JSON.stringify({ ...JSON.parse(readFileSync(join(dir, 'zine.json'), 'utf8')), slug: 'strings' }));
    rmSync(join(dir, 'out'), { recursive: true, force: true });
    mkdirSync(join(dir, 'out'));
    symlinkSync(join('..', 'locales', 'en'), join(dir, 'out', 'en'));
    expectOneLineError(await zine('build', '--project', dir, '--paper', 'letter'), 'out/en', 'refused');
    expect(readFileSync(join(dir, 'locales', 'en', 'strings.json'))).toEqual(strings);
    expect(readdirSync(join(dir, 'locales', 'en')).sort()).toEqual(['sections', 'strings.json']);

    const elsewhere = mkdtempSync(join(tmpdir(), 'zine-elsewhere-'));
    rmSync(join(dir, 'out', 'en'));
    symlinkSync(elsewhere, join(dir, 'out', 'en'));
    expectOneLineError(await zine('build', '--project', dir, '--paper', 'letter'), 'leads out of');
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('print-test writes into a folder it is given, and never over the project', async () => {
    const { dir } = project();
    const folder = join(dir, 'sheets');
    mkdirSync(folder);
    expect((await zine('print-test', '--project', dir, '--paper', 'a4', '--out', folder)).code).toBe(0);
    expect(readdirSync(folder)).toEqual(['print-test_a4.pdf']);
    expect((await zine('print-test', '--project', dir, '--out', `${join(dir, 'new')}/`)).code).toBe(0);
    expect(readdirSync(join(dir, 'new'))).toEqual(['print-test_letter.pdf']);
    const config = readFileSync(join(dir, 'zine.json'));
    expectOneLineError(await zine('print-test', '--project', dir, '--out', join(dir, 'zine.json')), 'zine.json');
    expect(readFileSync(join(dir, 'zine.json'))).toEqual(config);
  });

  it('says in one line what is wrong with an option', async () => {
    const { dir } = project();
    expectOneLineError(await zine('build', '--project', dir, '--scheme', 'zigzag'), 'zigzag');
    const bleed = await zine('build', '--project', dir, '--bleed', '-3mm');
    expectOneLineError(bleed, 'bleed');
    expect(bleed.stderr).not.toMatch(/Unknown argument/);
  });

  it('prints no control character a project wrote, which could rewrite the terminal\'s line: each as an escape', async () => {
    const { dir } = project();
    setConfig(dir, { coverImage: 'images/\u001b[2K\rbuilt 8 files in 0.4 s\u001b[8m' });
    writeFileSync(section(dir, '01-introduction.md'), '---\ntitle: T\nlaed: x\u001b[2K\n---\nText.\n');
    const r = await zine('build', '--project', dir, '--paper', 'letter');
    expectOneLineError(r, 'images/\\u{1b}[2K\\u{d}built 8 files in 0.4 s\\u{1b}[8m');
    expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it('refuses locale folders that are not language tags, suggesting the right one', async () => {
    for (const [name, says] of [
      ['en_US', 'write en-US'],
      ['x', 'not a language tag'],
      ['my loc', 'not a language tag'],
      ['constructor', 'not a language tag'],
      ['__proto__', 'not a language tag'],
    ] as const) {
      const { dir } = project();
      renameSync(join(dir, 'locales', 'en'), join(dir, 'locales', name));
      writeFileSync(join(dir, 'zine.json'), JSON.stringify({ ...JSON.parse(readFileSync(join(dir, 'zine.json'), 'utf8')), defaultLocale: name }));
      expectOneLineError(await zine('build', '--project', dir, '--paper', 'letter'), says);
    }
  });

  it('a template reaching for a prototype property gets nothing, and one warning in our words', async () => {
    const { dir } = project();
    writeFileSync(join(dir, 'templates', 'back-cover.hbs'), 'Back {{constructor.name}} {{__proto__}} {{toString}} {{t "title"}}\n');
    const r = await zine('build', '--project', dir, '--paper', 'letter');
    expect(r.code, r.stderr).toBe(0);
    for (const name of ['constructor', '__proto__', 'toString']) {
      expect(r.stderr).toContain(`back-cover.hbs: the template asks for "${name}", which is not data of the zine: left empty\n`);
    }
    expect(r.stderr).not.toMatch(/Handlebars|https?:/);
    expect(r.stdout).not.toMatch(/Handlebars|https?:/);
    const pdf = await readPdf(join(dir, 'out', 'en', 'p_screen_single_page_view.pdf'));
    const back = pdf.pages.at(-1)!.runs.map((run) => run.str).join(' ');
    expect(back).toMatch(/^Back\b/);
    expect(back).not.toMatch(/Object|function|native code/);
  });

  it('a template whose loops run on and on, or one too large, is refused in one line; ordinary loops work', async () => {
    const { dir, out, before } = project();
    writeFileSync(section(dir, '01-introduction.md'), '---\ntitle: Loops\nitems: [one, two, three, four, five, six, seven, eight, nine, ten]\n---\nText.\n');
    const nested = (depth: number): string => (depth === 0 ? 'x' : `{{#each @root.section.items}}${nested(depth - 1)}{{/each}}`);
    writeFileSync(join(dir, 'templates', 'section.hbs'), `${nested(5)}\n`);
    expectOneLineError(await zine('build', '--project', dir, '--paper', 'letter'), 'section.hbs', 'loops repeat more than 10000 times');
    expect(hashes(out)).toEqual(before);

    writeFileSync(join(dir, 'templates', 'section.hbs'), '# {{section.title}}\n\n{{#each section.items}}{{this}} {{/each}}\n');
    expect((await zine('build', '--project', dir, '--paper', 'letter')).code).toBe(0);
    const pdf = await readPdf(join(out, 'p_screen_single_page_view.pdf'));
    expect(pdf.pages.map((p) => p.runs.map((r) => r.str).join(' ')).join(' ')).toMatch(/one two three four five six seven eight nine ten/);

    writeFileSync(join(dir, 'templates', 'cover.hbs'), `{{t "title"}}\n${'<!-- padding -->\n'.repeat(20_000)}`);
    expectOneLineError(await zine('build', '--project', dir, '--paper', 'letter'), 'cover.hbs', 'larger than 256 KB');
  });

  it('a template may not define partials, which call each other without end, nor write more than a section may hold', async () => {
    const { dir, out, before } = project();
    const inline = ['{{#*inline "p0"}}x{{/inline}}'];
    for (let i = 1; i < 40; i++) inline.push(`{{#*inline "p${i}"}}{{> p${i - 1}}}{{> p${i - 1}}}{{/inline}}`);
    writeFileSync(join(dir, 'templates', 'back-cover.hbs'), `${inline.join('\n')}\n{{> p39}}\n`);
    expectOneLineError(await zine('build', '--project', dir, '--paper', 'letter'), 'back-cover.hbs:', 'may not use partials');
    expect(hashes(out)).toEqual(before);

    writeFileSync(join(dir, 'templates', 'back-cover.hbs'), '{{t "title"}}\n');
    const lead = 'word '.repeat(4000);
    writeFileSync(section(dir, '01-introduction.md'), `---\ntitle: Long\nlead: "${lead}"\nl: [${Array(9000).fill(1).join(', ')}]\n---\nText.\n`);
    writeFileSync(join(dir, 'templates', 'section.hbs'), '{{#each section.l}}{{@root.section.lead}}{{/each}}\n');
    expectOneLineError(await zine('build', '--project', dir, '--paper', 'letter'), 'section.hbs', 'write more than 2,000,000 characters');
    writeFileSync(join(dir, 'templates', 'section.hbs'), `${'{{section.lead}}'.repeat(10_000)}\n`);
    expectOneLineError(await zine('build', '--project', dir, '--paper', 'letter'), 'section.hbs', 'write more than 2,000,000 characters');
  });

  it('init refuses a file, or a path through one, and leaves nothing behind', async () => {
    const work = mkdtempSync(join(tmpdir(), 'zine-init-'));
    writeFileSync(join(work, 'a-file'), 'mine');
    expectOneLineError(await zine('init', join(work, 'a-file')), 'a-file: a file; zine init only writes into a new or empty folder');
    expectOneLineError(await zine('init', join(work, 'a-file', 'inside')), 'cannot write the new project here');
    mkdirSync(join(work, 'empty'));
    expect((await zine('init', join(work, 'empty'))).code).toBe(0);
    expect(readdirSync(work).sort()).toEqual(['a-file', 'empty']);
    expect(readFileSync(join(work, 'a-file'), 'utf8')).toBe('mine');
    expect(JSON.parse(readFileSync(join(work, 'empty', 'zine.json'), 'utf8'))).toMatchObject({ slug: 'empty' });
  });

  it('two builds at once into one folder both succeed and leave whole files', async () => {
    const { dir, out } = project();
    const run = (): Promise<number> => new Promise((done) => {
      const child = spawn(process.execPath, [CLI, 'build', '--project', dir, '--paper', 'letter'], { stdio: 'ignore' });
      child.on('exit', (code) => done(code ?? -1));
    });
    expect(await Promise.all([run(), run()])).toEqual([0, 0]);
    const pdf = await readPdf(join(out, 'p_screen_single_page_view.pdf'));
    expect(pdf.pages.length).toBeGreaterThan(0);
    expect(readdirSync(out).filter((f) => !/\.(pdf|json)$/.test(f))).toEqual([]);
  });
});
