import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, expectOneLineError, zine, zineIn, zineProcess, zineWith } from '../support/cli.js';
import { unfinished, withCoverPhotograph } from '../support/outputs.js';
import { ROOT } from '../support/fixtures.js';

const hashes = (dir: string): Record<string, string> =>
  Object.fromEntries(readdirSync(dir).map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]));

describe('zine command line', () => {
  const work = mkdtempSync(join(tmpdir(), 'zine-cli-'));
  const project = join(work, 'pamphlet');
  const out = join(project, 'out', 'en');

  beforeAll(async () => {
    expect(existsSync(CLI), 'the CLI is compiled (npm run compile)').toBe(true);
    const init = await zine('init', project);
    expect(init.code, init.stderr).toBe(0);
  });

  it('init writes a project that builds as it stands', async () => {
    const r = await zine('build', '--project', project);
    expect(r.code, r.stderr).toBe(0);
    // no colour in the starter: no print_color files
    expect(readdirSync(out).sort()).toEqual([
      'pamphlet.json',
      'pamphlet_lite.pdf',
      'pamphlet_print_black_and_white.pdf',
      'pamphlet_print_black_and_white_a4.pdf',
      'pamphlet_screen_single_page_view.pdf',
      'pamphlet_screen_two_page_view.pdf',
    ]);
  });

  it('builds only the editions and locales asked for', async () => {
    const elsewhere = join(work, 'only-a4');
    const r = await zine('build', '--project', project, '--out', elsewhere, '--paper', 'a4', '--locale', 'en');
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(elsewhere, 'en')).sort()).toEqual(['pamphlet.json', 'pamphlet_print_black_and_white_a4.pdf']);
  });

  it('refuses to init into a folder that has files', async () => {
    expectOneLineError(await zine('init', project), 'not empty');
  });

  it('names a missing project folder', async () => {
    expectOneLineError(await zine('build', '--project', join(work, 'nowhere')), 'nowhere', 'no such project folder');
  });

  it('says so when the project given is a file, not a folder', async () => {
    expectOneLineError(await zine('build', '--project', join(project, 'zine.json')), 'zine.json', 'not a folder: --project takes the zine\'s folder');
  });

  it('names the sections folder of a project with no sections', async () => {
    const empty = join(work, 'empty');
    expect((await zine('init', empty)).code).toBe(0);
    rmSync(join(empty, 'locales', 'en', 'sections'), { recursive: true });
    expectOneLineError(await zine('build', '--project', empty), join('locales', 'en', 'sections'), 'no sections');
  });

  it('refuses an unknown paper or locale by name, and an option naming none; takes one named in another case', async () => {
    expectOneLineError(await zine('build', '--project', project, '--paper', 'a3'), 'unknown paper "a3"');
    expectOneLineError(await zine('build', '--project', project, '--locale', 'xx'), 'unknown locale "xx"');
    expectOneLineError(await zine('build', '--project', project, '--paper='), '--paper names no paper: name one, or leave the option out for all');
    expectOneLineError(await zine('build', '--project', project, '--locale', ' , '), '--locale names no locale');
    const other = join(work, 'cased');
    const r = await zine('build', '--project', project, '--locale', 'EN', '--paper', 'A4', '--out', other);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(other)).toEqual(['en']);
    expect(readdirSync(join(other, 'en')).filter((f) => f.includes('print'))).toEqual(['pamphlet_print_black_and_white_a4.pdf']);
  });

  it('says so when, run in a folder that is no zine, it works on the example zine of the clone', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'zine-no-project-'));
    const r = await zineIn(elsewhere, 'status');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`warning: no zine.json in ${elsewhere}: working on the example zine in ${ROOT} (name a zine with --project DIR)`);
    // where there is a zine, or one is named, nothing is said
    expect((await zineIn(ROOT, 'status')).stderr).not.toContain('no zine.json');
    expect((await zineIn(elsewhere, 'status', '--project', project)).stderr).not.toContain('no zine.json');
  });

  it('stops watching or serving at a mistyped option, before the first build, as a build stops', async () => {
    for (const command of [['build', '--watch'], ['serve', '--port', '0']]) {
      expectOneLineError(await zine(...command, '--project', project, '--paper', 'a3'), 'unknown paper "a3"');
      expectOneLineError(await zine(...command, '--project', project, '--bleed', '5in'), '--bleed must be from 0 to 1in');
      expectOneLineError(await zine(...command, '--project', project, '--out', join(project, 'templates')), 'among its sources');
    }
  });

  it('names the file and line of broken front matter and leaves earlier PDFs untouched', async () => {
    expect((await zine('build', '--project', project)).code).toBe(0);
    const before = hashes(out);
    const section = join(project, 'locales', 'en', 'sections', '02-broken.md');
    writeFileSync(section, '---\ntitle: Fine\nlead: a: b\nx: 1\n---\nText.\n');
    try {
      expectOneLineError(await zine('build', '--project', project), '02-broken.md:3:', 'front matter');
      expect(hashes(out)).toEqual(before);
    } finally {
      rmSync(section);
    }
  });

  it('dates the PDFs from SOURCE_DATE_EPOCH, so a build can be repeated byte for byte, with shapings kept from an earlier build or without them', async () => {
    const cache = join(work, 'shaping-cache');
    const [cold, warm, none] = [join(work, 'cache-cold'), join(work, 'cache-warm'), join(work, 'no-cache')];
    expect((await zineWith({ ZINE_CACHE_DIR: cache, SOURCE_DATE_EPOCH: '1641081600' }, 'build', '--project', project, '--out', cold)).code).toBe(0);
    const pdf = readFileSync(join(cold, 'en', 'pamphlet_print_black_and_white.pdf'), 'latin1');
    const ref = /\/CreationDate (\d+) 0 R/.exec(pdf)![1];
    expect(new RegExp(`\\n${ref} 0 obj\\n\\(D:20220102000000Z\\)`).test(pdf)).toBe(true);
    expect(readdirSync(cache).length).toBeGreaterThan(0);
    // built again with the same date: the same bytes, from the shapings the first build kept
    expect((await zineWith({ ZINE_CACHE_DIR: cache, SOURCE_DATE_EPOCH: '1641081600' }, 'build', '--project', project, '--out', warm)).code).toBe(0);
    expect((await zineWith({ ZINE_CACHE_DIR: join(work, 'unused-cache'), SOURCE_DATE_EPOCH: '1641081600' }, 'build', '--project', project, '--out', none, '--no-cache')).code).toBe(0);
    expect(existsSync(join(work, 'unused-cache'))).toBe(false);
    expect(hashes(join(warm, 'en'))).toEqual(hashes(join(cold, 'en')));
    expect(hashes(join(none, 'en'))).toEqual(hashes(join(cold, 'en')));
  });

  it('shows the stack trace with --debug, and exits with code 1 (a process of its own)', () => {
    const r = zineProcess('build', '--project', join(work, 'nowhere'), '--debug');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\n\s+at /);
  });

  it('piped into a reader that stops early (head), says nothing of the closed pipe and still writes its files (a process of its own)', () => {
    const piped = join(work, 'piped');
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" build --project "${project}" --out "${piped}" --paper letter | head -c 1 > /dev/null`], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(readdirSync(join(piped, 'en'))).toContain('pamphlet_screen_single_page_view.pdf');
  });

  it('prints its help and version as text, the process going on', async () => {
    const help = await zine('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^zine <command> \[options\]\n/);
    expect(help.stdout).toContain('zine build');
    const version = await zine('--version');
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')).version);
  });

  it('builds a paper or locale named twice once', async () => {
    const twice = join(work, 'twice');
    const r = await zine('build', '--project', project, '--out', twice, '--paper', 'letter,letter', '--locale', 'en,en');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.match(/^wrote /gm)).toHaveLength(readdirSync(join(twice, 'en')).length);
    expect(readdirSync(join(twice, 'en'))).toContain('pamphlet_print_black_and_white.pdf');
  });
});

describe('zine build stopped with Ctrl-C (a process of its own)', () => {
  it('stops at once, even after keeping a photograph in the cache, and the next build removes what it had written', async () => {
    const work = mkdtempSync(join(tmpdir(), 'zine-ctrl-c-'));
    const project = join(work, 'z');
    expect((await zine('init', project)).code).toBe(0);
    // a photograph the build keeps in the cache as it goes, and locales enough to take a second or more
    withCoverPhotograph(project);
    for (const l of ['de', 'fr', 'es', 'it', 'nl', 'pl', 'ru', 'sv', 'fi', 'cs', 'da', 'nb', 'pt', 'ro']) {
      cpSync(join(project, 'locales', 'en'), join(project, 'locales', l), { recursive: true });
    }
    const [cache, out] = [join(work, 'cache'), join(project, 'out')];
    const child = spawn(process.execPath, [CLI, 'build', '--project', project], { env: { ...process.env, ZINE_CACHE_DIR: cache }, stdio: 'ignore' });
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    // stopped once the photograph is in the cache and the first locale's files are written, whatever the machine's speed
    const ready = (): boolean => existsSync(cache) && readdirSync(cache).some((f) => f.endsWith('.grey.jpg')) && unfinished(out).length > 0;
    for (let waited = 0; !ready() && waited < 30_000; waited += 5) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(ready()).toBe(true);
    child.kill('SIGINT');
    const [code, signal] = await exited;
    // a build that finished before the signal was handled would exit with 0
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGINT' });
    expect(unfinished(out)).not.toEqual([]);
    const r = await zine('build', '--project', project, '--locale', 'en', '--paper', 'letter');
    expect(r.code, r.stderr).toBe(0);
    expect(unfinished(out)).toEqual([]);
  }, 60_000);
});
