import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { ZineError } from '../errors.js';
import type { Theme, Variant } from '../content/theme.js';

/** One font file, parsed once per build, measured with fontkit and embedded by the renderer. */
export interface Face {
  /** Name the renderer registers the font under: `<family>-<variant>`. */
  key: string;
  file: string;
  /** The fontkit font, its shaping cached: measuring and every PDF drawn share one shaping per text. */
  font: fontkit.Font;
}

/** Nearest variants to try when a family lacks the one asked for. */
const NEAREST: Record<Variant, Variant[]> = {
  regular: ['regular'],
  italic: ['italic', 'regular'],
  bold: ['bold', 'regular'],
  boldItalic: ['boldItalic', 'bold', 'italic', 'regular'],
};

/** The theme's fonts, loaded from the project's `fonts/` folder, with widths cached. */
export class FontBook {
  private readonly faces = new Map<string, Face>();
  /** Advance widths at 1 pt, by face and text. */
  private readonly widths = new Map<Face, Map<string, number>>();
  /** Which face sets a character, by wanted face and code point with emphasis. */
  private readonly coverage = new Map<Face, Map<number, Face | null>>();

  constructor(
    private readonly theme: Theme,
    fontsDir: string,
  ) {
    for (const [family, files] of Object.entries(theme.fonts)) {
      for (const [variant, name] of Object.entries(files) as [Variant, string][]) {
        const file = join(fontsDir, name);
        this.faces.set(`${family}-${variant}`, { key: `${family}-${variant}`, file, font: withShapingCache(openFont(file)) });
      }
    }
  }

  /** The face of a family for the given emphasis, or the nearest the family has. */
  face(family: string, bold: boolean, italic: boolean): Face {
    const wanted: Variant = bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular';
    for (const v of NEAREST[wanted]) {
      const f = this.faces.get(`${family}-${v}`);
      if (f) return f;
    }
    throw new Error(`font family ${family} has no regular face`);
  }

  /** The face to set a character in: the wanted one if it has the glyph, else the first fallback family that does. */
  faceFor(codePoint: number, wanted: Face, bold: boolean, italic: boolean): Face | undefined {
    let known = this.coverage.get(wanted);
    if (!known) this.coverage.set(wanted, (known = new Map()));
    const key = codePoint * 4 + (bold ? 2 : 0) + (italic ? 1 : 0);
    let face = known.get(key);
    if (face === undefined) {
      face = wanted.font.hasGlyphForCodePoint(codePoint) ? wanted : null;
      for (const family of this.theme.fallbackFonts) {
        const f = this.face(family, bold, italic);
        if (!face && f.font.hasGlyphForCodePoint(codePoint)) face = f;
      }
      known.set(key, face);
    }
    return face ?? undefined;
  }

  /** Advance width of `text` set in `face` at `size` points, kerning included. */
  width(face: Face, text: string, size: number): number {
    let known = this.widths.get(face);
    if (!known) this.widths.set(face, (known = new Map()));
    let w = known.get(text);
    if (w === undefined) {
      w = face.font.layout(text).advanceWidth / face.font.unitsPerEm;
      known.set(text, w);
    }
    return w * size;
  }

  /** The face a display list names. */
  byKey(key: string): Face {
    const face = this.faces.get(key);
    if (!face) throw new Error(`no face ${key} in the font book`);
    return face;
  }

  all(): Face[] {
    return [...this.faces.values()];
  }
}

/**
 * The font with `layout` memoised. Shaping (GSUB, GPOS) is most of the cost of
 * a build, and the same words are shaped to measure them, then again by pdfkit
 * for each PDF. pdfkit scales the positions it is given in place, so every call
 * gets its own copy of them.
 */
function withShapingCache(font: fontkit.Font): fontkit.Font {
  const runs = new Map<string, fontkit.GlyphRun>();
  const cached = Object.create(font) as fontkit.Font;
  cached.layout = (text: string, features?: string[] | Record<string, boolean>): fontkit.GlyphRun => {
    const key = features === undefined ? text : `${JSON.stringify(features)}\u0000${text}`;
    let run = runs.get(key);
    if (!run) {
      run = font.layout(text, features);
      runs.set(key, run);
    }
    const positions = run.positions.map(({ xAdvance, yAdvance, xOffset, yOffset }) => ({ xAdvance, yAdvance, xOffset, yOffset }));
    return Object.assign(Object.create(Object.getPrototypeOf(run) as object) as fontkit.GlyphRun, run, { positions });
  };
  return cached;
}

function openFont(file: string): fontkit.Font {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    throw new ZineError('font file missing (named in theme.json)', { file });
  }
  let parsed: fontkit.Font | fontkit.FontCollection;
  try {
    parsed = fontkit.create(data);
  } catch (e) {
    throw new ZineError(`not a usable TTF/OTF font: ${e instanceof Error ? e.message : String(e)}`, { file });
  }
  if (parsed.type !== 'TTF') {
    throw new ZineError('only single TTF or OTF fonts can be embedded (not WOFF, WOFF2 or collections)', { file });
  }
  return parsed;
}
