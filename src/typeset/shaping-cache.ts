import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { versionString } from 'harfbuzzjs';
import { writeAtomically } from '../files.js';

/** Past this many texts, a font's file keeps only those the last build used, so that it does not grow without end. */
const MAX_TEXTS = 20_000;

/** A shaped glyph as HarfBuzz gives it: id, advance, x and y offset (font units), and the code points it stands for. */
export type GlyphRecord = [id: number, advance: number, dx: number, dy: number, codePoints: number[]];

/** What earlier builds shaped in one font file, and what this build adds. */
export class FontShapings {
  private added = false;
  /** Texts this build asked for. */
  private readonly used = new Set<string>();

  constructor(
    readonly file: string,
    private readonly texts: Map<string, GlyphRecord[]>,
    private readonly maxTexts: number,
  ) {}

  get(text: string): GlyphRecord[] | undefined {
    this.used.add(text);
    return this.texts.get(text);
  }

  set(text: string, glyphs: GlyphRecord[]): void {
    this.texts.set(text, glyphs);
    this.added = true;
  }

  /** Writes the file if this build shaped something new, replacing it whole. */
  save(): void {
    if (!this.added) return;
    const kept = this.texts.size > this.maxTexts ? [...this.texts].filter(([text]) => this.used.has(text)) : this.texts;
    try {
      writeAtomically(this.file, JSON.stringify(Object.fromEntries(kept)));
      this.added = false;
    } catch {
      // not writable: the next build shapes these texts again
    }
  }
}

/**
 * Shapings of earlier builds, one file per font file (by its contents) and
 * HarfBuzz version. A zine's words change little from one build to the next,
 * so a build shapes only the texts no earlier build did. A cache only: a
 * missing, unreadable or unwritable file just means shaping again.
 */
export class ShapingCache {
  constructor(
    private readonly dir: string,
    private readonly maxTexts = MAX_TEXTS,
  ) {}

  font(data: Uint8Array): FontShapings {
    // another HarfBuzz may shape differently
    const name = createHash('sha256').update(data).update(`HarfBuzz ${versionString()}, records 1`).digest('hex').slice(0, 32);
    const file = join(this.dir, `${name}.json`);
    let texts = new Map<string, GlyphRecord[]>();
    try {
      const stored: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (typeof stored === 'object' && stored !== null && Object.values(stored).every(isRun)) {
        texts = new Map(Object.entries(stored as Record<string, GlyphRecord[]>));
      }
    } catch {
      // nothing stored yet, or not readable: shape afresh
    }
    return new FontShapings(file, texts, this.maxTexts);
  }
}

function isRun(value: unknown): value is GlyphRecord[] {
  return Array.isArray(value) && value.every((g) => Array.isArray(g) && g.length === 5
    && g.slice(0, 4).every(Number.isInteger) && Array.isArray(g[4]) && (g[4] as unknown[]).every(Number.isInteger));
}
