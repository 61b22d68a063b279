import { ZineError, type SourceRef } from '../errors.js';
import type { Block } from '../content/blocks.js';
import type { Theme } from '../content/theme.js';
import type { FontBook } from './fonts.js';

/** The error for a character that no font can set: never a blank or a box in print. */
export function missingGlyph(char: string, locale: string, where: SourceRef): ZineError {
  const cp = char.codePointAt(0)!;
  const code = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return new ZineError(`no font of the theme has the character ${code} "${char}" (locale ${locale})`, where);
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
      const face = fonts.face(style.font, bold, italic);
      const text = style.uppercase ? inline.text.toLocaleUpperCase(locale) : inline.text;
      for (const ch of text) {
        if (ch === '\n') {
          if (line !== undefined) line++;
          continue;
        }
        if (/\s/u.test(ch)) continue;
        if (!fonts.faceFor(ch.codePointAt(0)!, face, bold, italic)) {
          throw missingGlyph(ch, locale, line === undefined ? { file: block.source.file } : { file: block.source.file, line });
        }
      }
    }
  }
}
