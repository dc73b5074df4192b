import type { IndexXYZ, Vec3 } from '../../volume/types.ts';
import type { RadiomicsSettings, WeightingNorm } from '../settings.ts';
import type { RoiInput } from '../types.ts';
import { MaskError, SettingsError } from '../../errors.ts';
import { boundingBox } from '../../volume/crop.ts';
import { makeGrid } from '../../volume/grid.ts';

/**
 * Neighbour directions ("angles") of the texture matrices, as PyRadiomics generates them
 * (`cmatrices.c` get_angle_count/build_angles, exposed as `cMatrices.generate_angles`).
 */
export interface AngleSet {
  /** Number of angles. */
  readonly count: number;
  /** Voxel offsets of angle a at [3a, 3a+1, 3a+2] in [dx, dy, dz] order. */
  readonly offsets: Int32Array;
}

/** Which angles to generate. */
export interface AngleOptions {
  /** Both members of each +/- pair (neighbourhoods: GLSZM, GLDM, NGTDM) or one of each (GLCM, GLRLM). */
  readonly bidirectional: boolean;
  readonly force2D: boolean;
  /** PyRadiomics' numpy axis dropped with force2D: 0 = z, 1 = y, 2 = x. */
  readonly force2Ddimension: 0 | 1 | 2;
}

/**
 * All offsets v with infinity norm ||v|| in `distances`, |v_k| < size_k on each axis (an angle that cannot fit
 * in the ROI's bounding box is dropped) and v = 0 on the axis `force2Ddimension` names when `force2D`.
 * Order as PyRadiomics: numpy axes (z, y, x), z slowest, each offset running from +d down to -d; without
 * `bidirectional` only the first half is kept (the offsets whose first non-zero (z, y, x) component is
 * positive). For distance 1: 13 angles in 3D (26-connectivity), 4 in-plane with force2D.
 * Source: PyRadiomics docs "Radiomic Features" (GLCM section, distances; force2D settings).
 */
export function generateAngles(
  size: IndexXYZ,
  distances: readonly number[],
  options: AngleOptions,
): AngleSet {
  if (distances.length === 0) {
    throw new SettingsError('invalid-setting', 'setting.distances must list at least one distance, got []');
  }
  let maxDistance = 0;
  for (const d of distances) {
    if (!Number.isInteger(d) || d < 1) {
      throw new SettingsError(
        'invalid-setting',
        `setting.distances must hold integers >= 1, got ${JSON.stringify(distances)}`,
      );
    }
    if (d > maxDistance) maxDistance = d;
  }
  // Axis dropped with force2D, in [x, y, z] order (numpy axis 0 = z).
  const flatAxis = options.force2D ? 2 - options.force2Ddimension : -1;
  const found: number[] = [];
  for (let dz = maxDistance; dz >= -maxDistance; dz--) {
    for (let dy = maxDistance; dy >= -maxDistance; dy--) {
      for (let dx = maxDistance; dx >= -maxDistance; dx--) {
        const v = [dx, dy, dz];
        let ok = true;
        let norm = 0;
        for (let axis = 0; axis < 3 && ok; axis++) {
          const o = v[axis];
          const m = Math.abs(o);
          if ((axis === flatAxis && o !== 0) || m >= size[axis]) ok = false;
          if (m > norm) norm = m;
        }
        if (ok && norm > 0 && distances.includes(norm)) found.push(dx, dy, dz);
      }
    }
  }
  const total = found.length / 3;
  const count = options.bidirectional ? total : total / 2;
  if (count === 0) {
    throw new MaskError(
      'roi-dimensionality',
      `the ROI's bounding box (${size.join(' x ')} voxels${options.force2D ? ', force2D' : ''}) leaves no neighbour direction for distances ${JSON.stringify(distances)}; texture matrices need a ROI at least 2 voxels wide in some in-plane axis`,
    );
  }
  return { count, offsets: Int32Array.from(found.slice(0, 3 * count)) };
}

/** The angle set for a texture class from its settings and the ROI's bounding box. */
export function anglesFor(
  boxSize: IndexXYZ,
  settings: RadiomicsSettings,
  distances: readonly number[],
  bidirectional: boolean,
): AngleSet {
  return generateAngles(boxSize, distances, {
    bidirectional,
    force2D: settings.force2D,
    force2Ddimension: settings.force2Ddimension,
  });
}

/**
 * Size [nx, ny, nz] of the bounding box of the ROI voxels inside the input box (PyRadiomics generates the
 * angles from the bounding box of the mask).
 */
export function roiBoxSize(input: RoiInput): IndexXYZ {
  const box = boundingBox({ grid: makeGrid(input.size, input.spacingMm), data: input.mask }, 1);
  if (box === null)
    throw new MaskError('empty-mask', 'the ROI has no voxel; texture features need at least one');
  return [box.hi[0] - box.lo[0] + 1, box.hi[1] - box.lo[1] + 1, box.hi[2] - box.lo[2] + 1];
}

/**
 * Length of angle a's offset in mm under `norm` (|d_k| times the spacing of axis k): 'manhattan' = sum,
 * 'euclidean' = square root of the sum of squares, 'infinity' = maximum, 'no_weighting' = 1.
 * PyRadiomics' `weightingNorm` (GLCM weights exp(-length^2), GLRLM weights the length itself).
 */
export function angleLengthMm(angles: AngleSet, a: number, spacingMm: Vec3, norm: WeightingNorm): number {
  if (norm === 'no_weighting') return 1;
  let sum = 0;
  let sumSq = 0;
  let max = 0;
  for (let axis = 0; axis < 3; axis++) {
    const d = Math.abs(angles.offsets[3 * a + axis]) * spacingMm[axis];
    sum += d;
    sumSq += d * d;
    if (d > max) max = d;
  }
  if (norm === 'manhattan') return sum;
  if (norm === 'euclidean') return Math.sqrt(sumSq);
  return max;
}

/**
 * Largest |offset| of the angles along x, y and z: a voxel at least that far from every face of the box has
 * all its neighbours inside the box, so the hot loops skip their bounds checks for it.
 */
export function angleReach(angles: AngleSet): IndexXYZ {
  let rx = 0;
  let ry = 0;
  let rz = 0;
  for (let a = 0; a < angles.count; a++) {
    rx = Math.max(rx, Math.abs(angles.offsets[3 * a]));
    ry = Math.max(ry, Math.abs(angles.offsets[3 * a + 1]));
    rz = Math.max(rz, Math.abs(angles.offsets[3 * a + 2]));
  }
  return [rx, ry, rz];
}

/** Linear index offset of angle a in a box of size [nx, ny, nz] (x fastest). */
export function linearOffset(angles: AngleSet, a: number, size: IndexXYZ): number {
  const o = angles.offsets;
  return o[3 * a] + size[0] * (o[3 * a + 1] + size[1] * o[3 * a + 2]);
}
