import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { main } from '../../src/cli/cli.js';
import { ROOT } from './fixtures.js';

export const CLI = join(ROOT, 'dist', 'cli', 'main.js');

export interface Run { code: number; stdout: string; stderr: string }

/** Runs `zine` in this process, its output collected. */
export function zine(...args: string[]): Promise<Run> {
  return zineWith({}, ...args);
}

/**
 * Runs `zine` in this process with these environment variables, each put back
 * afterwards (the tests of one file run one after another).
 */
export async function zineWith(env: Record<string, string>, ...args: string[]): Promise<Run> {
  const kept = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  let [stdout, stderr] = ['', ''];
  try {
    const code = await main(args, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } });
    return { code, stdout, stderr };
  } finally {
    for (const [k, v] of Object.entries(kept)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/**
 * Runs `zine` in this process from the folder `cwd`, for paths relative to
 * it; the folder the tests run from is put back afterwards.
 */
export async function zineIn(cwd: string, ...args: string[]): Promise<Run> {
  const kept = process.cwd();
  process.chdir(cwd);
  try {
    return await zine(...args);
  } finally {
    process.chdir(kept);
  }
}

/** Runs the compiled `zine` command as a process of its own: where the process itself is tested. */
export function zineProcess(...args: string[]): Run {
  return zineProcessWith({}, ...args);
}

export function zineProcessWith(env: Record<string, string>, ...args: string[]): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Exit code 1, one line on stderr naming what it should, no stack trace. */
export function expectOneLineError(r: { code: number; stderr: string }, ...mentions: string[]): void {
  expect(r.code).toBe(1);
  const lines = r.stderr.trim().split('\n').filter((l) => !l.startsWith('warning: '));
  expect(lines, r.stderr).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  for (const m of mentions) expect(r.stderr).toContain(m);
}

/**
 * A new project (`zine init`) with locales added as a translator adds them:
 * `zine locale add`, finding its fonts among the test fonts that `fonts`
 * keeps (all of them by default), as if they were the machine's.
 */
export async function projectWithLocales(locales: readonly string[], fonts: (file: string) => boolean = () => true): Promise<string> {
  const base = mkdtempSync(join(tmpdir(), 'zine-project-'));
  const [project, installed] = [join(base, 'p'), join(base, 'installed')];
  mkdirSync(installed);
  const fixtures = join(ROOT, 'test', 'fixtures', 'fonts');
  for (const f of readdirSync(fixtures).filter(fonts)) copyFileSync(join(fixtures, f), join(installed, f));
  expect((await zine('init', project)).code).toBe(0);
  for (const locale of locales) {
    const r = await zineWith({ ZINE_FONT_DIRS: installed }, 'locale', 'add', locale, '--project', project);
    expect(r.code, r.stderr).toBe(0);
  }
  return project;
}
