import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI, projectWithLocales, zineProcess } from '../support/cli.js';
import { ROOT } from '../support/fixtures.js';

/** What scripts/bundle.mjs wrote: the modules (of src/ and of packages) the program holds. */
interface Bundle {
  outputs: Record<string, { inputs: Record<string, unknown> }>;
}
const BUNDLE = join(ROOT, 'dist', 'bundle.json');
const bundle = (): Bundle => (existsSync(BUNDLE) ? JSON.parse(readFileSync(BUNDLE, 'utf8')) as Bundle : { outputs: {} });

/** The typesetting stack's packages, which only the commands that typeset may evaluate. */
const TYPESETTING = ['pdfkit', 'fontkit'];
const packagesOf = (modules: readonly string[]): string[] => [...new Set(modules.flatMap((m) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(m)?.[1] ?? []))].sort();

/**
 * What a process of `zine …` loads and runs: the files Node loads as modules
 * (see test/support/record-loads.mjs: the command's own, and HarfBuzz where it
 * sets type), and the modules of the program it evaluates. The program is
 * one script whose modules each run from a function named by the module's
 * path, when first imported; V8's coverage says which of them ran.
 */
function loads(...args: string[]): { files: string[]; modules: string[]; packages: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'zine-loads-'));
  const [record, coverage] = [join(dir, 'loads.txt'), join(dir, 'coverage')];
  const r = spawnSync(process.execPath, ['--import', join(ROOT, 'test', 'support', 'record-loads.mjs'), CLI, ...args], {
    encoding: 'utf8', env: { ...process.env, ZINE_LOADS_FILE: record, NODE_V8_COVERAGE: coverage },
  });
  expect(r.status, r.stderr).toBe(0);
  const files = readFileSync(record, 'utf8').trim().split('\n').map((url) => relative(ROOT, fileURLToPath(url)).replaceAll('\\', '/'));
  const program = pathToFileURL(join(ROOT, 'dist', 'program.cjs')).href;
  const modules = readdirSync(coverage).flatMap((f) => (JSON.parse(readFileSync(join(coverage, f), 'utf8')) as Coverage).result)
    .filter((script) => script.url === program)
    .flatMap((script) => script.functions.filter((fn) => fn.ranges[0]!.count > 0 && /^(src|node_modules)\//.test(fn.functionName)).map((fn) => fn.functionName));
  return { files, modules, packages: packagesOf(modules) };
}

/** What NODE_V8_COVERAGE writes: each script's functions, with how often each ran. */
interface Coverage {
  result: { url: string; functions: { functionName: string; ranges: { count: number }[] }[] }[];
}

let status: ReturnType<typeof loads> | undefined;
/** What `zine status` loads, which two tests look at. */
const statusLoads = (): ReturnType<typeof loads> => (status ??= loads('status'));

describe('what a command loads', () => {
  it('the bundle is there: npm run compile writes it', () => {
    expect(existsSync(BUNDLE)).toBe(true);
  });

  it('zine --help evaluates the command line and no package: no project, language or typesetting code', () => {
    const { files, modules, packages } = loads('--help');
    expect(modules).toContain('src/content/config.ts');
    expect(packages).toEqual([]);
    expect(modules.filter((m) => /^src\/(lang|font|typeset|layouts|impose|render)\/|^src\/content\/project\.ts$/.test(m))).toEqual([]);
    expect(files).toEqual(['dist/cli/main.js']);
  });

  it('zine status evaluates no typesetting code: none of pdfkit, fontkit, nor the layers that use them; HarfBuzz is not loaded', () => {
    const { files, modules, packages } = statusLoads();
    expect(modules).toContain('src/cli/status.ts');
    expect(packages.filter((p) => TYPESETTING.includes(p))).toEqual([]);
    expect(modules.filter((m) => /^src\/(font|typeset|layouts|impose|render)\//.test(m))).toEqual([]);
    expect(files.filter((f) => f.includes('harfbuzzjs'))).toEqual([]);
  });

  it('zine locale done, which sets no type either, evaluates none of it', async () => {
    const project = await projectWithLocales(['ru']);
    const { modules } = loads('locale', 'done', 'ru', '--project', project);
    expect(modules).toContain('src/cli/locale.ts');
    expect(modules.filter((m) => /^src\/(font|typeset|layouts|impose|render)\//.test(m))).toEqual([]);
  });

  it('a command that typesets evaluates the typesetting stack, and loads HarfBuzz (what the tests above look for is seen)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'zine-loads-')), 'print-test.pdf');
    const { files, modules, packages } = loads('print-test', '--out', out);
    expect(packages).toEqual(expect.arrayContaining(TYPESETTING));
    expect(modules).toContain('src/font/book.ts');
    expect(files.some((f) => f.startsWith('node_modules/harfbuzzjs/'))).toBe(true);
  });

  it('a command reads its code from one file: the program, of many modules', () => {
    const inputs = Object.keys(bundle().outputs['dist/program.cjs']?.inputs ?? {});
    expect(inputs.filter((m) => m.startsWith('src/')).length).toBeGreaterThan(80);
    expect(statusLoads().modules.length).toBeGreaterThan(30);
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
