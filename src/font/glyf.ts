/**
 * A TrueType face's outlines as its tables hold them: where each glyph lies
 * in the glyf table (loca), and a glyph's exact bounding box.
 *
 * The box is the one fontkit's `glyph.bbox` gives, float for float: its
 * contours, its quadratic curves, the curves' extremes and its quirks (a
 * contour starting between two off-curve points). fontkit makes objects for
 * every point and path command of a glyph, and the ink of a locale's lines
 * asks for hundreds. A glyph that cannot be read so (its data past its own
 * end, a component the font lacks, components nested or repeated past any
 * real font's) is damaged: fontkit would read it somehow, or expand it
 * without end.
 */

/** A face's tables by tag, as the font file holds them. */
export type TableOf = (tag: string) => Uint8Array | undefined;

/** Compound glyph flags (OpenType glyf). */
const ARG_1_AND_2_ARE_WORDS = 0x1;
const WE_HAVE_A_SCALE = 0x8;
export const MORE_COMPONENTS = 0x20;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x40;
const WE_HAVE_A_TWO_BY_TWO = 0x80;

/** How many 2.14 numbers scale a compound glyph's component, by its flags. */
const scaleCount = (flags: number): number =>
  (flags & WE_HAVE_A_SCALE ? 1 : flags & WE_HAVE_AN_X_AND_Y_SCALE ? 2 : flags & WE_HAVE_A_TWO_BY_TWO ? 4 : 0);

/** A compound glyph's component record's length in bytes, by its flags: flags, glyph, offsets and scale. */
export const componentSize = (flags: number): number => 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2) + 2 * scaleCount(flags);

/** A face's glyf table and where each glyph's outline starts in it. */
export interface Glyf {
  glyf: Uint8Array;
  /** The glyf table, read. */
  data: DataView;
  numGlyphs: number;
  longLoca: boolean;
  /** Where glyph `id` starts in `glyf`; the next glyph's start is where it ends. */
  offset(id: number): number;
}

/** A glyph's bounding box in font units; an empty glyph's runs from Infinity to -Infinity, as fontkit's. */
export interface GlyphBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/**
 * The face's glyf table read through its loca; undefined for tables shorter
 * than they say. A font with variations is read at its default instance, as
 * fontkit reads it when no variation is asked for.
 */
export function glyfOf(table: TableOf): Glyf | undefined {
  const [head, maxp, loca, glyf] = ['head', 'maxp', 'loca', 'glyf'].map((tag) => table(tag));
  if (!head || !maxp || !loca || !glyf || head.length < 54 || maxp.length < 6) return undefined;
  const longLoca = view(head).getInt16(50) !== 0;
  const numGlyphs = view(maxp).getUint16(4);
  if (loca.length < (numGlyphs + 1) * (longLoca ? 4 : 2)) return undefined;
  const locaView = view(loca);
  return { glyf, data: view(glyf), numGlyphs, longLoca, offset: (id) => (longLoca ? locaView.getUint32(id * 4) : locaView.getUint16(id * 2) * 2) };
}

export const view = (bytes: Uint8Array): DataView => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Points of a glyph's contours, flat: coordinates, whether each is on the curve, and the index of each contour's last point. */
interface Points {
  x: number[];
  y: number[];
  on: boolean[];
  ends: number[];
}

/** Deeper than any font nests its compound glyphs (maxp's maxComponentDepth is rarely past 3). */
const DEEPEST_COMPONENT = 16;
/**
 * The most points a glyph may have, its components' included, and the most
 * component records reading it may take: maxp counts each in 16 bits. A
 * forged font's compound glyphs, each made of tens of the next, would
 * otherwise come to billions of points, or of records of glyphs with none.
 */
export const MOST_POINTS = 65535;
export const MOST_COMPONENTS = 65535;

/** A glyph that cannot be read as a font's glyph: its data past its end, a component it lacks, too deep or too large. */
export class DamagedGlyph extends Error {}

/** What reading one glyph has taken, its components' included. */
interface Work {
  points: number;
  components: number;
}

/** Glyph `id`'s exact bounding box, as fontkit's `bbox`; throws DamagedGlyph where the glyph cannot be read. */
export function outlineBox(glyf: Glyf, id: number): GlyphBox {
  return boxOf(pointsOf(glyf, id));
}

/** Reads glyph `id`'s points and throws DamagedGlyph where they cannot be read, before another reader (fontkit) runs it. */
export function checkOutline(glyf: Glyf, id: number): void {
  pointsOf(glyf, id);
}

/** Glyph `id`'s points, its components' included; throws DamagedGlyph where the glyph cannot be read. */
function pointsOf(glyf: Glyf, id: number): Points {
  const points: Points = { x: [], y: [], on: [], ends: [] };
  readPoints(glyf, id, points, { points: 0, components: 0 }, 0);
  return points;
}

/** Adds glyph `id`'s points to `into`, a compound glyph's components transformed. */
function readPoints(g: Glyf, id: number, into: Points, work: Work, depth: number): void {
  if (id >= g.numGlyphs) throw new DamagedGlyph(`a component ${id} past the font's ${g.numGlyphs} glyphs`);
  if (depth > DEEPEST_COMPONENT) throw new DamagedGlyph(`components nested more than ${DEEPEST_COMPONENT} deep`);
  const start = g.offset(id);
  const end = g.offset(id + 1);
  if (start === end) return;
  // a glyph's header is ten bytes
  if (end < start || end > g.glyf.length || end - start < 10) throw new DamagedGlyph('a glyph outside the glyf table, or cut short');
  const contours = g.data.getInt16(start);
  if (contours > 0) readSimple(g.data, start + 10, end, contours, into, work);
  else if (contours < 0) readCompound(g, start + 10, end, into, work, depth);
}

const ON_CURVE = 0x1;
const X_SHORT = 0x2;
const Y_SHORT = 0x4;
const REPEAT = 0x8;
const SAME_X = 0x10;
const SAME_Y = 0x20;

const pastEnd = (): DamagedGlyph => new DamagedGlyph("a glyph's data running past its end");

/** A simple glyph's points, its data from `at` to `end` of the table. */
function readSimple(data: DataView, at: number, end: number, contours: number, into: Points, work: Work): void {
  if (at + contours * 2 + 2 > end) throw pastEnd();
  const ends: number[] = [];
  for (let i = 0; i < contours; i++, at += 2) {
    const last = data.getUint16(at);
    // fontkit marks a point as a contour's end wherever the list names it: only a rising list reads the same here
    if (i > 0 && last <= ends[i - 1]!) throw new DamagedGlyph('contours whose ends do not rise');
    ends.push(last);
  }
  at += 2 + data.getUint16(at);
  const count = ends[contours - 1]! + 1;
  work.points += count;
  if (work.points > MOST_POINTS) throw new DamagedGlyph(`a glyph of more than ${MOST_POINTS} points`);
  const flags = new Uint8Array(count);
  for (let n = 0; n < count;) {
    if (at >= end) throw pastEnd();
    const flag = data.getUint8(at++);
    flags[n++] = flag;
    if (flag & REPEAT) {
      if (at >= end) throw pastEnd();
      const repeat = data.getUint8(at++);
      if (n + repeat > count) throw new DamagedGlyph("flags repeated past a glyph's points");
      flags.fill(flag, n, n + repeat);
      n += repeat;
    }
  }
  const base = into.x.length;
  const coordinates = (short: number, same: number, to: number[]): void => {
    let value = 0;
    for (let i = 0; i < count; i++) {
      const flag = flags[i]!;
      if (flag & short) {
        if (at + 1 > end) throw pastEnd();
        const delta = data.getUint8(at++);
        value += flag & same ? delta : -delta;
      } else if (!(flag & same)) {
        if (at + 2 > end) throw pastEnd();
        value += data.getInt16(at);
        at += 2;
      }
      to.push(value);
    }
  };
  coordinates(X_SHORT, SAME_X, into.x);
  coordinates(Y_SHORT, SAME_Y, into.y);
  for (let i = 0; i < count; i++) into.on.push((flags[i]! & ON_CURVE) !== 0);
  for (const last of ends) into.ends.push(base + last);
}

/** A compound glyph's components' points, each transformed, its records from `at` to `end` of the table. */
function readCompound(g: Glyf, at: number, end: number, into: Points, work: Work, depth: number): void {
  const data = g.data;
  let flags = MORE_COMPONENTS;
  while (flags & MORE_COMPONENTS) {
    if (++work.components > MOST_COMPONENTS) throw new DamagedGlyph(`a glyph of more than ${MOST_COMPONENTS} components`);
    if (at + 4 > end) throw pastEnd();
    flags = data.getUint16(at);
    const id = data.getUint16(at + 2);
    const words = (flags & ARG_1_AND_2_ARE_WORDS) !== 0;
    const scales = scaleCount(flags);
    if (at + componentSize(flags) > end) throw pastEnd();
    // the arguments are read as offsets, as fontkit reads them, matched points or not
    const dx = words ? data.getInt16(at + 4) : data.getInt8(at + 4);
    const dy = words ? data.getInt16(at + 6) : data.getInt8(at + 5);
    at += words ? 8 : 6;
    const f2dot14 = (i: number): number => data.getInt16(at + i * 2) / 16384;
    let [scaleX, scale01, scale10, scaleY] = [1, 0, 0, 1];
    if (scales === 1) scaleX = scaleY = f2dot14(0);
    else if (scales === 2) [scaleX, scaleY] = [f2dot14(0), f2dot14(1)];
    else if (scales === 4) [scaleX, scale01, scale10, scaleY] = [f2dot14(0), f2dot14(1), f2dot14(2), f2dot14(3)];
    at += scales * 2;
    const component: Points = { x: [], y: [], on: [], ends: [] };
    readPoints(g, id, component, work, depth + 1);
    const base = into.x.length;
    for (let i = 0; i < component.x.length; i++) {
      const x = component.x[i]!;
      const y = component.y[i]!;
      into.x.push(x * scaleX + y * scale01 + dx);
      into.y.push(y * scaleY + x * scale10 + dy);
      into.on.push(component.on[i]!);
    }
    for (const last of component.ends) into.ends.push(base + last);
  }
}

/** What draws a glyph's contours: fontkit's path commands. */
interface Pen {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  quadraticCurveTo(qx: number, qy: number, x: number, y: number): void;
  closePath(): void;
}

/** A path command as fontkit's `Path` keeps it. */
export interface PathCommand {
  command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'closePath';
  args: number[];
}

/** Glyph `id`'s outline as fontkit's `glyph.path.commands` gives it; throws DamagedGlyph where the glyph cannot be read. */
export function outlinePath(glyf: Glyf, id: number): PathCommand[] {
  const commands: PathCommand[] = [];
  draw(pointsOf(glyf, id), {
    moveTo: (x, y) => commands.push({ command: 'moveTo', args: [x, y] }),
    lineTo: (x, y) => commands.push({ command: 'lineTo', args: [x, y] }),
    quadraticCurveTo: (qx, qy, x, y) => commands.push({ command: 'quadraticCurveTo', args: [qx, qy, x, y] }),
    closePath: () => commands.push({ command: 'closePath', args: [] }),
  });
  return commands;
}

/**
 * The exact box of the contours' path, measured as fontkit's `Path.bbox`
 * measures: each quadratic curve raised to a cubic, its extremes found
 * between its ends.
 */
function boxOf(points: Points): GlyphBox {
  const box: GlyphBox = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  let cx = 0;
  let cy = 0;
  const to = (px: number, py: number): void => {
    addPoint(box, px, py);
    cx = px;
    cy = py;
  };
  draw(points, {
    moveTo: to,
    lineTo: to,
    quadraticCurveTo: (qx, qy, px, py) => {
      addPoint(box, px, py);
      // CP1 = QP0 + 2/3 (QP1 − QP0), CP2 = QP2 + 2/3 (QP1 − QP2), as fontkit writes them
      extremes(box, 'x', cx, cx + 2 / 3 * (qx - cx), px + 2 / 3 * (qx - px), px);
      extremes(box, 'y', cy, cy + 2 / 3 * (qy - cy), py + 2 / 3 * (qy - py), py);
      cx = px;
      cy = py;
    },
    closePath: () => {},
  });
  return box;
}

/**
 * The contours drawn as fontkit's TrueType glyph draws them: each from its
 * first point if on the curve, else from its last if that is, else from
 * between the two (a point fontkit then takes as off the curve); two
 * off-curve points in a row meet halfway.
 */
function draw({ x, y, on, ends }: Points, pen: Pen): void {
  let from = 0;
  for (const last of ends) {
    let firstX = x[from]!;
    let firstY = y[from]!;
    let firstOn = on[from]!;
    let start = from;
    let curve = false;
    let curveX = 0;
    let curveY = 0;
    if (firstOn) start = from + 1;
    else {
      if (on[last]) {
        firstX = x[last]!;
        firstY = y[last]!;
        firstOn = true;
      } else {
        firstX = (firstX + x[last]!) / 2;
        firstY = (firstY + y[last]!) / 2;
      }
      curve = true;
      curveX = firstX;
      curveY = firstY;
    }
    pen.moveTo(firstX, firstY);
    for (let j = start; j <= last; j++) {
      const prevX = j === from ? firstX : x[j - 1]!;
      const prevY = j === from ? firstY : y[j - 1]!;
      const prevOn = j === from ? firstOn : on[j - 1]!;
      if (prevOn && on[j]) pen.lineTo(x[j]!, y[j]!);
      else if (!prevOn && on[j]) {
        pen.quadraticCurveTo(curveX, curveY, x[j]!, y[j]!);
        curve = false;
      } else {
        if (!prevOn) pen.quadraticCurveTo(prevX, prevY, (prevX + x[j]!) / 2, (prevY + y[j]!) / 2);
        curve = true;
        curveX = x[j]!;
        curveY = y[j]!;
      }
    }
    if (curve) pen.quadraticCurveTo(curveX, curveY, firstX, firstY);
    pen.closePath();
    from = last + 1;
  }
}

/** fontkit's `BBox.addPoint`: infinite coordinates are not counted. */
function addPoint(box: GlyphBox, px: number, py: number): void {
  if (Math.abs(px) !== Infinity) {
    if (px < box.minX) box.minX = px;
    if (px > box.maxX) box.maxX = px;
  }
  if (Math.abs(py) !== Infinity) {
    if (py < box.minY) box.minY = py;
    if (py > box.maxY) box.maxY = py;
  }
}

/**
 * The cubic p0…p3's extremes strictly between its ends in one coordinate,
 * added to the box by fontkit's arithmetic: an x beside the box's top, a y
 * beside its right side.
 */
function extremes(box: GlyphBox, axis: 'x' | 'y', p0: number, p1: number, p2: number, p3: number): void {
  const f = (t: number): number => Math.pow(1 - t, 3) * p0 + 3 * Math.pow(1 - t, 2) * t * p1 + 3 * (1 - t) * Math.pow(t, 2) * p2 + Math.pow(t, 3) * p3;
  const at = (t: number): void => {
    if (0 < t && t < 1) {
      if (axis === 'x') addPoint(box, f(t), box.maxY);
      else addPoint(box, box.maxX, f(t));
    }
  };
  const b = 6 * p0 - 12 * p1 + 6 * p2;
  const a = -3 * p0 + 9 * p1 - 9 * p2 + 3 * p3;
  const c = 3 * p1 - 3 * p0;
  if (a === 0) {
    if (b !== 0) at(-c / b);
    return;
  }
  const b2ac = Math.pow(b, 2) - 4 * c * a;
  if (b2ac < 0) return;
  at((-b + Math.sqrt(b2ac)) / (2 * a));
  at((-b - Math.sqrt(b2ac)) / (2 * a));
}
