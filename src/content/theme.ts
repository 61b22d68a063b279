import { isAbsolute, join } from 'node:path';
import { ZineError } from '../errors.js';
import { PAPERS, type Paper } from './paper.js';
import {
  expectBoolean, expectObject, expectString, expectStringArray, oneOf, ownRecord, readJsonFile, type JsonObject,
} from './json.js';
import { HANGING_NUMBER_EMS, inRange, lengthInRange, MAX_INDENT_SHARE, MIN_LINE_EMS, RANGES, shown, type Range } from './ranges.js';
import { toPoints } from './units.js';
import { isNumberingSystem } from '../lang/digits.js';
import { languageKeyProblem, scriptKeyProblem } from '../lang/languages.js';

/**
 * `theme.json`: every typographic number of the zine — fonts, sizes, leading,
 * margins per paper, the folio. Code holds no such numbers.
 */
export interface Theme {
  /** Font families by name; each variant a TTF/OTF file in `fonts/`, or a face of a collection: `file.ttc#2`, `file.ttc#Noto Serif CJK SC`. */
  fonts: Record<string, FontFamilyFiles>;
  /** Families tried, in order, for a character the style's own family lacks (symbols, ornaments). */
  fallbackFonts: string[];
  /** Per script (ISO 15924: `Cyrl`, `Arab`), families that replace others: `{ "Arab": { "serif": "naskh" } }`. */
  scriptFonts: Record<string, Record<string, string>>;
  /**
   * Per language (BCP 47 tag), families that replace others where the
   * language's readers expect another style of its script than the
   * script's: `{ "ur": { "serif": "nastaliq" } }` (Urdu in Nastaliq, while
   * Arabic and Farsi keep the Naskh of `scriptFonts`). Over `scriptFonts`.
   */
  languageFonts: Record<string, Record<string, string>>;
  /**
   * Per script, how much larger its letters are set than the size of the
   * style, so that they look as large as the Latin beside them (as CSS's
   * `font-size-adjust`); where a script is not named, from the fonts' proportions (see `FontBook.scriptSize`).
   */
  scriptSizes: Record<string, number>;
  /**
   * Per script, how emphasis (`*text*`) is set: `italic`, `bold`, or in
   * another family (`sans`: Japanese sets emphasis in a Gothic). Where a
   * script is not named, in italic if the family has one, else in bold.
   */
  emphasis: Record<string, string>;
  /** Per language (BCP 47 tag), the numbering system of its numbers where not CLDR's default: `{ "ar": "arab" }` for ١٢. */
  digits: Record<string, string>;
  /** Whether justified Arabic-script lines also lengthen words by kashida (tatweel), besides widening the spaces. */
  kashida: boolean;
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
  /** Most lines in a row that may end in a hyphen (InDesign's hyphen limit). */
  hyphenLimit: number;
  /** Fewest letters a word broken at a paragraph's end leaves for its last line: no "-ма." alone. */
  shortestFragment: number;
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
const THEME_KEYS = ['fonts', 'fallbackFonts', 'scriptFonts', 'languageFonts', 'scriptSizes', 'emphasis', 'digits', 'kashida', 'margins', 'styles', 'folio', 'pages', 'sectionStartsPage'] as const;
const STYLE_KEYS = [
  'font', 'bold', 'italic', 'size', 'leading', 'align', 'firstIndent', 'indent',
  'spaceBefore', 'spaceAfter', 'uppercase', 'keepWithNext', 'hyphenate', 'hyphenLimit', 'shortestFragment', 'shrinkToFit', 'keepTogether', 'color',
] as const;
const VARIANTS: readonly Variant[] = ['regular', 'italic', 'bold', 'boldItalic'];
const ALIGNS: readonly Align[] = ['justify', 'left', 'center', 'right'];
const VALIGNS: readonly VAlign[] = ['top', 'center', 'bottom'];

export function loadTheme(projectDir: string): Theme {
  const file = join(projectDir, THEME_FILE);
  const raw = expectObject(readJsonFile(file, projectDir), '', file, THEME_KEYS);
  const where = { file };

  const fonts = ownRecord<FontFamilyFiles>();
  for (const [family, value] of Object.entries(expectObject(raw.fonts, 'fonts', file))) {
    const variants = expectObject(value, `fonts.${family}`, file, VARIANTS);
    const files: Partial<Record<Variant, string>> = {};
    for (const v of VARIANTS) {
      if (variants[v] === undefined) continue;
      const name = expectString(variants[v], `fonts.${family}.${v}`, file);
      // a path of its own (/usr/share/fonts/…, ../x.ttf) would be read from outside the fonts folder, or be refused naming that place
      if (isAbsolute(name) || name.split(/[\\/]/).includes('..')) {
        throw new ZineError(`fonts.${family}.${v}: "${name}" leads out of the project's fonts/ folder: copy the font into it and give its file name`, where);
      }
      files[v] = name;
    }
    if (!files.regular) throw new ZineError(`fonts.${family} needs a "regular" font file`, where);
    fonts[family] = { ...files, regular: files.regular };
  }
  const knownFamily = (name: string, path: string): string => {
    if (!Object.hasOwn(fonts, name)) throw new ZineError(`${path}: no font family "${name}" in fonts`, where);
    return name;
  };

  /** A key of `path` that names a script (`Arab`) or a language (`ar`), as a locale's are named: anything else would key nothing. */
  const keyed = (key: string, path: string, problem: (key: string) => string | undefined): string => {
    const why = problem(key);
    if (why) throw new ZineError(`${path}.${key}: ${why}`, where);
    return key;
  };

  const fallbackFonts = raw.fallbackFonts === undefined ? [] : expectStringArray(raw.fallbackFonts, 'fallbackFonts', file);
  fallbackFonts.forEach((f, i) => knownFamily(f, `fallbackFonts[${i}]`));

  /** Families swapped per script or language: each key keyed as `problem` allows, each family one of `fonts`. */
  const swapsOf = (key: 'scriptFonts' | 'languageFonts', problem: (key: string) => string | undefined): Record<string, Record<string, string>> => {
    const all = ownRecord<Record<string, string>>();
    if (raw[key] === undefined) return all;
    for (const [name, value] of Object.entries(expectObject(raw[key], key, file))) {
      keyed(name, key, problem);
      const swaps = Object.entries(expectObject(value, `${key}.${name}`, file));
      all[name] = ownRecord(swaps.map(([from, to]) => [
        knownFamily(from, `${key}.${name}`),
        knownFamily(expectString(to, `${key}.${name}.${from}`, file), `${key}.${name}.${from}`),
      ]));
    }
    return all;
  };
  const scriptFonts = swapsOf('scriptFonts', scriptKeyProblem);
  const languageFonts = swapsOf('languageFonts', languageKeyProblem);

  const scriptSizes = ownRecord<number>();
  if (raw.scriptSizes !== undefined) {
    for (const [script, value] of Object.entries(expectObject(raw.scriptSizes, 'scriptSizes', file))) {
      keyed(script, 'scriptSizes', scriptKeyProblem);
      scriptSizes[script] = inRange(value, RANGES.scriptSize, `scriptSizes.${script}`, where);
    }
  }

  const emphasis = ownRecord<string>();
  if (raw.emphasis !== undefined) {
    for (const [script, value] of Object.entries(expectObject(raw.emphasis, 'emphasis', file))) {
      keyed(script, 'emphasis', scriptKeyProblem);
      const how = expectString(value, `emphasis.${script}`, file);
      emphasis[script] = how === 'italic' || how === 'bold' ? how : knownFamily(how, `emphasis.${script} (italic, bold or a font family)`);
    }
  }

  const digits = ownRecord<string>();
  if (raw.digits !== undefined) {
    for (const [language, value] of Object.entries(expectObject(raw.digits, 'digits', file))) {
      keyed(language, 'digits', languageKeyProblem);
      const system = expectString(value, `digits.${language}`, file);
      if (!isNumberingSystem(system)) throw new ZineError(`digits.${language}: "${system}" is not a numbering system (latn, arab, arabext, deva, beng …)`, where);
      digits[language] = system;
    }
  }

  const rawMargins = expectObject(raw.margins, 'margins', file, Object.keys(PAPERS));
  const margins = ownRecord(Object.values(PAPERS).map((paper) => [paper.name, readMargins(rawMargins[paper.name], paper, file)]));

  const styles = ownRecord<ParagraphStyle>();
  for (const [name, value] of Object.entries(expectObject(raw.styles, 'styles', file))) {
    styles[name] = readStyle(expectObject(value, `styles.${name}`, file, STYLE_KEYS), `styles.${name}`, file, knownFamily);
  }
  for (const name of REQUIRED_STYLES) {
    if (!Object.hasOwn(styles, name)) throw new ZineError(`styles.${name} is missing (the generator uses it)`, where);
  }
  for (const paper of Object.values(PAPERS)) {
    for (const [name, style] of Object.entries(styles)) {
      checkStyleFits(style, `styles.${name}`, paper, margins[paper.name]!, file, HANGING_NUMBERS.includes(name));
    }
  }

  const rawFolio = expectObject(raw.folio, 'folio', file, ['style', 'format', 'baseline']);
  const folio: FolioStyle = {
    style: expectString(rawFolio.style, 'folio.style', file),
    // "" for none
    format: rawFolio.format === '' ? '' : expectString(rawFolio.format, 'folio.format', file),
    baseline: toPoints(rawFolio.baseline, 'folio.baseline', where),
  };
  if (!Object.hasOwn(styles, folio.style)) throw new ZineError(`folio.style: no style "${folio.style}" in styles`, where);
  // "{N}" or "{page}" would print as it is on every page, with no number
  if (folio.format !== '' && !folio.format.includes('{n}')) {
    throw new ZineError(`folio.format "${folio.format}" has no {n}, where the page number goes (for no folios, "")`, where);
  }
  for (const paper of Object.values(PAPERS)) {
    // below the text, and on the page: in the bottom margin
    const range = { min: 0, max: margins[paper.name]!.bottom, unit: paper.unit };
    lengthInRange(rawFolio.baseline, range, 'folio.baseline', where, `within the ${paper.name} bottom margin`);
  }

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
    languageFonts,
    scriptSizes,
    emphasis,
    digits,
    kashida: raw.kashida === undefined ? false : expectBoolean(raw.kashida, 'kashida', file),
    margins,
    styles,
    folio,
    pages: { cover: page('cover'), colophon: page('colophon'), contents: page('contents'), backCover: page('backCover') },
    sectionStartsPage: raw.sectionStartsPage === undefined
      ? true : expectBoolean(raw.sectionStartsPage, 'sectionStartsPage', file),
  };
}

/**
 * The families a text in `script` and `language` (its tag) is set in for
 * others: as `scriptFonts` says for the script, then as `languageFonts`
 * says for the language.
 */
export function familySwaps(theme: Pick<Theme, 'scriptFonts' | 'languageFonts'>, script: string, language: string): Record<string, string> {
  return ownRecord([
    ...Object.entries(Object.hasOwn(theme.scriptFonts, script) ? theme.scriptFonts[script]! : {}),
    ...Object.entries(Object.hasOwn(theme.languageFonts, language) ? theme.languageFonts[language]! : {}),
  ]);
}

/**
 * The theme as a text in `script` and `language` (its tag) uses it:
 * families swapped as `familySwaps` says, in the styles and in emphasis
 * (`sans` is `sans-jpan` in Japanese, `serif` Nastaliq in Urdu).
 */
export function themeForScript(theme: Theme, script: string, language = ''): Theme {
  const swaps = familySwaps(theme, script, language);
  if (Object.keys(swaps).length === 0) return theme;
  const swapped = (family: string): string => (Object.hasOwn(swaps, family) ? swaps[family]! : family);
  const styles = ownRecord(Object.entries(theme.styles).map(([name, style]) => [name, restyled(style, { font: swapped(style.font) })]));
  const emphasis = ownRecord(Object.entries(theme.emphasis).map(([s, how]) => [s, swapped(how)]));
  return { ...theme, styles, emphasis };
}

const MARGIN_SIDES = ['top', 'bottom', 'inner', 'outer'] as const;

/** A paper's margins, each 0 or more, leaving a text frame of at least RANGES.textFrame each way. */
function readMargins(value: unknown, paper: Paper, file: string): Margins {
  const path = `margins.${paper.name}`;
  const where = { file };
  const m = expectObject(value, path, file, MARGIN_SIDES);
  const len = (k: keyof Margins): number => lengthInRange(m[k], { ...RANGES.margin, unit: paper.unit }, `${path}.${k}`, where);
  const margins: Margins = { top: len('top'), bottom: len('bottom'), inner: len('inner'), outer: len('outer') };
  const leaves = (sides: string, sum: number, page: number, what: string): void => {
    const room = RANGES.textFrame.min;
    const why = `to leave ${shown(room, paper.unit)} of the ${shown(page, paper.unit)} page's ${what} for text`;
    inRange(sum, { min: -Infinity, max: page - room, unit: paper.unit }, `${path}.${sides}`, where, why);
  };
  leaves('inner + outer', margins.inner + margins.outer, paper.page.width, 'width');
  leaves('top + bottom', margins.top + margins.bottom, paper.page.height, 'height');
  return margins;
}

/** Styles whose paragraphs hang a number or bullet left of their text: list items and notes. */
const HANGING_NUMBERS: readonly string[] = ['list', 'note'];

/**
 * A style set on a paper: its indents leave most of the measure, a line
 * holds a couple of its letters, a line fits the text frame's height, and
 * a hanging number fits the indent and margin; else text would run off the page.
 */
function checkStyleFits(style: ParagraphStyle, path: string, paper: Paper, margins: Margins, file: string, hangs: boolean): void {
  const where = { file };
  const measure = paper.page.width - margins.inner - margins.outer;
  const height = paper.page.height - margins.top - margins.bottom;
  const indents = style.indent + style.firstIndent;
  const atMost = (max: number): Range => ({ min: -Infinity, max, unit: 'pt' });
  inRange(indents, atMost(measure * MAX_INDENT_SHARE), `${path}.indent + firstIndent`, where, `half the ${paper.name} measure`);
  inRange(style.size, atMost((measure - indents) / MIN_LINE_EMS), `${path}.size`, where,
    `a line of the ${paper.name} measure, less the style's indents, holds ${MIN_LINE_EMS} ems`);
  inRange(style.leading, atMost(height), `${path}.leading`, where, `the height of the ${paper.name} text frame`);
  if (hangs) {
    const room = style.indent + Math.min(margins.inner, margins.outer);
    inRange(style.size, atMost(room / HANGING_NUMBER_EMS), `${path}.size`, where,
      `its numbers hang ${HANGING_NUMBER_EMS} ems into its indent and the ${paper.name} margin, ${shown(room, 'pt')} together`);
  }
}

function readStyle(s: JsonObject, path: string, file: string, knownFamily: (n: string, p: string) => string): ParagraphStyle {
  const where = { file };
  const flag = (k: string, dflt: boolean): boolean => (s[k] === undefined ? dflt : expectBoolean(s[k], `${path}.${k}`, file));
  const len = (k: string, range: Range): number => (s[k] === undefined ? 0 : lengthInRange(s[k], range, `${path}.${k}`, where));
  const size = inRange(s.size, RANGES.size, `${path}.size`, where);
  const { min, max } = RANGES.leadingPerSize;
  const leading = s.leading === undefined
    ? size * 1.25
    : lengthInRange(s.leading, { min: size * min, max: size * max, unit: 'pt' }, `${path}.leading`, where, `${min} to ${max} times the size`);
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
    leading,
    align: s.align === undefined ? 'left' : oneOf(s.align, ALIGNS, `${path}.align`, file),
    firstIndent: len('firstIndent', RANGES.indent),
    indent: len('indent', RANGES.indent),
    spaceBefore: len('spaceBefore', RANGES.spaceBeforeAfter),
    spaceAfter: len('spaceAfter', RANGES.spaceBeforeAfter),
    uppercase: flag('uppercase', false),
    keepWithNext: flag('keepWithNext', false),
    hyphenate: flag('hyphenate', true),
    hyphenLimit: s.hyphenLimit === undefined ? 2 : inRange(s.hyphenLimit, RANGES.hyphenLimit, `${path}.hyphenLimit`, where),
    shortestFragment: s.shortestFragment === undefined ? 4 : inRange(s.shortestFragment, RANGES.shortestFragment, `${path}.shortestFragment`, where),
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
    uppercase: s.uppercase, keepWithNext: s.keepWithNext, hyphenate: s.hyphenate, hyphenLimit: s.hyphenLimit,
    shortestFragment: s.shortestFragment, shrinkToFit: s.shrinkToFit,
    keepTogether: s.keepTogether, color: s.color,
  };
}
