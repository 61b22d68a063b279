import { mkdirSync, mkdtempSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initProject } from '../../src/cli/init.js';
import { watchProject } from '../support/watch.js';

/** A save as `sed -i` and many editors make it: a new file written beside the old one and renamed over it. */
function saveByRename(file: string, text: string): void {
  const temporary = join(dirname(file), `sed${Math.random().toString(36).slice(2, 8)}`);
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

describe('zine build --watch, saves by renaming', () => {
  it('rebuilds on every save of every watched file, however it was saved, and in folders made while watching', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'zine-watch-saves-')), 'w');
    initProject(dir);
    const { next, clear, said, stop } = watchProject(dir);
    const rebuilt = /rebuilt [^\n]* in [\d.]+ s/;
    try {
      await next(/watching .* for changes/);
      const section = join(dir, 'locales', 'en', 'sections', '01-introduction.md');
      const text = readFileSync(section, 'utf8');
      for (let save = 1; save <= 3; save++) {
        saveByRename(section, `${text}\nSaved the ${save}. time.\n`);
        expect(await next(rebuilt)).toMatch(/^rebuilt en in/);
      }
      // a broken file saved the same way is reported, and the next save rebuilds
      const strings = join(dir, 'locales', 'en', 'strings.json');
      const good = readFileSync(strings, 'utf8');
      saveByRename(strings, '{ "title": ');
      expect(await next(/zine: [^\n]*strings\.json:\d+: invalid JSON[^\n]*/)).toBeTruthy();
      saveByRename(strings, good);
      expect(await next(rebuilt)).toMatch(/^rebuilt en in/);
      saveByRename(strings, good.replace('{', '{\n'));
      expect(await next(rebuilt)).toMatch(/^rebuilt en in/);
      // folders made while watching (here images/ and a folder in it) are watched too
      const figures = join(dir, 'images', 'figures');
      mkdirSync(figures, { recursive: true });
      expect(await next(rebuilt)).toMatch(/^rebuilt en in/);
      writeFileSync(join(figures, 'note.txt'), 'a file in a new folder');
      expect(await next(rebuilt)).toMatch(/^rebuilt en in/);
      // a folder that is a link out of the project is not walked: changes out there rebuild nothing
      const outside = mkdtempSync(join(tmpdir(), 'zine-watch-outside-'));
      mkdirSync(join(outside, 'deep'));
      symlinkSync(outside, join(dir, 'images', 'elsewhere'));
      await next(/(rebuilt|zine:)[^\n]*\n/);
      await new Promise((r) => setTimeout(r, 500));
      clear();
      writeFileSync(join(outside, 'deep', 'x.txt'), 'outside the project');
      await new Promise((r) => setTimeout(r, 1500));
      expect(said()).not.toMatch(/rebuilt/);
    } finally {
      stop();
    }
  });
});
