import { statSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import * as hb from 'harfbuzzjs';
import { ZineError } from '../errors.js';
import { readSourceBytes } from '../content/source-files.js';
import { THEME_FILE, type Theme, type Variant } from '../content/theme.js';
import { RANGES } from '../content/ranges.js';
import { collectionOffsets, fontProblem } from './check.js';
import { withinCalls } from './charstrings.js';
import { checkOutline, glyfOf, outlineBox, type Glyf, type GlyphBox } from './glyf.js';
import { shapingCopy } from './shaping-copy.js';
import type { FontShapings, GlyphRecord, ShapingCache } from './shaping-cache.js';

/** One font file, parsed once per build: shaped with HarfBuzz, read (coverage, metrics, outlines) with fontkit. */
export interface Face {
  /** How display lists name the face: `<family>-<variant>`. */
  key: string;
  /** Its place among the theme's faces: a PDF names it by this, whichever page uses it first. */
  number: number;
  /** The theme's family it is a face of. */
  family: string;
  /** Which of the family's faces it is: a family without italics sets italic text in its regular face. */
  variant: Variant;
  file: string;
  font: fontkit.Font;
  /** The font's units per em, read once (fontkit looks it up in the head table at each use). */
  unitsPerEm: number;
  shaper: hb.Font;
  /** The file's tables as HarfBuzz holds them (all but outlines shaping does not read: see font/shaping-copy.ts). */
  tables: hb.Face;
  /**
   * One of its tables as the file has it, for the few values fontkit decodes
   * a whole table to give (the post table holds every glyph's name). Not
   * HarfBuzz's: harfbuzzjs lets go of no table it was asked for, and each
   * holds the whole file in HarfBuzz's memory.
   */
  table(tag: string): Uint8Array | undefined;
  /** Whether its outlines are CFF (a PDF embeds them as such), not TrueType. */
  cff: boolean;
  /** What earlier builds shaped in this font file, when they are kept. */
  shapings: FontShapings | undefined;
  /** The face whose reading of the outlines this one uses: itself, or another face of its collection with the same CFF table. */
  outlines: fontkit.Font;
  /** Its TrueType outlines read from its tables (see font/glyf.ts): their boxes and paths are found without fontkit. */
  glyf: Glyf | undefined;
}

/** One glyph of shaped text; lengths in ems (multiply by the size in points). */
export interface ShapedGlyph {
  /** Glyph index in the font file. */
  id: number;
  /** How far the pen moves after it, kerning included. */
  advance: number;
  /** Where it is drawn from the pen (marks placed on their base). */
  dx: number;
  dy: number;
  /** The characters it stands for (several for a ligature). */
  codePoints: readonly number[];
}

/**
 * Text shaped in one face: its glyphs in logical order (the order of the
 * characters they stand for; a right-to-left run is drawn from its last
 * glyph) and its advance width in ems.
 */
export interface Shaped {
  glyphs: readonly ShapedGlyph[];
  width: number;
}

/** Nearest variants to try when a family lacks the one asked for. */
const NEAREST: Record<Variant, Variant[]> = {
  regular: ['regular'],
  italic: ['italic', 'regular'],
  bold: ['bold', 'regular'],
  boldItalic: ['boldItalic', 'bold', 'italic', 'regular'],
};

/** The theme's fonts, loaded from the project's `fonts/` folder, each text shaped once. */
export class FontBook {
  /** The faces the theme names, by key: their family, variant, name in theme.json and place among them. */
  private readonly named = new Map<string, { family: string; variant: Variant; name: string; number: number }>();
  /** The faces opened so far (see `opened`), by key. */
  private readonly faces = new Map<string, Face>();
  /** What each face's file and face in it gave, by `<file>#<face>`: faces named for several variants share it. */
  private readonly loaded = new Map<string, Pick<Face, 'font' | 'unitsPerEm' | 'shaper' | 'tables' | 'table' | 'shapings' | 'outlines' | 'cff' | 'glyf'>>();
  /**
   * Each font file read, by the file (see fileIdentity): its bytes, HarfBuzz's copy of them (made once for
   * all its faces), its tables' checksums, and by offset the face whose
   * reading of each CFF table the collection's other faces share (see `shareOutlines`).
   */
  private readonly files = new Map<string, { data: Buffer; blob: hb.Blob | undefined; sums: Map<string, number>; outlines: Map<number, fontkit.Font> }>();
  /** The file each path in `fonts/` leads to (see fileIdentity), found once: a file read stays read, though it go. */
  private readonly identities = new Map<string, string>();
  /**
   * Each text is shaped (GSUB, GPOS) once per face and build, and measuring,
   * the PDFs and the previews all use that one shaping.
   */
  private readonly shaped = new Map<Face, Map<string, Shaped>>();
  /** By face, the language each language is shaped in: itself where the face has a language system for it, else none. */
  private readonly languages = new Map<Face, Map<string, string>>();
  /** Where each character's ink lies, by face. */
  private readonly inks = new Map<Face, Map<string, { left: number; right: number }>>();
  /** How far each glyph's ink reaches up and down, by face and glyph. */
  private readonly extents = new Map<Face, Map<number, GlyphExtent | null>>();
  /** The glyphs of each shaping whose ink reaches highest and lowest: a line's ink is found from its shapings. */
  private readonly reaches = new WeakMap<readonly ShapedGlyph[], InkReach | null>();
  /** Each glyph's bounding box in font units, by the face whose outlines it is read from (`Face.outlines`) and glyph. */
  private readonly boxes = new Map<fontkit.Font, Map<number, GlyphBox>>();
  /** Where each word may take a tatweel, by face and language with the word. */
  private readonly tatweels = new Map<Face, Map<string, readonly number[]>>();
  /** Which face sets a character, by wanted face and code point with emphasis. */
  private readonly coverage = new Map<Face, Map<number, Face | null>>();
  /** By family, the families tried after it for a character it lacks (see `fallbackChains`). */
  private readonly fallbacks: Map<string, readonly string[]>;
  /** By face and script, how much larger the script's letters are set in it (see `scriptSize`). */
  private readonly scriptSizes = new Map<Face, Map<string, number>>();
  /** By face, whether it sets any script's letters at another size (see `sizesScripts`). */
  private readonly sizesIn = new Map<Face, boolean>();
  /** The theme's sizes per script (`scriptSizes`), and the text face other scripts are matched to. */
  private readonly sizing: { given: Readonly<Record<string, number>>; text: Face | undefined };
  /** The language text is shaped in (BCP 47), for the fonts' language forms; none in the book itself. */
  readonly language: string = '';

  constructor(
    theme: Theme,
    /** The project folder: fonts are named relative to its `fonts/` folder, and read only from inside the project. */
    private readonly projectDir: string,
    /** Where shapings are kept between builds; none to shape everything afresh. */
    private readonly cache?: ShapingCache,
  ) {
    this.fallbacks = fallbackChains(theme);
    for (const [family, variants] of Object.entries(theme.fonts)) {
      for (const [variant, name] of Object.entries(variants) as [Variant, string][]) {
        this.named.set(`${family}-${variant}`, { family, variant, name, number: this.named.size + 1 });
      }
    }
    this.sizing = { given: theme.scriptSizes, text: theme.styles.body && this.face(theme.styles.body.font, false, false) };
  }

  /**
   * A face the theme names, opened the first time it is asked for: a build
   * reads no font its text does not use (a Japanese face in an English
   * build). A face named for several variants is parsed once, and its
   * shapings are kept in one place; the faces of a collection share one
   * reading of the file and one copy of it in HarfBuzz.
   */
  private opened(key: string): Face | undefined {
    let face = this.faces.get(key);
    if (face) return face;
    const named = this.named.get(key);
    if (!named) return undefined;
    const source = fontSource(named.name);
    const file = join(this.projectDir, 'fonts', source.file);
    // by the file itself: names linked to one file (fonts/a.ttf, fonts/b.ttf, by a symbolic or a hard link) read it once
    let real = this.identities.get(file);
    if (real === undefined) this.identities.set(file, (real = fileIdentity(file)));
    const at = `${real}#${source.face ?? ''}`;
    let loaded = this.loaded.get(at);
    if (!loaded) {
      let read = this.files.get(real);
      if (!read) {
        const data = readFont(file, this.projectDir);
        const bytes = data.length + [...this.files.values()].reduce((n, f) => n + f.data.length, 0);
        if (bytes > MOST_FONT_BYTES) {
          throw new ZineError(`the fonts this build reads come to more than ${MOST_FONT_BYTES / 1024 / 1024} MB with ${source.file}: refused (the four Noto CJK collections, serif and sans, regular and bold, are 93 MB)`, {
            file: join(this.projectDir, THEME_FILE),
          });
        }
        this.files.set(real, (read = { data, blob: undefined, sums: new Map(), outlines: new Map() }));
      }
      const { data, sums } = read;
      const { font, index, faces } = openFont(data, file, source.face, { name: named.name, theme: join(this.projectDir, THEME_FILE) }, sums);
      const outlines = shareOutlines(font, read.outlines);
      read.blob ??= new hb.Blob(shapingCopy(data, faces));
      const tables = new hb.Face(read.blob, index);
      const shapings = this.cache?.font(data, { glyphs: font.numGlyphs, unitsPerEm: font.unitsPerEm }, index);
      // offsets from the file's start, a collection's faces' too; fontProblem has checked that each table is inside the file
      const directory = (font as unknown as FontkitInternals).directory.tables;
      const table = (tag: string): Uint8Array | undefined => {
        const record = directory[tag];
        return record && data.subarray(record.offset, record.offset + record.length);
      };
      const cff = ['CFF ', 'CFF2'].some((tag) => (directory[tag]?.length ?? 0) > 0);
      // a font's glyf table is read here, where fontkit reads it as TrueType (or as the outline of a bitmap or colour glyph,
      // which a PDF draws as that outline)
      const glyf = directory.glyf ? glyfOf(table) : undefined;
      loaded = { font, unitsPerEm: font.unitsPerEm, shaper: new hb.Font(tables), tables, table, shapings, outlines, cff, glyf };
      this.loaded.set(at, loaded);
    }
    face = { key, number: named.number, family: named.family, variant: named.variant, file, ...loaded };
    this.faces.set(key, face);
    return face;
  }

  /**
   * The book as text in a language uses it: shaped with that language (a
   * Noto CJK face sets Japanese, Chinese and Korean forms of the same
   * ideograph by the `locl` feature), sharing faces and shapings with the
   * book, each kept by language.
   */
  inLanguage(language: string): FontBook {
    return Object.create(this, { language: { value: language, enumerable: true } }) as FontBook;
  }

  /** Keeps what this build shaped for the next (when the font book has a cache). */
  saveShapings(): void {
    for (const face of this.faces.values()) face.shapings?.save();
  }

  /** The face of a family for the given emphasis, or the nearest the family has. */
  face(family: string, bold: boolean, italic: boolean): Face {
    const wanted: Variant = bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular';
    for (const v of NEAREST[wanted]) {
      const f = this.opened(`${family}-${v}`);
      if (f) return f;
    }
    throw new Error(`font family ${family} has no regular face`);
  }

  /** Whether a family has a face of its own for a variant (not the nearest it falls back on). */
  hasVariant(family: string, variant: Variant): boolean {
    return this.named.has(`${family}-${variant}`);
  }

  /**
   * The face to set a character in: the wanted one if it has the glyph, else
   * the first family of its fallback chain that does; never `.notdef`.
   */
  faceFor(codePoint: number, wanted: Face, bold: boolean, italic: boolean): Face | undefined {
    let known = this.coverage.get(wanted);
    if (!known) this.coverage.set(wanted, (known = new Map()));
    const key = codePoint * 4 + (bold ? 2 : 0) + (italic ? 1 : 0);
    let face = known.get(key);
    if (face === undefined) {
      face = wanted.font.hasGlyphForCodePoint(codePoint) ? wanted : null;
      for (const family of this.fallbacks.get(wanted.family) ?? []) {
        if (face) break;
        const f = this.face(family, bold, italic);
        if (f.font.hasGlyphForCodePoint(codePoint)) face = f;
      }
      known.set(key, face);
    }
    return face ?? undefined;
  }

  /** `text` shaped in `face`, left to right or, for a run of odd bidi level, right to left, in the book's language. */
  shape(face: Face, text: string, rtl = false): Shaped {
    let known = this.shaped.get(face);
    if (!known) this.shaped.set(face, (known = new Map()));
    const language = this.languageIn(face);
    const key = `${rtl ? RTL_KEY : ''}${language === '' ? '' : `${language}${LANGUAGE_KEY}`}${text}`;
    let shaped = known.get(key);
    if (shaped === undefined) {
      let glyphs = face.shapings?.get(key, text);
      if (!glyphs) {
        glyphs = shapeWithHarfBuzz(face.shaper, text, rtl, language);
        face.shapings?.set(key, glyphs);
      }
      shaped = inEms(glyphs, face.unitsPerEm);
      known.set(key, shaped);
    }
    return shaped;
  }

  /**
   * Where a word set right to left in `face` may be lengthened by kashida:
   * the characters (by index, never the first) before which HarfBuzz finds
   * a tatweel safe to insert, the joining forms unchanged. None in a face
   * without a tatweel; none in Noto Nastaliq Urdu either, where HarfBuzz
   * finds no such place (Nastaliq is not lengthened so).
   */
  tatweelPoints(face: Face, text: string): readonly number[] {
    let known = this.tatweels.get(face);
    if (!known) this.tatweels.set(face, (known = new Map()));
    const language = this.languageIn(face);
    const key = `${language}${LANGUAGE_KEY}${text}`;
    let points = known.get(key);
    if (points === undefined) {
      const found: number[] = [];
      if (face.font.hasGlyphForCodePoint(TATWEEL)) {
        shapeInBuffer(face.shaper, text, true, language, hb.BufferFlag.PRODUCE_SAFE_TO_INSERT_TATWEEL);
        const units = new Set(buffer.getGlyphInfos().filter((g) => (g.flags & hb.GlyphFlag.SAFE_TO_INSERT_TATWEEL) !== 0).map((g) => g.cluster));
        let unit = 0;
        Array.from(text).forEach((ch, i) => {
          if (i > 0 && units.has(unit)) found.push(i);
          unit += ch.length;
        });
      }
      known.set(key, (points = found));
    }
    return points;
  }

  /**
   * Where a character's ink lies across its advance, in ems from the pen: a
   * full-width mark's blank side is what is left (Japanese and Simplified
   * Chinese marks keep their ink in one half, Traditional Chinese centre it).
   */
  ink(face: Face, char: string): { left: number; right: number } {
    let known = this.inks.get(face);
    if (!known) this.inks.set(face, (known = new Map()));
    let ink = known.get(char);
    if (!ink) {
      const [glyph] = this.shape(face, char).glyphs;
      const box = glyph ? this.glyphBox(face, glyph.id) : undefined;
      ink = box && Number.isFinite(box.minX) ? { left: box.minX / face.unitsPerEm, right: box.maxX / face.unitsPerEm } : { left: 0, right: 0 };
      known.set(char, ink);
    }
    return ink;
  }

  /**
   * How much larger than the style's size the letters of `script` are set
   * in `face`, so that they look as large as the Latin text beside them (as
   * CSS's `font-size-adjust`): as the theme's `scriptSizes` says, else, for
   * a script whose letters hang from a headline (Devanagari, Bengali), the
   * text face's capital height over the headline's height in `face`, within
   * RANGES.scriptSize; 1 for other scripts.
   */
  scriptSize(face: Face, script: string): number {
    let known = this.scriptSizes.get(face);
    if (!known) this.scriptSizes.set(face, (known = new Map()));
    let size = known.get(script);
    if (size === undefined) {
      size = Object.hasOwn(this.sizing.given, script) ? this.sizing.given[script]! : this.matchedSize(face, script);
      known.set(script, size);
    }
    return size;
  }

  /** Whether some script's letters may be set larger or smaller than the style's size in `face` (see `scriptSize`); asked of every character measured. */
  sizesScripts(face: Face): boolean {
    let sizes = this.sizesIn.get(face);
    if (sizes === undefined) {
      sizes = Object.keys(this.sizing.given).length > 0
        || Object.values(HEADLINE_LETTERS).some((letter) => face.font.hasGlyphForCodePoint(letter.codePointAt(0)!));
      this.sizesIn.set(face, sizes);
    }
    return sizes;
  }

  /** `scriptSize` from the fonts' proportions. */
  private matchedSize(face: Face, script: string): number {
    const text = this.sizing.text;
    const letter = Object.hasOwn(HEADLINE_LETTERS, script) ? HEADLINE_LETTERS[script]! : undefined;
    if (!text || letter === undefined || !face.font.hasGlyphForCodePoint(letter.codePointAt(0)!)) return 1;
    const height = (f: Face, ch: string): number => {
      const [glyph] = this.shape(f, ch).glyphs;
      return glyph ? this.glyphExtent(f, glyph.id)?.top ?? 0 : 0;
    };
    const [capital, headline] = [height(text, 'H'), height(face, letter)];
    if (capital <= 0 || headline <= 0) return 1;
    const { min, max } = RANGES.scriptSize;
    return Math.min(max, Math.max(min, capital / headline));
  }

  /**
   * How far a glyph's ink reaches above its baseline (`top`) and below it
   * (`bottom`, less than 0 under the baseline), in ems, from its outline's
   * bounding box; undefined for a glyph that draws nothing (a space).
   */
  glyphExtent(face: Face, id: number): GlyphExtent | undefined {
    let known = this.extents.get(face);
    if (!known) this.extents.set(face, (known = new Map()));
    let extent = known.get(id);
    if (extent === undefined) {
      const box = this.glyphBox(face, id);
      extent = Number.isFinite(box.minY) && box.maxY > box.minY ? { top: box.maxY / face.unitsPerEm, bottom: box.minY / face.unitsPerEm } : null;
      known.set(id, extent);
    }
    return extent ?? undefined;
  }

  /**
   * The glyphs of a shaping in `face` whose ink reaches highest
   * and lowest, their vertical offsets counted; undefined where none draws.
   */
  inkReach(face: Face, glyphs: readonly ShapedGlyph[]): InkReach | undefined {
    let reach = this.reaches.get(glyphs);
    if (reach === undefined) {
      // the two glyphs are found first, and only they are copied: a word's other glyphs make nothing
      let high: { glyph: ShapedGlyph; extent: GlyphExtent } | undefined;
      let low = high;
      for (const glyph of glyphs) {
        const extent = this.glyphExtent(face, glyph.id);
        if (!extent) continue;
        if (!high || glyph.dy + extent.top > high.glyph.dy + high.extent.top) high = { glyph, extent };
        if (!low || glyph.dy + extent.bottom < low.glyph.dy + low.extent.bottom) low = { glyph, extent };
      }
      reach = high && low ? { highest: { dy: high.glyph.dy, ...high.extent }, lowest: { dy: low.glyph.dy, ...low.extent } } : null;
      this.reaches.set(glyphs, reach);
    }
    return reach ?? undefined;
  }

  /** A glyph's bounding box, as fontkit reads it (see font/glyf.ts), once for all the faces that share its outlines. */
  private glyphBox(face: Face, id: number): GlyphBox {
    let known = this.boxes.get(face.outlines);
    if (!known) this.boxes.set(face.outlines, (known = new Map()));
    let box = known.get(id);
    if (!box) known.set(id, (box = readGlyph({ ...face, font: face.outlines }, id, (glyph) => glyph.bbox, (glyf) => outlineBox(glyf, id))));
    return box;
  }

  /**
   * The book's language as a face can tell it apart: none where the face
   * has no language system of its own for it (most fonts for most
   * languages), so that the locales of a build share the face's shapings.
   */
  private languageIn(face: Face): string {
    if (this.language === '') return '';
    let known = this.languages.get(face);
    if (!known) this.languages.set(face, (known = new Map()));
    let language = known.get(this.language);
    if (language === undefined) {
      const systems = languageSystemsOf(face.tables);
      language = hb.otTagsFromScriptAndLanguage('', this.language).languageTags.some((tag) => systems.has(tag)) ? this.language : '';
      known.set(this.language, language);
    }
    return language;
  }

  /** Advance width of `text` set in `face` at `size` points, kerning included. */
  width(face: Face, text: string, size: number, rtl = false): number {
    return this.shape(face, text, rtl).width * size;
  }

  /**
   * Width of a word space in `face` at `size` points; in the face its
   * fallback chain sets a space in where it has none (a font of letters only).
   */
  spaceWidth(face: Face, size: number): number {
    return this.width(this.faceFor(SPACE, face, false, false) ?? face, ' ', size);
  }

  /** The face a display list names. */
  byKey(key: string): Face {
    const face = this.opened(key);
    if (!face) throw new Error(`no face ${key} in the font book`);
    return face;
  }
}

/** How far a glyph's ink reaches up and down from the baseline, in ems. */
export interface GlyphExtent {
  top: number;
  bottom: number;
}

/** A glyph's extent as its shaping places it: `dy` up from the baseline, in ems. */
export interface PlacedExtent extends GlyphExtent {
  dy: number;
}

/** The glyphs of a shaping whose ink reaches highest and lowest. */
export interface InkReach {
  highest: PlacedExtent;
  lowest: PlacedExtent;
}

/**
 * A letter of each script whose letters hang from a headline, which has no
 * part above it: its height is the headline's (Devanagari's क, Bengali's ক).
 */
const HEADLINE_LETTERS: Readonly<Record<string, string>> = { Deva: '\u0915', Beng: '\u0995' };

const SPACE = 0x20;
/** U+0640 ARABIC TATWEEL, the stroke that lengthens a joined letter. */
export const TATWEEL = 0x640;

/** Mark the key of a shaping, right to left and after its language: control characters, which text never keeps (see content/controls.ts). */
const RTL_KEY = '\u0001';
const LANGUAGE_KEY = '\u0002';

/** One buffer for all shaping: HarfBuzz calls are synchronous, and a build shapes in one thread. */
const buffer = new hb.Buffer();

/**
 * `text` shaped in the given direction and language (HarfBuzz maps its tag
 * to the font's language system) with the script HarfBuzz finds in it and
 * the font's default features (kerning, ligatures, marks, joining
 * forms; mirrored brackets right to left). Glyphs are returned in logical
 * order: HarfBuzz gives a right-to-left run's in visual order, which is
 * reversed, so that measuring a word's first characters reads the same way
 * in either direction. Each glyph stands for the characters of its cluster
 * (several for a ligature); further glyphs of a cluster stand for none.
 */
function shapeWithHarfBuzz(font: hb.Font, text: string, rtl: boolean, language: string): GlyphRecord[] {
  shapeInBuffer(font, text, rtl, language, hb.BufferFlag.DEFAULT);
  const infos = rtl ? buffer.getGlyphInfos().reverse() : buffer.getGlyphInfos();
  const positions = rtl ? buffer.getGlyphPositions().reverse() : buffer.getGlyphPositions();
  // from the end, so that each cluster's text ends where the next one starts
  const glyphs = new Array<GlyphRecord>(infos.length);
  let end = text.length;
  for (let i = infos.length - 1; i >= 0; i--) {
    const { codepoint, cluster } = infos[i]!;
    const p = positions[i]!;
    const first = i === 0 || infos[i - 1]!.cluster !== cluster;
    glyphs[i] = [codepoint, p.xAdvance, p.xOffset, p.yOffset, first ? codePointsOf(text, cluster, end) : []];
    if (first) end = cluster;
  }
  if (rtl) joinUnadvancedLetters(glyphs);
  return glyphs;
}

/** The code points of `text` from unit `start` to `end`: most clusters are one unit, and this runs for every glyph shaped. */
function codePointsOf(text: string, start: number, end: number): number[] {
  if (end === start + 1) return [text.charCodeAt(start)];
  return Array.from(text.slice(start, end), (c) => c.codePointAt(0)!);
}

/**
 * A letter drawn with no advance of its own, right to left, is the second
 * half of a ligature made of two glyphs (Noto Naskh Arabic's lam-alef: the
 * alef set over the lam): it stands with the glyph before it, as one
 * cluster, so that the pair reads back as the one ligature it is and no
 * break comes between them. Marks (no advance either) keep their own.
 */
function joinUnadvancedLetters(glyphs: GlyphRecord[]): void {
  for (let i = 1; i < glyphs.length; i++) {
    const [id, advance, dx, dy, codePoints] = glyphs[i]!;
    const before = glyphs[i - 1]!;
    if (advance !== 0 || codePoints.length === 0 || before[4].length === 0 || !codePoints.every((cp) => LETTER.test(String.fromCodePoint(cp)))) continue;
    glyphs[i - 1] = [before[0], before[1], before[2], before[3], [...before[4], ...codePoints]];
    glyphs[i] = [id, advance, dx, dy, []];
  }
}
const LETTER = /\p{L}/u;

/** The OpenType language systems (`JAN `, `SRB `) a face's GSUB and GPOS tables have, in any script. */
function languageSystemsOf(tables: hb.Face): Set<string> {
  const systems = new Set<string>();
  for (const table of ['GSUB', 'GPOS'] as const) {
    tables.getTableScriptTags(table).forEach((_, script) => {
      for (const tag of tables.getScriptLanguageTags(table, script)) systems.add(tag);
    });
  }
  return systems;
}

/** Shapes `text` into the one buffer. */
function shapeInBuffer(font: hb.Font, text: string, rtl: boolean, language: string, flags: number): void {
  buffer.clearContents();
  buffer.addText(text);
  if (language !== '') buffer.setLanguage(language);
  buffer.guessSegmentProperties();
  buffer.setDirection(rtl ? hb.Direction.RTL : hb.Direction.LTR);
  buffer.setClusterLevel(hb.ClusterLevel.MONOTONE_CHARACTERS);
  buffer.setFlags(flags);
  hb.shape(font, buffer);
}

function inEms(glyphs: readonly GlyphRecord[], em: number): Shaped {
  let width = 0;
  // each record read by index, not destructured: this runs for every glyph shaped, mostly before it is optimized
  const shaped = glyphs.map((g): ShapedGlyph => {
    width += g[1];
    return { id: g[0], advance: g[1] / em, dx: g[2] / em, dy: g[3] / em, codePoints: g[4] };
  });
  return { glyphs: shaped, width: width / em };
}

/** Larger than any font a zine embeds (a whole CJK collection is about 25 MB). */
export const MAX_FONT_BYTES = 64 * 1024 * 1024;
/** What the font files a build reads may come to together: each is held, and parsed, for the whole build. */
const MOST_FONT_BYTES = 256 * 1024 * 1024;

/**
 * The file a path leads to, whatever links lead there: its device and inode,
 * read whole (as a double, Windows's 64-bit file ids of neighbouring files
 * can come out the same). The path itself where it leads nowhere (which
 * readFont tells) or its file system numbers no inodes.
 */
function fileIdentity(path: string): string {
  try {
    const { dev, ino } = statSync(path, { bigint: true });
    return ino === 0n ? path : `${dev}:${ino}`;
  } catch {
    return path;
  }
}

function readFont(file: string, projectDir: string): Buffer {
  // checked against the project, not fonts/: the fonts folder may itself be a link out of it
  return readSourceBytes(file, projectDir, MAX_FONT_BYTES, 'font file (named in theme.json)');
}

const NOT_EMBEDDABLE = 'only TTF or OTF fonts and their collections (TTC, OTC) can be embedded (not WOFF or WOFF2)';

/**
 * A font as theme.json names it: a file in `fonts/`, and for a collection
 * (`.ttc`, `.otc`) the face after a `#`, by index or by name:
 * `NotoSerifCJK-Regular.ttc#2`, `NotoSerifCJK-Regular.ttc#Noto Serif CJK SC`.
 */
export function fontSource(name: string): { file: string; face: string | undefined } {
  const hash = name.lastIndexOf('#');
  // a face named after a single font's file (`x.ttf#2`) too: it is refused as one, not looked for as a file of that name
  if (hash < 0 || !/\.(ttc|otc|ttf|otf)$/i.test(name.slice(0, hash))) return { file: name, face: undefined };
  return { file: name.slice(0, hash), face: name.slice(hash + 1) };
}

/** Where a face comes from, for messages: its name in theme.json, and that file. */
interface Naming {
  name: string;
  theme: string;
}

/**
 * The font in a file (the named face of a collection), refused in one line
 * naming the file when it is of a kind that cannot be embedded or is damaged
 * (see `fontProblem`): fontkit reads a damaged font without noticing, and the
 * PDFs would show its damage. A face a collection lacks is refused naming theme.json.
 * With it, its index and where each face's directory starts (0 alone for a single font).
 */
function openFont(data: Buffer, file: string, face: string | undefined, naming: Naming, sums?: Map<string, number>): { font: fontkit.Font; index: number; faces: readonly number[] } {
  // told apart before the check, which knows the sfnt formats only
  if (['wOFF', 'wOF2'].includes(data.toString('latin1', 0, 4))) throw new ZineError(NOT_EMBEDDABLE, { file });
  const offsets = collectionOffsets(data);
  if (offsets === null) throw new ZineError('not a usable font collection: its header is cut off or damaged', { file });
  const index = offsets ? faceIndex(data, face, offsets.length, naming) : 0;
  if (!offsets && face !== undefined) throw new ZineError(`font ${naming.name}: ${fontSource(naming.name).file} is a single font, not a collection: name it without "#${face}"`, { file: naming.theme });
  const problem = fontProblem(data, offsets ? offsets[index] : 0, sums);
  if (problem) throw new ZineError(`not a usable TTF/OTF font${offsets ? ` (face ${index})` : ''}: ${problem}`, { file });
  let parsed: fontkit.Font | fontkit.FontCollection;
  try {
    parsed = fontkit.create(data);
  } catch (e) {
    throw new ZineError(`not a usable TTF/OTF font: ${e instanceof Error ? e.message : String(e)}`, { file });
  }
  const font = parsed.type === 'TTC' ? parsed.fonts[index] : parsed;
  if (!font || font.type !== 'TTF') throw new ZineError(NOT_EMBEDDABLE, { file });
  return { font, index, faces: offsets ?? [0] };
}

/** The index of the face theme.json names in a collection of `count` faces: by number, or by family, full or PostScript name. */
function faceIndex(data: Buffer, face: string | undefined, count: number, naming: Naming): number {
  let faces: fontkit.Font[] = [];
  try {
    const parsed = fontkit.create(data);
    if (parsed.type === 'TTC') faces = parsed.fonts;
  } catch {
    // a damaged face is named by the check that follows
  }
  const listed = faces.map((f, i) => `${i} ${faceName(f)}`).join(', ');
  const where = { file: naming.theme };
  if (face === undefined) throw new ZineError(`font ${naming.name} is a collection of ${count} faces: name one, e.g. "${naming.name}#0" (${listed})`, where);
  const index = /^\d+$/.test(face) ? Number(face) : faces.findIndex((f) => faceNames(f).includes(face));
  if (index >= count) throw new ZineError(`font ${naming.name}: the collection has ${count} faces, 0 to ${count - 1} (${listed})`, where);
  if (index < 0) throw new ZineError(`font ${naming.name}: the collection has no face "${face}" (${listed})`, where);
  return index;
}

/** The names a face may be called by in theme.json: typographic family, family, full and PostScript name. */
function faceNames(font: fontkit.Font): string[] {
  return [familyOf(font), font.familyName, font.fullName, font.postscriptName].filter((n): n is string => !!n);
}

/** A face's typographic family (Noto Serif CJK SC), which groups its weights. */
export const familyOf = (font: fontkit.Font): string => font.getName('preferredFamily', 'en') ?? font.familyName;

/** A face's style within its typographic family: Regular, Bold, Bold Italic. */
export const styleOf = (font: fontkit.Font): string => font.getName('preferredSubfamily', 'en') ?? font.subfamilyName;

/** A face's name as a collection lists it: family and style. */
const faceName = (font: fontkit.Font): string => `${familyOf(font)} ${styleOf(font)}`;

/**
 * Per family, the families tried after it for a character it lacks: those it
 * stands in for in `scriptFonts` or `languageFonts` (Noto Naskh Arabic has no digits or Latin
 * punctuation: the text font it replaces sets them), then `fallbackFonts`,
 * then the other script fonts (a colophon naming the zine's languages sets
 * 中文 and العربية in any edition).
 */
export function fallbackChains(theme: Pick<Theme, 'fonts' | 'fallbackFonts' | 'scriptFonts' | 'languageFonts'>): Map<string, readonly string[]> {
  const replaced = new Map<string, string[]>();
  for (const swaps of [...Object.values(theme.scriptFonts), ...Object.values(theme.languageFonts)]) {
    for (const [from, to] of Object.entries(swaps)) {
      const list = replaced.get(to) ?? [];
      if (!list.includes(from)) list.push(from);
      replaced.set(to, list);
    }
  }
  return new Map(Object.keys(theme.fonts).map((family) => [
    family, [...new Set([...(replaced.get(family) ?? []), ...theme.fallbackFonts, ...replaced.keys()])].filter((f) => f !== family),
  ]));
}

/**
 * A glyph's part of its font: from its tables where `fromTables` can read it
 * (see font/glyf.ts), else as fontkit reads it. A font's checksums cannot
 * tell a forged glyph (one made of itself, say, which fontkit follows until
 * the stack runs out; compound glyphs of thousands of each other; CFF
 * subroutines that call the next ones thousands of times): reading it is one
 * line naming the font file.
 */
export function readGlyph<T>(face: Face, id: number, read: (glyph: fontkit.Glyph) => T, fromTables?: (glyf: Glyf) => T): T {
  try {
    if (face.glyf) {
      if (fromTables) return fromTables(face.glyf);
      // fontkit expands a compound glyph into however many points it comes to: the glyph is read here first
      checkOutline(face.glyf, id);
    }
    // and runs a CFF glyph's subroutines however many they call (font/charstrings.ts)
    return face.cff ? withinCalls(face.font, () => read(face.font.getGlyph(id))) : read(face.font.getGlyph(id));
  } catch {
    throw new ZineError(`glyph ${id} cannot be drawn: the font is damaged`, { file: face.file });
  }
}

/** What fontkit keeps of a face that its types leave out: its table directory, and the tables it has decoded, by tag. */
interface FontkitInternals {
  directory: { tables: Record<string, { offset: number; length: number } | undefined> };
  _tables: Record<string, unknown>;
}

/**
 * The face whose reading of `font`'s outlines it shares: the faces of a
 * collection often share one CFF table (Noto CJK's five languages share 23 MB
 * of it), which fontkit decodes for each face in a tenth of a second, the
 * offsets of its 65,535 glyphs and all. `owners` holds the first face read
 * of each table, by offset; a later face takes the owner's decoded table.
 * TrueType outlines are read a glyph at a time: each face reads its own.
 */
function shareOutlines(font: fontkit.Font, owners: Map<number, fontkit.Font>): fontkit.Font {
  const internals = font as unknown as FontkitInternals;
  const { tables } = internals.directory;
  const table = tables['CFF '];
  // a face with outlines of another kind as well is read as fontkit reads it, on its own
  if (!table || tables.CFF2 || tables.glyf) return font;
  const owner = owners.get(table.offset);
  if (!owner) {
    owners.set(table.offset, font);
    return font;
  }
  // fontkit decodes a table its cache lacks: found there, it is the owner's, decoded when first asked for
  Object.defineProperty(internals._tables, 'CFF ', { get: () => (owner as unknown as Record<string, unknown>)['CFF '], enumerable: true });
  return owner;
}
