import type { Grid } from '../volume/types.ts';

/** Index-space view of an axial CT grid: which way is posterior along y and superior along z. */
export interface AxialFrame {
  readonly nx: number;
  readonly ny: number;
  readonly nz: number;
  readonly sxMm: number;
  readonly syMm: number;
  readonly szMm: number;
  /** +1 when the y index increases towards the patient's back, -1 when towards the front. */
  readonly posteriorSign: 1 | -1;
  /** +1 when the z index increases towards the head. */
  readonly superiorSign: 1 | -1;
  /** LPS z (mm) of slice k's centre (the slice's index-space centre line). */
  readonly zLpsMm: (k: number) => number;
}

/**
 * The axial frame of a grid, or a reason it is not one: the direction's index axes must lie within ~25 degrees
 * of L, P and S respectively (|cosine| >= 0.9), in either sense.
 */
export function axialFrame(grid: Grid): AxialFrame | string {
  const d = grid.direction;
  if (Math.abs(d[0]) < 0.9 || Math.abs(d[4]) < 0.9 || Math.abs(d[8]) < 0.9) {
    return 'the image is not an axial volume (its index axes are not close to L, P and S)';
  }
  const [nx, ny, nz] = grid.size;
  // Spacing derived from slice positions carries float noise (4.999999999999984 for 5 mm): rounded to 1 nm, so
  // that rules counting slices against a length in mm do not tip on the last bit (a stored series and its volume
  // in memory get the same ROI).
  const [sx, sy, sz] = grid.spacingMm.map((s) => Math.round(s * 1e6) / 1e6);
  const o = grid.originLpsMm;
  const cx = ((nx - 1) / 2) * sx;
  const cy = ((ny - 1) / 2) * sy;
  return {
    nx,
    ny,
    nz,
    sxMm: sx,
    syMm: sy,
    szMm: sz,
    posteriorSign: d[4] > 0 ? 1 : -1,
    superiorSign: d[8] > 0 ? 1 : -1,
    zLpsMm: (k: number) => o[2] + d[6] * cx + d[7] * cy + d[8] * k * sz,
  };
}
