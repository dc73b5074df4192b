import { PNG } from 'pngjs';
import type { Mask, Volume } from '../../src/volume/types.ts';

/** Options of {@link renderAxialMontagePng}. */
export interface AxialMontageOptions {
  /** Slices (z indices) shown, left to right then top to bottom. */
  readonly slices: readonly number[];
  /** Centre (x, y index) of the square crop shown of every slice. */
  readonly centre: readonly [number, number];
  /** Half-size of the crop (pixels); default 40. */
  readonly half?: number;
  /** Display window (HU); default [-200, 1200]. */
  readonly windowHu?: readonly [number, number];
  /** Integer zoom; default 3. */
  readonly zoom?: number;
  /** Tiles per row; default 5. */
  readonly columns?: number;
}

/**
 * Renders square crops of axial slices of a volume in a grey window as a montage (one tile per slice, the
 * image's own row and column order: for an LPS grid anterior at the top, the patient's right on the left),
 * with the ROI mask in red. Returns PNG bytes.
 */
export function renderAxialMontagePng(
  volume: Volume,
  roi: Mask | undefined,
  options: AxialMontageOptions,
): Uint8Array {
  const [nx, ny] = volume.grid.size;
  const half = options.half ?? 40;
  const zoom = options.zoom ?? 3;
  const columns = options.columns ?? 5;
  const [lo, hi] = options.windowHu ?? [-200, 1200];
  const tile = (2 * half + 1) * zoom;
  const rows = Math.ceil(options.slices.length / columns);
  const png = new PNG({ width: tile * columns, height: tile * rows });
  png.data.fill(0);
  options.slices.forEach((z, t) => {
    const tx = (t % columns) * tile;
    const ty = Math.floor(t / columns) * tile;
    for (let j = 0; j <= 2 * half; j++) {
      for (let i = 0; i <= 2 * half; i++) {
        const x = options.centre[0] - half + i;
        const y = options.centre[1] - half + j;
        const inside = x >= 0 && y >= 0 && x < nx && y < ny;
        const idx = x + nx * (y + ny * z);
        const hu = inside ? volume.data[idx] : lo;
        const g = Math.max(0, Math.min(255, Math.round(((hu - lo) / (hi - lo)) * 255)));
        const red = inside && roi !== undefined && roi.data[idx] === 1;
        const rgb = red ? [255, Math.round(g / 3), Math.round(g / 3)] : [g, g, g];
        for (let b = 0; b < zoom; b++) {
          for (let a = 0; a < zoom; a++) {
            const o = 4 * (tx + i * zoom + a + png.width * (ty + j * zoom + b));
            png.data[o] = rgb[0];
            png.data[o + 1] = rgb[1];
            png.data[o + 2] = rgb[2];
            png.data[o + 3] = 255;
          }
        }
      }
    }
  });
  return new Uint8Array(PNG.sync.write(png));
}
