import type { GlcmPrepared } from './glcm-matrix.ts';
import { EPS, nanMean } from './texture-math.ts';

/**
 * Per-angle sums over the normalised GLCM p(i, j) of one angle a (i, j = grey level values present), from
 * which the GLCM features are built (PyRadiomics docs "Radiomic Features" > GLCM, definitions of p_x, p_y,
 * mu_x, mu_y, sigma_x, sigma_y, p_{x+y}, p_{x-y}). Each loops over the matrix or a marginal once, allocation-free.
 */

/** Per-angle value of a feature. */
export type AngleFn = (prep: GlcmPrepared, a: number) => number;

/** Mean over angles of a per-angle value (NaN angles skipped). */
export function overAngles(prep: GlcmPrepared, f: AngleFn): number {
  const out = prep.scratch;
  for (let a = 0; a < prep.angleCount; a++) out[a] = f(prep, a);
  return nanMean(out, prep.angleCount);
}

/** sum_{i,j} p(i,j) w(i,j) for angle a. */
export function weightedSum(prep: GlcmPrepared, a: number, w: (gi: number, gj: number) => number): number {
  const { p, levels, levelCount: n } = prep;
  const base = a * n * n;
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = p[base + i * n + j];
      if (v !== 0) s += v * w(levels[i], levels[j]);
    }
  }
  return s;
}

/** sum_k p_{x+y}(k) w(k), k = 2..2Ng. */
export function sumSide(prep: GlcmPrepared, a: number, w: (k: number) => number): number {
  const len = 2 * prep.maxGrayLevel - 1;
  let s = 0;
  for (let k = 0; k < len; k++) {
    const v = prep.pSum[a * len + k];
    if (v !== 0) s += v * w(k + 2);
  }
  return s;
}

/** sum_k p_{x-y}(k) w(k), k = 0..Ng-1. */
export function diffSide(prep: GlcmPrepared, a: number, w: (k: number) => number): number {
  const ng = prep.maxGrayLevel;
  let s = 0;
  for (let k = 0; k < ng; k++) {
    const v = prep.pDiff[a * ng + k];
    if (v !== 0) s += v * w(k);
  }
  return s;
}

/** Variance of the i distribution, sum_i p_x(i) (i - mu_x)^2 (the same for j with p_y, mu_y). */
export function marginalVariance(
  prep: GlcmPrepared,
  a: number,
  marginal: Float64Array,
  mean: number,
): number {
  const n = prep.levelCount;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const d = prep.levels[i] - mean;
    s += marginal[a * n + i] * d * d;
  }
  return s;
}

/** Cluster moment sum_ij (i + j - mu_x - mu_y)^power p(i,j), through p_{x+y} (IBSI DG8W/7NFM/AE86). */
export function cluster(prep: GlcmPrepared, a: number, power: number): number {
  const c = prep.ux[a] + prep.uy[a];
  return sumSide(prep, a, (k) => (k - c) ** power);
}

/** Difference average sum_k k p_{x-y}(k) (IBSI TF7R). */
export function differenceAverage(prep: GlcmPrepared, a: number): number {
  return diffSide(prep, a, (k) => k);
}

/** Sum average sum_k k p_{x+y}(k) (IBSI ZGXS). */
export function sumAverage(prep: GlcmPrepared, a: number): number {
  return sumSide(prep, a, (k) => k);
}

/**
 * Correlation sum_ij p(i,j) (i - mu_x)(j - mu_y) / (sigma_x sigma_y + eps); 1 when sigma_x sigma_y = 0
 * (PyRadiomics GLCM 7; IBSI NI2N).
 */
export function correlation(prep: GlcmPrepared, a: number): number {
  const ux = prep.ux[a];
  const uy = prep.uy[a];
  const sxy =
    Math.sqrt(marginalVariance(prep, a, prep.px, ux)) * Math.sqrt(marginalVariance(prep, a, prep.py, uy));
  if (sxy === 0) return 1;
  return weightedSum(prep, a, (gi, gj) => (gi - ux) * (gj - uy)) / (sxy + EPS);
}

/** IMC1 (HXY - HXY1) / max(HX, HY); 0 when both marginal entropies are 0 (PyRadiomics GLCM 13; IBSI R8DG). */
export function imc1(prep: GlcmPrepared, a: number): number {
  const div = Math.max(prep.hx[a], prep.hy[a]);
  return div === 0 ? 0 : (prep.hxy[a] - prep.hxy1[a]) / div;
}

/**
 * IMC2 sqrt(1 - exp(-2 (HXY2 - HXY))); 0 when HXY2 = HXY, NaN (skipped by the angle mean) when rounding makes
 * HXY2 < HXY (PyRadiomics GLCM 14; IBSI JN9H).
 */
export function imc2(prep: GlcmPrepared, a: number): number {
  const mi = prep.hxy2[a] - prep.hxy[a];
  return mi === 0 ? 0 : Math.sqrt(1 - Math.exp(-2 * mi));
}

/** Joint maximum max_ij p(i,j) (IBSI GYBY). */
export function maximumProbability(prep: GlcmPrepared, a: number): number {
  const nn = prep.levelCount * prep.levelCount;
  let m = -Infinity;
  for (let k = a * nn, end = k + nn; k < end; k++) if (prep.p[k] > m) m = prep.p[k];
  return m;
}

/** Joint energy (angular second moment) sum_ij p(i,j)^2 (IBSI 8ZQL). */
export function jointEnergy(prep: GlcmPrepared, a: number): number {
  const nn = prep.levelCount * prep.levelCount;
  let s = 0;
  for (let k = a * nn, end = k + nn; k < end; k++) s += prep.p[k] * prep.p[k];
  return s;
}
