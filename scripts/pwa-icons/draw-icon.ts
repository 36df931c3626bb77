import type { Rgba } from './png';

type Colour = readonly [number, number, number];

export const ICON_BACKGROUND: Colour = [0x0d, 0x11, 0x17];
export const ICON_ACCENT: Colour = [0x58, 0xa6, 0xff];

export interface IconSpec {
  size: number;
  /** maskable: the background fills the square and the mark stays inside the 80 % safe circle */
  maskable: boolean;
}

/** The brand mark: a hexagon outline (lucide's Hexagon, pointy top), in a 24-unit box. */
const HEXAGON: readonly (readonly [number, number])[] = [
  [12, 2],
  [21, 7],
  [21, 17],
  [12, 22],
  [3, 17],
  [3, 7],
];

function distanceToSegment(px: number, py: number, [ax, ay]: readonly [number, number], [bx, by]: readonly [number, number]): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function onHexagonStroke(x: number, y: number, halfWidth: number): boolean {
  for (let i = 0; i < HEXAGON.length; i += 1) {
    const a = HEXAGON[i];
    const b = HEXAGON[(i + 1) % HEXAGON.length];
    if (a && b && distanceToSegment(x, y, a, b) <= halfWidth) return true;
  }
  return false;
}

function insideRoundedSquare(x: number, y: number, size: number, radius: number): boolean {
  const cx = Math.min(Math.max(x, radius), size - radius);
  const cy = Math.min(Math.max(y, radius), size - radius);
  return Math.hypot(x - cx, y - cy) <= radius;
}

const SAMPLES = 4;

/** Draws the app icon with 4x4 supersampling: rounded dark tile (or full bleed when maskable) and the blue hexagon. */
export function drawIcon({ size, maskable }: IconSpec): Rgba {
  const pixels = new Uint8Array(size * size * 4);
  // The mark's 24-unit box: 62 % of the tile, or 50 % when maskable (inside the safe zone).
  const markSize = size * (maskable ? 0.5 : 0.62);
  const offset = (size - markSize) / 2;
  const unit = markSize / 24;
  const radius = size * 0.22;
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      let tile = 0;
      let mark = 0;
      for (let sy = 0; sy < SAMPLES; sy += 1) {
        for (let sx = 0; sx < SAMPLES; sx += 1) {
          const px = x + (sx + 0.5) / SAMPLES;
          const py = y + (sy + 0.5) / SAMPLES;
          if (maskable || insideRoundedSquare(px, py, size, radius)) tile += 1;
          if (onHexagonStroke((px - offset) / unit, (py - offset) / unit, 1.35)) mark += 1;
        }
      }
      const total = SAMPLES * SAMPLES;
      const markShare = mark / total;
      const alpha = Math.max(tile, mark) / total;
      const i = (y * size + x) * 4;
      for (let c = 0; c < 3; c += 1) pixels[i + c] = Math.round((ICON_ACCENT[c] ?? 0) * markShare + (ICON_BACKGROUND[c] ?? 0) * (1 - markShare));
      pixels[i + 3] = Math.round(alpha * 255);
    }
  }
  return { width: size, height: size, pixels };
}
