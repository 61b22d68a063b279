import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Sets keys of a project's zine.json, keeping the others as they are. */
export function setConfig(dir: string, values: Record<string, unknown>): void {
  const file = join(dir, 'zine.json');
  writeFileSync(file, JSON.stringify({ ...(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>), ...values }));
}
