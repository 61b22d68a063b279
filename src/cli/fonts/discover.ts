/**
 * The fonts installed on the machine: fontconfig's list where `fc-list`
 * runs, else the usual font folders of Linux, macOS and Windows; or only
 * the folders `ZINE_FONT_DIRS` names (separated as PATH is), so that what
 * is found does not depend on the machine. `zine build` never looks here:
 * a build reads only the project's files.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, extname, join } from 'node:path';
import * as fontkit from 'fontkit';
import { readRegularFile } from '../../content/source-files.js';
import { collectionOffsets, fontProblem } from '../../font/check.js';
import { familyOf, MAX_FONT_BYTES, styleOf } from '../../font/book.js';
import type { InstalledFace } from './match.js';

export type Warn = (message: string) => void;

const FONT_FILES = new Set(['.ttf', '.otf', '.ttc', '.otc']);
/** Deep enough for /usr/share/fonts/truetype/noto; font folders are not deeper. */
const MAX_DEPTH = 6;

/** The folders searched for fonts when fontconfig is not there. */
function defaultDirs(): string[] {
  const home = homedir();
  const windows = process.env.WINDIR ? [join(process.env.WINDIR, 'Fonts')] : [];
  const local = process.env.LOCALAPPDATA ? [join(process.env.LOCALAPPDATA, 'Microsoft', 'Windows', 'Fonts')] : [];
  return [
    '/usr/share/fonts', '/usr/local/share/fonts', join(home, '.local', 'share', 'fonts'), join(home, '.fonts'),
    '/System/Library/Fonts', '/Library/Fonts', join(home, 'Library', 'Fonts'), ...windows, ...local,
  ];
}

/** The faces of the fonts installed, or of those in `ZINE_FONT_DIRS`; files that cannot be read are skipped with a warning. */
export function installedFaces(warn: Warn): InstalledFace[] {
  const dirs = process.env.ZINE_FONT_DIRS;
  if (dirs) return facesIn(dirs.split(delimiter).filter(Boolean), warn);
  return fontconfigFaces() ?? facesIn(defaultDirs(), warn);
}

/** fontconfig's list of faces: file, index, first family name and style of each; undefined without fontconfig. */
function fontconfigFaces(): InstalledFace[] | undefined {
  const listed = spawnSync('fc-list', ['--format', '%{file}\t%{index}\t%{family}\t%{style}\n'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (listed.status !== 0 || typeof listed.stdout !== 'string') return undefined;
  return listed.stdout.split('\n').flatMap((line): InstalledFace[] => {
    const [file, index, family, style] = line.split('\t');
    if (!file || !family || !FONT_FILES.has(extname(file).toLowerCase())) return [];
    // fontconfig lists a family's names in several languages, comma-separated: the first is the English one
    return [{ file, index: Number(index) || 0, family: family.split(',')[0]!, style: (style ?? 'Regular').split(',')[0]! }];
  }).sort((a, b) => a.file.localeCompare(b.file) || a.index - b.index);
}

/** The faces of the font files in some folders and their subfolders, by file name. */
function facesIn(dirs: readonly string[], warn: Warn): InstalledFace[] {
  const read = new Set<string>();
  return dirs.flatMap((dir) => fontFiles(dir, 0, read)).sort().flatMap((file) => {
    try {
      return facesOf(file).map((font, index) => ({ file, index, family: familyOf(font), style: styleOf(font) }));
    } catch (e) {
      warn(`skipped ${file}: not a usable font (${e instanceof Error ? e.message : String(e)})`);
      return [];
    }
  });
}

/**
 * The font files in a folder and its subfolders. Each real folder is read
 * once (`read` holds those read): a link back into a folder read already,
 * or a loop of links, adds nothing.
 */
function fontFiles(dir: string, depth: number, read: Set<string>): string[] {
  let names: string[];
  try {
    const real = realpathSync(dir);
    if (read.has(real)) return [];
    read.add(real);
    names = readdirSync(real);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    try {
      const stat = statSync(path);
      if (stat.isDirectory()) return depth < MAX_DEPTH ? fontFiles(path, depth + 1, read) : [];
      return stat.isFile() && FONT_FILES.has(extname(name).toLowerCase()) ? [path] : [];
    } catch {
      return [];
    }
  });
}

/**
 * The faces of a font file, checked as a build checks a font before fontkit
 * reads it: the file's size before it is read, a collection's header before
 * any face is parsed, and each face's tables (see `fontProblem`).
 */
function facesOf(file: string): fontkit.Font[] {
  const data = readRegularFile(file, MAX_FONT_BYTES, 'it');
  const offsets = collectionOffsets(data);
  if (offsets === null) throw new Error('its collection header is cut off or damaged');
  // faces sharing tables, as a collection's do, have each table summed once
  const sums = new Map<string, number>();
  for (const [i, at] of (offsets ?? [0]).entries()) {
    const problem = fontProblem(data, at, sums);
    if (problem) throw new Error(offsets ? `face ${i}: ${problem}` : problem);
  }
  const parsed = fontkit.create(data);
  const fonts = parsed.type === 'TTC' ? parsed.fonts : parsed.type === 'TTF' ? [parsed] : [];
  if (fonts.length === 0) throw new Error('not a TTF, OTF or collection');
  return fonts;
}

/** An installed face opened: its font (to check what it covers) or why it cannot be used. */
export function openInstalled(face: InstalledFace): fontkit.Font {
  const font = facesOf(face.file)[face.index];
  if (!font) throw new Error(`no face ${face.index}`);
  return font;
}
