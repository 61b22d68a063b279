import type { Variant } from '../../content/theme.js';

/** A face of a font file installed on the machine (or in a folder searched). */
export interface InstalledFace {
  file: string;
  /** Its place in a collection; 0 in a single font. */
  index: number;
  /** Typographic family: `Noto Naskh Arabic`. */
  family: string;
  /** Style within it: `Regular`, `Bold`, `Bold Italic`. */
  style: string;
}

/** The variant a style name stands for; undefined for other weights and widths (Light, Condensed …). */
export function variantOf(style: string): Variant | undefined {
  const words = style.toLowerCase().split(/\s+/).filter((w) => w !== '' && w !== 'regular' && w !== 'normal' && w !== 'book' && w !== 'roman');
  const key = words.sort().join(' ');
  return ({ '': 'regular', bold: 'bold', italic: 'italic', oblique: 'italic', 'bold italic': 'boldItalic', 'bold oblique': 'boldItalic' } as const)[key];
}

/** A family found for a role: its faces by variant, the regular among them. */
export interface FamilyMatch {
  family: string;
  faces: Partial<Record<Variant, InstalledFace>> & { regular: InstalledFace };
}

/**
 * The installed family among `families` (best first: Noto's for a script and
 * role, `notoFamilies`) that comes first and has a regular face, with the variants
 * wanted that it has. Faces are taken in the order given (a file listed
 * twice, the first), so the same fonts give the same choice.
 */
export function matchFamily(families: readonly string[], installed: readonly InstalledFace[], wanted: readonly Variant[]): FamilyMatch | undefined {
  for (const family of families) {
    const faces: Partial<Record<Variant, InstalledFace>> = {};
    for (const face of installed) {
      const variant = variantOf(face.style);
      if (face.family.toLowerCase() === family.toLowerCase() && variant && wanted.includes(variant)) faces[variant] ??= face;
    }
    if (faces.regular) return { family, faces: { ...faces, regular: faces.regular } };
  }
  return undefined;
}
