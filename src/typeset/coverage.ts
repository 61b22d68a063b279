import { ZineError, type SourceRef } from '../errors.js';
import type { Block } from '../content/blocks.js';
import type { Theme } from '../content/theme.js';
import { fontScript, notoSource } from '../fonts/scripts.js';
import { languageOf } from '../lang/languages.js';
import type { Face, FontBook } from './fonts.js';

/**
 * The error for a character that no font can set: never a blank or a box in
 * print. For a script Noto sets, it says which family and where to get it
 * (the build reads only the project's files: `zine fonts` adds it).
 */
export function missingGlyph(char: string, locale: string, where: SourceRef): ZineError {
  const cp = char.codePointAt(0)!;
  const code = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  const script = fontScript(char, languageOf(locale).script);
  const source = script === undefined ? undefined : notoSource(script);
  const hint = source ? `: install ${source}, then run zine fonts to add it to the project` : '';
  return new ZineError(`no font of the theme has the character ${code} "${char}" (locale ${locale})${hint}`, where);
}

/**
 * Checks every character of some blocks against the fonts their styles use
 * (and the fallbacks) before anything is typeset, naming the first character
 * missing with the file and line it is on.
 */
export function checkCoverage(blocks: readonly Block[], theme: Theme, fonts: FontBook, locale: string): void {
  for (const block of blocks) {
    if (block.kind !== 'paragraph' && block.kind !== 'figure') continue;
    const style = theme.styles[block.kind === 'figure' ? 'caption' : block.style];
    if (!style) continue;
    let line = block.source.line;
    for (const inline of block.kind === 'figure' ? block.caption : block.inlines) {
      if (inline.kind !== 'text') continue;
      const bold = style.bold || inline.bold;
      const italic = style.italic !== inline.italic;
      const text = style.uppercase ? inline.text.toLocaleUpperCase(locale) : inline.text;
      const missing = firstMissing(text, fonts.face(style.font, bold, italic), bold, italic, fonts);
      if (missing !== undefined) {
        const at = line === undefined ? undefined : line + newlines(text.slice(0, missing));
        throw missingGlyph(String.fromCodePoint(text.codePointAt(missing)!), locale, at === undefined ? { file: block.source.file } : { file: block.source.file, line: at });
      }
      if (line !== undefined) line += newlines(text);
    }
  }
}

/** Where the first character no font has is in a text (in code units), if anywhere. */
function firstMissing(text: string, face: Face, bold: boolean, italic: boolean, fonts: FontBook): number | undefined {
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    else if (WHITE_SPACE.test(text[i]!)) continue;
    if (!fonts.faceFor(cp, face, bold, italic)) return cp > 0xffff ? i - 1 : i;
  }
  return undefined;
}

const WHITE_SPACE = /\s/u;

/** How many line feeds a text holds: the lines it runs on past its first. */
export function newlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
