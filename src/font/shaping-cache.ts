import { createHash } from 'node:crypto';
import { versionString } from 'harfbuzzjs';
import { SignedFolder } from '../signed-cache.js';

/** Past this many texts, a font's file keeps only those the last build used, so that it does not grow without end. */
const MAX_TEXTS = 20_000;
/** Longer texts (a pasted blob, a word broken anywhere) are shaped each time: one of them would outweigh a file of words. */
const MAX_TEXT_LENGTH = 256;
/** The shapings files (one per font file and HarfBuzz), and the bytes they may take together: some hundreds of fonts' worth. */
export const SHAPING_FILES = { names: /^[0-9a-f]{32}\.json$/, mostBytes: 256 * 1024 * 1024 };
/** A file larger than its texts can make is not read: shaping again costs less than reading it. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;
/** How far, in ems, a glyph's advance or offset may go: a font's widest glyph or highest mark is a few ems. */
const MAX_EMS = 16;
/** The layout of the file; another one is shaped afresh. */
const FORMAT = 4;

/** A shaped glyph as HarfBuzz gives it: id, advance, x and y offset (font units), and the code points it stands for. */
export type GlyphRecord = [id: number, advance: number, dx: number, dy: number, codePoints: number[]];

/** What a font's shapings are checked against. */
export interface FontFacts {
  /** Number of glyphs in the font. */
  glyphs: number;
  unitsPerEm: number;
}

/** A font's shapings file as written: the font and HarfBuzz it was made with, and the shaped texts. */
interface Stored {
  format: number;
  /** SHA-256 of the font file. */
  font: string;
  harfbuzz: string;
  texts: Record<string, unknown>;
}

/**
 * What earlier builds shaped in one font file, and what this build adds.
 * Only a file the user's builds signed is read (see ShapingCache); each of
 * its texts is still checked when a build asks for it (see `isShapingOf`),
 * and one that does not pass is shaped again, so that not even a key that
 * got out can give a text a glyph the font lacks or another text's characters.
 */
export class FontShapings {
  private added = false;
  /** Texts this build asked for. */
  private readonly used = new Set<string>();

  constructor(
    private readonly folder: SignedFolder,
    /** The file's name in the folder. */
    private readonly name: string,
    private readonly stored: Omit<Stored, 'texts'>,
    /** As read: checked when used. */
    private readonly texts: Map<string, unknown>,
    private readonly facts: FontFacts,
    private readonly maxTexts: number,
  ) {}

  /** The glyphs stored under `key` (the text, with its direction and language), if they are a shaping of `text` in this font. */
  get(key: string, text: string): GlyphRecord[] | undefined {
    this.used.add(key);
    const glyphs = this.texts.get(key);
    return glyphs !== undefined && isShapingOf(text, glyphs, this.facts) ? glyphs : undefined;
  }

  set(key: string, glyphs: GlyphRecord[]): void {
    if (key.length > MAX_TEXT_LENGTH) return;
    this.texts.set(key, glyphs);
    this.added = true;
  }

  /** Writes the file if this build shaped something new, replacing it whole. */
  save(): void {
    if (!this.added) return;
    const kept = this.texts.size > this.maxTexts ? [...this.texts].filter(([text]) => this.used.has(text)) : this.texts;
    const body = JSON.stringify({ ...this.stored, texts: Object.fromEntries(kept) } satisfies Stored);
    // not writable: the next build shapes these texts again
    if (this.folder.write(this.name, body)) this.added = false;
  }
}

/**
 * Shapings of earlier builds, one file per font file (by its contents) and
 * HarfBuzz version. A zine's words change little from one build to the next,
 * so a build shapes only the texts no earlier build did. A cache only: a
 * missing, unreadable, unwritable or doubtful file just means shaping again.
 *
 * A stored shaping says which glyphs print a text, and a glyph may be any
 * letter: a file that gave "Write" the glyphs of "Wrong" would print a word
 * the text does not have. So the cache keeps only what the user's own
 * builds shaped: each file is signed (HMAC-SHA256) with a key that only the
 * user can read, kept in the cache folder, and a file whose signature does
 * not match (written by anyone else, or changed) is not read. Checking the
 * glyphs against the font could not do it: ligatures, joining forms and
 * conjuncts are other glyphs than the characters' own.
 */
export class ShapingCache {
  private readonly folder: SignedFolder;
  /** Each font file's hash, by its bytes. */
  private readonly hashes = new WeakMap<Uint8Array, string>();

  constructor(
    dir: string,
    private readonly maxTexts = MAX_TEXTS,
  ) {
    this.folder = new SignedFolder(dir, SHAPING_FILES);
  }

  /** The shapings kept for the font file `data` (its face `face`, for a collection), whose glyph count and em `facts` gives; none without a key. */
  font(data: Uint8Array, facts: FontFacts, face = 0): FontShapings | undefined {
    if (!this.folder.usable()) return undefined;
    // the faces of a collection are one file: hashed once
    let hash = this.hashes.get(data);
    if (hash === undefined) this.hashes.set(data, (hash = createHash('sha256').update(data).digest('hex')));
    // the faces of a collection share its bytes: each its own file
    const stored = { format: FORMAT, font: face === 0 ? hash : `${hash}#${face}`, harfbuzz: versionString() };
    // another HarfBuzz may shape differently: its own file
    const name = createHash('sha256').update(`${stored.font} ${stored.harfbuzz} ${stored.format}`).digest('hex').slice(0, 32);
    const file = `${name}.json`;
    return new FontShapings(this.folder, file, stored, new Map(Object.entries(readTexts(this.folder, file, stored))), facts, this.maxTexts);
  }
}

/** The texts of a shapings file signed with the user's key, made for this font file and HarfBuzz; none when it is missing, unreadable, not signed so or made for others. */
function readTexts(folder: SignedFolder, file: string, expected: Omit<Stored, 'texts'>): Record<string, unknown> {
  const body = folder.read(file, MAX_FILE_BYTES);
  if (!body) return {};
  try {
    const stored: unknown = JSON.parse(body.toString('utf8'));
    if (typeof stored !== 'object' || stored === null) return {};
    const { format, font, harfbuzz, texts } = stored as Partial<Stored>;
    const matches = format === expected.format && font === expected.font && harfbuzz === expected.harfbuzz;
    return matches && typeof texts === 'object' && texts !== null && !Array.isArray(texts) ? texts : {};
  } catch {
    // signed, yet not JSON: shape afresh
    return {};
  }
}

/**
 * Whether `glyphs` can be a shaping of `text` in a font of these facts: each
 * a record of a glyph the font has, its advance and offsets within a few
 * ems, and the records' code points together exactly the text's (records
 * of another text, or of a text's parts in another order, do not pass).
 */
export function isShapingOf(text: string, glyphs: unknown, facts: FontFacts): glyphs is GlyphRecord[] {
  if (!Array.isArray(glyphs)) return false;
  const limit = MAX_EMS * facts.unitsPerEm;
  const inRange = (n: unknown): boolean => Number.isInteger(n) && Math.abs(n as number) <= limit;
  let at = 0;
  for (const record of glyphs as unknown[]) {
    if (!Array.isArray(record) || record.length !== 5) return false;
    const [id, advance, dx, dy, codePoints] = record as unknown[];
    if (!Number.isInteger(id) || (id as number) < 0 || (id as number) >= facts.glyphs) return false;
    if (!inRange(advance) || !inRange(dx) || !inRange(dy) || !Array.isArray(codePoints)) return false;
    for (const c of codePoints as unknown[]) {
      if (c !== text.codePointAt(at)) return false;
      at += (c as number) > 0xffff ? 2 : 1;
    }
  }
  return at === text.length;
}
