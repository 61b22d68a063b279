import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initProject } from '../../src/cli/init.js';
import { loadProject } from '../../src/content/project.js';
import { refusal } from '../support/errors.js';

describe('the locales and papers a build is asked for', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'zine-pick-')), 'p');
  initProject(dir);
  cpSync(join(dir, 'locales', 'en'), join(dir, 'locales', 'kk'), { recursive: true });

  it('are taken in any case, as the project names them', () => {
    expect(loadProject(dir, { locales: ['EN', 'Kk'], papers: ['A4'] })).toMatchObject({ locales: ['en', 'kk'], papers: [{ name: 'a4' }] });
  });

  it('are taken as written where two folders differ in case alone, and refused as ambiguous in a third', () => {
    cpSync(join(dir, 'locales', 'en'), join(dir, 'locales', 'KK'), { recursive: true });
    expect(loadProject(dir, { locales: ['kk'] }).locales).toEqual(['kk']);
    expect(loadProject(dir, { locales: ['KK'] }).locales).toEqual(['KK']);
    expect(refusal(() => loadProject(dir, { locales: ['kK'] }), dir)).toMatch(/^ambiguous locale "kK" \(this zine has: /);
  });
});
