import { PNG } from 'pngjs';

export type Rgb = readonly [number, number, number];
export type Point = readonly [number, number];

/** Rows sampled per pixel for anti-aliasing. */
const SUBROWS = 4;

/**
 * A small software rasteriser for previews: fills polygons (non-zero
 * winding, anti-aliased), draws images, writes PNG. White paper to start.
 */
export class Raster {
  readonly rgba: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
    paper: Rgb = [255, 255, 255],
  ) {
    this.rgba = new Uint8Array(width * height * 4);
    for (let i = 0; i < width * height; i++) this.rgba.set([...paper, 255], i * 4);
  }

  /** Fills the shape made of closed polygons, in pixel coordinates. */
  fill(polygons: readonly (readonly Point[])[], color: Rgb): void {
    let top = Infinity;
    let bottom = -Infinity;
    for (const poly of polygons) for (const [, y] of poly) {
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
    const y0 = Math.max(0, Math.floor(top));
    const y1 = Math.min(this.height - 1, Math.ceil(bottom));
    const coverage = new Float32Array(this.width + 1);
    for (let py = y0; py <= y1; py++) {
      coverage.fill(0);
      let touched = false;
      for (let s = 0; s < SUBROWS; s++) {
        const y = py + (s + 0.5) / SUBROWS;
        const crossings: { x: number; dir: number }[] = [];
        for (const poly of polygons) {
          for (let i = 0; i < poly.length; i++) {
            const [ax, ay] = poly[i]!;
            const [bx, by] = poly[(i + 1) % poly.length]!;
            if ((ay <= y && by > y) || (by <= y && ay > y)) {
              crossings.push({ x: ax + ((y - ay) / (by - ay)) * (bx - ax), dir: by > ay ? 1 : -1 });
            }
          }
        }
        crossings.sort((a, b) => a.x - b.x);
        let winding = 0;
        for (let i = 0; i < crossings.length - 1; i++) {
          winding += crossings[i]!.dir;
          if (winding !== 0) {
            touched = true;
            this.span(coverage, crossings[i]!.x, crossings[i + 1]!.x, 1 / SUBROWS);
          }
        }
      }
      if (touched) this.blendRow(py, coverage, color);
    }
  }

  /** Draws RGBA pixels into a rectangle (nearest neighbour), clipped to `clip`. */
  image(pixels: Uint8Array, iw: number, ih: number, x: number, y: number, w: number, h: number, clip?: { x: number; y: number; width: number; height: number }): void {
    const cx0 = Math.max(0, Math.floor(clip ? clip.x : x));
    const cy0 = Math.max(0, Math.floor(clip ? clip.y : y));
    const cx1 = Math.min(this.width, Math.ceil(clip ? clip.x + clip.width : x + w));
    const cy1 = Math.min(this.height, Math.ceil(clip ? clip.y + clip.height : y + h));
    for (let py = cy0; py < cy1; py++) {
      const sy = Math.floor(((py + 0.5 - y) / h) * ih);
      if (sy < 0 || sy >= ih) continue;
      for (let px = cx0; px < cx1; px++) {
        const sx = Math.floor(((px + 0.5 - x) / w) * iw);
        if (sx < 0 || sx >= iw) continue;
        const s = (sy * iw + sx) * 4;
        const a = pixels[s + 3]! / 255;
        const d = (py * this.width + px) * 4;
        for (let c = 0; c < 3; c++) this.rgba[d + c] = Math.round(pixels[s + c]! * a + this.rgba[d + c]! * (1 - a));
      }
    }
  }

  /** A straight line of the given width, as a filled quadrilateral; dashed if `dash` is set. */
  line(x1: number, y1: number, x2: number, y2: number, width: number, color: Rgb, dash?: number): void {
    const length = Math.hypot(x2 - x1, y2 - y1);
    if (length === 0) return;
    const [ux, uy] = [(x2 - x1) / length, (y2 - y1) / length];
    const [nx, ny] = [(-uy * width) / 2, (ux * width) / 2];
    const step = dash ?? length;
    for (let t = 0; t < length; t += dash ? 2 * dash : length) {
      const [ax, ay] = [x1 + ux * t, y1 + uy * t];
      const e = Math.min(length, t + step);
      const [bx, by] = [x1 + ux * e, y1 + uy * e];
      this.fill([[[ax + nx, ay + ny], [bx + nx, by + ny], [bx - nx, by - ny], [ax - nx, ay - ny]]], color);
    }
  }

  png(): Buffer {
    const png = new PNG({ width: this.width, height: this.height });
    png.data = Buffer.from(this.rgba);
    return PNG.sync.write(png);
  }

  private span(coverage: Float32Array, xa: number, xb: number, weight: number): void {
    const a = Math.max(0, xa);
    const b = Math.min(this.width, xb);
    if (b <= a) return;
    const ia = Math.floor(a);
    const ib = Math.floor(b);
    if (ia === ib) {
      coverage[ia]! += (b - a) * weight;
      return;
    }
    coverage[ia]! += (ia + 1 - a) * weight;
    for (let i = ia + 1; i < ib; i++) coverage[i]! += weight;
    if (ib < this.width) coverage[ib]! += (b - ib) * weight;
  }

  private blendRow(py: number, coverage: Float32Array, color: Rgb): void {
    for (let px = 0; px < this.width; px++) {
      const a = Math.min(1, coverage[px]!);
      if (a <= 0) continue;
      const d = (py * this.width + px) * 4;
      for (let c = 0; c < 3; c++) this.rgba[d + c] = Math.round(color[c]! * a + this.rgba[d + c]! * (1 - a));
    }
  }
}
