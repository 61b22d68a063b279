import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { zine } from '../support/cli.js';
import { readPdf, words } from '../support/pdf.js';

/** A new zine project of `zine init`, in a folder of its own. */
function newProject(prefix: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), prefix)), 'zine');
  expect(zine('init', dir).code).toBe(0);
  return dir;
}

const pdfText = async (file: string): Promise<string> =>
  (await readPdf(file)).pages.map((p) => p.runs.map((r) => r.str).join(' ')).join('\n');

describe('an untranslated section', () => {
  it('is set in the original\'s current text, not in the copy locale add made', async () => {
    const project = newProject('zine-untranslated-');
    expect(zine('locale', 'add', 'de', '--project', project).code).toBe(0);
    appendFileSync(join(project, 'locales', 'en', 'sections', '01-introduction.md'), '\nA sentence written after the copy.\n');
    const r = zine('build', '--project', project, '--locale', 'de', '--paper', 'letter');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('section 01-introduction is marked as not yet translated into de: set in en');
    const text = await pdfText(join(project, 'out', 'de', 'zine_screen_single_page_view.pdf'));
    expect(words(text).join(' ')).toContain('a sentence written after the copy');
  });
});
