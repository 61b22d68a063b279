import { inlineText } from '../content/blocks.js';
import type { Paper } from '../content/paper.js';
import type { ImpositionPlan } from '../impose/plan.js';
import type { ZineLayout } from '../layouts/templates.js';
import type { Edition } from '../typeset/edition.js';

/** A section in the contents: its title and first page, its file's name (without .md), and whether it is still in the default locale's text. */
export interface ContentsEntry {
  title: string;
  page: number;
  section: string;
  untranslated?: true;
}

/** One paper's print file, as the spec describes it. */
export interface EditionSpec {
  paper: string;
  /** The folded page, as printers write it: `5.5"`, `148 mm`. */
  width: string;
  height: string;
  /** Pages of the folded zine besides the four of the cover, blanks included: "16 + cover". */
  pages: string;
  /** Sheets through the printer. */
  sheets: number;
  /** How the sheets are folded and held together: "saddle stitch", "2 signatures of 3 sheets" … */
  binding: string;
  contents: ContentsEntry[];
}

/** `<slug>.json`: the spec data CrimethInc lists beside each zine, describing the print files written. */
export interface ZineSpec {
  title: string;
  slug: string;
  locale: string;
  /** The first edition's page size, pages and binding. */
  width: string;
  height: string;
  pages: string;
  words: number;
  binding: string;
  /** The bound edge: left for left-to-right languages, right for right-to-left ones. */
  spine: 'left' | 'right';
  ink: string;
  contents: ContentsEntry[];
  editions: EditionSpec[];
}

/** What the spec is made from, per paper: the edition in the print file, its plan, and where it carries colour. */
export interface PrintedEdition {
  paper: Paper;
  edition: Edition;
  plan: ImpositionPlan;
  /** Colour on the front or back cover, and on the pages between. */
  colour: { cover: boolean; inside: boolean };
}

/** The spec of a locale's zine from its layout and print editions (the first edition leads). */
export function zineSpec(
  meta: { title: string; slug: string; locale: string; spine: 'left' | 'right' }, layout: ZineLayout, printed: readonly PrintedEdition[],
): ZineSpec {
  const editions = printed.map(({ paper, edition, plan }): EditionSpec => {
    const page = edition.pages[0]!;
    return {
      paper: paper.name,
      width: printersLength(page.width, paper),
      height: printersLength(page.height, paper),
      pages: `${cellsOf(plan) - 4} + cover`,
      sheets: plan.sheets.length,
      binding: bindingOf(plan),
      contents: layout.sections
        .filter((s) => s.title !== undefined && edition.sectionStarts[s.id] !== undefined)
        .map((s) => ({ title: s.title!, page: edition.sectionStarts[s.id]!, section: s.id, ...(s.untranslated && { untranslated: true as const }) })),
    };
  });
  const first = editions[0]!;
  const words = layout.sections
    .flatMap((s) => s.blocks)
    .reduce((n, b) => n + (b.kind === 'paragraph' ? (inlineText(b.inlines).match(/[\p{L}\p{N}]+/gu) ?? []).length : 0), 0);
  const cover = printed.some((p) => p.colour.cover);
  const inside = printed.some((p) => p.colour.inside);
  return {
    title: meta.title,
    slug: meta.slug,
    locale: meta.locale,
    width: first.width,
    height: first.height,
    pages: first.pages,
    words,
    binding: first.binding,
    spine: meta.spine,
    ink: cover && inside ? 'colour cover and inside'
      : cover ? 'colour cover, black-and-white inside'
        : inside ? 'black-and-white cover, colour inside' : 'black and white',
    contents: first.contents,
    editions,
  };
}

/** Pages of the folded zine, blanks included: every cell of every printed side. */
function cellsOf(plan: ImpositionPlan): number {
  return plan.sheets.reduce((n, s) => n + s.front.length + s.back.length, 0);
}

function bindingOf(plan: ImpositionPlan): string {
  if (plan.scheme === 'onepagezine') return 'one sheet, folded and cut';
  if (plan.scheme === 'signatures') {
    const count = plan.sheets[plan.sheets.length - 1]!.signature + 1;
    const sheets = plan.sheets.length / count;
    return `${count} signature${count === 1 ? '' : 's'} of ${sheets} sheet${sheets === 1 ? '' : 's'}`;
  }
  return 'saddle stitch';
}

/** A length as printers of that paper write it: inches as `5.5"`, millimetres as `148 mm`. */
function printersLength(points: number, paper: Paper): string {
  return paper.unit === 'in' ? `${Number((points / 72).toFixed(2))}"` : `${Number((points / (72 / 25.4)).toFixed(1))} mm`;
}
