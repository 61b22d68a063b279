import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/fixtures.js';

/**
 * The pipeline's layers as the code has them: each module's imports of other
 * modules of src/ (type-only ones too: a type shared by two layers lives
 * below both), read from the source text.
 */
const SRC = join(ROOT, 'src');
const modules = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => f.replaceAll('\\', '/'));
const imports = new Map(modules.map((m) => {
  const text = readFileSync(join(SRC, m), 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map((x) => x[1]!);
  const targets = specifiers.map((s) => relative(SRC, resolve(SRC, dirname(m), s)).replaceAll('\\', '/').replace(/\.js$/, '.ts'));
  return [m, [...new Set(targets)]];
}));

/** The modules of `from` that import something of `to` (folders or files, as `render/` or `build.ts`). */
function crossings(from: string, to: readonly string[]): string[] {
  return [...imports].filter(([m]) => m.startsWith(from))
    .flatMap(([m, targets]) => targets.filter((t) => to.some((p) => t.startsWith(p))).map((t) => `${m} -> ${t}`));
}

describe('the layers of src/', () => {
  it('reads every module and its imports', () => {
    expect(modules.length).toBeGreaterThan(50);
    for (const targets of imports.values()) for (const t of targets) expect(modules, t).toContain(t);
  });

  it('have no import circles', () => {
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const path: string[] = [];
    const visit = (m: string): void => {
      if (state.get(m) === 'done') return;
      if (state.get(m) === 'open') {
        circles.push([...path.slice(path.indexOf(m)), m].join(' -> '));
        return;
      }
      state.set(m, 'open');
      path.push(m);
      for (const t of imports.get(m) ?? []) visit(t);
      path.pop();
      state.set(m, 'done');
    };
    for (const m of modules) visit(m);
    expect(circles).toEqual([]);
  });

  it('content does not import impose', () => {
    expect(crossings('content/', ['impose/'])).toEqual([]);
  });

  it('render draws display lists: it imports nothing from typeset, text or lang', () => {
    expect(crossings('render/', ['typeset/', 'text/', 'lang/'])).toEqual([]);
  });

  it('the `zine fonts` command\'s folder is imported by the command line alone', () => {
    const outside = [...imports].filter(([m]) => !m.startsWith('cli/'))
      .flatMap(([m, targets]) => targets.filter((t) => t.startsWith('cli/fonts/')).map((t) => `${m} -> ${t}`));
    expect(outside).toEqual([]);
  });

  it('the font book is a lower layer: it imports none of text, typeset, render or the command line', () => {
    expect(crossings('font/', ['text/', 'typeset/', 'render/', 'cli/', 'build.ts'])).toEqual([]);
  });
});
