import { describe, expect, it } from 'vitest';
import { textInline, type Block } from '../../src/content/blocks.js';
import { ZineError } from '../../src/errors.js';
import { checkCoverage } from '../../src/font/coverage.js';
import { fonts, theme } from '../support/fixtures.js';
import { languageOf } from '../../src/lang/languages.js';

const paragraph = (line: number, ...texts: string[]): Block => ({
  kind: 'paragraph', style: 'body', depth: 0, source: { file: 'a.md', line }, inlines: texts.map((t, i) => textInline(t, i % 2 === 1)),
});

function failure(blocks: Block[]): ZineError {
  try {
    checkCoverage(blocks, theme, fonts, languageOf('kk'));
  } catch (e) {
    if (e instanceof ZineError) return e;
    throw e;
  }
  throw new Error('no character was refused');
}

describe('checkCoverage', () => {
  it('passes Kazakh, Russian and English text, and marks the theme falls back to', () => {
    expect(() => checkCoverage([paragraph(1, 'Әділет Ғ Қ Ң Ө Ұ Ү Һ І — «Алматы»\n', 'Москва', ' and “Almaty” ★')], theme, fonts, languageOf('kk'))).not.toThrow();
  });

  it('names the first character no font has, with the line it is on across inlines', () => {
    const e = failure([paragraph(1, 'Бірінші жол.'), paragraph(3, 'Екінші\nжол', ' және\nүшінші 漢 жол')]);
    expect(e.message).toContain('U+6F22');
    expect(e.message).toContain('locale kk');
    expect(e.where).toEqual({ file: 'a.md', line: 5 });
  });

  it('checks a heading in capitals as it is set: its text in capitals, its code as written', () => {
    // Noto Sans Bold has ƛ, not the capital Ƛ (U+A7DC) that text in capitals would show
    const heading = (code: boolean): Block => ({
      kind: 'paragraph', style: 'heading1', depth: 0, source: { file: 'a.md', line: 4 }, inlines: [textInline('Use '), textInline('ƛ', false, false, undefined, undefined, code)],
    });
    expect(() => checkCoverage([heading(true)], theme, fonts, languageOf('en'))).not.toThrow();
    expect(() => checkCoverage([heading(false)], theme, fonts, languageOf('en'))).toThrow(/U\+A7DC/);
  });

  it('reads a letter beyond the Basic Multilingual Plane as one character', () => {
    const e = failure([paragraph(2, 'ok \u{1F600} ok')]);
    expect(e.message).toContain('U+1F600');
    expect(e.where).toEqual({ file: 'a.md', line: 2 });
  });
});
