// typst's typesetting of the corpus, the yardstick of the build's speed: the
// corpus's sections as one typst document, set at the zine's two page sizes
// (half letter and A5) with the starter theme's margins, font, size, leading,
// first-line indent, justification and hyphenation, each written as a PDF
// (typst's leading is the gap below the capitals: 13.5 pt from baseline to
// baseline less Noto Serif's 7.14 pt cap height).
// Emphasis is set as plain text; headings, lists and quotes as typst's own.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';

/** The zine's two editions: the page and its margins (top, bottom, inner, outer), as the starter theme has them. */
const PAPERS = {
  letter: { width: '5.5in', height: '8.5in', margin: '(top: 0.5in, bottom: 0.7in, inside: 0.6in, outside: 0.45in)' },
  a4: { width: '148mm', height: '210mm', margin: '(top: 13mm, bottom: 18mm, inside: 16mm, outside: 12mm)' },
};

/** Text as typst reads it literally: every character typst's markup gives a meaning escaped. */
const literal = (text) => text.replace(/\*\*|__|[*_`]/g, '').replace(/[\\#$@<>[\]~*_`=+\-/'"]/g, (c) => `\\${c}`);

/** A section's Markdown as typst markup: its title a heading, then its headings, lists, quotes and paragraphs. */
function section(markdown) {
  const [, front, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(markdown) ?? [undefined, '', markdown];
  const title = /^title:\s*(.*)$/m.exec(front)?.[1]?.replace(/^["']|["']$/g, '');
  const blocks = body.split(/\n\s*\n/).map((block) => block.trim()).filter(Boolean).map((block) => {
    const heading = /^(#{1,6})\s+(.*)$/.exec(block);
    if (heading) return `${'='.repeat(heading[1].length + 1)} ${literal(heading[2])}`;
    if (/^([-*]|\d+\.)\s/.test(block)) return block.split('\n').map((line) => line.replace(/^\s*([-*]|\d+\.)\s+/, (m) => (/\d/.test(m) ? '+ ' : '- ')).replace(/^([-+] )(.*)$/, (m, mark, text) => mark + literal(text))).join('\n');
    if (block.startsWith('>')) return `#quote(block: true)[${literal(block.replace(/^>\s?/gm, ''))}]`;
    return literal(block.replace(/\n/g, ' '));
  });
  return [`#pagebreak(weak: true)`, title ? `= ${literal(title)}` : '', ...blocks].join('\n\n');
}

/** The typst document of the sections in `dir` (a locale's sections folder) for one paper. */
export function typstDocument(dir, language, paper) {
  const page = PAPERS[paper];
  const sections = readdirSync(dir).filter((f) => f.endsWith('.md')).sort().map((f) => section(readFileSync(join(dir, f), 'utf8')));
  return [
    `#set page(width: ${page.width}, height: ${page.height}, margin: ${page.margin}, numbering: "1")`,
    `#set text(font: "Noto Serif", size: 10pt, lang: "${language}", hyphenate: true)`,
    '#set par(justify: true, leading: 6.36pt, first-line-indent: 12pt)',
    '#show heading: set text(font: "Noto Sans", weight: "bold")',
    ...sections,
  ].join('\n\n');
}

/**
 * Sets the sections of `dir` with typst at both papers, fonts from
 * `fontDir`, each a PDF in memory: the milliseconds it took (the compiler
 * made, its fonts read, both documents set and written) and the pages.
 */
export function typstTime(dir, language, fontDir) {
  const started = performance.now();
  const compiler = NodeCompiler.create({ fontArgs: [{ fontPaths: [fontDir] }] });
  let pages = 0;
  for (const paper of Object.keys(PAPERS)) {
    const document = compiler.compile({ mainFileContent: typstDocument(dir, language, paper) });
    if (!document.result) throw new Error(`typst could not set the corpus: ${JSON.stringify(document.takeDiagnostics?.() ?? document.error)}`);
    pages += document.result.numOfPages;
    compiler.pdf(document.result);
  }
  return { ms: performance.now() - started, pages };
}
