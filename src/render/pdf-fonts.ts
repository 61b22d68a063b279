import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { ZineError } from '../errors.js';
import { glyphPositions, type GlyphSpan, type Page, type PlacedGlyph, type TextItem } from '../display.js';
import type { Memo } from '../memo.js';
import { readGlyph, type Face, type FontBook } from '../font/book.js';
import type { DecodedCff, Subroutine } from '../font/charstrings.js';
import { renumberSubroutines, type Subroutines } from './cff-subroutines.js';
import { trueTypeSubset } from './truetype-subset.js';

/**
 * The glyphs of one face that a set of pages uses, as a PDF font: a subset
 * of the font file, its widths and its map back to Unicode, each encoded and
 * compressed once. Glyphs are numbered in the order of their ids, so every
 * PDF drawn from the same pages (screen, print, colour, Ink Lite) embeds the
 * same bytes, however its pages are ordered on the sheets.
 *
 * A glyph may stand for other characters in other places (Thai sara aa alone,
 * and as the second half of sara am; a mirrored bracket): a TrueType subset
 * gives it a further code for each, all drawing the one glyph (the
 * CIDToGIDMap), so that each place reads back as what it is. A CFF subset
 * cannot (its glyphs are their own codes): there the first reading stands,
 * and left-to-right text that would read otherwise carries /ActualText.
 *
 * In a TrueType subset a glyph's code is its id in the font, its further
 * codes past the font's last glyph: a page's text is written the same
 * whatever glyphs other pages bring into the subset, so a rebuild after an
 * edit finds the pages it did not touch drawn and deflated as they were.
 * A font too large for that (its glyphs reaching the invisible characters'
 * codes) numbers its glyphs from 0, as a CFF subset does.
 */
export class FontSubset {
  /** PostScript name with the subset tag PDF asks for: six capitals and a plus sign. */
  readonly name: string;
  /** By glyph id, its codes: each with the characters it reads as, in hex as CMaps write it and as the bytes of a string operand, and the advance in ems. */
  private readonly codes = new Map<number, Code[]>();
  /** Advance widths in thousandths of an em, by character code. */
  private readonly widths = new Map<number, number>();
  /** The glyph of the subset each code draws, where a code is not its glyph's number in the subset (the codes of `unread` aside). */
  private readonly glyphOfCode: Map<number, number> | undefined;
  /** Codes that are invisible characters' (INVISIBLE), each the glyph it draws: a glyph standing for no character. */
  private readonly unread = new Map<number, number>();
  private encoded: { program: Buffer; length: number; cff: boolean; toUnicode: Buffer; cidToGid: Buffer | undefined } | undefined;
  /** Text-showing operators by an item's spans: the same in every PDF of these pages, and in a session's next build. */
  private readonly shown = new WeakMap<readonly GlyphSpan[], string>();
  /** Whether a word's glyphs need its text as /ActualText, by the glyphs: every span of a word set alike shares them (see needsActualText). */
  private readonly actual = new WeakMap<readonly PlacedGlyph[], boolean>();

  constructor(
    readonly face: Face,
    /** The characters each glyph stands for, by glyph id: the first its own reading, then any others. */
    readings: ReadonlyMap<number, readonly (readonly number[])[]>,
    /** By glyph id, the readings it is also set with a wider set width (`widenedBeforeStrokes`). */
    widened: ReadonlyMap<number, readonly Widened[]> = new Map(),
  ) {
    const ids = [0, ...[...readings.keys()].filter((id) => id !== 0).sort((a, b) => a - b)];
    const scale = 1000 / face.unitsPerEm;
    const advance = (id: number): number => face.shaper.glyphHAdvance(id) * scale;
    const more = !face.cff;
    const further = more ? [...readings.values()].reduce((n, r) => n + r.length - 1, 0) + [...widened.values()].reduce((n, w) => n + w.length, 0) : 0;
    // the font's own numbering where its codes and the further ones stay below the invisible characters'
    const byId = more && face.font.numGlyphs + further <= FIRST_INVISIBLE;
    const own = (gid: number): number => (byId ? ids[gid]! : gid);
    let next = byId ? face.font.numGlyphs : ids.length;
    const ordinary = next + further;
    const invisible = more ? INVISIBLE.filter((c) => c >= ordinary) : [];
    const glyphOfCode = new Map<number, number>();
    // a code standing for no character has no width: a reader that leaves it out (pdf.js) keeps the words after it
    // in place, the pen moved past the glyph by the text's own adjustment
    const widthOf = (gid: number, reading: readonly number[]): number => (reading.length === 0 && gid > 0 ? 0 : advance(ids[gid]!));
    const add = (c: number, gid: number, reading: readonly number[], width: number): Code => {
      this.widths.set(c, width);
      if (c !== gid) glyphOfCode.set(c, gid);
      return code(c, reading, width);
    };
    ids.forEach((id, gid) => {
      const [first = [], ...others] = readings.get(id) ?? [];
      const codes = [add(own(gid), gid, first, widthOf(gid, first))];
      for (const reading of more ? others : []) codes.push(add(next++, gid, reading, widthOf(gid, reading)));
      // a letter before a kashida: a further code drawing it, as wide as the room readers are to give it
      for (const { reading, width } of more ? widened.get(id) ?? [] : []) codes.push(add(next++, gid, reading, width));
      // where it stands for nothing, drawn by a code that is an invisible character's: first among its codes
      const none = gid > 0 && [first, ...others].some((r) => r.length === 0) ? invisible.shift() : undefined;
      if (none !== undefined) {
        codes.unshift(code(none, [], 0));
        this.unread.set(none, gid);
      }
      this.codes.set(id, codes);
    });
    this.glyphOfCode = glyphOfCode.size > 0 || this.unread.size > 0 ? glyphOfCode : undefined;
    const tag = createHash('sha256').update(`${face.font.postscriptName}:${ids.join(',')}`).digest();
    this.name = `${[...tag.subarray(0, 6)].map((b) => String.fromCharCode(65 + (b % 26))).join('')}+${face.font.postscriptName.replaceAll(' ', '_')}`;
  }

  /**
   * How a glyph standing for these characters is drawn: its character code as
   * two bytes of a literal string, and its advance in ems; with `width`
   * (thousandths of an em), the code of that set width where there is one.
   */
  glyph(id: number, codePoints: readonly number[], width?: number): { bytes: string; advance: number } {
    const codes = this.codes.get(id);
    if (codes === undefined) throw new Error(`glyph ${id} of ${this.face.key} is not in the subset`);
    // most glyphs have one code, which every reading and width falls back on (this runs for every glyph drawn)
    if (codes.length === 1) return codes[0]!;
    return (width !== undefined ? codes.find((c) => sameReading(c.reading, codePoints) && Math.round(c.advance * 1000) === width) : undefined)
      ?? codes.find((c) => sameReading(c.reading, codePoints)) ?? codes[0]!;
  }

  /** Whether a span left to right needs its text as /ActualText (see needsActualText), worked out once for its glyphs. */
  needsActualText(span: GlyphSpan): boolean {
    let needs = this.actual.get(span.glyphs);
    if (needs === undefined) this.actual.set(span.glyphs, (needs = needsActualText(span, this)));
    return needs;
  }

  /** Whether the ToUnicode map reads a glyph back as these characters. */
  reads(id: number, codePoints: readonly number[]): boolean {
    const codes = this.codes.get(id) ?? [];
    for (let i = 0; i < codes.length; i++) if (sameReading(codes[i]!.reading, codePoints)) return true;
    return false;
  }

  /**
   * The operators that show a text item's glyphs (inside BT … ET, after Tf):
   * each glyph by its code, and where the pen must move other than by the
   * glyph's own width (kerning, spaces, word spacing, marks set apart), an
   * adjustment; glyphs raised or lowered get a text rise.
   */
  show(item: TextItem): string {
    // spans are placed once per run, whose size and direction they keep (see glyphSpans)
    let operators = this.shown.get(item.spans);
    if (operators === undefined) {
      operators = showGlyphs(item, this);
      this.shown.set(item.spans, operators);
    }
    return operators;
  }

  /** The font program (TrueType or CFF), the ToUnicode CMap and, where codes are more than glyphs, the CIDToGIDMap, deflated. */
  streams(): { program: Buffer; length: number; cff: boolean; toUnicode: Buffer; cidToGid: Buffer | undefined } {
    if (!this.encoded) {
      const glyphs = [...this.codes.keys()];
      // a TrueType font's subset is copied from its tables (the bytes fontkit would write), others are fontkit's
      const copied = this.face.cff ? undefined : trueTypeSubset((tag) => this.face.table(tag), glyphs);
      const { program, numbers, cff } = copied ? { ...copied, cff: false } : fontkitSubset(this.face, glyphs);
      numbers.forEach((n, i) => {
        if (n !== i) throw new Error(`subset of ${this.face.key} numbered unlike its codes`);
      });
      const cidToGid = this.glyphOfCode && deflateSync(this.cidToGid(this.glyphOfCode));
      this.encoded = { program: deflateSync(program), length: program.length, cff, toUnicode: deflateSync(this.toUnicode()), cidToGid };
    }
    return this.encoded;
  }

  /** The CIDToGIDMap: two bytes of glyph number for each code up to the last, big-endian; 0 (.notdef) for codes not used. */
  private cidToGid(glyphOfCode: ReadonlyMap<number, number>): Buffer {
    let last = 0;
    for (const c of [...this.widths.keys(), ...this.unread.keys()]) last = Math.max(last, c);
    const map = Buffer.alloc(2 * last + 2);
    for (const c of this.widths.keys()) map.writeUInt16BE(glyphOfCode.get(c) ?? c, 2 * c);
    for (const [c, gid] of this.unread) map.writeUInt16BE(gid, 2 * c);
    return map;
  }

  /** How many codes the subset has, besides those of `unread`. */
  get codeCount(): number {
    return this.widths.size;
  }

  /**
   * Advance widths (thousandths of an em) as the W array of a CIDFont gives
   * them: each row of codes in a row, then the codes of `unread` (no width).
   */
  widthArray(): (number | number[])[] {
    const codes = [...this.widths.keys()].sort((a, b) => a - b);
    const array: (number | number[])[] = [];
    codes.forEach((c, i) => {
      if (i === 0 || c !== codes[i - 1]! + 1) array.push(c, []);
      (array[array.length - 1] as number[]).push(this.widths.get(c)!);
    });
    return [...array, ...[...this.unread.keys()].flatMap((c) => [c, [0]])];
  }

  private toUnicode(): string {
    // composed (NFC), as the font's own character would be: a letter and its accent shaped into one glyph read as one letter
    const utf16 = (cps: readonly number[]): string => utf16Hex(charactersOf(cps).normalize('NFC'));
    // a code standing for no character (the second glyph of a cluster) has no entry where it is an invisible
    // character's: poppler reads nothing, and pdf.js, which reads a code without an entry as the character of its
    // number, leaves out invisible format characters. Another reads as a word joiner (a CFF font's, whose codes are
    // its glyphs): pdf.js leaves it out, poppler reads it
    const entries = [...this.codes.values()].flatMap((codes) => {
      const unread = codes.some((c) => this.unread.has(c.code));
      return codes.filter((c) => c.reading.length > 0 || (c.code !== 0 && !unread));
    }).sort((a, b) => a.code - b.code).map(({ hex, reading }) => `<${hex}> <${reading.length > 0 ? utf16(reading) : hex4(WORD_JOINER)}>`);
    // a bfchar block holds at most 100 entries
    const blocks: string[] = [];
    for (let i = 0; i < entries.length; i += 100) {
      const block = entries.slice(i, i + 100);
      blocks.push(`${block.length} beginbfchar\n${block.join('\n')}\nendbfchar`);
    }
    return [
      '/CIDInit /ProcSet findresource begin', '12 dict begin', 'begincmap',
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
      '/CMapName /Adobe-Identity-UCS def', '/CMapType 2 def',
      '1 begincodespacerange', '<0000> <ffff>', 'endcodespacerange',
      ...blocks,
      'endcmap', 'CMapName currentdict /CMap defineresource pop', 'end', 'end',
    ].join('\n');
  }
}

/** fontkit's subset of `glyphs` in `face`, numbered in the order they are included. */
function fontkitSubset(face: Face, glyphs: readonly number[]): { program: Uint8Array; numbers: unknown[]; cff: boolean } {
  // the subset runs each glyph's charstring to find the subroutines it keeps: each is run first where its calls are counted
  if (face.cff) for (const id of [0, ...glyphs]) readGlyph(face, id, (glyph) => glyph.path);
  const subset = face.font.createSubset();
  try {
    // fontkit numbers the subset's glyphs in the order they are included (its types say it returns a boolean)
    const numbers: unknown[] = glyphs.map((id) => subset.includeGlyph(face.font.getGlyph(id)));
    if (face.cff) withCalledSubroutines(subset as unknown as CffSubset);
    return { program: subset.encode(), numbers, cff: (subset as unknown as { cff?: unknown }).cff != null };
  } catch (e) {
    // a font fontkit reads but cannot subset (some CFF tables of other tools' subsets): the user's file, not a bug
    throw new ZineError(`the font cannot be embedded: ${e instanceof Error ? e.message : String(e)}`, { file: face.file });
  }
}

/** What fontkit's CFF subset holds and does that its types leave out. */
interface CffSubset {
  glyphs: number[];
  cff?: DecodedCff & {
    isCIDFont: boolean;
    stream: { buffer: Uint8Array };
    getCharString(glyph: number): Uint8Array;
    fdForGlyph(glyph: number): number | null;
  };
  charstrings: Uint8Array[];
  gsubrs: Uint8Array[];
  subsetCharstrings(): void;
  subsetSubrs(subrs: Subroutine[], used: unknown): Uint8Array[];
}

/**
 * fontkit's CFF subset, but for its subroutines: only those its glyphs call,
 * renumbered (render/cff-subroutines.ts), where they can be. fontkit keeps
 * the face's numbering, every subroutine it does not call an empty one: some
 * 30,000 in a Noto CJK face, most of its subset's bytes.
 */
function withCalledSubroutines(subset: CffSubset): void {
  const { cff } = subset;
  if (!cff) return;
  const dicts = cff.isCIDFont ? cff.topDict.FDArray ?? [] : [cff.topDict];
  const fontDicts = subset.glyphs.map((id) => (cff.isCIDFont ? cff.fdForGlyph(id) : 0));
  if (fontDicts.some((d) => d === null || dicts[d] === undefined)) return;
  const list = (subrs: Subroutine[] | undefined): Subroutines => ({
    count: subrs?.length ?? 0,
    get: (index) => {
      const { offset, length } = subrs![index]!;
      return cff.stream.buffer.subarray(offset, offset + length);
    },
  });
  const renumbered = renumberSubroutines({
    glyphs: subset.glyphs.map((id) => cff.getCharString(id)),
    fontDicts: fontDicts as number[],
    globals: list(cff.globalSubrIndex),
    locals: dicts.map((dict) => list(dict.Private?.Subrs)),
  });
  if (!renumbered) return;
  // fontkit asks for each font dictionary's subroutines by the list it read for it
  const locals = new Map(dicts.map((dict, d) => [dict.Private?.Subrs, renumbered.locals[d]!]));
  subset.subsetCharstrings = function subsetCharstrings(this: CffSubset): void {
    this.charstrings = renumbered.glyphs;
    this.gsubrs = renumbered.globals;
  };
  subset.subsetSubrs = (subrs) => {
    const kept = locals.get(subrs);
    // written without them, the font dictionary's glyphs would call subroutines it does not have
    if (!kept) throw new Error('a font dictionary\'s subroutines were not renumbered');
    return kept;
  };
}

/** A reading of a glyph set wider than the glyph, and that set width in thousandths of an em. */
interface Widened {
  reading: readonly number[];
  width: number;
}

interface Code {
  code: number;
  reading: readonly number[];
  hex: string;
  bytes: string;
  advance: number;
}

const code = (c: number, reading: readonly number[], width: number): Code => ({ code: c, reading, hex: hex4(c), bytes: stringBytes(c), advance: width / 1000 });

const WORD_JOINER = 0x2060;
/**
 * Invisible format characters (Unicode's Cf) whose codes a glyph standing
 * for no character may be drawn by, in a TrueType subset (codes reach their
 * glyphs through the CIDToGIDMap); not the joiners, which mean something.
 */
const INVISIBLE = [
  0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0x200b, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0xfeff,
];
/** The lowest of them: a TrueType subset's glyphs keep their ids as codes only below it. */
const FIRST_INVISIBLE = Math.min(...INVISIBLE);

/** Whether one of a glyph's readings is this one (in a loop, not `some`: this runs for every glyph a locale draws). */
function readsAs(readings: readonly (readonly number[])[], reading: readonly number[]): boolean {
  for (let i = 0; i < readings.length; i++) if (sameReading(readings[i]!, reading)) return true;
  return false;
}

function sameReading(a: readonly number[], b: readonly number[]): boolean {
  // most often the very array: a glyph's characters as its shaping gave them
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A character code or UTF-16 unit as CMaps write it: four hex digits. */
const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

/**
 * A two-byte character code inside a literal string: the bytes themselves,
 * half the size of hex digits (less to write and to deflate), with the
 * delimiters, the backslash and line ends escaped (a reader would turn a raw
 * CR, or CR LF, into LF: PDF 1.7, 7.3.4.2).
 */
function stringBytes(code: number): string {
  return [code >> 8, code & 0xff].map((b) => ESCAPED[b] ?? String.fromCharCode(b)).join('');
}
const ESCAPED: Partial<Record<number, string>> = { 0x28: '\\(', 0x29: '\\)', 0x5c: '\\\\', 0x0a: '\\n', 0x0d: '\\r' };

function showGlyphs(item: TextItem, subset: FontSubset): string {
  const operators: string[] = [];
  let parts: string[] = [];
  let codes = '';
  const endCodes = (): void => {
    if (codes) parts.push(`(${codes})`);
    codes = '';
  };
  const show = (): void => {
    endCodes();
    if (parts.length > 0) operators.push(`[${parts.join(' ')}] TJ`);
    parts = [];
  };
  let [pen, rise] = [0, 0];
  /** Shows a glyph at `x` from the item's start. */
  const place = (glyph: PlacedGlyph, x: number, width?: number): void => {
    if (glyph.rise !== rise) {
      show();
      operators.push(`${Math.round(glyph.rise * 1e4) / 1e4} Ts`);
      rise = glyph.rise;
    }
    // adjustments are in thousandths of the size, positive to the left
    const shift = Math.round(((x - pen) * 1000 / item.size) * 100) / 100;
    if (shift !== 0) {
      endCodes();
      parts.push(String(-shift));
    }
    const { bytes, advance } = subset.glyph(glyph.id, readingOf(glyph, item.direction), width);
    codes += bytes;
    pen = x + advance * item.size;
  };
  /** The kashidas' strokes, each with where it is drawn. */
  const strokes: { glyph: PlacedGlyph; x: number }[] = [];
  // spans in logical order: readers take a line's text in the order it is drawn
  for (const span of item.spans) {
    const actual = item.direction !== 'rtl' && subset.needsActualText(span);
    if (actual) {
      show();
      operators.push(`/Span <</ActualText <feff${utf16Hex(span.text)}>>> BDC`);
    }
    const widened = widenedBeforeStrokes(span, item.size);
    // the glyphs where the span's pen draws them (see glyphPositions; in a loop: this runs for every glyph drawn)
    let at = span.x;
    for (let i = 0; i < span.glyphs.length; i++) {
      const glyph = span.glyphs[i]!;
      if (glyph.kashida) strokes.push({ glyph, x: at + glyph.dx });
      else place(glyph, at + glyph.dx, widened.get(i));
      at += glyph.advance;
    }
    if (actual) {
      show();
      operators.push('EMC');
    }
  }
  show();
  if (strokes.length > 0) {
    // the kashidas' strokes after the words, from an origin of their own: a reader leaves out a glyph standing for
    // no character, and pdf.js the move after it too, which would misplace the letters after it
    operators.push(`${Math.round(strokes[0]!.x * 1e4) / 1e4} 0 Td`);
    pen = strokes[0]!.x;
    for (const { glyph, x } of strokes) place(glyph, x);
    show();
  }
  if (rise !== 0) operators.push('0 Ts');
  return operators.join(' ');
}

/**
 * The set widths of the letters before a kashida's stroke, by their place in
 * the span, in thousandths of an em: each reaches to the letter after the
 * stroke, so that readers, which take a gap between two letters for a space,
 * find none inside the word. The letter is the last glyph before the stroke
 * that reads as a letter: a mark or a glyph standing for nothing is given no
 * width by pdf.js.
 */
function widenedBeforeStrokes(span: GlyphSpan, size: number): ReadonlyMap<number, number> {
  const { glyphs } = span;
  // most spans have no kashida: no map made for them (this runs for every word drawn)
  if (!glyphs.some((g) => g.kashida)) return NONE_WIDENED;
  const widened = new Map<number, number>();
  const at = glyphPositions(span);
  const letter = (g: PlacedGlyph): boolean => !g.kashida && g.codePoints.length > 0 && !isMark(g.codePoints);
  glyphs.forEach((g, i) => {
    if (!g.kashida || glyphs[i - 1]?.kashida) return;
    let before = i - 1;
    while (before >= 0 && !letter(glyphs[before]!)) before--;
    let after = i;
    while (after < glyphs.length && !letter(glyphs[after]!)) after++;
    if (before >= 0 && after < glyphs.length) widened.set(before, Math.round((at[after]! - at[before]!) * 1000 / size));
  });
  return widened;
}

const NONE_WIDENED: ReadonlyMap<number, number> = new Map();

/**
 * Whether a span's glyphs, read back through the ToUnicode map in the order
 * they are drawn, would not give its text (a vowel sign shaped before its
 * consonant, characters no glyph stands for, a glyph the ToUnicode map
 * reads as other characters: a vowel sign shaped with another consonant; a
 * mark, which poppler orders by its place, after the letter that follows), so
 * that it carries its text as
 * /ActualText. Asked of spans set left to right only: poppler spreads an
 * /ActualText over the span from left to right and reads it back reversed,
 * while the glyphs alone, ligatures included, it reads in order; pdf.js
 * ignores it.
 */
function needsActualText(span: GlyphSpan, subset: FontSubset): boolean {
  // the glyphs' characters, in the order drawn, against the span's text (compared in place: most spans read as they are);
  // a TrueType subset has a code for every reading of its glyphs in these pages, a CFF subset only for the first
  let at = 0;
  for (const g of span.glyphs) {
    if (g.codePoints.length === 0 || isMark(g.codePoints) || (subset.face.cff && !subset.reads(g.id, g.codePoints))) return true;
    for (const cp of g.codePoints) {
      if (span.text.codePointAt(at) !== cp) return true;
      at += cp > 0xffff ? 2 : 1;
    }
  }
  return at !== span.text.length;
}

/** A glyph of marks alone (a Thai tone mark, a combining accent): readers that order glyphs by where they stand put it after the next letter. */
const isMark = (cps: readonly number[]): boolean => cps.length > 0 && cps[0]! >= FIRST_MARK && cps.every((cp) => cp >= FIRST_MARK && MARK.test(String.fromCodePoint(cp)));
/** No character before U+0300 is a mark. */
const FIRST_MARK = 0x300;
const MARK = /\p{M}/u;

/**
 * The characters a glyph reads as in the ToUnicode map. Readers take a
 * right-to-left line's glyphs in the order they are drawn and reverse the
 * text they stand for: a ligature's characters (lam-alef) are given
 * reversed, so that they come back in logical order.
 */
function readingOf(glyph: PlacedGlyph, direction: TextItem['direction']): readonly number[] {
  return direction === 'rtl' && glyph.codePoints.length > 1 ? [...glyph.codePoints].reverse() : glyph.codePoints;
}

/** The characters of code points (not String.fromCodePoint(...cps): a cluster may hold more of them than a call takes arguments). */
const charactersOf = (cps: readonly number[]): string => cps.map((cp) => String.fromCodePoint(cp)).join('');

/** Text as UTF-16 in hex, as PDF text strings take it after their byte order mark. */
const utf16Hex = (text: string): string => Array.from({ length: text.length }, (_, i) => hex4(text.charCodeAt(i))).join('');

/** The glyphs of one face that pages use: each glyph's readings, and the set widths of letters before kashidas. */
interface Used {
  readings: Map<number, (readonly number[])[]>;
  widened: Map<number, Widened[]>;
  /** The glyph, set width and reading of each of `widened`, to find one already there at once. */
  widenedKeys: Set<string>;
  /** The glyphs already read, by direction: every span of a word set alike shares them, and brings nothing new. */
  read: Record<TextItem['direction'], Set<readonly PlacedGlyph[]>>;
}

/**
 * What a subset is made of: its face, and by glyph id (as the subset numbers
 * glyphs) every reading of each glyph and every set width, each glyph's in
 * the order they were met (the subset gives them codes in that order).
 */
function signature(key: string, { readings, widened }: Used): string {
  const byId = <T>(map: ReadonlyMap<number, T>): [number, T][] => [...map].sort((a, b) => a[0] - b[0]);
  return JSON.stringify([key, byId(readings), byId(widened)]);
}

/**
 * Codes a face's letters before kashidas may take, one for each set width
 * (thousandths of an em) a letter is given: a zine's kashidas take a few
 * hundred, and character codes, two bytes, are far fewer than a document
 * made to give every kashida a width of its own would take.
 */
const MAX_WIDENED = 8192;

/**
 * Font subsets by set of pages: one edition's pages are drawn into several
 * PDFs, and each of them embeds the subsets made for those pages. Editions
 * that set the same text (a locale's papers) can share theirs.
 */
export class FontSubsets {
  private readonly known = new WeakMap<readonly Page[], Map<string, FontSubset>>();

  constructor(
    private readonly fonts: FontBook,
    /** Subsets by face and glyphs: locales (and a session's rebuilds) that draw the same glyphs embed them encoded once. */
    private readonly kept?: Memo<FontSubset>,
  ) {}

  /** The subset of each face (by key) the pages draw text in. */
  of(pages: readonly Page[]): Map<string, FontSubset> {
    return this.known.get(pages) ?? this.share([pages]);
  }

  /** One subset of each face for all these sets of pages, which `of` then gives for each of them. */
  share(pageSets: readonly (readonly Page[])[]): Map<string, FontSubset> {
    const used = new Map<string, Used>();
    // a saddle-stitched booklet prints the very pages of its screen edition: each set read once
    for (const page of [...new Set(pageSets)].flat()) {
      for (const item of page.items) {
        if (item.kind !== 'text') continue;
        let glyphs = used.get(item.font);
        if (!glyphs) used.set(item.font, (glyphs = { readings: new Map(), widened: new Map(), widenedKeys: new Set(), read: { ltr: new Set(), rtl: new Set() } }));
        this.collect(item, glyphs);
      }
    }
    const subsets = new Map([...used].map(([key, glyphs]) => {
      const make = (): FontSubset => new FontSubset(this.fonts.byKey(key), glyphs.readings, glyphs.widened);
      return [key, this.kept ? this.kept.get(signature(key, glyphs), make) : make()] as const;
    }));
    for (const pages of pageSets) this.known.set(pages, subsets);
    return subsets;
  }

  /**
   * Adds the glyphs a text item shows, with the characters each reads as
   * (`readingOf`): every reading a glyph has in these pages, and every set
   * width a letter before a kashida takes.
   */
  private collect(item: TextItem, used: Used): void {
    const { readings, widened } = used;
    const read = used.read[item.direction];
    for (const span of item.spans) {
      if (read.has(span.glyphs)) continue;
      read.add(span.glyphs);
      for (const [i, width] of widenedBeforeStrokes(span, item.size)) {
        const g = span.glyphs[i]!;
        const reading = readingOf(g, item.direction);
        const key = `${g.id}:${width}:${reading.join(',')}`;
        // past the limit a letter keeps its own width (readers may then take the stroke's gap for a space)
        if (used.widenedKeys.size >= MAX_WIDENED || used.widenedKeys.has(key)) continue;
        used.widenedKeys.add(key);
        let known = widened.get(g.id);
        if (!known) widened.set(g.id, (known = []));
        known.push({ reading, width });
      }
      for (const g of span.glyphs) {
        const reading = readingOf(g, item.direction);
        const known = readings.get(g.id);
        if (!known) readings.set(g.id, [reading]);
        else if (!readsAs(known, reading)) {
          // a glyph's own reading is the fewest characters it stands for (not none: a glyph shaped as part of a cluster)
          const own = known[0]!;
          if (reading.length > 0 && (own.length === 0 || reading.length < own.length)) known.unshift(reading);
          else known.push(reading);
        }
      }
    }
  }
}
