import type { SourceRef, Warn } from '../errors.js';

/**
 * Characters that are never typeset: the C0 and C1 controls but tab and line
 * feed (a bell, an escape sequence, NUL), DEL, and the explicit bidi
 * embeddings and overrides U+202A–U+202E, which make text display in another
 * order than it is read in. Kept, since languages need them: the bidi
 * isolates U+2066–U+2069, the marks U+200E, U+200F and U+061C, the zero-width
 * joiner and non-joiner, and the soft hyphen.
 */
const CONTROLS = /[\0-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]/g;
/** The same, for a test that keeps no state between calls. */
const ANY_CONTROL = new RegExp(CONTROLS.source);

/** Whether `text` holds any character that is never typeset. */
export function hasControls(text: string): boolean {
  return ANY_CONTROL.test(text);
}

/**
 * `text` without control characters, with one warning for each line that had
 * any, naming the characters. `where.line` is the line of the text's first
 * line; `what` says what the text is when the line cannot ("string \"title\"").
 */
export function stripControls(text: string, where: SourceRef, warn: Warn, what?: string): string {
  if (!hasControls(text)) return text;
  const found = new Map<number, Set<string>>();
  let line = 0;
  let counted = 0;
  for (const match of text.matchAll(CONTROLS)) {
    for (; counted < match.index; counted++) if (text.charCodeAt(counted) === 0x0a) line++;
    const seen = found.get(line) ?? new Set<string>();
    seen.add(codePoint(match[0]));
    found.set(line, seen);
  }
  for (const [offset, characters] of found) {
    const at = where.line === undefined ? { file: where.file } : { file: where.file, line: where.line + offset };
    const named = [...characters].join(', ');
    const plural = characters.size > 1 ? 's' : '';
    warn(`control character${plural} ${named} removed${what ? ` from ${what}` : ''}: controls and bidi overrides are not typeset`, at);
  }
  return text.replace(CONTROLS, '');
}

/** A character as Unicode names it in charts: U+064E. */
export function codePoint(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
