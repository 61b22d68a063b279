import { ZineError } from '../errors.js';
import { readSourceText } from './source-files.js';

/** Deeper than any settings or strings file needs; the code that walks them recurses. */
const MAX_DEPTH = 32;

/** Reads a JSON file of the project (inside `root`); a syntax error names the file and line. */
export function readJsonFile(file: string, root: string): unknown {
  const text = readSourceText(file, root);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(message);
    // a file cut off ends where the error is
    const at = pos ? Number(pos[1]) : /end of JSON input/.test(message) ? text.trimEnd().length : undefined;
    const line = at === undefined ? undefined : text.slice(0, at).split('\n').length;
    throw new ZineError(`invalid JSON: ${message.replace(/ in JSON at.*$/, '').replace(/\s*\n[\s\S]*/, '')}`, { file, line });
  }
  if (depth(value) > MAX_DEPTH) throw new ZineError(`nested more than ${MAX_DEPTH} levels deep: refused`, { file });
  return value;
}

/** How deeply objects and arrays nest in a parsed JSON value, found without recursion. */
function depth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    deepest = Math.max(deepest, d + 1);
    if (deepest > MAX_DEPTH) break;
    for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return deepest;
}

export type JsonObject = Record<string, unknown>;

/**
 * A record without a prototype, for things the user names (fonts, styles):
 * looking up "constructor" or "toString" in it finds only what was put in,
 * and "__proto__" is a name like any other.
 */
export function ownRecord<T>(entries: Iterable<readonly [string, T]> = []): Record<string, T> {
  const record = Object.create(null) as Record<string, T>;
  for (const [key, value] of entries) record[key] = value;
  return record;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks that `value` is an object whose keys are all known; `path` names it in
 * messages ("styles.body"). Unknown keys are errors, because a misspelt key
 * silently ignored is a setting the user thinks they made.
 */
export function expectObject(value: unknown, path: string, file: string, known?: readonly string[]): JsonObject {
  if (!isObject(value)) throw new ZineError(`${path} must be an object`, { file });
  if (known) {
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) {
        throw new ZineError(`unknown key "${path ? `${path}.` : ''}${key}" (known: ${known.join(', ')})`, { file });
      }
    }
  }
  return value;
}

export function expectString(value: unknown, path: string, file: string): string {
  if (typeof value !== 'string' || value === '') throw new ZineError(`${path} must be a non-empty string`, { file });
  return value;
}

export function expectNumber(value: unknown, path: string, file: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ZineError(`${path} must be a number`, { file });
  return value;
}

export function expectBoolean(value: unknown, path: string, file: string | undefined): boolean {
  if (typeof value !== 'boolean') throw new ZineError(`${path} must be true or false`, file === undefined ? undefined : { file });
  return value;
}

export function expectStringArray(value: unknown, path: string, file: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new ZineError(`${path} must be a list of strings`, { file });
  }
  return value as string[];
}

export function oneOf<T extends string>(value: unknown, allowed: readonly T[], path: string, file: string | undefined): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new ZineError(`${path} must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}`, file === undefined ? undefined : { file });
}
