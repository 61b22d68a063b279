/**
 * The Noto families that set each script in each role of a theme, and where
 * to get them: what a message about a missing letter, and `zine fonts`,
 * point to.
 */

/** What a theme family does: set text in serifs, or headings in sans. */
export type Role = 'serif' | 'sans';

/** Noto's name for a script (ISO 15924), as its family names spell it. */
const NOTO_NAMES: Record<string, string> = {
  Arab: 'Arabic', Armn: 'Armenian', Beng: 'Bengali', Deva: 'Devanagari', Ethi: 'Ethiopic', Geor: 'Georgian',
  Gujr: 'Gujarati', Guru: 'Gurmukhi', Hebr: 'Hebrew', Khmr: 'Khmer', Knda: 'Kannada', Laoo: 'Lao',
  Mlym: 'Malayalam', Mymr: 'Myanmar', Orya: 'Oriya', Sinh: 'Sinhala', Syrc: 'Syriac', Taml: 'Tamil',
  Telu: 'Telugu', Thaa: 'Thaana', Thai: 'Thai', Tibt: 'Tibetan',
};

/** Noto CJK's region of each CJK writing system. */
const CJK_REGIONS: Record<string, string> = { Hans: 'SC', Hant: 'TC', Jpan: 'JP', Kore: 'KR' };
/** The regions whose Noto Serif is on npm (@expo-google-fonts/noto-serif-jp, -sc); the others have only the Sans. */
const SERIF_ON_NPM: ReadonlySet<string> = new Set(['JP', 'SC']);

/** Whether fonts are looked for to set a script: it has a Noto family this tool knows. */
export const knownScript = (script: string): boolean => Object.hasOwn(NOTO_NAMES, script) || Object.hasOwn(CJK_REGIONS, script);

/** What a theme family does, from its font's family name: sans (and mono) or serif. */
export function roleOf(familyName: string): Role {
  return /\b(sans|mono|kufi|gothic|grotesk)\b/i.test(familyName) ? 'sans' : 'serif';
}

/** The Noto families that set `script` in `role`, best first (Naskh for Arabic text, Sans for headings, the other as a last resort). */
export function notoFamilies(script: string, role: Role): string[] {
  const region = CJK_REGIONS[script];
  if (region) return role === 'serif' ? [`Noto Serif CJK ${region}`, `Noto Sans CJK ${region}`] : [`Noto Sans CJK ${region}`, `Noto Serif CJK ${region}`];
  const name = NOTO_NAMES[script];
  if (!name) return [];
  if (script === 'Arab') return role === 'serif' ? ['Noto Naskh Arabic', 'Noto Sans Arabic', 'Noto Kufi Arabic'] : ['Noto Sans Arabic', 'Noto Kufi Arabic', 'Noto Naskh Arabic'];
  return role === 'serif' ? [`Noto Serif ${name}`, `Noto Sans ${name}`] : [`Noto Sans ${name}`, `Noto Serif ${name}`];
}

/**
 * Languages whose readers expect their script in another style than the
 * script's own family, by language subtag: Urdu, Punjabi in Shahmukhi,
 * Kashmiri and Saraiki are read in Nastaliq, not in the Naskh of Arabic and
 * Farsi. Each with the script it is so written in.
 */
const LANGUAGE_FAMILIES: Record<string, { script: string; family: string }> = {
  ur: { script: 'Arab', family: 'Noto Nastaliq Urdu' },
  pa: { script: 'Arab', family: 'Noto Nastaliq Urdu' },
  ks: { script: 'Arab', family: 'Noto Nastaliq Urdu' },
  skr: { script: 'Arab', family: 'Noto Nastaliq Urdu' },
};

/** The Noto family a language's readers expect in `script`, where it is not the script's (`notoFamilies`): Nastaliq for Urdu. */
export function notoLanguageFamily(tag: string, script: string): string | undefined {
  const subtag = tag.split('-')[0]!.toLowerCase();
  const own = Object.hasOwn(LANGUAGE_FAMILIES, subtag) ? LANGUAGE_FAMILIES[subtag]! : undefined;
  return own?.script === script ? own.family : undefined;
}

/** Where to get a Noto family that is not a collection: `Noto Nastaliq Urdu (Debian: fonts-noto-core; npm: @expo-google-fonts/noto-nastaliq-urdu)`. */
export const notoFamilySource = (family: string): string => `${family} (Debian: fonts-noto-core; npm: @expo-google-fonts/${family.toLowerCase().replaceAll(' ', '-')})`;

/** Where to get the Noto family for a script: `Noto Naskh Arabic (Debian: fonts-noto-core; npm: @expo-google-fonts/noto-naskh-arabic)`. */
export function notoSource(script: string, role: Role = 'serif'): string | undefined {
  const family = notoFamilies(script, role)[0];
  if (!family) return undefined;
  const region = CJK_REGIONS[script];
  // Google Fonts publishes CJK as Noto Sans or Serif SC, JP …, not as collections; npm has the serifs of some regions only
  const style = region && role === 'serif' && SERIF_ON_NPM.has(region) ? 'serif' : 'sans';
  if (!region) return notoFamilySource(family);
  return `${family} (Debian: fonts-noto-cjk; npm: @expo-google-fonts/noto-${style}-${region.toLowerCase()})`;
}
