import { inlineText } from '../content/blocks.js';
import type { ZineLayout } from '../layouts/templates.js';
import type { Edition } from '../typeset/edition.js';

/** `<slug>.json`: the spec data CrimethInc lists beside each zine. */
export interface ZineSpec {
  title: string;
  slug: string;
  locale: string;
  /** Page size of the first edition, as printers write it: `5.5"`. */
  width: string;
  height: string;
  /** Pages besides the four of the cover: "16 + cover". */
  pages: string;
  words: number;
  binding: 'saddle stitch';
  ink: string;
  contents: { title: string; page: number }[];
  editions: { paper: string; width: string; height: string; pages: string; sheets: number; contents: { title: string; page: number }[] }[];
}

/** The spec of a locale's zine from its layout and editions (the first edition leads). */
export function zineSpec(
  meta: { title: string; slug: string; locale: string; colour: boolean }, layout: ZineLayout, editions: readonly Edition[],
): ZineSpec {
  const described = editions.map((e) => {
    const booklet = Math.ceil(e.pages.length / 4) * 4;
    return {
      paper: e.paper.name,
      width: e.paper.label.width,
      height: e.paper.label.height,
      pages: `${booklet - 4} + cover`,
      sheets: booklet / 4,
      contents: layout.sections
        .filter((s) => s.title !== undefined && e.sectionStarts[s.id] !== undefined)
        .map((s) => ({ title: s.title!, page: e.sectionStarts[s.id]! })),
    };
  });
  const first = described[0]!;
  const words = layout.sections
    .flatMap((s) => s.blocks)
    .reduce((n, b) => n + (b.kind === 'paragraph' ? (inlineText(b.inlines).match(/[\p{L}\p{N}]+/gu) ?? []).length : 0), 0);
  return {
    title: meta.title,
    slug: meta.slug,
    locale: meta.locale,
    width: first.width,
    height: first.height,
    pages: first.pages,
    words,
    binding: 'saddle stitch',
    ink: meta.colour ? 'colour cover, black-and-white inside' : 'black and white',
    contents: first.contents,
    editions: described,
  };
}
