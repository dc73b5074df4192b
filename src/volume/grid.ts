import type { Direction3, Grid, IndexXYZ, PointLpsMm, Vec3 } from './types.ts';
import { IDENTITY_DIRECTION } from './types.ts';
import { GeometryMismatchError } from '../errors.ts';

/** Builds a grid; spacing defaults to 1 mm, origin to 0, direction to identity. */
export function makeGrid(
  size: IndexXYZ,
  spacingMm: Vec3 = [1, 1, 1],
  originLpsMm: PointLpsMm = [0, 0, 0],
  direction: Direction3 = IDENTITY_DIRECTION,
): Grid {
  return { size, spacingMm, originLpsMm, direction };
}

/** Number of voxels of a grid: nx * ny * nz. */
export function voxelCount(grid: Grid): number {
  return grid.size[0] * grid.size[1] * grid.size[2];
}

/** Volume of one voxel in mm^3: product of the spacings. */
export function voxelVolumeMm3(grid: Grid): number {
  return grid.spacingMm[0] * grid.spacingMm[1] * grid.spacingMm[2];
}

/** Physical LPS position of a (possibly fractional) index: origin + D * diag(spacing) * index. */
export function indexToLps(grid: Grid, index: Vec3): PointLpsMm {
  const d = grid.direction;
  const s = grid.spacingMm;
  const a = index[0] * s[0];
  const b = index[1] * s[1];
  const c = index[2] * s[2];
  return [
    grid.originLpsMm[0] + d[0] * a + d[1] * b + d[2] * c,
    grid.originLpsMm[1] + d[3] * a + d[4] * b + d[5] * c,
    grid.originLpsMm[2] + d[6] * a + d[7] * b + d[8] * c,
  ];
}

/** Continuous index of a physical LPS point (inverse of {@link indexToLps}; assumes orthonormal D). */
export function lpsToIndex(grid: Grid, p: PointLpsMm): Vec3 {
  const d = grid.direction;
  const v0 = p[0] - grid.originLpsMm[0];
  const v1 = p[1] - grid.originLpsMm[1];
  const v2 = p[2] - grid.originLpsMm[2];
  // D is orthonormal, so D^-1 = D^T.
  return [
    (d[0] * v0 + d[3] * v1 + d[6] * v2) / grid.spacingMm[0],
    (d[1] * v0 + d[4] * v1 + d[7] * v2) / grid.spacingMm[1],
    (d[2] * v0 + d[5] * v1 + d[8] * v2) / grid.spacingMm[2],
  ];
}

/** Largest absolute difference between two grids' spacing, origin and direction (sizes must match). */
export function gridDifference(a: Grid, b: Grid): number {
  if (a.size[0] !== b.size[0] || a.size[1] !== b.size[1] || a.size[2] !== b.size[2]) return Infinity;
  let worst = 0;
  for (let i = 0; i < 3; i++) {
    worst = Math.max(
      worst,
      Math.abs(a.spacingMm[i] - b.spacingMm[i]),
      Math.abs(a.originLpsMm[i] - b.originLpsMm[i]),
    );
  }
  for (let i = 0; i < 9; i++) worst = Math.max(worst, Math.abs(a.direction[i] - b.direction[i]));
  return worst;
}

/**
 * Throws {@link GeometryMismatchError} unless `image` and `mask` grids agree: identical sizes and spacing,
 * origin and direction within `toleranceMm` (PyRadiomics' geometryTolerance; default 1e-6 as SimpleITK).
 */
export function assertSameGrid(image: Grid, mask: Grid, toleranceMm = 1e-6, what = 'image and mask'): void {
  const sizeEqual = image.size.every((n, i) => n === mask.size[i]);
  if (!sizeEqual) {
    throw new GeometryMismatchError(
      `${what} have different sizes: ${image.size.join('x')} vs ${mask.size.join('x')}; resample the mask onto the image grid`,
    );
  }
  const diff = gridDifference(image, mask);
  if (diff > toleranceMm) {
    throw new GeometryMismatchError(
      `${what} geometry differs by ${diff.toExponential(3)} (spacing/origin/direction), more than the tolerance ${toleranceMm}; ` +
        'check that the mask was drawn on this image, or raise setting.geometryTolerance',
    );
  }
}

/** A Direction3 from nine numbers (row-major); throws on a wrong count. */
export function toDirection3(m: readonly number[]): Direction3 {
  if (m.length !== 9) throw new RangeError(`a direction matrix needs 9 numbers, got ${m.length}`);
  return [m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]];
}
