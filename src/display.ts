/**
 * Laid-out pages as display lists: what the typesetter ends in and the
 * renderer draws. Positions are in points from the page's top-left corner; a
 * text item's `y` is its baseline. The same page can be drawn into a screen
 * PDF or onto any cell of an imposed sheet without being laid out again.
 */
export interface TextItem {
  kind: 'text';
  x: number;
  y: number;
  /** Key of a face in the font book. */
  font: string;
  size: number;
  /** Advance width, as the typesetter measured it. */
  width: number;
  /** Fill colour, `#rrggbb`; black when undefined. */
  color: string | undefined;
  /** Which way its text reads: a right-to-left item's first span is its rightmost. */
  direction: 'ltr' | 'rtl';
  /**
   * Its words (or, in scripts set without spaces, its stretches between
   * justification gaps) in logical order, each with its glyphs placed: all a
   * renderer needs to draw it, with nothing to shape or measure again.
   */
  spans: readonly GlyphSpan[];
}

/**
 * A stretch of text drawn without a gap: its characters, and its glyphs
 * from left to right, drawn with a pen that starts at `x`.
 */
export interface GlyphSpan {
  text: string;
  /** Where the pen starts, in points from its text item's start. */
  x: number;
  /** A word set alike wherever it stands (one face, size and direction, its letters not spaced apart) has the very same glyphs. */
  glyphs: readonly PlacedGlyph[];
}

/** A glyph as it is drawn, in points: `dx` past the pen, which then moves on by `advance`; `rise` above the baseline. */
export interface PlacedGlyph {
  id: number;
  dx: number;
  advance: number;
  rise: number;
  /** The characters it stands for, in logical order (several for a ligature, none for a glyph a font adds). */
  codePoints: readonly number[];
  /** Part of a kashida's joining stroke: drawn inside the word, standing for no text, so that readers read the word alone. */
  kashida?: true;
}

/** A picture: a figure in the text, or a background under the type running to the page's edges. */
export interface ImageItem {
  kind: 'image';
  x: number;
  y: number;
  width: number;
  height: number;
  /** Path of the image file. */
  src: string;
  /** Backgrounds are left out of Ink Lite editions. */
  role: 'background' | 'figure';
  /** The part of the image that shows (a background cropped to the page). */
  clip?: { x: number; y: number; width: number; height: number };
}

/** A clickable area (kept in screen PDFs). */
export interface LinkItem {
  kind: 'link';
  x: number;
  y: number;
  width: number;
  height: number;
  url: string;
}

export type DisplayItem = TextItem | LinkItem | ImageItem;

export type PageKind = 'cover' | 'colophon' | 'contents' | 'body' | 'backCover';

export interface Page {
  kind: PageKind;
  /** Physical page number: its place in the folded booklet, the cover being 1, blanks put in before the pages kept last counted. */
  number: number;
  width: number;
  height: number;
  items: DisplayItem[];
}

/** The rectangle an image of the given proportions fills to cover `area` entirely, centred (the rest is clipped). */
export function coverFit(image: { width: number; height: number }, area: { x: number; y: number; width: number; height: number }) {
  const scale = Math.max(area.width / image.width, area.height / image.height);
  const [width, height] = [image.width * scale, image.height * scale];
  return { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height };
}

/** The red, green and blue of a `#rrggbb` colour, 0–255. */
export function rgbOf(color: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16)) as [number, number, number];
}

/** Where each of a span's glyphs is drawn, in points from its text item's start. */
export function glyphPositions(span: GlyphSpan): number[] {
  const at: number[] = [];
  let pen = span.x;
  for (const glyph of span.glyphs) {
    at.push(pen + glyph.dx);
    pen += glyph.advance;
  }
  return at;
}
