import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { initProject } from '../../src/cli/init.js';
import { ZineError } from '../../src/errors.js';
import { ROOT } from '../support/fixtures.js';
import { readPdf } from '../support/pdf.js';
import { setConfig } from '../support/project.js';

/** A new project with one more section and the given settings in zine.json. */
function project(settings: Record<string, unknown>, section: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'zine-conv-')), 'p');
  initProject(dir);
  setConfig(dir, settings);
  writeFileSync(join(dir, 'locales', 'en', 'sections', '02-more.md'), section);
  return dir;
}

const pageTexts = async (dir: string): Promise<string[]> =>
  (await readPdf(join(dir, 'out', 'en', 'p_screen_single_page_view.pdf'))).pages.map((p) => p.runs.map((r) => r.str).join(' '));

describe('zine settings for notes and links', () => {
  it('gathers notes at the end of the zine and lists links at the end of their section', async () => {
    const dir = project({ notes: 'end', links: 'list' }, '---\ntitle: More\n---\nRead [the report](https://example.org/report) now.[^1]\n\n[^1]: A note on the report.\n');
    await build({ projectDir: dir, outDir: join(dir, 'out'), papers: ['letter'], warn: () => {} });
    const pages = await pageTexts(dir);
    const more = pages.findIndex((t) => t.includes('MORE'));
    expect(pages[more]).toMatch(/LINKS.*the report: https:\/\/example\.org\/report/s);
    expect(pages[more]).not.toContain('A note on the report');
    const notes = pages.findIndex((t) => /^NOTES|\sNOTES\s/.test(t) && t.includes('A note on the report'));
    expect(notes).toBeGreaterThan(more);
    // the notes section sits last, before the back cover
    expect(notes).toBe(pages.length - 2);
  });
});

describe('images', () => {
  it('refuses an image outside the project folder, naming the section', async () => {
    const dir = project({}, '---\ntitle: More\n---\n![](../../etc/passwd)\n');
    await expect(build({ projectDir: dir, outDir: join(dir, 'out'), warn: () => {} })).rejects.toThrow(/outside the project folder/);
  });

  it('names a missing image and a file that is not one', async () => {
    const missing = project({}, '---\ntitle: More\n---\n![](images/none.png)\n');
    await expect(build({ projectDir: missing, outDir: join(missing, 'out'), warn: () => {} })).rejects.toThrow(ZineError);
    const text = project({}, '---\ntitle: More\n---\n![](zine.json)\n');
    await expect(build({ projectDir: text, outDir: join(text, 'out'), warn: () => {} })).rejects.toThrow(/not a PNG or JPEG/);
  });

  it('sets a figure across the measure with its caption under it', async () => {
    const dir = project({}, '---\ntitle: More\n---\nBefore.\n\n![](images/chart.png "The caption")\n\nAfter.\n');
    cpSync(join(ROOT, 'images', 'gas-price.png'), join(dir, 'images', 'chart.png'), { recursive: true });
    await build({ projectDir: dir, outDir: join(dir, 'out'), papers: ['letter'], warn: () => {} });
    const pdf = await readPdf(join(dir, 'out', 'en', 'p_screen_single_page_view.pdf'));
    const page = pdf.pages.find((p) => p.runs.some((r) => r.str.includes('The caption')))!;
    const [before, caption, after] = ['Before.', 'The caption', 'After.'].map((s) => page.runs.find((r) => r.str.includes(s))!.y);
    // the image lies between the text before it and its caption
    expect(before! - caption!).toBeGreaterThan(100);
    expect(caption!).toBeGreaterThan(after!);
  });
});
