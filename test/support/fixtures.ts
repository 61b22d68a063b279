import { resolve } from 'node:path';
import { loadTheme, type ParagraphStyle } from '../../src/content/theme.js';
import { FontBook } from '../../src/typeset/fonts.js';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const theme = loadTheme(ROOT);
export const fonts = new FontBook(theme, ROOT);
export const bodyStyle: ParagraphStyle = theme.styles.body!;
