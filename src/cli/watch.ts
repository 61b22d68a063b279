import { watch } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { build, type BuildOptions } from '../build.js';
import { loadProject } from '../content/project.js';

/** Waits this long after a change for the next one, so that a save of several files rebuilds once. */
const SETTLE_MS = 200;

/**
 * Which locales a changed file (relative to the project) affects: its own
 * locale; every locale for the default locale's files (they stand in for
 * missing translations) and for what all share (config, theme, templates,
 * fonts, images); none for anything else.
 */
export function affectedLocales(file: string, locales: readonly string[], defaultLocale: string): string[] {
  const parts = file.split(/[\\/]/);
  if (parts[0] === 'locales' && parts[1]) {
    if (parts[1] === defaultLocale) return [...locales];
    return locales.includes(parts[1]) ? [parts[1]] : [];
  }
  if (['zine.json', 'theme.json'].includes(file) || ['templates', 'fonts', 'images'].includes(parts[0]!)) return [...locales];
  return [];
}

/**
 * `zine build --watch`: builds, then rebuilds the affected locales whenever a
 * section, string, template, image, font or setting changes, saying what it
 * rebuilt and how long it took. A failed rebuild is reported and watching goes on.
 */
export async function watchBuild(options: BuildOptions, report: (line: string) => void, fail: (e: unknown) => void): Promise<void> {
  const run = async (locales: string[] | undefined): Promise<void> => {
    const started = Date.now();
    try {
      const files = await build(locales ? { ...options, locales } : options);
      const built = [...new Set(files.map((f) => f.locale))].join(', ');
      report(`${locales ? 'rebuilt' : 'built'} ${built} in ${((Date.now() - started) / 1000).toFixed(1)} s (${files.length} files)`);
    } catch (e) {
      fail(e);
    }
  };
  await run(options.locales);
  const project = loadProject(options.projectDir, options.locales ? { locales: options.locales } : {});
  const outDir = resolve(options.outDir);
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let building = Promise.resolve();
  report(`watching ${project.dir} for changes (Ctrl-C to stop)`);
  watch(project.dir, { recursive: true }, (_event, name) => {
    if (!name) return;
    const path = resolve(project.dir, name.toString());
    if (path === outDir || path.startsWith(outDir + sep) || /(^|[\\/])\.|\.tmp$/.test(name.toString())) return;
    for (const l of affectedLocales(relative(project.dir, path), project.locales, project.config.defaultLocale)) pending.add(l);
    if (pending.size === 0) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      const locales = project.locales.filter((l) => pending.has(l));
      pending = new Set();
      building = building.then(() => run(locales));
    }, SETTLE_MS);
  });
  await new Promise<never>(() => {});
}
