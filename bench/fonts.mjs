// The font programs a PDF embeds and their sizes, read from the file: what
// each subset adds to a zine passed around by e-mail.
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

/** Each embedded font's name and the size of its program, deflated as stored and inflated. */
export function embeddedFonts(file) {
  const raw = readFileSync(file);
  const text = raw.toString('latin1');
  const objects = new Map();
  for (const m of text.matchAll(/(\d+) 0 obj\s*<<([^]*?)>>\s*(stream\r?\n)?/g)) {
    objects.set(m[1], { dict: m[2], start: m[3] ? m.index + m[0].length : undefined });
  }
  const fonts = [];
  for (const { dict } of objects.values()) {
    const name = /\/FontName\s*\/([^\s/>]+)/.exec(dict)?.[1];
    const ref = /\/FontFile[23]?\s+(\d+) 0 R/.exec(dict)?.[1];
    if (!name || !ref) continue;
    const program = objects.get(ref);
    const length = Number(/\/Length (\d+)/.exec(program.dict)?.[1] ?? 0);
    const stored = raw.subarray(program.start, program.start + length);
    const inflated = /FlateDecode/.test(program.dict) ? inflateSync(stored).length : length;
    fonts.push({ name: name.replace(/^[A-Z]{6}\+/, ''), stored: length, inflated });
  }
  return fonts.sort((a, b) => b.stored - a.stored);
}
