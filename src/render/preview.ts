import { glyphPositions, rgbOf, type Page } from '../display.js';
import { pageOrigin, type ImpositionPlan, type Placement } from '../impose/plan.js';
import { readGlyph, type Face } from '../font/book.js';
import { outlinePath } from '../font/glyf.js';
import type { Resources } from './pdf.js';
import { Raster, type Point, type Rgb } from './raster.js';

const GAP = 24;
const FOLD: Rgb = [200, 40, 40];
const CUT: Rgb = [40, 40, 200];
const EDGE: Rgb = [160, 160, 160];

/**
 * Pictures of the imposed sheets, one PNG per sheet: the front, then the back
 * beside it, as they come out of the printer (short-edge duplex), with fold
 * lines dashed red and cut lines dashed blue, so that a person can check
 * page order and margins before printing a stack.
 */
export function previewSheets(pages: readonly Page[], plan: ImpositionPlan, sheet: { width: number; height: number }, res: Resources, dpi: number): Buffer[] {
  const k = dpi / 72;
  const [sw, sh] = [Math.round(sheet.width * k), Math.round(sheet.height * k)];
  return plan.sheets.map((s) => {
    const sides = s.back.length > 0 ? [s.front, s.back] : [s.front];
    const raster = new Raster(sides.length * sw + (sides.length - 1) * GAP + 2 * GAP, sh + 2 * GAP, [90, 90, 90]);
    sides.forEach((side, i) => {
      const left = GAP + i * (sw + GAP);
      raster.fill([[[left, GAP], [left + sw, GAP], [left + sw, GAP + sh], [left, GAP + sh]]], [255, 255, 255]);
      for (const placement of side) {
        if (placement.page !== null) drawPage(raster, pages[placement.page]!, placement, plan, sheet, left, k, res);
      }
      for (const fx of plan.folds.x) raster.line(left + fx * sw, GAP, left + fx * sw, GAP + sh, 1, FOLD, 4);
      for (const fy of plan.folds.y) raster.line(left, GAP + fy * sh, left + sw, GAP + fy * sh, 1, FOLD, 4);
      for (const c of plan.cuts) raster.line(left + c.x1 * sw, GAP + c.y1 * sh, left + c.x2 * sw, GAP + c.y2 * sh, 1.5, CUT, 3);
      raster.line(left, GAP, left + sw, GAP, 1, EDGE);
    });
    return raster.png();
  });
}

function drawPage(raster: Raster, page: Page, p: Placement, plan: ImpositionPlan, sheet: { width: number; height: number }, left: number, k: number, res: Resources): void {
  const { x: x0, y: y0 } = pageOrigin(p, plan, sheet, page);
  // page points to raster pixels, turned where the plan turns the page
  const at = (x: number, y: number): Point => {
    const [px, py] = p.rotated ? [page.width - x, page.height - y] : [x, y];
    return [left + (x0 + px) * k, GAP + (y0 + py) * k];
  };
  for (const item of page.items) {
    if (item.kind === 'image') {
      const file = res.images.get(item.src, { file: item.src });
      const clip = item.clip ?? { x: item.x, y: item.y, width: item.width, height: item.height };
      const [a, b] = [at(item.x, item.y), at(item.x + item.width, item.y + item.height)];
      const [c, d] = [at(clip.x, clip.y), at(clip.x + clip.width, clip.y + clip.height)];
      const rect = (u: Point, v: Point) => ({ x: Math.min(u[0], v[0]), y: Math.min(u[1], v[1]), width: Math.abs(v[0] - u[0]), height: Math.abs(v[1] - u[1]) });
      const r = rect(a, b);
      // a turned page shows its image turned: draw it flipped both ways
      const pixels = p.rotated ? turned(file.pixels, file.width, file.height) : file.pixels;
      raster.image(pixels, file.width, file.height, r.x, r.y, r.width, r.height, rect(c, d));
    } else if (item.kind === 'text') {
      const face = res.fonts.byKey(item.font);
      const scale = item.size / face.unitsPerEm;
      const polygons: Point[][] = [];
      for (const span of item.spans) {
        const positions = glyphPositions(span);
        span.glyphs.forEach((glyph, i) => {
          const [gx, gy] = [item.x + positions[i]!, item.y - glyph.rise];
          // one by one: a font's glyph may have any number of contours, too many to spread into a call
          for (const polygon of outline(glyphPath(face, glyph.id), (u, v) => at(gx + u * scale, gy - v * scale))) polygons.push(polygon);
        });
      }
      if (polygons.length > 0) raster.fill(polygons, rgb(item.color));
    }
  }
}

/** A glyph's outline as fontkit reads it (a TrueType one from its tables), a forged one refused in one line (font/book.ts readGlyph). */
function glyphPath(face: Face, id: number): PathCommand[] {
  return readGlyph(face, id, (glyph) => glyph.path.commands, (glyf) => outlinePath(glyf, id));
}

type PathCommand = { command: string; args: number[] };

/** A glyph's outline as polygons, curves flattened. */
function outline(commands: PathCommand[], map: (x: number, y: number) => Point): Point[][] {
  const polygons: Point[][] = [];
  let current: Point[] = [];
  let [cx, cy] = [0, 0];
  const to = (x: number, y: number): void => {
    current.push(map(x, y));
    [cx, cy] = [x, y];
  };
  for (const { command, args } of commands) {
    if (command === 'moveTo') {
      if (current.length > 2) polygons.push(current);
      current = [];
      to(args[0]!, args[1]!);
    } else if (command === 'lineTo') to(args[0]!, args[1]!);
    else if (command === 'quadraticCurveTo') {
      const [qx, qy, x, y] = args as [number, number, number, number];
      const [sx, sy] = [cx, cy];
      for (let t = 0.25; t <= 1; t += 0.25) to((1 - t) ** 2 * sx + 2 * (1 - t) * t * qx + t * t * x, (1 - t) ** 2 * sy + 2 * (1 - t) * t * qy + t * t * y);
    } else if (command === 'bezierCurveTo') {
      const [ax, ay, bx, by, x, y] = args as [number, number, number, number, number, number];
      const [sx, sy] = [cx, cy];
      for (let t = 0.2; t <= 1.0001; t += 0.2) {
        const u = 1 - t;
        to(u ** 3 * sx + 3 * u * u * t * ax + 3 * u * t * t * bx + t ** 3 * x, u ** 3 * sy + 3 * u * u * t * ay + 3 * u * t * t * by + t ** 3 * y);
      }
    }
  }
  if (current.length > 2) polygons.push(current);
  return polygons;
}

function turned(pixels: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(pixels.length);
  for (let i = 0; i < width * height; i++) out.set(pixels.subarray(i * 4, i * 4 + 4), (width * height - 1 - i) * 4);
  return out;
}

function rgb(color: string | undefined): Rgb {
  return color ? rgbOf(color) : [0, 0, 0];
}
