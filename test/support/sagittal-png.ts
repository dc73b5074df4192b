import { PNG } from 'pngjs';
import type { Mask, Volume } from '../../src/volume/types.ts';

/** A vertebral level to mark: its name and LPS z range (mm). */
export interface SagittalLevel {
  readonly label: string;
  readonly zRangeMm: readonly [number, number];
}

/** Options of {@link renderSagittalPng}. */
export interface SagittalOptions {
  /** The x index of the sagittal plane. */
  readonly x: number;
  /** Display window (HU); default [-200, 1200]. */
  readonly windowHu?: readonly [number, number];
  /** Integer zoom of the output; default 2. */
  readonly zoom?: number;
  /** Rows (y indices) shown, first and last; default all. */
  readonly yRange?: readonly [number, number];
}

// 3x5 bitmap glyphs (rows top to bottom, 3 bits each, most significant bit on the left).
const GLYPHS: Readonly<Record<string, readonly number[]>> = {
  '0': [7, 5, 5, 5, 7],
  '1': [2, 6, 2, 2, 7],
  '2': [7, 1, 7, 4, 7],
  '3': [7, 1, 7, 1, 7],
  '4': [5, 5, 7, 1, 1],
  '5': [7, 4, 7, 1, 7],
  '6': [7, 4, 7, 5, 7],
  '7': [7, 1, 1, 1, 1],
  '8': [7, 5, 7, 5, 7],
  '9': [7, 5, 7, 1, 7],
  C: [7, 4, 4, 4, 7],
  L: [4, 4, 4, 4, 7],
  S: [7, 4, 7, 1, 7],
  T: [7, 2, 2, 2, 2],
};

const PALETTE: readonly (readonly [number, number, number])[] = [
  [255, 200, 0],
  [0, 200, 255],
];

/**
 * Renders the sagittal plane x of an axial LPS volume (superior at the top, anterior on the left, rows
 * resampled to square pixels by nearest neighbour) in a grey window, with each level's z range as a coloured
 * bar and name on the left, its first and last rows dotted across, and the ROI mask's projection along x (all its voxels) in red. Returns PNG bytes.
 */
export function renderSagittalPng(
  volume: Volume,
  levels: readonly SagittalLevel[],
  roi: Mask | undefined,
  options: SagittalOptions,
): Uint8Array {
  const [nx, ny, nz] = volume.grid.size;
  const [, sy, sz] = volume.grid.spacingMm;
  const oz = volume.grid.originLpsMm[2];
  const dzSign = volume.grid.direction[8] >= 0 ? 1 : -1;
  const [lo, hi] = options.windowHu ?? [-200, 1200];
  const zoom = options.zoom ?? 2;
  const margin = 40;
  const [ya, yb] = options.yRange ?? [0, ny - 1];
  const shown = yb - ya + 1;
  const zTop = Math.max(oz, oz + dzSign * (nz - 1) * sz);
  const rows = Math.round((nz * sz) / sy);
  const width = (shown + margin) * zoom;
  const height = rows * zoom;
  const png = new PNG({ width, height });
  const put = (c: number, r: number, rgb: readonly [number, number, number]): void => {
    for (let a = 0; a < zoom; a++) {
      for (let b = 0; b < zoom; b++) {
        const o = 4 * (c * zoom + a + width * (r * zoom + b));
        png.data[o] = rgb[0];
        png.data[o + 1] = rgb[1];
        png.data[o + 2] = rgb[2];
        png.data[o + 3] = 255;
      }
    }
  };
  const inRoi = new Uint8Array(ny * nz);
  if (roi !== undefined) {
    for (let z = 0; z < nz; z++)
      for (let y = 0; y < ny; y++)
        for (let x = 0; x < nx; x++) if (roi.data[x + nx * (y + ny * z)] === 1) inRoi[y + ny * z] = 1;
  }
  const sliceOfRow = (r: number): number => {
    const zMm = zTop - (r + 0.5) * sy;
    return Math.min(nz - 1, Math.max(0, Math.round((zMm - oz) / (dzSign * sz))));
  };
  for (let r = 0; r < rows; r++) {
    const z = sliceOfRow(r);
    for (let c = 0; c < margin; c++) put(c, r, [0, 0, 0]);
    for (let y = ya; y <= yb; y++) {
      const hu = volume.data[options.x + nx * (y + ny * z)];
      const g = Math.max(0, Math.min(255, Math.round(((hu - lo) / (hi - lo)) * 255)));
      put(
        margin + y - ya,
        r,
        inRoi[y + ny * z] === 1 ? [255, Math.round(g / 3), Math.round(g / 3)] : [g, g, g],
      );
    }
  }
  levels.forEach((level, i) => {
    const colour = PALETTE[i % PALETTE.length];
    const rTop = Math.max(0, Math.round((zTop - level.zRangeMm[1] - sz / 2) / sy));
    const rBottom = Math.min(rows - 1, Math.round((zTop - level.zRangeMm[0] + sz / 2) / sy) - 1);
    for (let r = rTop; r <= rBottom; r++) for (let c = 30; c < 36; c++) put(c, r, colour);
    for (let c = 36; c < margin + shown; c += 2) {
      put(c, rTop, colour);
      put(c, rBottom, colour);
    }
    const textRow = Math.round((rTop + rBottom) / 2) - 2;
    [...level.label].forEach((ch, k) => {
      const glyph = GLYPHS[ch] ?? [0, 0, 0, 0, 0];
      glyph.forEach((bits, gy) => {
        for (let gx = 0; gx < 3; gx++) {
          const r = textRow + gy * 2;
          if ((bits & (4 >> gx)) === 0 || r < 0 || r + 1 >= rows) continue;
          for (const [dc, dr] of [
            [0, 0],
            [1, 0],
            [0, 1],
            [1, 1],
          ] as const)
            put(2 + k * 8 + gx * 2 + dc, r + dr, colour);
        }
      });
    });
  });
  return new Uint8Array(PNG.sync.write(png));
}
