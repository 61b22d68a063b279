import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initProject } from '../../src/cli/init.js';
import { setFrontMatter } from '../../src/content/translation.js';
import { CLI, zine } from '../support/cli.js';
import { ROOT } from '../support/fixtures.js';
import { readPdf } from '../support/pdf.js';
import { servedAddress } from '../support/serve.js';

/** Debian's Chromium, which .ci/run installs. */
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(existsSync) ?? 'chromium (Debian: apt-get install chromium)';

/** A GET of `path` with the Host header given, as a browser would not send it (`..` kept as typed). */
function get(port: number, path: string, host = `127.0.0.1:${port}`): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((done, failed) => {
    const r = request({ host: '127.0.0.1', port, path, headers: { host } }, (response) => {
      let body = '';
      response.on('data', (c: Buffer) => { body += c.toString(); });
      response.on('end', () => done({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    r.on('error', failed);
    r.end();
  });
}

/**
 * `zine serve` on a copy of the example with its Farsi translation, looked at
 * in headless Chromium: the spreads as the booklet opens, the translation
 * beside the original, a save shown by itself, a broken save told in the
 * page, the files outside the build refused, and Ctrl-C.
 */
describe('zine serve', () => {
  const project = mkdtempSync(join(tmpdir(), 'zine-serve-'));
  const foreword = join(project, 'locales', 'fa', 'sections', '01-foreword.md');
  let server: ChildProcess;
  let port = 0;
  let browser: Browser;
  let page: Page;
  const version = async (): Promise<number> => Number(await page.locator('#pages').getAttribute('data-version'));

  beforeAll(async () => {
    for (const part of ['zine.json', 'theme.json', 'fonts', 'images', 'templates', 'locales/en', 'locales/fa']) {
      cpSync(join(ROOT, part), join(project, part), { recursive: true });
    }
    // the last section not yet translated either: the back cover after it is none of its pages
    const names = join(project, 'locales', 'fa', 'sections', '08-names.md');
    writeFileSync(names, setFrontMatter(readFileSync(names, 'utf8'), { translated: false }, names));
    server = spawn(process.execPath, [CLI, 'serve', '--project', project, '--locale', 'fa', '--paper', 'letter', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    port = Number((await servedAddress(server)).port);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.kill('SIGKILL');
  });

  it('shows the Farsi spreads as the booklet opens, with the spec\'s figures and a link to each PDF', async () => {
    await page.goto(`http://127.0.0.1:${port}/#locale=fa&view=spreads`);
    await page.waitForSelector('canvas[data-drawn]');
    const spreads = (await readPdf(join(project, 'out', 'fa', 'uprising-in-kazakhstan_screen_two_page_view.pdf'))).pages.length;
    expect(await page.locator('#pages canvas').count()).toBe(spreads);
    const spec = JSON.parse(readFileSync(join(project, 'out', 'fa', 'uprising-in-kazakhstan.json'), 'utf8')) as { words: number; editions: { sheets: number }[] };
    const figures = await page.locator('#figures').textContent();
    expect(figures).toContain(`${spec.words} words`);
    expect(figures).toContain(`${spec.editions[0]!.sheets} sheets`);
    expect(await page.locator('#files a').evaluateAll((links) => links.map((a) => a.textContent))).toContain('uprising-in-kazakhstan_print_black_and_white.pdf');
    // right-bound: the page reads from the right, as the booklet does
    expect(await page.locator('#pages').getAttribute('dir')).toBe('rtl');
  }, 60_000);

  it('sets the translation beside the original, each section level on both sides, the ones not yet translated marked', async () => {
    await page.locator('button[data-view="beside"]').click();
    await page.waitForSelector('#pages[data-view="beside"] canvas[data-drawn]');
    const rows = await page.locator('#pages .row').count();
    const [en, fa] = await Promise.all(['en', 'fa'].map(async (l) => (await readPdf(join(project, 'out', l, 'uprising-in-kazakhstan_screen_single_page_view.pdf'))).pages));
    expect(rows).toBeGreaterThanOrEqual(Math.max(en!.length, fa!.length));
    // a section starts on the same row on both sides: the row holding the Farsi page where 02-background starts holds the English one where it starts
    const labels = await page.locator('#pages .row').evaluateAll((r) => r.map((row) => [...row.querySelectorAll('.label')].map((l) => l.textContent)));
    const start = (locale: string, pages: typeof en): number => {
      const spec = JSON.parse(readFileSync(join(project, 'out', locale, 'uprising-in-kazakhstan.json'), 'utf8')) as { contents: { section: string; page: number }[] };
      const page = spec.contents.find((c) => c.section === '02-background')!.page;
      expect(pages![page - 1]!.text).toMatch(/BACKGROUND/);
      return page;
    };
    const row = labels.findIndex((l) => l.includes(`fa ${start('fa', fa)}`));
    expect(labels[row], JSON.stringify(labels)).toContain(`en ${start('en', en)}`);
    expect(start('en', en)).not.toBe(start('fa', fa));
    expect(await page.locator('#pages .row[data-untranslated]').count()).toBeGreaterThan(0);
    expect(await page.locator('#pages .note').first().textContent()).toContain('not yet translated');
    // the back covers, last, a row of their own that no section marks
    expect(labels[labels.length - 1]).toEqual([`en ${en!.length}`, `fa ${fa!.length}`]);
    expect(await page.locator('#pages .row').last().getAttribute('data-untranslated')).toBeNull();
    expect(await page.locator('#pages .row').nth(labels.length - 2).getAttribute('data-untranslated')).toBe('true');
    mkdirSync(join(ROOT, 'out', 'serve'), { recursive: true });
    await page.locator('#pages .row').nth(row).scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(ROOT, 'out', 'serve', 'farsi-beside-english.png') });
  }, 60_000);

  it('shows the printed sheets, both sides, with the fold between the pages', async () => {
    await page.locator('button[data-view="letter"]').click();
    await page.waitForSelector('#pages[data-view="letter"] canvas[data-drawn]');
    const sides = (await readPdf(join(project, 'out', 'fa', 'uprising-in-kazakhstan_print_black_and_white.pdf'))).pages.length;
    expect(await page.locator('#pages .sheet').count()).toBe(sides);
    expect(await page.locator('#pages .sheet .fold').count()).toBe(sides);
    const labels = await page.locator('#pages .label').allTextContents();
    expect(labels.slice(0, 2)).toEqual(['sheet 1, front', 'sheet 1, back']);
  }, 60_000);

  it('shows a save by itself, where the reader was looking', async () => {
    await page.locator('button[data-view="spreads"]').click();
    await page.waitForSelector('#pages[data-view="spreads"] canvas[data-drawn]');
    const spread = page.locator('#pages canvas[data-key="5"]');
    await spread.scrollIntoViewIfNeeded();
    const before = { version: await version(), top: (await spread.boundingBox())!.y };
    writeFileSync(foreword, `${readFileSync(foreword, 'utf8')}\nیک بند تازه.\n`);
    await expect.poll(version, { timeout: 60_000, interval: 200 }).toBeGreaterThan(before.version);
    expect(Math.abs((await page.locator('#pages canvas[data-key="5"]').boundingBox())!.y - before.top)).toBeLessThan(2);
    const { pages } = await readPdf(join(project, 'out', 'fa', 'uprising-in-kazakhstan_screen_single_page_view.pdf'));
    expect(pages.some((p) => p.text.includes('تازه'))).toBe(true);
  }, 90_000);

  it('tells a broken save in the page as the command line does, keeping the last pages', async () => {
    const drawn = await page.locator('#pages canvas').count();
    const good = readFileSync(foreword, 'utf8');
    writeFileSync(foreword, good.replace(/^---\n/, '---\nlang: fa_IR\n'));
    await page.waitForSelector('#problem:not([hidden])', { timeout: 60_000 });
    const shown = await page.locator('#problem').textContent();
    const cli = await zine('build', '--project', project, '--locale', 'fa', '--paper', 'letter', '--out', join(project, 'elsewhere'));
    expect(cli.code).toBe(1);
    // the same line: the file (as the server was started, by its full path) and line, and what is wrong
    expect(shown).toMatch(/01-foreword\.md:2: "fa_IR" is not a language tag: write fa-IR/);
    expect(cli.stderr).toContain(shown!.replace(/^zine: .*01-foreword\.md/, '').trim());
    expect(await page.locator('#pages canvas').count()).toBe(drawn);
    writeFileSync(foreword, good);
    await page.waitForSelector('#problem[hidden]', { state: 'attached', timeout: 60_000 });
  }, 120_000);

  it('serves nothing but its page and the built files, to nobody but itself', async () => {
    for (const path of ['/out/../zine.json', '/out/fa/..%2F..%2Fzine.json', '/%2e%2e/zine.json', '/out/fa/%2E%2E%2F%2E%2E%2Fzine.json', '/../../etc/passwd', '/out/fa/..%5C..%5Czine.json', '/zine.json', '/out/en/../../theme.json']) {
      const r = await get(port, path);
      expect(r.status, path).toBe(404);
      expect(r.body, path).not.toContain('defaultLocale');
    }
    expect((await get(port, '/state', 'attacker.example')).status).toBe(403);
    const state = await get(port, '/state');
    expect(state.status).toBe(200);
    expect(Object.keys(state.headers).filter((h) => h.startsWith('access-control'))).toEqual([]);
    // what the browser itself would send for a `../` link stays inside
    const traversal = await page.evaluate(async () => (await fetch('/out/fa/%2e%2e/%2e%2e/zine.json')).status);
    expect(traversal).toBe(404);
  });

  it('serves what the build wrote alone: not a file or link put beside it, nor one gone since', async () => {
    const folder = join(project, 'out', 'fa');
    writeFileSync(join(project, 'secret.json'), '{"token": "SECRET"}');
    symlinkSync(join(project, 'secret.json'), join(folder, 'a.json'));
    writeFileSync(join(folder, 'planted.pdf'), '%PDF-planted');
    const lite = 'uprising-in-kazakhstan_lite.pdf';
    expect((await get(port, `/out/fa/${lite}`)).status).toBe(200);
    renameSync(join(folder, lite), join(project, 'moved.pdf'));
    for (const name of ['a.json', 'planted.pdf', lite]) expect((await get(port, `/out/fa/${name}`)).status, name).toBe(404);
    renameSync(join(project, 'moved.pdf'), join(folder, lite));
    // a save later, the listing is still the build's own
    const before = await version();
    writeFileSync(foreword, `${readFileSync(foreword, 'utf8')}\nبندی دیگر.\n`);
    await expect.poll(version, { timeout: 60_000, interval: 200 }).toBeGreaterThan(before);
    const state = await get(port, '/state');
    expect(state.status).toBe(200);
    expect(state.body).not.toContain('SECRET');
    expect(state.body).not.toContain('planted.pdf');
    expect(state.body).not.toContain('"a.json"');
  }, 90_000);

  it('keeps no more than a few dozen pages listening', async () => {
    const held: ReturnType<typeof request>[] = [];
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      statuses.push(await new Promise<number>((done, failed) => {
        const r = request({ host: '127.0.0.1', port, path: '/events', headers: { host: `127.0.0.1:${port}` } }, (response) => done(response.statusCode ?? 0));
        r.on('error', failed);
        r.end();
        held.push(r);
      }));
    }
    for (const r of held) r.destroy();
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(32);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0);
    expect((await get(port, '/state')).status).toBe(200);
  });

  it('refuses a port in use in one line, and stops cleanly on Ctrl-C', async () => {
    for (const bad of ['-1', '65536', '1.5', 'http']) {
      const refused = await zine('serve', '--project', project, '--port', bad);
      expect(refused.code, bad).toBe(1);
      expect(refused.stderr.trim().split('\n'), bad).toHaveLength(1);
    }
    const taken = await zine('serve', '--project', project, '--port', String(port));
    expect(taken.code).toBe(1);
    expect(taken.stderr.trim().split('\n').filter((l) => !l.startsWith('warning'))).toEqual([`zine: port ${port} on 127.0.0.1 is in use: choose another with --port`]);
    const exited = new Promise<number | null>((done) => server.once('exit', (code) => done(code)));
    server.kill('SIGINT');
    expect(await exited).toBe(0);
    await expect(get(port, '/state')).rejects.toThrow(/ECONNREFUSED/);
  }, 30_000);
});

/** `zine serve` of a whole project, no locale asked for: it serves the locales the project has from one save to the next. */
describe('zine serve, every locale', () => {
  it('builds and serves a locale added while it runs, the others\' colophons listing it, and lets one removed go', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'zine-serve-')), 's');
    initProject(dir);
    const server = spawn(process.execPath, [CLI, 'serve', '--project', dir, '--paper', 'letter', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const port = Number((await servedAddress(server)).port);
      type State = { locales: { locale: string; files: string[] }[] };
      const locales = (state: State): string[] => state.locales.filter((l) => l.files.length > 0).map((l) => l.locale);
      /** The state the page is told once it shows `wanted`'s locales, each with its files (a save of several files may be built in turns). */
      const showing = async (wanted: string[]): Promise<State> => {
        for (let tries = 0; tries < 400; tries++) {
          const now = JSON.parse((await get(port, '/state')).body) as State;
          if (locales(now).join() === wanted.join() && now.locales.length === wanted.length) return now;
          await new Promise((done) => setTimeout(done, 100));
        }
        throw new Error(`never shown: ${wanted.join(', ')}`);
      };
      const colophon = async (locale: string): Promise<string> => (await readPdf(join(dir, 'out', locale, 's_screen_single_page_view.pdf'))).pages[1]!.text;
      await showing(['en']);

      expect((await zine('locale', 'add', 'de', '--project', dir)).code).toBe(0);
      const added = await showing(['en', 'de']);
      const file = added.locales[1]!.files.find((f) => f.endsWith('.pdf'))!;
      expect((await get(port, `/out/de/${file}`)).status).toBe(200);
      expect(await colophon('en')).toMatch(/Deutsch/);

      rmSync(join(dir, 'locales', 'de'), { recursive: true });
      await showing(['en']);
      expect((await get(port, `/out/de/${file}`)).status).toBe(404);
      expect(await colophon('en')).not.toMatch(/Deutsch/);
    } finally {
      server.kill('SIGKILL');
    }
  }, 60_000);
});
