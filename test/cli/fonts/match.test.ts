import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatJson } from '../../../src/cli/fonts/complete.js';
import { matchFamily, variantOf, type InstalledFace } from '../../../src/cli/fonts/match.js';
import { notoFamilies } from '../../../src/font/noto.js';
import { ROOT } from '../../support/fixtures.js';

const face = (family: string, style: string, file = `${family.replaceAll(' ', '')}-${style.replaceAll(' ', '')}.ttf`, index = 0): InstalledFace => ({ file, index, family, style });

describe('matching installed families to the roles of a theme', () => {
  const installed = [
    face('Noto Sans Arabic', 'Regular'), face('Noto Sans Arabic', 'Bold'), face('Noto Naskh Arabic', 'Regular'), face('Noto Naskh Arabic', 'Bold'),
    face('Noto Kufi Arabic', 'Regular'), face('Noto Sans Hebrew', 'Regular'), face('Noto Serif Hebrew', 'Light'),
    face('Noto Serif CJK SC', 'Regular', 'NotoSerifCJK-Regular.ttc', 2), face('Noto Serif CJK JP', 'Regular', 'NotoSerifCJK-Regular.ttc', 0),
  ];

  it('takes Naskh for Arabic text and Sans for headings, with the variants the theme family has', () => {
    const serif = matchFamily(notoFamilies('Arab', 'serif'), installed, ['regular', 'italic', 'bold', 'boldItalic'])!;
    expect(serif.family).toBe('Noto Naskh Arabic');
    expect(Object.keys(serif.faces).sort()).toEqual(['bold', 'regular']);
    const sans = matchFamily(notoFamilies('Arab', 'sans'), installed, ['regular'])!;
    expect(sans.family).toBe('Noto Sans Arabic');
    expect(Object.keys(sans.faces)).toEqual(['regular']);
  });

  it('falls back to the other role\'s family, needs a regular face, and picks the collection face of the writing system', () => {
    // Noto Serif Hebrew has only a light face here: the sans sets the serif role
    expect(matchFamily(notoFamilies('Hebr', 'serif'), installed, ['regular'])?.family).toBe('Noto Sans Hebrew');
    expect(matchFamily(notoFamilies('Hans', 'sans'), installed, ['regular'])?.faces.regular).toEqual(installed[7]);
    expect(matchFamily(notoFamilies('Jpan', 'serif'), installed, ['regular'])?.faces.regular.index).toBe(0);
    expect(matchFamily(notoFamilies('Kore', 'serif'), installed, ['regular'])).toBeUndefined();
    expect(matchFamily(notoFamilies('Latn', 'serif'), installed, ['regular'])).toBeUndefined();
  });

  it('reads style names as variants', () => {
    expect(['Regular', 'Book', 'Bold', 'Italic', 'Bold Italic', 'Italic Bold', 'Light', 'SemiBold'].map(variantOf))
      .toEqual(['regular', 'regular', 'bold', 'italic', 'boldItalic', 'boldItalic', undefined, undefined]);
  });

  it('writes theme.json as it is laid out by hand', () => {
    const text = readFileSync(join(ROOT, 'theme.json'), 'utf8');
    expect(formatJson(JSON.parse(text))).toBe(text);
  });
});
