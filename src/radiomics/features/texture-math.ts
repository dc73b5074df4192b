import type { FeatureDef, RoiInput } from '../types.ts';

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

/** Sum of squares of a marginal over [offset, offset + len): sum_k m_k^2 (the X-NonUniformity numerators). */
export function sumOfSquares(m: Float64Array, offset = 0, len = m.length - offset): number {
  let s = 0;
  for (let k = offset; k < offset + len; k++) s += m[k] * m[k];
  return s;
}

/**
 * Variance of a marginal normalised by its total n: sum_k p_k (v_k - mu)^2 with p_k = m_k / n and
 * mu = sum_k p_k v_k (PyRadiomics' GrayLevelVariance, ZoneVariance, DependenceVariance).
 */
export function marginalVariance(m: Float64Array, n: number, value: (k: number) => number): number {
  let mean = 0;
  for (let k = 0; k < m.length; k++) mean += (m[k] / n) * value(k);
  let s = 0;
  for (let k = 0; k < m.length; k++) {
    const d = value(k) - mean;
    s += (m[k] / n) * d * d;
  }
  return s;
}

/**
 * Weighted sum of a level x column count matrix divided by `norm`: sum_ij C(i, j) w(level_i, j + 1) / norm, the
 * emphasis features of GLSZM (j = zone size) and GLDM (j = dependence count).
 */
export function matrixEmphasis(
  counts: Float64Array,
  levels: ArrayLike<number>,
  levelCount: number,
  columns: number,
  norm: number,
  w: (level: number, j: number) => number,
): number {
  let s = 0;
  for (let i = 0; i < levelCount; i++) {
    for (let j = 0; j < columns; j++) {
      const v = counts[i * columns + j];
      if (v !== 0) s += v * w(levels[i], j + 1);
    }
  }
  return s / norm;
}

/** A feature definition (see FeatureDef). */
export function featureDef<P>(compute: (prep: P) => number, doc: string, reference: string): FeatureDef<P> {
  return { compute, doc, reference };
}
