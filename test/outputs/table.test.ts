import { describe, expect, it } from 'vitest';
import { SCHEMES } from '../../src/content/schemes.js';
import { OUTPUTS, outputsFor, printedEdition } from '../../src/outputs/table.js';

describe('the table of what a build writes', () => {
  it('names every file apart', () => {
    expect(new Set(OUTPUTS.map((o) => o.variant)).size).toBe(OUTPUTS.length);
  });

  it('gives every scheme the screen files once, and per paper a black-and-white print file with a colour one beside it, of the edition printed', () => {
    for (const scheme of SCHEMES) {
      const kinds = outputsFor(scheme);
      expect(kinds.filter((k) => k.papers === 'screen').map((k) => [k.edition, k.drawing]), scheme)
        .toEqual([['booklet', 'screen'], ['booklet', 'spreads'], ['booklet', 'sheets']]);
      const print = kinds.filter((k) => k.papers === 'each');
      expect(print.map((k) => [k.edition, k.drawing, k.ink, k.onlyInColour ?? false]), scheme).toEqual([
        [printedEdition(scheme), 'sheets', 'grey', false],
        [printedEdition(scheme), 'sheets', 'colour', true],
      ]);
    }
    expect(SCHEMES.map(printedEdition)).toEqual(SCHEMES.map((s) => (s === 'onepagezine' ? 'one-page zine' : 'booklet')));
  });
});
