import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { TOOL_ROOT } from '../paths.js';
import type { Language } from './languages.js';
import { liangHyphenator, type Hyphenator } from './liang.js';

const require = createRequire(import.meta.url);
const SOFT_HYPHEN = '\u00ad';
const cache = new Map<string, Hyphenator>();

/** The hyphenator of a language, loaded once per process; none for a language without patterns. */
export function hyphenatorFor(language: Language | undefined): Hyphenator | undefined {
  const source = language?.hyphenation;
  if (!language || !source) return undefined;
  let h = cache.get(language.code);
  if (!h) {
    h = memoised('package' in source ? fromHyphenPackage(source.package, source.leftMin, source.rightMin)
      : fromPatternFile(source.patternFile, source.leftMin, source.rightMin));
    cache.set(language.code, h);
  }
  return h;
}

/** Words recur; each is hyphenated once. */
function memoised(h: Hyphenator): Hyphenator {
  const known = new Map<string, number[]>();
  return (word) => {
    let breaks = known.get(word);
    if (!breaks) {
      breaks = h(word);
      known.set(word, breaks);
    }
    return breaks;
  };
}

function fromPatternFile(file: string, leftMin: number, rightMin: number): Hyphenator {
  const text = readFileSync(join(TOOL_ROOT, 'data', 'hyphenation', file), 'utf8');
  const patterns = text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('%'));
  return liangHyphenator(patterns, leftMin, rightMin);
}

type HyphenateSync = (text: string, options?: { hyphenChar?: string; minWordLength?: number }) => string;

/** The `hyphen` package's TeX patterns; its soft hyphens are read back as positions. */
function fromHyphenPackage(name: string, leftMin: number, rightMin: number): Hyphenator {
  const { hyphenateSync } = require(`hyphen/${name}/index.js`) as { hyphenateSync: HyphenateSync };
  return (word: string): number[] => {
    const marked = Array.from(hyphenateSync(word, { hyphenChar: SOFT_HYPHEN, minWordLength: leftMin + rightMin }));
    const breaks: number[] = [];
    let p = 0;
    for (const ch of marked) {
      if (ch === SOFT_HYPHEN) breaks.push(p);
      else p++;
    }
    return breaks.filter((b) => b >= leftMin && b <= p - rightMin);
  };
}
