import { readdirSync, realpathSync, statSync, watch, type FSWatcher } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { build, checkOptions, type BuildOptions, type BuildSession } from '../build.js';
import type { BuiltFile } from '../outputs/table.js';
import { CONFIG_FILE } from '../content/config.js';
import { loadProject } from '../content/project.js';
import { isInside, realPath } from '../files.js';

/**
 * Waits this long after a change for the next one, so that a save of several
 * files rebuilds once: an editor's save (a temporary file renamed over the
 * old) comes in a few milliseconds; a rebuild started too soon is followed
 * by another.
 */
const SETTLE_MS = 25;

/** Folders of a project whose files every locale uses (besides its own locale folder). */
const SHARED_FOLDERS = ['templates', 'fonts', 'images'];
/** Files of a project every locale uses. */
const SHARED_FILES = [CONFIG_FILE, 'theme.json'];

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
  return isShared(file) ? [...locales] : [];
}

/** Whether a file (relative to the project) is one every locale uses: config, theme, templates, fonts, images. */
function isShared(file: string): boolean {
  return SHARED_FILES.includes(file) || SHARED_FOLDERS.includes(file.split(/[\\/]/)[0]!);
}

/** What a watched build tells: each line to print, each failure, and the files each build wrote. */
export interface WatchEvents {
  report: (line: string) => void;
  fail: (e: unknown) => void;
  /** The files a build wrote, each with its locale, and the locales watched now (a locale folder may come or go). */
  built?: (files: BuiltFile[], locales: readonly string[]) => void;
}

/**
 * Builds, then rebuilds the affected locales whenever a section, string,
 * template, image, font or setting changes, saying what it rebuilt and how
 * long it took. A failed rebuild is reported and watching goes on, until the
 * returned `stop` is called.
 */
export async function startWatching(options: BuildOptions, events: WatchEvents): Promise<{ stop: () => void }> {
  // the templates, fonts and images of one build serve the next, until one of their files changes
  const session: BuildSession = {};
  let project = checkOptions(options);
  const select = options.locales ? { locales: options.locales } : {};
  /** Locales a failed build left as they were: built with the next build, whatever change it is for. */
  const unbuilt = new Set<string>();
  const run = async (locales: string[] | undefined, again = true): Promise<void> => {
    const started = Date.now();
    try {
      const files = await build({ ...options, ...(locales && { locales }), session });
      const built = [...new Set(files.map((f) => f.locale))];
      for (const l of built) unbuilt.delete(l);
      events.report(`${again ? 'rebuilt' : 'built'} ${built.join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s (${files.length} files)`);
      events.built?.(files, project.locales);
    } catch (e) {
      for (const l of locales ?? project.locales) unbuilt.add(l);
      events.fail(e);
    }
  };
  // the locales as the project names them (--locale EN builds the folder en): what later changes are matched with
  await run(options.locales && project.locales, false);
  const outDir = resolve(options.outDir);
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let building = Promise.resolve();
  const ignored = (path: string): boolean => path === outDir || path.startsWith(outDir + sep) || /(^|[\\/])\.|\.tmp$/.test(relative(project.dir, path));
  const watchers = watchFolders(project.dir, ['locales', ...SHARED_FOLDERS], ignored, (path) => {
    const file = relative(project.dir, path);
    // a locale folder added or removed, or zine.json's list of locales changed: the locales are read again
    if (file === CONFIG_FILE || dirname(file) === 'locales') {
      const before = project.allLocales.join();
      try {
        project = loadProject(options.projectDir, select);
      } catch {
        // the rebuild that follows reports what is wrong, in one line
      }
      // each locale's colophon lists the languages the zine exists in
      if (project.allLocales.join() !== before) for (const l of project.locales) pending.add(l);
    }
    if (isShared(file)) delete session.resources;
    for (const l of affectedLocales(file, project.locales, project.config.defaultLocale)) pending.add(l);
    if (pending.size === 0) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      const locales = project.locales.filter((l) => pending.has(l) || unbuilt.has(l));
      pending = new Set();
      building = building.then(() => run(locales));
    }, SETTLE_MS);
  });
  // said once the folders are watched: a save after this line is seen
  events.report(`watching ${project.dir} for changes (Ctrl-C to stop)`);
  return {
    stop: () => {
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
    },
  };
}

/** `zine build --watch`: watches until the process is stopped. */
export async function watchBuild(options: BuildOptions, report: (line: string) => void, fail: (e: unknown) => void): Promise<never> {
  await startWatching(options, { report, fail });
  return new Promise<never>(() => {});
}

/**
 * Watches the folders a build reads, never single files: on Linux a file's
 * watch follows its inode, and a save that writes a new file and renames it
 * over the old one (`sed -i`, many editors) leaves it on a file that is gone.
 * A folder's watch sees every name in it change, however it changed. `root`
 * is watched alone (its settings files) and the trees of `folders` in it
 * whole; a folder made, or put in place of another, is watched as it
 * appears; `changed` gets the path of each name that changed.
 */
function watchFolders(root: string, folders: readonly string[], ignored: (path: string) => boolean, changed: (path: string) => void): Map<string, FSWatcher> {
  const watchers = new Map<string, FSWatcher>();
  const inTree = (path: string): boolean => folders.some((f) => path === join(root, f) || path.startsWith(join(root, f) + sep));
  // one stat: an editor's temporary file may be gone between two calls
  const isFolder = (path: string): boolean => statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
  const forget = (dir: string): void => {
    for (const [path, watcher] of watchers) {
      if (path === dir || path.startsWith(dir + sep)) {
        watcher.close();
        watchers.delete(path);
      }
    }
  };
  const realRoot = realpathSync(root);
  const arm = (dir: string): void => {
    // a folder put in place of one already watched is another folder: its watch is made again
    forget(dir);
    // a source folder that is a link out of the project (images -> /usr) is not walked: the build refuses its files anyway
    if (!isInside(realPath(dir), realRoot)) return;
    let inside: string[];
    try {
      const watcher = watch(dir, (_event, name) => {
        if (name) seen(join(dir, name.toString()));
      });
      watcher.on('error', () => forget(dir));
      watchers.set(dir, watcher);
      inside = dir === root
        ? folders.map((f) => join(root, f)).filter(isFolder)
        : readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(dir, e.name));
    } catch {
      return; // gone already: its parent's watch reports that
    }
    for (const path of inside) if (!ignored(path)) arm(path);
  };
  const seen = (path: string): void => {
    if (ignored(path)) return;
    if (inTree(path)) {
      if (isFolder(path)) arm(path);
      else forget(path);
    }
    changed(path);
  };
  arm(root);
  return watchers;
}
