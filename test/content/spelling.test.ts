import { describe, expect, it } from 'vitest';
import { meantAmong } from '../../src/content/spelling.js';

describe('meantAmong', () => {
  const keys = ['title', 'lead', 'lang', 'epigraph', 'epigraphSource', 'contents'];
  it('finds the name a slip stands for: a case, a letter added, dropped or changed, two letters swapped', () => {
    expect(['Title', 'laed', 'lnag', 'leads', 'titl', 'epigrahp', 'contnets', 'epigraphsource'].map((w) => meantAmong(w, keys)))
      .toEqual(['title', 'lead', 'lang', 'lead', 'title', 'epigraph', 'contents', 'epigraphSource']);
  });

  it('finds none for a name far from all, the name itself, or one as near to two', () => {
    expect(meantAmong('items', keys)).toBeUndefined();
    expect(meantAmong('translator', ['translated'])).toBeUndefined();
    expect(meantAmong('lead', keys)).toBeUndefined();
    expect(meantAmong('lea', ['lead', 'leaf'])).toBeUndefined();
  });
});
