import { describe, expect, it } from 'vitest';
import type { SourceRef } from '../../src/errors.js';
import { stripControls } from '../../src/content/controls.js';

const strip = (text: string, line?: number) => {
  const warnings: { message: string; where: SourceRef | undefined }[] = [];
  const out = stripControls(text, { file: 'x.md', line }, (message, where) => warnings.push({ message, where }));
  return { out, warnings };
};

describe('stripControls', () => {
  it('removes C0 and C1 controls, DEL and the bidi embeddings and overrides', () => {
    const { out } = strip('a\x07b\x1bc\0d\x0be\x0cf\rg\x7fh\x85i\x9bj\u202ak\u202bl\u202cm\u202dn\u202eo');
    expect(out).toBe('abcdefghijklmno');
  });

  it('keeps tab, line feed, bidi isolates and marks, joiners and the soft hyphen', () => {
    const kept = 'a\tb\nc\u2066d\u2067e\u2068f\u2069g\u200eh\u200fi\u061cj\u200dk\u200cl\u00adm';
    expect(strip(kept, 1)).toEqual({ out: kept, warnings: [] });
  });

  it('warns once for each line that had any, naming the characters and the line', () => {
    const { out, warnings } = strip('clean\nhello \u202eevil\u202e and \x1b[31mred\nclean\n\x07', 10);
    expect(out).toBe('clean\nhello evil and [31mred\nclean\n');
    expect(warnings.map((w) => w.where)).toEqual([{ file: 'x.md', line: 11 }, { file: 'x.md', line: 13 }]);
    expect(warnings[0]!.message).toContain('U+202E, U+001B');
    expect(warnings[1]!.message).toContain('U+0007');
  });

  it('names what the text is when there is no line', () => {
    const warnings: string[] = [];
    stripControls('\u202e', { file: 'strings.json' }, (m) => warnings.push(m), 'string "title"');
    expect(warnings).toEqual([expect.stringContaining('U+202E removed from string "title"')]);
  });
});
