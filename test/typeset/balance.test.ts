import { describe, expect, it } from 'vitest';
import { ImageLibrary } from '../../src/content/images.js';
import { loadLocale, loadProject } from '../../src/content/project.js';
import { themeForScript } from '../../src/content/theme.js';
import type { Page, TextItem } from '../../src/display.js';
import { hyphenatorFor } from '../../src/lang/hyphenation.js';
import { compileTemplates, layOut } from '../../src/layouts/templates.js';
import { languageSettings, typesetEdition, type Edition } from '../../src/typeset/edition.js';
import { fonts, itemText, ROOT } from '../support/fixtures.js';
import { ParagraphAnalyses } from '../../src/text/paragraph.js';

/** Every edition of the example: each locale on each paper. */
function exampleEditions(): { name: string; edition: Edition; bottom: number; body: number }[] {
  const project = loadProject(ROOT);
  const warn = (): void => {};
  const templates = compileTemplates(project.dir, warn);
  const images = new ImageLibrary(project.dir);
  return project.locales.flatMap((locale) => {
    const content = loadLocale(project, locale, warn);
    const theme = themeForScript(project.theme, content.language.script);
    const layout = layOut(project, templates, content, warn);
    return project.papers.map((paper) => {
      const margins = theme.margins[paper.name]!;
      const edition = typesetEdition({
        layout, paper, page: paper.page, margins, theme, fonts, images, language: content.language,
        hyphenator: hyphenatorFor(content.language), words: new Map(), paragraphs: new ParagraphAnalyses(), inLanguage: languageSettings(theme, fonts), binding: 'left', keepLast: 1, padTo: (pages) => pages, warn,
      });
      return { name: `${locale} ${paper.name}`, edition, bottom: margins.bottom, body: theme.styles.body!.size };
    });
  });
}

/** A page's lines of text above the foot, top to bottom: items on one baseline, left to right. */
function linesOf(page: Page, bottom: number): TextItem[][] {
  const lines = new Map<number, TextItem[]>();
  for (const item of page.items) {
    if (item.kind !== 'text' || item.y > page.height - bottom) continue;
    const y = Math.round(item.y * 10) / 10;
    lines.set(y, [...(lines.get(y) ?? []), item]);
  }
  return [...lines.entries()].sort((a, b) => a[0] - b[0]).map(([, items]) => items.sort((a, b) => a.x - b.x));
}

describe('the example\'s pages', () => {
  const editions = exampleEditions();

  it('end no section on a nearly empty page: four lines at least, and never its notes alone', () => {
    for (const { name, edition, bottom, body } of editions) {
      const starts = new Set(Object.values(edition.sectionStarts));
      const bodyPages = edition.pages.filter((p) => p.kind === 'body');
      bodyPages.forEach((page, i) => {
        const next = bodyPages[i + 1];
        const endsSection = !next || starts.has(next.number);
        if (!endsSection || starts.has(page.number)) return;
        const lines = linesOf(page, bottom);
        expect(lines.length, `${name}, page ${page.number}`).toBeGreaterThanOrEqual(4);
        // the section's text, not only its notes (set smaller)
        expect(lines.some((l) => l.some((item) => item.size >= body)), `${name}, page ${page.number}: notes alone`).toBe(true);
      });
    }
  });

  it('leave no word alone on the last line of a heading or a pull quote', () => {
    for (const { name, edition, bottom, body } of editions) {
      // the cover's title is set as large as its longest word allows: that word is a line of its own
      for (const page of edition.pages.slice(1)) {
        // display lines: well above the text's size (leads and the back cover's text, a point larger, are justified paragraphs)
        const lines = linesOf(page, bottom).filter((l) => l[0]!.size >= 1.2 * body && l[0]!.font === l[l.length - 1]!.font);
        // lines of one paragraph: one size, a leading apart
        const paragraphs: TextItem[][][] = [];
        lines.forEach((line, j) => {
          const before = lines[j - 1];
          const together = before && before[0]!.size === line[0]!.size && line[0]!.y - before[0]!.y < 2 * line[0]!.size;
          if (together) paragraphs[paragraphs.length - 1]!.push(line);
          else paragraphs.push([line]);
        });
        for (const lines of paragraphs) {
          const words = lines.map((l) => l.map(itemText).join(' ').trim().split(/\s+/));
          // two words can only be set one under the other
          if (lines.length < 2 || words.flat().length < 3) continue;
          expect(words[words.length - 1]!.length, `${name}, page ${page.number}: ${words.map((w) => w.join(' ')).join(' / ')}`).toBeGreaterThan(1);
        }
      }
    }
  });
});
