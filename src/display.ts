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
  text: string;
  /** Key of a face in the font book. */
  font: string;
  size: number;
  /** Advance width, as the typesetter measured it. */
  width: number;
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

export type DisplayItem = TextItem | LinkItem;

export type PageKind = 'cover' | 'colophon' | 'body' | 'backCover';

export interface Page {
  kind: PageKind;
  /** Physical page number in reading order, the cover being 1. */
  number: number;
  width: number;
  height: number;
  items: DisplayItem[];
}
