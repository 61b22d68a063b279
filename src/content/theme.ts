import { join } from 'node:path';
import { ZineError } from '../errors.js';
import { PAPERS } from './paper.js';
import {
  expectBoolean, expectNumber, expectObject, expectString, expectStringArray, oneOf, readJsonFile, type JsonObject,
} from './json.js';
import { toPoints } from './units.js';

/**
 * `theme.json`: every typographic number of the zine — fonts, sizes, leading,
 * margins per paper, the folio. Code holds no such numbers.
 */
export interface Theme {
  /** Font families by name; each variant a TTF/OTF file in `fonts/`. */
  fonts: Record<string, FontFamilyFiles>;
  /** Families tried, in order, for a character the style's own family lacks (symbols, ornaments). */
  fallbackFonts: string[];
  /** Per script (ISO 15924: `Cyrl`, `Arab`), families that replace others: `{ "Arab": { "serif": "naskh" } }`. */
  scriptFonts: Record<string, Record<string, string>>;
  /** Page margins per paper; inner is the binding side. */
  margins: Record<string, Margins>;
  styles: Record<string, ParagraphStyle>;
  folio: FolioStyle;
  /** How the fixed pages place their content vertically. */
  pages: Record<FixedPageKind, { valign: VAlign }>;
  /** Whether each section starts on a new page. */
  sectionStartsPage: boolean;
}

export type FixedPageKind = 'cover' | 'colophon' | 'contents' | 'backCover';
export type VAlign = 'top' | 'center' | 'bottom';
export type Align = 'justify' | 'left' | 'center' | 'right';
export type Variant = 'regular' | 'italic' | 'bold' | 'boldItalic';
export type FontFamilyFiles = Partial<Record<Variant, string>> & { regular: string };

export interface Margins {
  top: number;
  bottom: number;
  inner: number;
  outer: number;
}

export interface ParagraphStyle {
  font: string;
  bold: boolean;
  italic: boolean;
  /** Type size in points. */
  size: number;
  /** Baseline to baseline, in points. */
  leading: number;
  align: Align;
  /** Indent of a paragraph's first line when it follows a paragraph of the same style. */
  firstIndent: number;
  /** Left indent of every line (block quotes, lists). */
  indent: number;
  spaceBefore: number;
  spaceAfter: number;
  uppercase: boolean;
  /** Never the last thing on a page (headings). */
  keepWithNext: boolean;
  hyphenate: boolean;
  /** Set smaller, in proportion, when a word would not fit the line (display type: a long title). */
  shrinkToFit: boolean;
  /** Never split across pages (pull quotes). */
  keepTogether: boolean;
  /** Colour of the type, `#rrggbb`; black when absent. In black-and-white editions it prints as its grey. */
  color?: string;
}

export interface FolioStyle {
  /** Paragraph style of the page number. */
  style: string;
  /** `{n}` is replaced by the page number: `◆ {n} ◆`. */
  format: string;
  /** Distance of the folio's baseline above the page's bottom edge. */
  baseline: number;
}

/** Styles the generator itself uses; a theme must define each. */
const REQUIRED_STYLES = [
  'body', 'heading1', 'heading2', 'heading3', 'quote', 'attribution', 'pullQuote', 'question', 'list', 'verse',
  'note', 'notesHeading', 'notesSection', 'caption', 'tocEntry', 'folio',
] as const;

export const THEME_FILE = 'theme.json';
const THEME_KEYS = ['fonts', 'fallbackFonts', 'scriptFonts', 'margins', 'styles', 'folio', 'pages', 'sectionStartsPage'] as const;
const STYLE_KEYS = [
  'font', 'bold', 'italic', 'size', 'leading', 'align', 'firstIndent', 'indent',
  'spaceBefore', 'spaceAfter', 'uppercase', 'keepWithNext', 'hyphenate', 'shrinkToFit', 'keepTogether', 'color',
] as const;
const VARIANTS: readonly Variant[] = ['regular', 'italic', 'bold', 'boldItalic'];
const ALIGNS: readonly Align[] = ['justify', 'left', 'center', 'right'];
const VALIGNS: readonly VAlign[] = ['top', 'center', 'bottom'];

export function loadTheme(projectDir: string): Theme {
  const file = join(projectDir, THEME_FILE);
  const raw = expectObject(readJsonFile(file, projectDir), '', file, THEME_KEYS);
  const where = { file };

  const fonts: Record<string, FontFamilyFiles> = {};
  for (const [family, value] of Object.entries(expectObject(raw.fonts, 'fonts', file))) {
    const variants = expectObject(value, `fonts.${family}`, file, VARIANTS);
    const files: Partial<Record<Variant, string>> = {};
    for (const v of VARIANTS) {
      if (variants[v] !== undefined) files[v] = expectString(variants[v], `fonts.${family}.${v}`, file);
    }
    if (!files.regular) throw new ZineError(`fonts.${family} needs a "regular" font file`, where);
    fonts[family] = { ...files, regular: files.regular };
  }
  const knownFamily = (name: string, path: string): string => {
    if (!fonts[name]) throw new ZineError(`${path}: no font family "${name}" in fonts`, where);
    return name;
  };

  const fallbackFonts = raw.fallbackFonts === undefined ? [] : expectStringArray(raw.fallbackFonts, 'fallbackFonts', file);
  fallbackFonts.forEach((f, i) => knownFamily(f, `fallbackFonts[${i}]`));

  const scriptFonts: Record<string, Record<string, string>> = {};
  if (raw.scriptFonts !== undefined) {
    for (const [script, value] of Object.entries(expectObject(raw.scriptFonts, 'scriptFonts', file))) {
      const swaps = expectObject(value, `scriptFonts.${script}`, file);
      scriptFonts[script] = {};
      for (const [from, to] of Object.entries(swaps)) {
        knownFamily(from, `scriptFonts.${script}`);
        scriptFonts[script][from] = knownFamily(expectString(to, `scriptFonts.${script}.${from}`, file), `scriptFonts.${script}.${from}`);
      }
    }
  }

  const margins: Record<string, Margins> = {};
  const rawMargins = expectObject(raw.margins, 'margins', file, Object.keys(PAPERS));
  for (const paper of Object.keys(PAPERS)) {
    const m = expectObject(rawMargins[paper], `margins.${paper}`, file, ['top', 'bottom', 'inner', 'outer']);
    const len = (k: keyof Margins): number => toPoints(m[k], `margins.${paper}.${k}`, where);
    margins[paper] = { top: len('top'), bottom: len('bottom'), inner: len('inner'), outer: len('outer') };
  }

  const styles: Record<string, ParagraphStyle> = {};
  for (const [name, value] of Object.entries(expectObject(raw.styles, 'styles', file))) {
    styles[name] = readStyle(expectObject(value, `styles.${name}`, file, STYLE_KEYS), `styles.${name}`, file, knownFamily);
  }
  for (const name of REQUIRED_STYLES) {
    if (!styles[name]) throw new ZineError(`styles.${name} is missing (the generator uses it)`, where);
  }

  const rawFolio = expectObject(raw.folio, 'folio', file, ['style', 'format', 'baseline']);
  const folio: FolioStyle = {
    style: expectString(rawFolio.style, 'folio.style', file),
    format: expectString(rawFolio.format, 'folio.format', file),
    baseline: toPoints(rawFolio.baseline, 'folio.baseline', where),
  };
  if (!styles[folio.style]) throw new ZineError(`folio.style: no style "${folio.style}" in styles`, where);

  const rawPages = raw.pages === undefined ? {} : expectObject(raw.pages, 'pages', file, ['cover', 'colophon', 'contents', 'backCover']);
  const page = (kind: FixedPageKind): { valign: VAlign } => {
    if (rawPages[kind] === undefined) return { valign: 'top' };
    const p = expectObject(rawPages[kind], `pages.${kind}`, file, ['valign']);
    return { valign: oneOf(p.valign, VALIGNS, `pages.${kind}.valign`, file) };
  };

  return {
    fonts,
    fallbackFonts,
    scriptFonts,
    margins,
    styles,
    folio,
    pages: { cover: page('cover'), colophon: page('colophon'), contents: page('contents'), backCover: page('backCover') },
    sectionStartsPage: raw.sectionStartsPage === undefined
      ? true : expectBoolean(raw.sectionStartsPage, 'sectionStartsPage', file),
  };
}

/** The theme as a text in `script` uses it: families swapped as `scriptFonts` says. */
export function themeForScript(theme: Theme, script: string): Theme {
  const swaps = theme.scriptFonts[script];
  if (!swaps) return theme;
  const styles = Object.fromEntries(
    Object.entries(theme.styles).map(([name, style]) => [name, restyled(style, { font: swaps[style.font] ?? style.font })]),
  );
  return { ...theme, styles };
}

function readStyle(s: JsonObject, path: string, file: string, knownFamily: (n: string, p: string) => string): ParagraphStyle {
  const where = { file };
  const flag = (k: string, dflt: boolean): boolean => (s[k] === undefined ? dflt : expectBoolean(s[k], `${path}.${k}`, file));
  const len = (k: string): number => (s[k] === undefined ? 0 : toPoints(s[k], `${path}.${k}`, where));
  const size = expectNumber(s.size, `${path}.size`, file);
  let color: string | undefined;
  if (s.color !== undefined) {
    color = expectString(s.color, `${path}.color`, file);
    if (!/^#[0-9a-fA-F]{6}$/.test(color)) throw new ZineError(`${path}.color must be written #rrggbb, not "${color}"`, where);
  }
  return restyled({
    font: knownFamily(expectString(s.font, `${path}.font`, file), `${path}.font`),
    bold: flag('bold', false),
    italic: flag('italic', false),
    size,
    leading: s.leading === undefined ? size * 1.25 : toPoints(s.leading, `${path}.leading`, where),
    align: s.align === undefined ? 'left' : oneOf(s.align, ALIGNS, `${path}.align`, file),
    firstIndent: len('firstIndent'),
    indent: len('indent'),
    spaceBefore: len('spaceBefore'),
    spaceAfter: len('spaceAfter'),
    uppercase: flag('uppercase', false),
    keepWithNext: flag('keepWithNext', false),
    hyphenate: flag('hyphenate', true),
    shrinkToFit: flag('shrinkToFit', false),
    keepTogether: flag('keepTogether', false),
    color: color?.toLowerCase(),
  });
}

/**
 * A style with some fields changed. Every style is made here, with all its
 * fields in one order, so that the typesetter's hot code meets one shape of
 * style object (copies made by spreading would each be another shape to V8).
 */
export function restyled(style: ParagraphStyle, changes: Partial<ParagraphStyle> = {}): ParagraphStyle {
  const s = { ...style, ...changes };
  return {
    font: s.font, bold: s.bold, italic: s.italic, size: s.size, leading: s.leading, align: s.align,
    firstIndent: s.firstIndent, indent: s.indent, spaceBefore: s.spaceBefore, spaceAfter: s.spaceAfter,
    uppercase: s.uppercase, keepWithNext: s.keepWithNext, hyphenate: s.hyphenate, shrinkToFit: s.shrinkToFit,
    keepTogether: s.keepTogether, color: s.color,
  };
}
