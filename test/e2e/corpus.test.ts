import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusProject } from '../../bench/corpus.mjs';
import { typography } from '../../bench/typography.mjs';
import { zine } from '../support/cli.js';

describe('line breaking of texts the example never saw (bench/corpus)', () => {
  it('hyphenates at most one line in eight of English and a third of Russian, never more than two in a row', async () => {
    const project = corpusProject(join(mkdtempSync(join(tmpdir(), 'zine-corpus-')), 'corpus'));
    const r = await zine('build', '--project', project, '--paper', 'letter', '--locale', 'en,ru', '--no-cache');
    expect(r.code, r.stderr).toBe(0);
    const figures = async (locale: string): Promise<{ lines: number; hyphenated: number; longest: number }> =>
      typography(join(project, 'out', locale, 'corpus_screen_single_page_view.pdf'));
    const [en, ru] = [await figures('en'), await figures('ru')];
    // the corpus is some 5,000 words of English and 3,000 of Russian: hundreds of lines each
    expect(en.lines).toBeGreaterThan(400);
    expect(ru.lines).toBeGreaterThan(300);
    expect(en.hyphenated).toBeLessThanOrEqual(0.12);
    expect(ru.hyphenated).toBeLessThanOrEqual(0.33);
    expect(Math.max(en.longest, ru.longest)).toBeLessThanOrEqual(2);
  });
});
