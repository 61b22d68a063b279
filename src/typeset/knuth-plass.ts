/**
 * Knuth–Plass line breaking ("Breaking paragraphs into lines", 1981): chooses
 * the breaks of a whole paragraph at once, minimising the total demerits of
 * its lines. Pure: boxes, glue and penalties in, break indices out.
 */

export interface Box {
  type: 'box';
  width: number;
}

/** Space between words: a break may follow a box here. */
export interface Glue {
  type: 'glue';
  width: number;
  stretch: number;
  shrink: number;
}

/** A possible break with a cost: a hyphenation point, or the end of a paragraph. */
export interface Penalty {
  type: 'penalty';
  /** Width added to the line if it breaks here (the hyphen). */
  width: number;
  cost: number;
  /** Hyphen breaks: two in a row cost extra. */
  flagged: boolean;
}

export type Item = Box | Glue | Penalty;

/**
 * Items for the breaker, all made with the same fields in the same order (a
 * box with no stretch, glue with no cost): the breaker's loops then meet one
 * shape of object, which V8 optimizes once instead of again for each new
 * kind of paragraph.
 */
function item(type: Item['type'], width: number, stretch: number, shrink: number, cost: number, flagged: boolean): Item {
  return { type, width, stretch, shrink, cost, flagged } as unknown as Item;
}

export const box = (width: number): Box => item('box', width, 0, 0, 0, false) as Box;
export const glue = (width: number, stretch: number, shrink: number): Glue => item('glue', width, stretch, shrink, 0, false) as Glue;
export const penalty = (width: number, cost: number, flagged: boolean): Penalty => item('penalty', width, 0, 0, cost, flagged) as Penalty;

/** A penalty of this cost or more forbids a break; of minus this or less forces one. */
export const INFINITE_PENALTY = 10000;

/** Whether a line may end at item `b`: a glue right after a box, or a penalty short of forbidding it (TeX's legal breakpoints). */
export function isBreakpoint(items: readonly Item[], b: number): boolean {
  const item = items[b]!;
  return item.type === 'glue' ? b > 0 && items[b - 1]!.type === 'box' : item.type === 'penalty' && item.cost < INFINITE_PENALTY;
}

export interface BreakOptions {
  /** Largest stretch ratio of a line before it counts as too loose (TeX's tolerance 200 ≈ 1.26). */
  tolerance: number;
  linePenalty: number;
  doubleHyphenDemerits: number;
  /** Two neighbouring lines of very different tightness. */
  adjacentDemerits: number;
  /** A hyphen on the paragraph's last full line. */
  finalHyphenDemerits: number;
  /**
   * Most lines in a row that may end at a flagged break (a hyphen), as
   * InDesign's hyphen limit: a hard rule, where the demerits only discourage.
   * Lifted only for a paragraph that cannot be set otherwise (a word wider
   * than the line, broken where it must be).
   */
  hyphenLimit: number;
  /**
   * Stretch every line may take besides its own, in points, in the passes
   * after the tolerance fails (TeX's \emergencystretch): the badness of
   * lines too loose for any tolerance is reckoned on it, uncapped, so that
   * the looseness is spread over the paragraph rather than left in one
   * short line.
   */
  emergencyStretch: number;
}

/** TeX's plain settings, and a hyphen limit of two. */
export const TEX_DEFAULTS: BreakOptions = {
  tolerance: 1.26,
  linePenalty: 10,
  doubleHyphenDemerits: 10000,
  adjacentDemerits: 10000,
  finalHyphenDemerits: 5000,
  hyphenLimit: 2,
  emergencyStretch: 0,
};

const INFINITE_BADNESS = 10000;
/** What a line ending past the hyphen limit costs in the last pass: more than any lines within it. */
const PAST_HYPHEN_LIMIT = 1e15;

interface Node {
  index: number;
  line: number;
  fitness: number;
  /** Lines in a row ending at flagged breaks, up to and including this one's. */
  hyphens: number;
  width: number;
  stretch: number;
  shrink: number;
  demerits: number;
  flagged: boolean;
  prev: Node | undefined;
}

/** A feasible break, made only here: one object shape (see `item`), the running totals set once it is kept. */
function node(index: number, line: number, fitness: number, hyphens: number, demerits: number, flagged: boolean, prev: Node | undefined): Node {
  return { index, line, fitness, hyphens, width: 0, stretch: 0, shrink: 0, demerits, flagged, prev };
}

/** Stretch ratio at which a line's badness reaches INFINITE_BADNESS (100·r³). */
export const INFINITELY_LOOSE = Math.cbrt(INFINITE_BADNESS / 100);

/**
 * The indices of the items at which lines end, the last being the paragraph's
 * final forced break. Tries within the tolerance first; where no such
 * solution exists, any line short of infinitely bad; then lines may stretch
 * without limit, graded on their own stretch and the emergency stretch
 * together, and where even that fails (a box wider than the line), an
 * overfull line is accepted rather than none, and more hyphenated lines in a
 * row than the limit. `hyphensBefore` lines ending in a
 * hyphen lead up to the paragraph (the previous one's last full lines): they
 * count toward the hyphen limit.
 */
export function breakLines(items: readonly Item[], lineWidth: number, options: BreakOptions = TEX_DEFAULTS, hyphensBefore = 0): number[] {
  const limit = options.hyphenLimit;
  const before = Math.min(hyphensBefore, limit);
  return tryBreak(items, lineWidth, options, options.tolerance, limit, before, false)
    // long words in a narrow measure (Russian, Kazakh) often need this pass: looser lines would all be
    // infinitely bad alike, and leaving them out spares weighing most of a line's breaks as its end
    ?? (options.tolerance < INFINITELY_LOOSE ? tryBreak(items, lineWidth, options, INFINITELY_LOOSE, limit, before, false) : undefined)
    // (with no emergency stretch, as TeX's plain settings, lines past the tolerance are all alike)
    ?? tryBreak(items, lineWidth, options, Infinity, limit, before, false, options.emergencyStretch || undefined)
    ?? tryBreak(items, lineWidth, options, Infinity, limit, before, true, options.emergencyStretch || undefined)!;
}

function tryBreak(
  items: readonly Item[], lineWidth: number, o: BreakOptions, tolerance: number, hyphenLimit: number, hyphensBefore: number, rescue: boolean,
  /** Given (the last passes), every line that stretches is graded on this further stretch too, its badness uncapped. */
  emergency?: number,
): number[] | undefined {
  const active: Node[] = [node(-1, 0, 1, hyphensBefore, 0, false, undefined)];
  // for each class of new break (fitness, and hyphenated lines in a row up to the limit), the active break the best
  // new break would follow and its total demerits: kept from one break to the next. The new break is made once the
  // best is known: made at each improvement, lines with no glue (a long word broken anywhere) made one for nearly
  // every active break
  const runs = hyphenLimit + 1;
  const classes = 4 * runs;
  const bestFrom: (Node | undefined)[] = new Array<Node | undefined>(classes).fill(undefined);
  const bestTotal = new Array<number>(classes).fill(0);
  let width = 0;
  let stretch = 0;
  let shrink = 0;
  /**
   * Whether each active break's totals are at least those of the one made
   * before it, as they are unless some box or glue takes width or stretch
   * away: a line from a later break is then never longer, nor has more
   * stretch, so once a line is too loose, so is the line from every break
   * after its start.
   */
  let ordered = true;

  for (let b = 0; b < items.length; b++) {
    const item = items[b]!;
    if (isBreakpoint(items, b)) {
      const forced = item.type === 'penalty' && item.cost <= -INFINITE_PENALTY;
      const penaltyWidth = item.type === 'penalty' ? item.width : 0;
      const flagged = item.type === 'penalty' && item.flagged;
      bestFrom.fill(undefined);
      let lastDropped: Node | undefined;
      // the breaks that stay active are moved down, in place, over those dropped; those from `weighed` on are not
      // weighed at all (see `ordered`)
      let stay = 0;
      let weighed = active.length;
      // indexed: this runs for every active break at every place a line may end
      for (let i = 0; i < weighed; i++) {
        const a = active[i]!;
        const natural = width - a.width + penaltyWidth;
        const ratio = adjustmentRatio(natural, stretch - a.stretch, shrink - a.shrink, lineWidth);
        if (ordered && ratio > tolerance && natural < lineWidth && !forced) {
          weighed = i;
          break;
        }
        if (ratio < -1 || forced) lastDropped = a;
        else active[stay++] = a;
        if (ratio < -1 || ratio > tolerance) continue;
        const badness = emergency === undefined || ratio <= 0 ? cappedBadness(ratio) : gradedBadness(natural, stretch - a.stretch + emergency, lineWidth);
        const cost = item.type === 'penalty' ? item.cost : 0;
        let demerits = (o.linePenalty + badness) ** 2;
        if (cost > 0) demerits += cost ** 2;
        else if (cost > -INFINITE_PENALTY) demerits -= cost ** 2;
        if (flagged && a.flagged) demerits += o.doubleHyphenDemerits;
        if (forced && a.flagged) demerits += o.finalHyphenDemerits;
        const fitness = ratio < -0.5 ? 0 : ratio <= 0.5 ? 1 : ratio <= 1 ? 2 : 3;
        if (a.index >= 0 && Math.abs(fitness - a.fitness) > 1) demerits += o.adjacentDemerits;
        let hyphens = flagged ? a.hyphens + 1 : 0;
        if (hyphens > hyphenLimit) {
          // past the limit only to rescue a paragraph that cannot be set otherwise (a word wider than the line)
          if (!rescue) continue;
          demerits += PAST_HYPHEN_LIMIT;
          hyphens = hyphenLimit;
        }
        const k = fitness * runs + hyphens;
        const total = a.demerits + demerits;
        if (!bestFrom[k] || total < bestTotal[k]!) {
          bestFrom[k] = a;
          bestTotal[k] = total;
        }
      }
      if (stay < weighed) {
        for (let i = weighed; i < active.length; i++) active[stay++] = active[i]!;
        active.length = stay;
      }
      if (rescue && active.length === 0 && lastDropped && !bestFrom.some((n) => n !== undefined)) {
        // nothing fits: end an overfull line here rather than lose the paragraph
        bestFrom[runs] = lastDropped;
        bestTotal[runs] = lastDropped.demerits + INFINITE_BADNESS ** 2;
      }
      // a line starts after the break, past any glue and penalties that follow it: the first new break's totals, copied
      let first: Node | undefined;
      for (let k = 0; k < classes; k++) {
        const from = bestFrom[k];
        if (!from) continue;
        const n = node(b, from.line + 1, Math.floor(k / runs), flagged ? from.hyphens + 1 : 0, bestTotal[k]!, flagged, from);
        if (!first) {
          setTotalsAfterBreak((first = n), items, b, width, stretch, shrink);
          const last = active[active.length - 1];
          ordered = last === undefined || (ordered && first.width >= last.width && first.stretch >= last.stretch);
        } else {
          n.width = first.width;
          n.stretch = first.stretch;
          n.shrink = first.shrink;
        }
        active.push(n);
      }
      if (active.length === 0) return undefined;
    }
    if (item.type === 'box') width += item.width;
    else if (item.type === 'glue') {
      width += item.width;
      stretch += item.stretch;
      shrink += item.shrink;
    }
  }

  let last: Node | undefined;
  for (const a of active) if (a.index === items.length - 1 && (!last || a.demerits < last.demerits)) last = a;
  if (!last) return undefined;
  const breaks: number[] = [];
  for (let n: Node | undefined = last; n && n.index >= 0; n = n.prev) breaks.push(n.index);
  return breaks.reverse();
}

/** TeX's badness: 100·r³, where anything past INFINITELY_LOOSE is as bad as any other. */
function cappedBadness(ratio: number): number {
  return Number.isFinite(ratio) ? Math.min(INFINITE_BADNESS, 100 * Math.abs(ratio) ** 3) : INFINITE_BADNESS;
}

/**
 * The badness of a line given stretch besides its own (the emergency
 * stretch), uncapped: of two lines too loose for any tolerance, the looser
 * is the worse. A line that cannot stretch at all is worse than any that can.
 */
function gradedBadness(natural: number, stretch: number, lineWidth: number): number {
  const ratio = stretch > 0 ? (lineWidth - natural) / stretch : Infinity;
  return Number.isFinite(ratio) ? 100 * ratio ** 3 : INFINITE_BADNESS ** 2;
}

function adjustmentRatio(natural: number, stretch: number, shrink: number, lineWidth: number): number {
  if (natural < lineWidth) return stretch > 0 ? (lineWidth - natural) / stretch : Infinity;
  if (natural > lineWidth) return shrink > 0 ? (lineWidth - natural) / shrink : -Infinity;
  return 0;
}

/** Sets a new break's running totals as they stand where the next line's material begins. */
function setTotalsAfterBreak(n: Node, items: readonly Item[], b: number, width: number, stretch: number, shrink: number): void {
  let w = width;
  let st = stretch;
  let sh = shrink;
  for (let i = b; i < items.length; i++) {
    const it = items[i]!;
    if (it.type === 'box') break;
    if (it.type === 'penalty' && it.cost <= -INFINITE_PENALTY && i > b) break;
    if (it.type === 'glue') {
      w += it.width;
      st += it.stretch;
      sh += it.shrink;
    }
  }
  n.width = w;
  n.stretch = st;
  n.shrink = sh;
}
