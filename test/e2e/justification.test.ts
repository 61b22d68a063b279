import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { zine } from '../support/cli.js';
import { readPdf, type TextRun } from '../support/pdf.js';

/** The body lines of a page, top to bottom, each its runs from the left. */
function linesOf(runs: readonly TextRun[]): TextRun[][] {
  const rows = new Map<number, TextRun[]>();
  for (const r of runs.filter((run) => run.size < 12)) rows.set(Math.round(r.y), [...(rows.get(Math.round(r.y)) ?? []), r]);
  return [...rows.entries()].sort((a, b) => b[0] - a[0]).map(([, row]) => row.sort((a, b) => a.x - b.x));
}

describe('a justified paragraph that cannot be set within any tolerance', () => {
  it('has every line but its last reaching the measure, the spaces stretched further, with a warning naming the file and line', async () => {
    const project = join(mkdtempSync(join(tmpdir(), 'zine-justify-')), 'zine');
    expect((await zine('init', project)).code).toBe(0);
    // long words unhyphenated: "Add more:" would stand alone, ragged, before a line of them
    const themeFile = join(project, 'theme.json');
    const theme = JSON.parse(readFileSync(themeFile, 'utf8')) as { styles: Record<string, Record<string, unknown>> };
    theme.styles.body!.hyphenate = false;
    writeFileSync(themeFile, JSON.stringify(theme));
    const sectionFile = join(project, 'locales', 'en', 'sections', '01-introduction.md');
    const words = 'Add more: institutionalisation, internationalisation, counterrevolutionaries, incomprehensibilities, and the folder.';
    writeFileSync(sectionFile, readFileSync(sectionFile, 'utf8').replace(/^Add more sections.*$/m, words));
    const r = await zine('build', '--project', project, '--paper', 'letter');
    expect(r.code, r.stderr).toBe(0);
    const { pages } = await readPdf(join(project, 'out', 'en', 'zine_screen_single_page_view.pdf'));
    const page = pages.find((p) => p.text.includes('Add more'))!;
    const lines = linesOf(page.runs);
    const right = Math.max(...lines.map((l) => l.at(-1)!.x + l.at(-1)!.width));
    const first = lines.findIndex((l) => l[0]!.str.startsWith('Add'));
    const last = lines.findIndex((l, i) => i > first && l.some((run) => run.str.includes('folder')));
    expect(last).toBeGreaterThan(first);
    for (const l of lines.slice(first, last)) {
      const end = l.at(-1)!;
      expect(end.x + end.width, l.map((run) => run.str).join(' ')).toBeCloseTo(right, 0);
    }

    const line = readFileSync(sectionFile, 'utf8').split('\n').indexOf(words) + 1;
    expect(line).toBeGreaterThan(0);
    expect(r.stderr).toMatch(new RegExp(`01-introduction\\.md:${line}: .*is spaced out far past`));
  });
});
