import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { ZineError } from '../errors.js';
import { CONFIG_FILE } from '../content/config.js';
import { isoDay } from '../content/dates.js';
import { THEME_FILE } from '../content/theme.js';
import { TOOL_ROOT } from '../paths.js';

/**
 * Writes a new zine project that builds as it stands: the generator's theme,
 * templates and fonts, a starter locale with one section, and today's date.
 */
export function initProject(dir: string): string[] {
  const target = resolve(dir);
  if (existsSync(target) && readdirSync(target).length > 0) {
    throw new ZineError('the folder is not empty; zine init only writes into a new or empty folder', { file: target });
  }
  mkdirSync(target, { recursive: true });
  cpSync(join(TOOL_ROOT, THEME_FILE), join(target, THEME_FILE));
  for (const folder of ['templates', 'fonts']) cpSync(join(TOOL_ROOT, folder), join(target, folder), { recursive: true });
  cpSync(join(TOOL_ROOT, 'starter', 'locales'), join(target, 'locales'), { recursive: true });
  const slug = basename(target).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'zine';
  const config = JSON.parse(readFileSync(join(TOOL_ROOT, 'starter', CONFIG_FILE), 'utf8')) as Record<string, unknown>;
  // a date makes every build of the new project give the same bytes (it is the PDFs' creation date)
  writeFileSync(join(target, CONFIG_FILE), `${JSON.stringify({ ...config, slug, date: isoDay(new Date()) }, null, 2)}\n`);
  return [CONFIG_FILE, THEME_FILE, 'templates/', 'fonts/', 'locales/'];
}
