import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initProject } from '../../src/cli/init.js';
import { affectedLocales } from '../../src/cli/watch.js';
import { CLI, zine } from '../support/cli.js';

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
    initProject(dir);
    expect(zine('locale', 'add', 'kk', '--project', dir).code).toBe(0);
    const child = spawn(process.execPath, [CLI, 'build', '--watch', '--project', dir, '--paper', 'letter'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
    const waitFor = (pattern: RegExp): Promise<string> => new Promise((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        const m = pattern.exec(output);
        if (m) {
          clearInterval(poll);
          resolve(m[0]);
        } else if (Date.now() - started > 40_000) {
          clearInterval(poll);
          reject(new Error(`no ${pattern} in:\n${output}`));
        }
      }, 50);
    });
    try {
      await waitFor(/watching .* for changes/);
      expect(output).toMatch(/built en, kk in [\d.]+ s/);
      appendFileSync(join(dir, 'locales', 'kk', 'sections', '01-introduction.md'), '\nЖаңа сөйлем.\n');
      expect(await waitFor(/rebuilt [^\n]* in [\d.]+ s/)).toMatch(/^rebuilt kk in/);
      output = '';
      appendFileSync(join(dir, 'templates', 'back-cover.hbs'), '\n');
      expect(await waitFor(/rebuilt [^\n]* in [\d.]+ s/)).toMatch(/^rebuilt en, kk in/);
      // a broken file is reported in one line, and watching goes on
      const strings = join(dir, 'locales', 'kk', 'strings.json');
      const good = readFileSync(strings, 'utf8');
      output = '';
      writeFileSync(strings, '{ "title": ');
      expect(await waitFor(/zine: [^\n]*strings\.json:\d+: invalid JSON[^\n]*\n/)).not.toMatch(/\n./);
      expect(output).not.toMatch(/\n\s+at /);
      output = '';
      writeFileSync(strings, good);
      expect(await waitFor(/rebuilt [^\n]* in [\d.]+ s/)).toMatch(/^rebuilt kk in/);
    } finally {
      child.kill();
    }
  });
});
