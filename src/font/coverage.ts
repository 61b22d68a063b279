import { ZineError, type SourceRef } from '../errors.js';
import { inStyleCase, type Block, type Filling } from '../content/blocks.js';
import type { Theme } from '../content/theme.js';
import { isWhiteSpace } from '../lang/characters.js';
import { fontScript } from '../lang/scripts.js';
import type { Language } from '../lang/types.js';
import { notoSource } from './noto.js';
import type { Face, FontBook } from './book.js';

/**
 * The error for a character that no font can set: never a blank or a box in
 * print. For a script Noto sets, it says which family and where to get it
 * (the build reads only the project's files: `zine fonts` adds it).
 */
export function missingGlyph(char: string, language: Language, where: SourceRef, what?: string): ZineError {
  const cp = char.codePointAt(0)!;
  const code = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  const script = fontScript(char, language.script);
  const source = script === undefined ? undefined : notoSource(script);
  const hint = source ? `: install ${source}, then run zine fonts to add it to the project` : '';
  return new ZineError(`no font of the theme has the character ${code} "${char}" (locale ${language.tag})${what ? ` in ${what}` : ''}${hint}`, where);
}

/**
 * Checks every character of some blocks against the fonts their styles use
 * (and the fallbacks) before anything is typeset, naming the first character
 * missing with the file and line it is on: for a block a template filled in,
 * where the character was written (a section's front matter, a string).
 */
export function checkCoverage(blocks: readonly Block[], theme: Theme, fonts: FontBook, language: Language): void {
  for (const block of blocks) {
    if (block.kind !== 'paragraph' && block.kind !== 'figure') continue;
    const style = theme.styles[block.kind === 'figure' ? 'caption' : block.style];
    if (!style) continue;
    // as the paragraph is set
    const shown = (text: string, code = false): string => inStyleCase(text, style.uppercase, code, language.tag);
    const inlines = block.kind === 'figure' ? block.caption : block.inlines;
    let line = block.source.line;
    for (const [index, inline] of inlines.entries()) {
      if (inline.kind !== 'text') continue;
      const bold = style.bold || inline.bold;
      const italic = style.italic !== inline.italic;
      const text = shown(inline.text, inline.code);
      const missing = firstMissing(text, fonts.face(style.font, bold, italic), bold, italic, fonts);
      if (missing !== undefined) {
        const char = String.fromCodePoint(text.codePointAt(missing)!);
        if (block.filling) {
          const before = inlines.slice(0, index).map((i) => (i.kind === 'text' ? shown(i.text, i.code) : '')).join('') + text.slice(0, missing);
          const origin = filledOrigin(block.filling, char, occurrences(before, char), shown, block.source);
          if (origin) throw missingGlyph(char, language, origin.source, origin.what);
        }
        const at = line === undefined ? undefined : line + newlines(text.slice(0, missing));
        throw missingGlyph(char, language, at === undefined ? { file: block.source.file } : { file: block.source.file, line: at });
      }
      if (line !== undefined) line += newlines(text);
    }
  }
}

/**
 * Where in a template's output the character a block shows for the
 * `occurrence`th time (from 0) was: in a text filled in, that text's origin
 * (the innermost, when one was filled into another); in the template's own
 * text, its line. Markdown and the language's typography take characters
 * out and put others in, but leave a letter where it was: one they made is
 * found nowhere, and told by the block's own place.
 */
function filledOrigin(filling: Filling, char: string, occurrence: number, shown: (text: string) => string, source: SourceRef): { source: SourceRef; what?: string } | undefined {
  let seen = 0;
  for (let i = filling.at; i < filling.text.length;) {
    const ch = String.fromCodePoint(filling.text.codePointAt(i)!);
    seen += occurrences(shown(ch), char);
    if (seen > occurrence) {
      let inner: Filling['values'][number] | undefined;
      for (const value of filling.values) if (value.start <= i && i < value.end && (!inner || value.start >= inner.start)) inner = value;
      if (inner) return inner.origin;
      return { source: source.line === undefined ? { file: source.file } : { file: source.file, line: source.line + newlines(filling.text.slice(filling.at, i)) } };
    }
    i += ch.length;
  }
  return undefined;
}

function occurrences(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i >= 0; i = text.indexOf(char, i + char.length)) n++;
  return n;
}

/** Where the first character no font has is in a text (in code units), if anywhere. */
export function firstMissing(text: string, face: Face, bold: boolean, italic: boolean, fonts: FontBook): number | undefined {
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    else if (isWhiteSpace(cp)) continue;
    if (!fonts.faceFor(cp, face, bold, italic)) return cp > 0xffff ? i - 1 : i;
  }
  return undefined;
}

/** How many line feeds a text holds: the lines it runs on past its first. */
export function newlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
