/**
 * A CFF subset's subroutines: only those its glyphs call, numbered afresh.
 * A subset that keeps a face's own numbering must keep every subroutine it
 * does not call as an empty one, and a Noto CJK face has some 30,000: their
 * offsets are most of a Japanese zine's font programs. Here each glyph's
 * charstring (Type 2) is run as far as the subroutines it calls, counting
 * the stems it declares (they tell how long its hint masks are), and each
 * charstring and subroutine kept is written again with its calls' new
 * numbers. Pure: charstrings in, charstrings out.
 */

/** A face's subroutines of one kind, by index. */
export interface Subroutines {
  count: number;
  get(index: number): Uint8Array;
}

export interface Charstrings {
  /** The subset's glyphs' charstrings, in the subset's order. */
  glyphs: readonly Uint8Array[];
  /** Each glyph's font dictionary: the index of its local subroutines in `locals`. */
  fontDicts: readonly number[];
  globals: Subroutines;
  locals: readonly Subroutines[];
}

export interface Renumbered {
  glyphs: Uint8Array[];
  globals: Uint8Array[];
  /** By font dictionary, as `locals`: none for one no glyph of the subset uses. */
  locals: Uint8Array[][];
}

/**
 * A glyph whose subroutines come to more bytes than this as it runs keeps
 * the face's numbering (font/charstrings.ts has fontkit refuse such a glyph
 * first).
 */
const MOST_BYTES = 1 << 16;
/** Type 2's limits: of nested subroutine calls, and of operands on the stack. */
const MOST_DEPTH = 10;
const MOST_OPERANDS = 48;

/** A call in a charstring: where its number is written, and which subroutine it calls. */
interface Call {
  from: number;
  to: number;
  global: boolean;
  index: number;
}

/** A charstring or subroutine as its runs read it: its calls, the same in every run. */
interface Body {
  bytes: Uint8Array;
  global: boolean;
  calls: Call[] | undefined;
  /** For a global subroutine calling local ones: the font dictionary whose they are. */
  fontDict: number | undefined;
}

/** Why a face's subroutines are left numbered as they are. */
class KeepNumbering extends Error {}

/**
 * The subset's charstrings and the subroutines they call, renumbered; or
 * undefined where the numbering must stay: a call whose number is worked
 * out rather than written before it, a subroutine read two ways by its
 * callers (a hint mask after different stems), a global subroutine calling
 * the local ones of two font dictionaries, an operator Type 2 does not
 * have, a call of no subroutine, or a glyph past Type 2's limits or running
 * more than any glyph does.
 */
export function renumberSubroutines(set: Charstrings): Renumbered | undefined {
  const globals = new Map<number, Body>();
  const locals = set.locals.map(() => new Map<number, Body>());
  try {
    const glyphs = set.glyphs.map((bytes, g) => {
      const body: Body = { bytes, global: false, calls: undefined, fontDict: undefined };
      run(body, { set, fontDict: set.fontDicts[g]!, globals, locals, stems: 0, stack: [], spent: 0 }, 0);
      return body;
    });
    // the subroutines kept, by their old numbers in order: the one list both numbers them anew and is written out
    const inOrder = (used: Map<number, Body>): [number, Body][] => [...used].sort(([a], [b]) => a - b);
    const numbersOf = (kept: [number, Body][]): Map<number, number> => new Map(kept.map(([old], i) => [old, i]));
    const keptGlobals = inOrder(globals);
    const keptLocals = locals.map(inOrder);
    const globalNumbers = numbersOf(keptGlobals);
    const localNumbers = keptLocals.map(numbersOf);
    const write = (body: Body, fontDict: number | undefined): Uint8Array => rewrite(body, (call) => {
      const numbers = call.global ? globalNumbers : localNumbers[fontDict!]!;
      return numbers.get(call.index)! - bias(numbers.size);
    });
    return {
      glyphs: glyphs.map((body, g) => write(body, set.fontDicts[g])),
      globals: keptGlobals.map(([, body]) => write(body, body.fontDict)),
      locals: keptLocals.map((kept, fontDict) => kept.map(([, body]) => write(body, fontDict))),
    };
  } catch (e) {
    if (e instanceof KeepNumbering) return undefined;
    throw e;
  }
}

interface Run {
  set: Charstrings;
  fontDict: number;
  globals: Map<number, Body>;
  locals: Map<number, Body>[];
  /** Stems declared so far: a hint mask has a bit for each. */
  stems: number;
  /** The operands, each with where it was written, in which body. */
  stack: { value: number; body: Body; from: number; to: number }[];
  /** Bytes run so far, subroutines and all. */
  spent: number;
}

/** The stem hints, whose operands are pairs (an odd one first is the glyph's width). */
const STEMS = new Set([1, 3, 18, 23]);
const HINT_MASKS = new Set([19, 20]);
/** Operators that draw, clearing the operands: moves, lines, curves; and, after 12, the flexes. */
const DRAWING = new Set([4, 5, 6, 7, 8, 21, 22, 24, 25, 26, 27, 30, 31]);
const FLEXES = new Set([34, 35, 36, 37]);
const [CALL_LOCAL, RETURN, END, ESCAPE, SHORT_INT, CALL_GLOBAL, FIXED] = [10, 11, 14, 12, 28, 29, 255];

/** Runs `body` (a charstring, or a subroutine it calls): whether the glyph ended in it (endchar). */
function run(body: Body, state: Run, depth: number): boolean {
  const { bytes } = body;
  const calls: Call[] = [];
  let ended = false;
  let i = 0;
  while (i < bytes.length && !ended) {
    const b = bytes[i]!;
    if (b === SHORT_INT || b >= 32) {
      const to = i + (b === SHORT_INT ? 3 : b <= 246 ? 1 : b === FIXED ? 5 : 2);
      if (to > bytes.length || state.stack.length >= MOST_OPERANDS) throw new KeepNumbering();
      state.stack.push({ value: numberAt(bytes, i), body, from: i, to });
      i = to;
      continue;
    }
    if (b === CALL_LOCAL || b === CALL_GLOBAL) {
      const operand = state.stack.pop();
      // the number written right before the call, in this charstring: a number worked out cannot be renumbered
      if (!operand || operand.body !== body || operand.to !== i || !Number.isInteger(operand.value)) throw new KeepNumbering();
      const global = b === CALL_GLOBAL;
      const subroutines = global ? state.set.globals : state.set.locals[state.fontDict];
      if (!subroutines) throw new KeepNumbering();
      const index = operand.value + bias(subroutines.count);
      if (index < 0 || index >= subroutines.count || depth >= MOST_DEPTH) throw new KeepNumbering();
      calls.push({ from: operand.from, to: i, global, index });
      const used = global ? state.globals : state.locals[state.fontDict]!;
      let called = used.get(index);
      if (!called) used.set(index, (called = { bytes: subroutines.get(index), global, calls: undefined, fontDict: undefined }));
      state.spent += Math.max(1, called.bytes.length);
      if (state.spent > MOST_BYTES) throw new KeepNumbering();
      ended = run(called, state, depth + 1);
      i++;
      continue;
    }
    if (b === RETURN) break;
    if (b === END) {
      ended = true;
      break;
    }
    if (STEMS.has(b) || HINT_MASKS.has(b)) {
      state.stems += state.stack.length >> 1;
      state.stack.length = 0;
      i += HINT_MASKS.has(b) ? 1 + ((state.stems + 7) >> 3) : 1;
      continue;
    }
    if (DRAWING.has(b) || (b === ESCAPE && (FLEXES.has(bytes[i + 1]!) || bytes[i + 1] === 0))) {
      state.stack.length = 0;
      i += b === ESCAPE ? 2 : 1;
      continue;
    }
    // arithmetic and storage (after 12), whose results a call might take, and bytes Type 2 gives no meaning
    throw new KeepNumbering();
  }
  if (i > bytes.length) throw new KeepNumbering();
  if (body.calls === undefined) body.calls = calls;
  else if (!sameCalls(body.calls, calls)) throw new KeepNumbering();
  // a global subroutine's local calls can be numbered in one font dictionary's subroutines only
  if (body.global && calls.some((c) => !c.global)) {
    if (body.fontDict !== undefined && body.fontDict !== state.fontDict) throw new KeepNumbering();
    body.fontDict = state.fontDict;
  }
  return ended;
}

function sameCalls(a: readonly Call[], b: readonly Call[]): boolean {
  return a.length === b.length && a.every((c, k) => c.from === b[k]!.from && c.to === b[k]!.to && c.global === b[k]!.global && c.index === b[k]!.index);
}

/** The charstring with each call's number written anew. */
function rewrite(body: Body, number: (call: Call) => number): Uint8Array {
  const calls = body.calls ?? [];
  if (calls.length === 0) return body.bytes;
  const parts: number[] = [];
  let at = 0;
  for (const call of calls) {
    for (let i = at; i < call.from; i++) parts.push(body.bytes[i]!);
    parts.push(...encodeInteger(number(call)));
    at = call.to;
  }
  for (let i = at; i < body.bytes.length; i++) parts.push(body.bytes[i]!);
  return Uint8Array.from(parts);
}

/** What Type 2 adds to a call's operand, by the count of subroutines it indexes. */
export function bias(count: number): number {
  return count < 1240 ? 107 : count < 33900 ? 1131 : 32768;
}

/** The number written at `i`: an integer in one, two or three bytes, or a 16.16 fixed-point number in five. */
function numberAt(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  if (b <= 246 && b >= 32) return b - 139;
  if (b <= 250 && b >= 247) return (b - 247) * 256 + bytes[i + 1]! + 108;
  if (b <= 254 && b >= 251) return -(b - 251) * 256 - bytes[i + 1]! - 108;
  if (b === SHORT_INT) return ((bytes[i + 1]! << 24) | (bytes[i + 2]! << 16)) >> 16;
  return ((bytes[i + 1]! << 24) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 8) | bytes[i + 4]!) / 65536;
}

/** An integer in Type 2's shortest form for it. */
export function encodeInteger(n: number): number[] {
  if (n >= -107 && n <= 107) return [n + 139];
  if (n >= 108 && n <= 1131) return [((n - 108) >> 8) + 247, (n - 108) & 0xff];
  if (n >= -1131 && n <= -108) return [((-n - 108) >> 8) + 251, (-n - 108) & 0xff];
  return [SHORT_INT, (n >> 8) & 0xff, n & 0xff];
}
