import { appendFileSync, cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initProject } from '../../src/cli/init.js';
import { affectedLocales } from '../../src/cli/watch.js';
import { zine } from '../support/cli.js';
import { readPdf } from '../support/pdf.js';
import { watchProject } from '../support/watch.js';

describe('affectedLocales', () => {
  const locales = ['en', 'kk', 'ru'];
  it('rebuilds a translation alone, everything for the default locale and shared files', () => {
    expect(affectedLocales('locales/kk/sections/01-a.md', locales, 'en')).toEqual(['kk']);
    expect(affectedLocales('locales/en/strings.json', locales, 'en')).toEqual(locales);
    expect(affectedLocales('templates/cover.hbs', locales, 'en')).toEqual(locales);
    expect(affectedLocales('theme.json', locales, 'en')).toEqual(locales);
    expect(affectedLocales('fonts/x.ttf', locales, 'en')).toEqual(locales);
    expect(affectedLocales('README.md', locales, 'en')).toEqual([]);
    expect(affectedLocales('locales/de/strings.json', locales, 'en')).toEqual([]);
  });
});

describe('zine build --watch', () => {
  it('rebuilds only the locales a change affects, and says so', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'zine-watch-')), 'w');
    // the screen PDF's second page, where the colophon lists the languages the zine exists in
    const colophon = async (locale: string): Promise<string> => (await readPdf(join(dir, 'out', locale, `w_screen_single_page_view.pdf`))).pages[1]!.text;
    initProject(dir);
    expect((await zine('locale', 'add', 'kk', '--project', dir)).code).toBe(0);
    const watcher = watchProject(dir);
    try {
      expect(await watcher.next(/built en, kk in [\d.]+ s/)).toBeTruthy();
      await watcher.next(/watching .* for changes/);
      appendFileSync(join(dir, 'locales', 'kk', 'sections', '01-introduction.md'), '\nЖаңа сөйлем.\n');
      expect(await watcher.next(/rebuilt [^\n]* in [\d.]+ s/)).toMatch(/^rebuilt kk in/);
      appendFileSync(join(dir, 'templates', 'back-cover.hbs'), '\n');
      expect(await watcher.next(/rebuilt [^\n]* in [\d.]+ s/)).toMatch(/^rebuilt en, kk in/);
      // a broken file is reported in one line, and watching goes on
      const strings = join(dir, 'locales', 'kk', 'strings.json');
      const good = readFileSync(strings, 'utf8');
      watcher.clear();
      writeFileSync(strings, '{ "title": ');
      expect(await watcher.next(/zine: [^\n]*strings\.json:\d+: invalid JSON[^\n]*\n/)).not.toMatch(/\n./);
      expect(watcher.said()).not.toMatch(/^\s+at /m);
      writeFileSync(strings, good);
      expect(await watcher.next(/rebuilt [^\n]* in [\d.]+ s/)).toMatch(/^rebuilt kk in/);
      // a locale added while watching is built, and rebuilt when it changes; the others with it, whose colophons list it
      expect((await zine('locale', 'add', 'de', '--project', dir)).code).toBe(0);
      expect(await watcher.next(/rebuilt [^\n]* in [\d.]+ s/)).toMatch(/^rebuilt en, de, kk in/);
      expect(await colophon('kk')).toMatch(/Deutsch/);
      appendFileSync(join(dir, 'locales', 'de', 'sections', '01-introduction.md'), '\nEin neuer Satz.\n');
      expect(await watcher.next(/rebuilt [^\n]* in [\d.]+ s/)).toMatch(/^rebuilt de in/);
      // and one removed leaves the others' colophons
      rmSync(join(dir, 'locales', 'de'), { recursive: true });
      expect(await watcher.next(/rebuilt [^\n]* in [\d.]+ s/)).toMatch(/^rebuilt en, kk in/);
      expect(await colophon('en')).not.toMatch(/Deutsch/);
      // one added broken fails the build of them all: mended, they are all built, not the mended one alone
      const aside = join(dir, '..', 'de');
      cpSync(join(dir, 'locales', 'kk'), aside, { recursive: true });
      writeFileSync(join(aside, 'strings.json'), '{');
      renameSync(aside, join(dir, 'locales', 'de'));
      await watcher.next(/zine: [^\n]*de[\\/]strings\.json:\d+: invalid JSON/);
      writeFileSync(join(dir, 'locales', 'de', 'strings.json'), readFileSync(join(dir, 'locales', 'kk', 'strings.json')));
      expect(await watcher.next(/rebuilt [^\n]* in [\d.]+ s/)).toMatch(/^rebuilt en, de, kk in/);
      expect(await colophon('en')).toMatch(/Deutsch/);
    } finally {
      watcher.stop();
    }
  });

  it('builds the locales asked for in another case, its first build failed, once the mistake is mended', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'zine-watch-')), 'w');
    initProject(dir);
    expect((await zine('locale', 'add', 'kk', '--project', dir)).code).toBe(0);
    const strings = join(dir, 'locales', 'kk', 'strings.json');
    const good = readFileSync(strings, 'utf8');
    writeFileSync(strings, '{');
    const watcher = watchProject(dir, '--locale', 'EN,KK');
    try {
      await watcher.next(/zine: [^\n]*strings\.json:\d+: invalid JSON/);
      await watcher.next(/watching .* for changes/);
      writeFileSync(strings, good);
      expect(await watcher.next(/rebuilt [^\n]* in [\d.]+ s/)).toMatch(/^rebuilt en, kk in/);
    } finally {
      watcher.stop();
    }
  });

  it('sets a changed template or theme in the next build, though it keeps them from one save to the next', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'zine-watch-')), 'w');
    initProject(dir);
    const text = async (): Promise<string> => (await readPdf(join(dir, 'out', 'en', 'w_screen_single_page_view.pdf'))).pages.map((p) => p.text).join(' ');
    const watcher = watchProject(dir);
    try {
      await watcher.next(/watching .* for changes/);
      appendFileSync(join(dir, 'locales', 'en', 'sections', '01-introduction.md'), '\nA sentence saved while watching.\n');
      await watcher.next(/rebuilt [^\n]* in [\d.]+ s/);
      expect(await text()).toContain('A sentence saved while watching.');
      appendFileSync(join(dir, 'templates', 'back-cover.hbs'), '\nPrinted by the neighbourhood press.\n');
      await watcher.next(/rebuilt [^\n]* in [\d.]+ s/);
      expect(await text()).toContain('Printed by the neighbourhood press.');
      const theme = join(dir, 'theme.json');
      writeFileSync(theme, readFileSync(theme, 'utf8').replace('"format": "◆ {n} ◆"', '"format": "page {n}"'));
      await watcher.next(/rebuilt [^\n]* in [\d.]+ s/);
      expect(await text()).toMatch(/page 4/);
    } finally {
      watcher.stop();
    }
  });
});
