import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initProject } from '../../src/cli/init.js';
import { expectOneLineError, zine } from '../support/cli.js';
import { setConfig } from '../support/project.js';

const hashes = (dir: string): string[] =>
  readdirSync(dir).sort().map((f) => createHash('sha256').update(readFileSync(join(dir, f))).digest('hex'));

/**
 * Each case breaks a freshly built project one way; the build must say what
 * and where in one line, exit with 1, and leave the PDFs of the last good build.
 */
describe('clear errors, nothing lost', () => {
  /** The project built once for the file, in `beforeAll`; each case breaks a copy of it, its PDFs with it. */
  let built: { dir: string; before: string[] };
  let n = 0;
  const broken = (breakIt: (dir: string) => void): { dir: string; before: string[] } => {
    const dir = join(mkdtempSync(join(tmpdir(), 'zine-err-')), `p${n++}`);
    cpSync(built.dir, dir, { recursive: true });
    breakIt(dir);
    return { dir, before: built.before };
  };
  const fails = async (dir: string, before: string[], ...mentions: string[]): Promise<void> => {
    expectOneLineError(await zine('build', '--project', dir, '--paper', 'letter'), ...mentions);
    expect(hashes(join(dir, 'out', 'en'))).toEqual(before);
  };

  beforeAll(async () => {
    expect(readdirSync(join(import.meta.dirname, '..', '..', 'dist', 'cli')).length).toBeGreaterThan(0);
    const dir = join(mkdtempSync(join(tmpdir(), 'zine-err-')), 'p');
    initProject(dir);
    expect((await zine('build', '--project', dir, '--paper', 'letter')).code).toBe(0);
    built = { dir, before: hashes(join(dir, 'out', 'en')) };
  });

  it('a template with a Handlebars syntax error: file and line', async () => {
    const { dir, before } = broken((d) => writeFileSync(join(d, 'templates', 'cover.hbs'), '::: title\n{{t "title"}}\n{{#if x}}\n:::\n'));
    await fails(dir, before, 'cover.hbs:', 'template syntax error');
  });

  it('a template calling an unknown helper: file and line', async () => {
    const { dir, before } = broken((d) => appendFileSync(join(d, 'templates', 'back-cover.hbs'), '\n{{shout "loud"}}\n'));
    const line = readFileSync(join(dir, 'templates', 'back-cover.hbs'), 'utf8').split('\n').findIndex((l) => l.includes('shout')) + 1;
    await fails(dir, before, `back-cover.hbs:${line}: template error: no helper "shout"`);
  });

  it('a config with an unknown key, or a wrong value, named', async () => {
    const a = broken((d) => setConfig(d, { colour: true }));
    await fails(a.dir, a.before, 'zine.json', 'unknown key "colour"');
    const b = broken((d) => {
      const theme = JSON.parse(readFileSync(join(d, 'theme.json'), 'utf8')) as { styles: Record<string, Record<string, unknown>> };
      theme.styles.body!.align = 'sideways';
      writeFileSync(join(d, 'theme.json'), JSON.stringify(theme));
    });
    await fails(b.dir, b.before, 'theme.json', 'styles.body.align must be one of');
    const c = broken((d) => writeFileSync(join(d, 'zine.json'), '{\n  "slug": "p",\n  "defaultLocale": "en",\n}\n'));
    await fails(c.dir, c.before, 'zine.json:4', 'invalid JSON');
  });

  it('a missing or a corrupt font', async () => {
    const a = broken((d) => {
      const theme = readFileSync(join(d, 'theme.json'), 'utf8').replace('NotoSerif-Italic.ttf', 'Missing-Italic.ttf');
      writeFileSync(join(d, 'theme.json'), theme);
    });
    await fails(a.dir, a.before, 'Missing-Italic.ttf', 'font file (named in theme.json) not found');
    const b = broken((d) => writeFileSync(join(d, 'fonts', 'NotoSerif-Bold.ttf'), 'not a font at all'));
    await fails(b.dir, b.before, 'NotoSerif-Bold.ttf', 'not a usable TTF/OTF font');
  });

  it('a missing, unsupported, oversized or outside image', async () => {
    const section = (d: string, md: string): void => writeFileSync(join(d, 'locales', 'en', 'sections', '02-pics.md'), md);
    const a = broken((d) => section(d, '![](images/none.png)\n'));
    await fails(a.dir, a.before, '02-pics.md:1', 'image images/none.png not found');
    const b = broken((d) => section(d, '![](zine.json)\n'));
    await fails(b.dir, b.before, '02-pics.md', 'not a PNG or JPEG');
    const c = broken((d) => {
      writeFileSync(join(d, 'huge.png'), '');
      truncateSync(join(d, 'huge.png'), 26 * 1024 * 1024);
      section(d, '![](huge.png)\n');
    });
    await fails(c.dir, c.before, '02-pics.md', 'larger than 25 MB');
    const e = broken((d) => section(d, '![](../../../etc/hostname)\n'));
    await fails(e.dir, e.before, '02-pics.md', 'outside the project folder');
  });

  it('a character no font has in a section’s lead or in a string: where it was written, not the template', async () => {
    const { dir, before } = broken((d) => {
      writeFileSync(join(d, 'locales', 'en', 'sections', '01-introduction.md'), '---\ntitle: Introduction\nlead: A lead with 漢 in it.\n---\nText.\n');
    });
    await fails(dir, before, join('en', 'sections', '01-introduction.md:3: '), 'U+6F22', 'in front matter "lead"');
    writeFileSync(join(dir, 'locales', 'en', 'sections', '01-introduction.md'), '---\ntitle: Introduction\n---\nText.\n');
    const file = join(dir, 'locales', 'en', 'strings.json');
    writeFileSync(file, JSON.stringify({ ...(JSON.parse(readFileSync(file, 'utf8')) as object), subtitle: 'A 漢 subtitle' }));
    await fails(dir, before, join('en', 'strings.json: '), 'U+6F22', 'in string "subtitle"');
  });

  it('an unknown locale', async () => {
    const { dir, before } = broken(() => {});
    expectOneLineError(await zine('build', '--project', dir, '--locale', 'zz'), 'unknown locale "zz"');
    expect(hashes(join(dir, 'out', 'en'))).toEqual(before);
  });

  it('a locale after the first broken: the first was already drawn, and its files too are left as they were', async () => {
    const { dir } = broken(() => {});
    expect((await zine('locale', 'add', 'ru', '--project', dir)).code).toBe(0);
    expect((await zine('build', '--project', dir, '--paper', 'letter')).code).toBe(0);
    const [en, ru] = [hashes(join(dir, 'out', 'en')), hashes(join(dir, 'out', 'ru'))];
    writeFileSync(join(dir, 'locales', 'ru', 'sections', '01-introduction.md'), '---\ntitle: [unclosed\n---\nТекст.\n');
    const r = await zine('build', '--project', dir, '--paper', 'letter');
    expectOneLineError(r, join('ru', 'sections', '01-introduction.md'));
    expect(r.stderr).not.toMatch(/unhandled/i);
    expect(hashes(join(dir, 'out', 'en'))).toEqual(en);
    expect(hashes(join(dir, 'out', 'ru'))).toEqual(ru);
  });

  it('warns, naming it, when the cover cannot hold its text, and still builds', async () => {
    const { dir } = broken((d) => {
      const strings = JSON.parse(readFileSync(join(d, 'locales', 'en', 'strings.json'), 'utf8')) as Record<string, unknown>;
      strings.subtitle = 'A subtitle that goes on and on '.repeat(90);
      writeFileSync(join(d, 'locales', 'en', 'strings.json'), JSON.stringify(strings));
    });
    const r = await zine('build', '--project', dir, '--paper', 'letter');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: .*cover\.hbs: the cover does not fit its page in the letter edition/);
  });
});
