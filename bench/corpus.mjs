// The corpus the line breaking is tuned on: texts in English, Russian and
// German of several kinds (essay, reportage, instructions, dialogue, technical
// prose, letters), written for the purpose, none of them the example's. Made
// into a zine project of its own, as `zine init` writes one, each language a
// locale whose sections are the corpus's.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CORPUS = join(root, 'bench', 'corpus');
export const CORPUS_LOCALES = ['en', 'ru', 'de'];

/** A new project in `dir` (which must not exist yet) holding the corpus, or of it only the sections `only` keeps. */
export function corpusProject(dir, only = () => true) {
  const init = spawnSync(process.execPath, [join(root, 'dist', 'cli', 'main.js'), 'init', dir], { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`zine init failed:\n${init.stderr}`);
  for (const locale of CORPUS_LOCALES) {
    const sections = join(dir, 'locales', locale, 'sections');
    rmSync(sections, { recursive: true, force: true });
    mkdirSync(sections, { recursive: true });
    if (locale !== 'en') copyFileSync(join(dir, 'locales', 'en', 'strings.json'), join(dir, 'locales', locale, 'strings.json'));
    for (const file of readdirSync(join(CORPUS, locale)).filter((f) => f.endsWith('.md') && only(f))) copyFileSync(join(CORPUS, locale, file), join(sections, file));
  }
  return dir;
}
