import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import * as fontkit from 'fontkit';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** A run of text as pdf.js reads it back: position in points from the page's bottom-left. */
export interface TextRun {
  str: string;
  x: number;
  /** Baseline. */
  y: number;
  width: number;
  size: number;
  font: string;
}

export interface PdfPage {
  width: number;
  height: number;
  runs: TextRun[];
  /** The text in reading order of the content stream. */
  text: string;
}

export interface PdfFont {
  name: string;
  embedded: boolean;
}

export interface ReadPdf {
  pages: PdfPage[];
  fonts: PdfFont[];
}

/** PDFs read, by the SHA-256 of their bytes (the latest sixteen): a file that tests of one build read again is parsed once. */
const readBefore = new Map<string, Promise<ReadPdf>>();

/**
 * Reads a PDF back with pdf.js: page sizes, text with positions, fonts.
 * What it answers is frozen, being shared by whoever reads the same bytes.
 */
export async function readPdf(path: string): Promise<ReadPdf> {
  const bytes = readFileSync(path);
  const key = createHash('sha256').update(bytes).digest('hex');
  let read = readBefore.get(key);
  if (!read) {
    read = parsePdf(bytes).then(frozen);
    readBefore.set(key, read);
    if (readBefore.size > 16) readBefore.delete(readBefore.keys().next().value!);
  }
  return read;
}

/** `value` and all it holds made read-only: a test changing a reading others share fails instead. */
function frozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) frozen(v);
    Object.freeze(value);
  }
  return value;
}

async function parsePdf(bytes: Buffer): Promise<ReadPdf> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const pages: PdfPage[] = [];
  const fonts = new Map<string, PdfFont>();
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const [x0, y0, x1, y1] = page.view as [number, number, number, number];
    const content = await page.getTextContent();
    // the fonts reach commonObjs with a page's drawing operators: read those only for a page that has a font not met before
    if (content.items.some((item) => 'str' in item && !page.commonObjs.has(item.fontName))) await page.getOperatorList();
    const runs: TextRun[] = [];
    let text = '';
    let last: { x: number; width: number; eol: boolean } | undefined;
    for (const item of content.items) {
      if (!('str' in item)) continue;
      const [a, , , d, e, f] = item.transform as number[];
      // items that touch, on either side (a word's runs in two faces; a bracket before a Latin word in Arabic text), are one word
      const touches = last !== undefined && (Math.abs(e! - (last.x + last.width)) < 0.5 || Math.abs(e! + item.width - last.x) < 0.5);
      if (last && !last.eol && !touches && item.str.trim() !== '' && !text.endsWith(' ')) text += ' ';
      text += item.str + (item.hasEOL ? '\n' : '');
      last = { x: e!, width: item.width, eol: item.hasEOL };
      if (item.str.trim() === '') continue;
      const font = page.commonObjs.get(item.fontName) as { name: string; missingFile: boolean };
      fonts.set(font.name, { name: font.name, embedded: !font.missingFile });
      runs.push({ str: item.str, x: e!, y: f!, width: item.width, size: Math.abs(d ?? a!), font: font.name });
    }
    pages.push({ width: x1 - x0, height: y1 - y0, runs, text });
  }
  await doc.destroy();
  return { pages, fonts: [...fonts.values()] };
}

/**
 * The letters each page of a PDF draws, told by their outlines and not by
 * the text layer (which says what the glyphs stand for, not what they
 * look like): each glyph drawn is read as the character whose glyph has
 * its outline in the font file `fontFile`; a glyph of another font, or one
 * that draws nothing, is read as a space, and so is a word space.
 */
export async function lettersDrawn(path: string, fontFile: string): Promise<string[]> {
  const font = fontkit.openSync(fontFile);
  if ('fonts' in font) throw new Error(`${fontFile} is a collection`);
  const letters = new Map<string, string>();
  for (const c of font.characterSet) {
    const outline = font.glyphForCodePoint(c).path.toSVG();
    if (outline !== '' && !letters.has(outline)) letters.set(outline, String.fromCodePoint(c));
  }
  const doc = await getDocument({ data: new Uint8Array(readFileSync(path)), verbosity: 0, fontExtraProperties: true, disableFontFace: true }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const { fnArray, argsArray } = await page.getOperatorList();
    let drawing: fontkit.Font | undefined;
    let text = '';
    fnArray.forEach((op, k) => {
      const args = argsArray[k] as unknown[];
      if (op === OPS.setFont) {
        // the font as pdf.js rebuilt it from the embedded subset: its own codes (fontChar) for the glyphs
        const { data } = page.commonObjs.get(args[0] as string) as { data?: Uint8Array };
        const parsed = data ? fontkit.create(Buffer.from(data)) : undefined;
        drawing = parsed?.type === 'TTF' ? parsed : undefined;
      }
      if (op !== OPS.showText) return;
      for (const glyph of args[0] as unknown[]) {
        // a move of a fifth of an em or more to the right, between glyphs, is a word space
        if (typeof glyph === 'number' && glyph <= -200) text += ' ';
        if (typeof glyph !== 'object' || glyph === null) continue;
        const { fontChar } = glyph as { fontChar: string };
        const outline = drawing?.glyphForCodePoint(fontChar.codePointAt(0)!).path.toSVG() ?? '';
        text += letters.get(outline) ?? ' ';
      }
      text += ' ';
    });
    pages.push(text);
  }
  await doc.destroy();
  return pages;
}

/**
 * Words of a text for comparing input with output: lowercase letters and
 * digits, with words broken at a line's end by a hyphen joined again.
 */
export function words(text: string): string[] {
  const joined = text.normalize('NFC')
    .replace(/([\p{L}\p{N}])[-\u2010]\s*\n\s*([\p{L}\p{N}])/gu, '$1$2')
    .replace(/([\p{L}\p{N}])[-\u2010]([\p{L}\p{N}])/gu, '$1$2');
  // a letter's marks are the word's; composed again after lowering: a capital with no composed form (T̈) lowers to
  // letter and mark, where ẗ has one
  return (joined.match(/[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu) ?? []).map((w) => w.toLowerCase().normalize('NFC'));
}

/**
 * The words of Markdown sections as a reader would see them: no front matter,
 * markup, URLs or code (which, as URLs, a line too narrow for them breaks
 * anywhere with no hyphen, said in a warning).
 */
export function markdownWords(markdown: string): string[] {
  const text = markdown
    .replace(/^---\n[\s\S]*?\n---\n/, '')
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/\[\^[^\]]+\]:?/g, ' ')
    .replace(/^\[[^\]]+\]:\s*\S+.*$/gm, ' ')
    .replace(/\]\[[^\]]*\]/g, ']')
    .replace(/\]\((?:[^()]|\([^()]*\))*\)/g, ']')
    .replace(/https?:\/\/\S+/g, ' ')
    // emphasis that starts inside a word (a*b*) leaves it one word
    .replace(/([\p{L}\p{M}\p{N}])\*(?=[\p{L}\p{N}])([^*\n]*)\*/gu, '$1$2');
  return words(text);
}

/** Is `needle` a subsequence of `haystack`? Returns the first word that could not be found in order. */
export function missingInOrder(needle: readonly string[], haystack: readonly string[]): { index: number; word: string } | undefined {
  let at = 0;
  for (let i = 0; i < needle.length; i++) {
    const found = haystack.indexOf(needle[i]!, at);
    if (found < 0) return { index: i, word: needle[i]! };
    at = found + 1;
  }
  return undefined;
}

/**
 * How a PDF uses colour, read from its raw objects: image colour spaces, colour
 * operators that are not grey, and those that give a grey in colour (`0 0 0 rg`);
 * and the content of its drawings (form XObjects), inflated.
 */
export function inkUse(path: string): { images: string[]; colourOperators: string[]; greysInColour: string[]; forms: string[] } {
  const raw = readFileSync(path);
  const text = raw.toString('latin1');
  const images: string[] = [];
  const colourOperators: string[] = [];
  const greysInColour: string[] = [];
  const forms: string[] = [];
  // each stream's own dictionary: from its object's start, never across an object's end
  const stream = /\bobj\s*<<((?:(?!>>\s*stream|\bendobj\b)[\s\S])*)>>\s*stream\r?\n/g;
  for (let m = stream.exec(text); m; m = stream.exec(text)) {
    const dict = m[1]!;
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (/\/Subtype\s*\/Image/.test(dict)) {
      images.push(/\/ColorSpace\s*(\/\w+|\[[^\]]*\])/.exec(dict)?.[1] ?? '?');
      continue;
    }
    // fonts' programs and maps aside: pages' and their drawings' (form XObjects') content
    if (/\/Subtype\s*\/(?!Form\b)|\/Type\s*\/(XRef|ObjStm)|\/Length1/.test(dict)) continue;
    let body = raw.subarray(start, end);
    if (/\/FlateDecode/.test(dict)) {
      try {
        body = inflateSync(body);
      } catch {
        continue;
      }
    }
    const content = body.toString('latin1');
    if (/\/Subtype\s*\/Form\b/.test(dict)) forms.push(content);
    for (const op of content.matchAll(/([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+(rg|RG|scn|SCN)\b/g)) {
      (op[1] !== op[2] || op[2] !== op[3] ? colourOperators : greysInColour).push(op[0]);
    }
  }
  return { images, colourOperators, greysInColour, forms };
}

/** The lines of a page's body text (type under 12 pt, below its top inch), each with where it starts and ends from the left. */
export function bodyLines(page: PdfPage): { left: number; right: number }[] {
  const lines = new Map<number, { left: number; right: number }>();
  for (const r of page.runs.filter((run) => run.size < 12 && run.y > 72)) {
    const y = Math.round(r.y);
    const line = lines.get(y) ?? { left: Infinity, right: -Infinity };
    lines.set(y, { left: Math.min(line.left, r.x), right: Math.max(line.right, r.x + r.width) });
  }
  return [...lines.values()];
}
