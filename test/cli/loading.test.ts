import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI, projectWithLocales, zineProcess } from '../support/cli.js';
import { ROOT } from '../support/fixtures.js';

/** What scripts/bundle.mjs wrote: for each file of the bundle, the modules (of src/ and of packages) it holds. */
interface Bundle {
  outputs: Record<string, { inputs: Record<string, unknown> }>;
}
const BUNDLE = join(ROOT, 'dist', 'bundle.json');
const bundle = (): Bundle => (existsSync(BUNDLE) ? JSON.parse(readFileSync(BUNDLE, 'utf8')) as Bundle : { outputs: {} });

/** The typesetting stack's packages, which only the commands that typeset may load. */
const TYPESETTING = ['pdfkit', 'fontkit', 'harfbuzzjs'];

/**
 * The files a process of `zine …` loads, as Node loads them (see
 * test/support/record-loads.mjs), and the modules they hold: a file of the
 * bundle holds those it was made of, any other file (a package's module left
 * out of the bundle) is its own.
 */
function loads(...args: string[]): { files: string[]; modules: string[]; packages: string[] } {
  const record = join(mkdtempSync(join(tmpdir(), 'zine-loads-')), 'loads.txt');
  const r = spawnSync(process.execPath, ['--import', join(ROOT, 'test', 'support', 'record-loads.mjs'), CLI, ...args], {
    encoding: 'utf8', env: { ...process.env, ZINE_LOADS_FILE: record },
  });
  expect(r.status, r.stderr).toBe(0);
  const files = readFileSync(record, 'utf8').trim().split('\n').map((url) => relative(ROOT, fileURLToPath(url)).replaceAll('\\', '/'));
  const { outputs } = bundle();
  const modules = files.flatMap((f) => (outputs[f] ? Object.keys(outputs[f].inputs) : [f]));
  const packages = [...new Set(modules.flatMap((m) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(m)?.[1] ?? []))].sort();
  return { files, modules, packages };
}

let status: ReturnType<typeof loads> | undefined;
/** What `zine status` loads, which two tests look at. */
const statusLoads = (): ReturnType<typeof loads> => (status ??= loads('status'));

describe('what a command loads', () => {
  it('the bundle is there: npm run compile writes it', () => {
    expect(existsSync(BUNDLE)).toBe(true);
  });

  it('zine --help loads the command line and no package', () => {
    const { modules, packages } = loads('--help');
    expect(modules).toContain('src/cli/args.ts');
    expect(packages).toEqual([]);
  });

  it('zine status loads no typesetting code: none of pdfkit, fontkit, HarfBuzz, nor the layers that use them', () => {
    const { modules, packages } = statusLoads();
    expect(modules).toContain('src/cli/status.ts');
    expect(packages.filter((p) => TYPESETTING.includes(p))).toEqual([]);
    expect(modules.filter((m) => /^src\/(font|typeset|layouts|impose|render)\//.test(m))).toEqual([]);
  });

  it('a command loads its code bundled: a few files, each of many modules', () => {
    const { files, modules } = statusLoads();
    expect(modules.length).toBeGreaterThan(30);
    expect(files.length).toBeLessThan(modules.length / 3);
  });

  it('a command that typesets loads the typesetting stack (what the tests above look for is seen)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'zine-loads-')), 'print-test.pdf');
    const { files, packages } = loads('print-test', '--out', out);
    expect(packages).toEqual(expect.arrayContaining(TYPESETTING));
    expect(files.length).toBeLessThan(20);
  });

  it('the Brotli decoder of WOFF2 fonts, slow to load and never used by a build (which refuses WOFF2), is in no file of the bundle', () => {
    const inputs = Object.values(bundle().outputs).flatMap((o) => Object.keys(o.inputs));
    expect(inputs.some((m) => m.includes('node_modules/fontkit/'))).toBe(true);
    expect(inputs.filter((m) => m.includes('node_modules/brotli/'))).toEqual([]);
  });

  it('BudouX and its DOM library, needed only for a CJK or Thai title, are in no file of the bundle: the command finds them when a title needs them', async () => {
    const inputs = Object.values(bundle().outputs).flatMap((o) => Object.keys(o.inputs));
    expect(inputs.filter((m) => /node_modules\/(budoux|linkedom|htmlparser2)\//.test(m))).toEqual([]);
    const project = await projectWithLocales(['ja'], (f) => f === 'NotoSerifCJKJP-Subset.otf');
    writeFileSync(join(project, 'locales', 'ja', 'sections', '01-introduction.md'), '---\ntitle: 私たちの小さなグループが最初の集まりで壁に書いた言葉\n---\n本文です。\n');
    const r = zineProcess('build', '--project', project, '--locale', 'ja', '--paper', 'letter');
    expect(r.code, r.stderr).toBe(0);
  });
});
