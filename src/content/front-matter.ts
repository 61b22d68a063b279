import { load } from 'js-yaml';
import { ZineError } from '../errors.js';

/**
 * Front matter: YAML between a first line of three dashes and the next such
 * line. Only YAML is read, with js-yaml's default schema, which has no
 * JavaScript types: a section comes from a stranger, and front matter in
 * another language (`---js`, `---coffee`) would be code to run.
 */
export interface FrontMatterSplit {
  /** The lines between the dashes, or undefined when the text has none. */
  yaml: string | undefined;
  /** The opening line as written (`---`, `--- yaml`), kept when the file is rewritten. */
  opening: string;
  body: string;
  /** Line of the text on which `body` starts. */
  bodyLine: number;
}

const DASHES = /^---[ \t]*$/;
/** `---yaml` names the language front matter is read in anyway. */
const YAML_NAME = /^ya?ml$/i;

/** Splits `text` (line feeds only) into front matter and body; `file` is named in errors. */
export function splitFrontMatter(text: string, file: string): FrontMatterSplit {
  const firstEnd = text.indexOf('\n');
  const opening = firstEnd < 0 ? text : text.slice(0, firstEnd);
  // `----` and longer are a Markdown rule, not front matter
  if (!opening.startsWith('---') || opening[3] === '-') return { yaml: undefined, opening: '', body: text, bodyLine: 1 };
  const language = opening.slice(3).trim();
  if (language !== '' && !YAML_NAME.test(language)) {
    throw new ZineError(`front matter must be YAML, opened by "---" alone: "${opening.slice(0, 40)}" is not read`, { file, line: 1 });
  }
  const lines = text.split('\n');
  const close = lines.findIndex((l, i) => i > 0 && DASHES.test(l));
  if (close < 0) throw new ZineError('front matter is not closed: no "---" line after the opening one', { file, line: 1 });
  return { yaml: lines.slice(1, close).join('\n'), opening, body: lines.slice(close + 1).join('\n'), bodyLine: close + 2 };
}

/** A key, then a plain value (not quoted, not a list, not a block): matched in linear time, whatever the line holds. */
const KEY_AND_PLAIN_VALUE = /^\s*([^\s:#][^:]*):[ \t]+([^\s"'[{|>&*!][^]*)$/;

/** The keys and values of front matter's YAML, which begins on line 2 of `file`. */
export function parseFrontMatter(yaml: string, file: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = load(yaml, { filename: file });
  } catch (e) {
    const { reason, mark } = e as { reason?: string; mark?: { line?: number } };
    const message = reason ?? (e instanceof Error ? e.message.split('\n')[0] : String(e));
    // the commonest slip: a colon and a space inside a value ("title: History: a short one"), which YAML reads as a key
    const entry = mark?.line === undefined ? null : KEY_AND_PLAIN_VALUE.exec(yaml.split('\n')[mark.line] ?? '');
    const hint = entry?.[2]!.includes(': ') ? `: a value holding ": " must be in quotes (${entry[1]}: "${entry[2]!.trim().replace(/["\\]/g, '\\$&')}")` : '';
    // js-yaml counts lines from 0, and the YAML starts after the opening line
    throw new ZineError(`broken front matter: ${message}${hint}`, mark?.line === undefined ? { file } : { file, line: mark.line + 2 });
  }
  if (data === undefined || data === null) return {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new ZineError('broken front matter: it must be keys with values (title: …), not a single value or a list', { file, line: 2 });
  }
  return data as Record<string, unknown>;
}
