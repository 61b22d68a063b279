// Figures of the example's line breaking, read back from its PDFs as a reader
// would meet the lines (as ../shared/tools/zinecheck.py counts them): the share
// of full lines ending in a hyphen, the longest run of them, paragraphs ending
// on a scrap of a word, and how evenly the spaces of justified lines are set.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The lines of each page (each half of a two-up sheet), top to bottom: a page never ends on a hyphen, so runs stop there. */
async function linesOf(file, halves) {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 }).promise;
  const pages = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const { width } = page.getViewport({ scale: 1 });
    const cells = halves ? [[], []] : [[]];
    for (const item of (await page.getTextContent()).items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const [, , , , x, y] = item.transform;
      cells[halves && x >= width / 2 ? 1 : 0].push({ x, y: Math.round(y), end: x + item.width, str: item.str, size: item.height });
    }
    for (const cell of cells) {
      const rows = new Map();
      for (const it of cell) rows.set(it.y, [...(rows.get(it.y) ?? []), it]);
      pages.push([...rows.entries()].sort((a, b) => b[0] - a[0]).map(([, items]) => items.sort((a, b) => a.x - b.x)));
    }
  }
  return pages;
}

/** The words of a line (a run may hold several). */
function words(line) {
  const out = [];
  for (const it of line) for (const w of it.str.split(/\s+/).filter(Boolean)) out.push(w);
  return out;
}

export async function typography(file, halves = false) {
  let [lines, hyphenated, longest, scraps] = [0, 0, 0, 0];
  for (const page of await linesOf(file, halves)) {
    // lines of four words or more count, as in zinecheck: short ones are a paragraph's last, or headings
    let [run, last] = [0, false];
    for (const line of page) {
      const ws = words(line);
      if (ws.length < 4) {
        if (last && ws.length === 1 && /\p{L}/u.test(ws[0]) && (ws[0].match(/\p{L}|\p{N}/gu) ?? []).length <= 3) scraps++;
        continue;
      }
      last = /\p{L}[-\u2010\u00ad]$/u.test(ws.at(-1));
      lines++;
      if (last) hyphenated++;
      run = last ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
  }
  return { lines, hyphenated: hyphenated / Math.max(1, lines), longest, scraps };
}

/**
 * How evenly the spaces of justified lines are set, measured as zinecheck
 * measures them, from poppler's word boxes: in each block of three lines or
 * more (of four words or more), the lines but the last that reach the
 * block's right edge; each gap between their words in the line's height.
 * The variation is the gaps' standard deviation over their mean; a line is
 * loose where a gap is over three quarters of its height.
 */
export function spacing(file) {
  const html = spawnSync('pdftotext', ['-bbox-layout', file, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout;
  const gaps = [];
  let [lines, loose] = [0, 0];
  for (const [, block] of html.matchAll(/<block[^>]*>(.*?)<\/block>/gs)) {
    const full = [...block.matchAll(/<line[^>]*>(.*?)<\/line>/gs)]
      .map(([, line]) => [...line.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"/g)].map((m) => m.slice(1).map(Number)))
      .filter((words) => words.length >= 4);
    if (full.length < 3) continue;
    const right = Math.max(...full.map((words) => words.at(-1)[2]));
    for (const words of full.slice(0, -1)) {
      if (right - words.at(-1)[2] > 2) continue;
      const height = words.map((w) => w[3] - w[1]).sort((a, b) => a - b)[Math.floor(words.length / 2)];
      const line = words.slice(1).map((w, i) => (w[0] - words[i][2]) / height);
      lines++;
      gaps.push(...line);
      if (Math.max(...line) > 0.75) loose++;
    }
  }
  const mean = gaps.reduce((a, b) => a + b, 0) / Math.max(1, gaps.length);
  const sd = Math.sqrt(gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / Math.max(1, gaps.length));
  return { lines, variation: sd / mean, loose };
}
