import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initProject } from '../../src/cli/init.js';
import { inlineText, type Block } from '../../src/content/blocks.js';
import { loadLocale, loadProject } from '../../src/content/project.js';
import type { Warn } from '../../src/errors.js';
import { compileTemplates, layOut, type ZineLayout } from '../../src/layouts/templates.js';

/** A new project (`zine init`), its files changed by `files` (paths in the project, contents). */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'zine-templates-'));
  initProject(dir);
  for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
  return dir;
}

/** The project laid out `times` times with one compilation of its templates, as a build lays out its locales; the warnings as `file: message`. */
function layOutProject(dir: string, times = 1): { layouts: ZineLayout[]; warnings: string[] } {
  const warnings: string[] = [];
  const warn: Warn = (message, where) => warnings.push(`${where ? basename(where.file) : ''}: ${message}`);
  const zine = loadProject(dir);
  const templates = compileTemplates(dir, warn);
  const layouts = Array.from({ length: times }, () => layOut(zine, templates, loadLocale(zine, 'en', warn), warn));
  return { layouts, warnings };
}

const textOf = (block: Block | undefined): string => (block?.kind === 'paragraph' ? inlineText(block.inlines) : '');

describe('templates reaching past their data', () => {
  it('get nothing, with one warning for each property and template, whether Handlebars would have said so or not', () => {
    const dir = project({
      'templates/section.hbs': '# {{section.title}}{{constructor}}{{section.constructor}}{{__proto__}}{{toString}}{{lookup section "constructor"}}\n\n{{section}}\n',
      'locales/en/sections/02-second.md': '---\ntitle: Second\n---\nText.\n',
    });
    const { layouts, warnings } = layOutProject(dir, 2);
    expect(warnings.filter((w) => w.startsWith('section.hbs')).sort()).toEqual(['constructor', '__proto__', 'toString'].sort().map(
      (name) => `section.hbs: the template asks for "${name}", which is not data of the zine: left empty`,
    ));
    for (const layout of layouts) {
      expect(layout.sections.map((s) => textOf(s.blocks[0]))).toEqual(['Introduction', 'Second']);
      // an object printed whole is as JavaScript prints it
      expect(layout.sections.map((s) => textOf(s.blocks[1]))).toEqual(['[object Object]', '[object Object]']);
    }
  });
});
