import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './fixtures.js';

/** What an output folder holds that is not a finished file: temporary files, files kept aside, journals. */
export function unfinished(out: string): string[] {
  return existsSync(out) ? readdirSync(out, { recursive: true }).map(String).filter((f) => /\.(tmp|old)$|zine-commit/.test(f)).sort() : [];
}

/** The example's cover (a colour photograph of 825 × 1275 pixels) made the cover of a project. */
export function withCoverPhotograph(project: string): void {
  mkdirSync(join(project, 'images'), { recursive: true });
  copyFileSync(join(ROOT, 'images', 'cover.jpg'), join(project, 'images', 'cover.jpg'));
  const config = join(project, 'zine.json');
  writeFileSync(config, JSON.stringify({ ...JSON.parse(readFileSync(config, 'utf8')) as object, coverImage: 'images/cover.jpg' }));
}
