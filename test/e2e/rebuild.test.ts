import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, type BuildSession } from '../../src/build.js';
import { initProject } from '../../src/cli/init.js';
import { zineWith } from '../support/cli.js';
import { ROOT } from '../support/fixtures.js';

/** Every file under `dir`, by its path there, with its bytes. */
function filesIn(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.set(relative(dir, join(entry.parentPath, entry.name)), readFileSync(join(entry.parentPath, entry.name)));
  }
  return files;
}

describe('a rebuild in a session (zine serve, --watch)', () => {
  it('writes what a fresh build writes after an edit, and says again what the paragraphs it kept said, of their lines now', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'zine-rebuild-')), 'r');
    initProject(dir);
    // Persian's fonts found among the example's (whole Noto Naskh Arabic and Noto Sans Arabic), not the machine's
    const added = await zineWith({ ZINE_FONT_DIRS: join(ROOT, 'fonts') }, 'locale', 'add', 'fa', '--project', dir);
    expect(added.code, added.stderr).toBe(0);
    const section = join(dir, 'locales', 'fa', 'sections', '01-introduction.md');
    // a translated section with a paragraph the build warns about: a word wider than the line, broken where it must be
    const long = 'Nadezhdaneverhyphenatedinafarsiparagraphwhateveritslengthmaybe';
    writeFileSync(section, `---\ntitle: پیشگفتار\n---\nاین بند نخست است.\n\nواژه‌ای بلند: ${long} در میان.\n\nبند پایانی.\n`);
    const session: BuildSession = {};
    const built = async (out: string, kept?: BuildSession): Promise<string[]> => {
      const said: string[] = [];
      await build({ projectDir: dir, outDir: join(dir, out), locales: ['fa'], cache: false, parallel: false, session: kept, warn: (m, at) => said.push(`${at?.line ?? '-'}: ${m}`) });
      return said;
    };
    const first = await built('kept', session);
    expect(first.some((w) => w.includes('wider than the line'))).toBe(true);

    // an edit above the warned paragraph: a new paragraph, with letters the zine did not have yet (new glyphs in the subsets)
    const text = readFileSync(section, 'utf8').replace('---\nاین', '---\nیک بند تازه با Zürich و ۱۲۳ و 2026.\n\nاین');
    writeFileSync(section, text);
    const again = await built('kept', session);
    const fresh = await built('fresh');
    expect(again).toEqual(fresh);
    // the address is two lines further down now, and the warning says so
    const line = (said: string[]): number => Number(said.find((w) => w.includes('wider than the line'))!.split(':')[0]);
    expect(line(again)).toBe(line(first) + 2);

    const [kept, anew] = [filesIn(join(dir, 'kept')), filesIn(join(dir, 'fresh'))];
    expect([...kept.keys()].sort()).toEqual([...anew.keys()].sort());
    expect(kept.size).toBeGreaterThan(4);
    for (const [path, bytes] of anew) expect(kept.get(path)!.equals(bytes), path).toBe(true);
  });
});
