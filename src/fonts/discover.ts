/**
 * The fonts installed on the machine: fontconfig's list where `fc-list`
 * runs, else the usual font folders of Linux, macOS and Windows; or only
 * the folders `ZINE_FONT_DIRS` names (separated as PATH is), so that what
 * is found does not depend on the machine. `zine build` never looks here:
 * a build reads only the project's files.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, extname, join } from 'node:path';
import * as fontkit from 'fontkit';
import { fontProblem } from '../typeset/font-check.js';
import { familyOf, styleOf } from '../typeset/fonts.js';
import type { InstalledFace } from './match.js';

export type Warn = (message: string) => void;

const FONT_FILES = new Set(['.ttf', '.otf', '.ttc', '.otc']);
/** Deep enough for /usr/share/fonts/truetype/noto, shallow enough to stop in a loop of links. */
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
  return dirs.flatMap((dir) => fontFiles(dir, 0)).sort().flatMap((file) => {
    try {
      return facesOf(file).map((font, index) => ({ file, index, family: familyOf(font), style: styleOf(font) }));
    } catch (e) {
      warn(`skipped ${file}: not a usable font (${e instanceof Error ? e.message : String(e)})`);
      return [];
    }
  });
}

function fontFiles(dir: string, depth: number): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    try {
      const stat = statSync(path);
      if (stat.isDirectory()) return depth < MAX_DEPTH ? fontFiles(path, depth + 1) : [];
      return stat.isFile() && FONT_FILES.has(extname(name).toLowerCase()) ? [path] : [];
    } catch {
      return [];
    }
  });
}

/** The faces of a font file, each checked as a build would check it (see `fontProblem`). */
function facesOf(file: string): fontkit.Font[] {
  const data = readFileSync(file);
  const parsed = fontkit.create(data);
  const fonts = parsed.type === 'TTC' ? parsed.fonts : parsed.type === 'TTF' ? [parsed] : [];
  if (fonts.length === 0) throw new Error('not a TTF, OTF or collection');
  fonts.forEach((_, i) => {
    const problem = fontProblem(data, parsed.type === 'TTC' ? data.readUInt32BE(12 + 4 * i) : 0);
    if (problem) throw new Error(problem);
  });
  return fonts;
}

/** An installed face opened: its font (to check what it covers) or why it cannot be used. */
export function openInstalled(face: InstalledFace): fontkit.Font {
  const font = facesOf(face.file)[face.index];
  if (!font) throw new Error(`no face ${face.index}`);
  return font;
}
