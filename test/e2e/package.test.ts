import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/fixtures.js';
import { readPdf } from '../support/pdf.js';
import { servedAddress } from '../support/serve.js';

/** The package people install: what `npm pack` puts in it, and the tool as installed from it into an empty prefix. */
describe('the package', () => {
  const work = mkdtempSync(join(tmpdir(), 'zine-package-'));
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  let tarball = '';
  let files: string[] = [];
  const prefix = join(work, 'prefix');
  /** Runs the installed `zine` from `cwd`, as a user would: found on the PATH of the prefix it was installed into. */
  const installed = (cwd: string, env: Record<string, string>, ...args: string[]) => {
    const r = spawnSync(join(prefix, 'bin', 'zine'), args, { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  };

  beforeAll(() => {
    // the suite compiles dist/ before it runs; packing again would only compile it again
    const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' })) as { filename: string; files: { path: string }[] }[];
    tarball = join(work, packed[0]!.filename);
    files = packed[0]!.files.map((f) => f.path);
    // from npm's cache, as the project's own install left it: what a clean machine would fetch
    execFileSync('npm', ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: work, stdio: 'pipe' });
  }, 240_000);

  it('holds the tool compiled, what zine init needs, the README and licences; not the tests or the example', () => {
    expect(files).toEqual(expect.arrayContaining([
      'dist/cli/main.js', 'dist/build-worker.js', 'dist/program.cjs', 'templates/cover.hbs', 'starter/zine.json', 'starter/locales/en/strings.json',
      'theme.json', 'fonts/NotoSerif-Regular.ttf', 'fonts/OFL.txt', 'data/hyphenation/hyph-kk.pat.txt', 'README.md', 'TRANSLATING.md', 'LICENSE',
      'dist/hyphenation/en-us.json', 'dist/hyphenation/de-1996.json',
    ]));
    expect(files.filter((f) => /^(test|locales|images|src|bench|scripts|out)\//.test(f) || f.endsWith('.map') || f === 'zine.json')).toEqual([]);
    // the bundle alone: the program, and the command line and the build worker that load it; the pattern sets, compiled
    expect(files.filter((f) => f.startsWith('dist/') && !/^dist\/(cli\/main|build-worker)\.js$|^dist\/program\.cjs$|^dist\/hyphenation\/[\w-]+\.json$/.test(f))).toEqual([]);
    // whose package is needed only to compile them
    expect(Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies)).not.toContain('hyphen');
    expect(statSync(tarball).size).toBeLessThan(10 * 1024 * 1024);
    expect((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { private?: boolean }).private).toBeUndefined();
  });

  it('installed with no clone, makes, translates and builds a zine', async () => {
    expect(installed(work, {}, '--version').stdout.trim()).toBe(version);
    const init = installed(work, {}, 'init', 'my-zine');
    expect(init.code, init.stderr).toBe(0);
    const project = join(work, 'my-zine');
    // the machine's fonts: the example's Arabic ones, which set Farsi
    const fonts = join(work, 'machine-fonts');
    mkdirSync(fonts);
    for (const f of readdirSync(join(ROOT, 'fonts')).filter((f) => f.includes('Arabic'))) copyFileSync(join(ROOT, 'fonts', f), join(fonts, f));
    const added = installed(work, { ZINE_FONT_DIRS: fonts }, 'locale', 'add', 'fa', '--project', 'my-zine');
    expect(added.code, added.stderr).toBe(0);
    const built = installed(work, {}, 'build', '--project', 'my-zine', '--paper', 'letter');
    expect(built.code, built.stderr).toBe(0);
    for (const locale of ['en', 'fa']) {
      expect(readdirSync(join(project, 'out', locale))).toContain('my-zine_screen_single_page_view.pdf');
      const { pages } = await readPdf(join(project, 'out', locale, 'my-zine_screen_single_page_view.pdf'));
      expect(pages.map((p) => p.text).join(' ')).toContain('Introduction');
    }
    // inside the project, the project is the current folder
    const status = installed(project, {}, 'status');
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/^fa\s+فارسی/m);

    // and the live preview, its page and pdf.js served from the package
    const server = spawn(join(prefix, 'bin', 'zine'), ['serve', '--port', '0'], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
    const address = (await servedAddress(server)).href;
    const page = await fetch(address);
    expect(await page.text()).toContain('/viewer.js');
    expect((await fetch(`${address}pdfjs/pdf.min.mjs`)).status).toBe(200);
    const state = await (await fetch(`${address}state`)).json() as { locales: { locale: string; files: string[] }[] };
    expect(state.locales.map((l) => l.locale)).toEqual(['en', 'fa']);
    expect(state.locales[1]!.files).toContain('my-zine_screen_two_page_view.pdf');
    const exited = new Promise<number | null>((done) => server.once('exit', done));
    server.kill('SIGINT');
    expect(await exited).toBe(0);
  }, 240_000);
});
