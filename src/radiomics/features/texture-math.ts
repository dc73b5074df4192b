import type { RoiInput } from '../types.ts';

/**
 * Small numeric helpers shared by the texture classes (GLCM, GLRLM, GLSZM, GLDM, NGTDM).
 */

/** PyRadiomics' epsilon: `numpy.spacing(1)` = 2^-52, added inside every log2 so that log2(0) never occurs. */
export const EPS = 2.220446049250313e-16;

/**
 * Mean of the first `n` entries of `values`, skipping NaN (`numpy.nanmean`); NaN when every entry is NaN or
 * n = 0. PyRadiomics averages per-angle texture features this way (IBSI "averaged" aggregation, ITBB).
 */
export function nanMean(values: Float64Array, n: number = values.length): number {
  let sum = 0;
  let count = 0;
  for (let a = 0; a < n; a++) {
    const v = values[a];
    if (v === v) {
      sum += v;
      count++;
    }
  }
  return count === 0 ? NaN : sum / count;
}

/**
 * Entropy term -sum p log2(p + eps) over the `n` entries of `p` starting at `offset` (PyRadiomics' entropy
 * with eps = 2^-52; zero entries contribute nothing).
 */
export function entropy(p: Float64Array, offset: number, n: number): number {
  let h = 0;
  for (let k = offset, end = offset + n; k < end; k++) {
    const v = p[k];
    if (v > 0) h -= v * Math.log2(v + EPS);
  }
  return h;
}

/**
 * Lookup from a discretised level (1..Ng) to its row in matrices reduced to the levels present in the ROI
 * (PyRadiomics deletes the rows/columns of absent levels, `coefficients['grayLevels']`); -1 for absent levels.
 */
export function levelIndex(input: RoiInput): Int32Array {
  const lut = new Int32Array(input.maxGrayLevel + 1).fill(-1);
  for (let k = 0; k < input.grayLevels.length; k++) lut[input.grayLevels[k]] = k;
  return lut;
}
